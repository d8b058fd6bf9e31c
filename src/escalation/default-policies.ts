import type { PolicyKey, PolicyRules } from "./policy-schema.js";

const level = (targets: PolicyRules["levels"][number]["targets"], waitMinutes: number) => ({ targets, waitMinutes });

/**
 * What a fresh deployment starts with. Tips, suspicious sightings and emergencies reach the
 * police liaison at once; emergencies reach everyone at once and keep paging. A duty log left
 * open goes to the shift's leader first, then up, slowly: it is paperwork, not danger.
 */
export const DEFAULT_POLICIES: Record<PolicyKey, PolicyRules> = {
  "incident.tip": { levels: [level(["leaders", "police"], 30), level(["supervisors"], 60), level(["coordinators"], 120)], repeat: 0, enabled: true },
  "incident.hazard": { levels: [level(["leaders"], 30), level(["supervisors"], 60), level(["coordinators"], 120)], repeat: 0, enabled: true },
  "incident.assistance": { levels: [level(["leaders"], 60), level(["supervisors"], 240)], repeat: 0, enabled: true },
  "incident.dispute": { levels: [level(["leaders"], 30), level(["supervisors"], 60), level(["coordinators"], 120)], repeat: 0, enabled: true },
  "incident.suspicious": { levels: [level(["leaders", "police"], 10), level(["supervisors"], 20), level(["coordinators"], 30)], repeat: 1, enabled: true },
  "incident.emergency": { levels: [level(["leaders", "supervisors", "police", "coordinators"], 5)], repeat: 3, enabled: true },
  "incident.public": { levels: [level(["coordinators"], 60)], repeat: 1, enabled: true },
  "shift.understaffed": { levels: [level(["shift_leader"], 15), level(["supervisors"], 30), level(["coordinators"], 60)], repeat: 0, enabled: true },
  "duty_log.missing": { levels: [level(["shift_leader"], 60), level(["supervisors"], 120), level(["coordinators"], 240)], repeat: 0, enabled: true },
  "help.request": { levels: [level(["shift_leader", "leaders"], 3), level(["supervisors"], 5), level(["coordinators"], 5)], repeat: 2, enabled: true },
};
