import { z } from "zod";

/**
 * Who a level tells. Roles are resolved in the item's scope at the moment the level is due:
 * the team's leaders and deputies, tonight's shift leader, the town's supervisors, the police
 * liaisons for that town (or the whole district), every coordinator; or one named person.
 */
export const ROLE_TARGETS = ["shift_leader", "leaders", "supervisors", "police", "coordinators"] as const;
export type RoleTarget = (typeof ROLE_TARGETS)[number];

export const targetSchema = z.union([z.enum(ROLE_TARGETS), z.object({ person: z.number().int().positive() })]);
export type Target = z.infer<typeof targetSchema>;

export const levelSchema = z.object({
  targets: z.array(targetSchema).min(1).max(10),
  /** How long this level has to acknowledge before the next one is told. */
  waitMinutes: z.number().int().min(1).max(7 * 24 * 60),
});
export type Level = z.infer<typeof levelSchema>;

export const policySchema = z.object({
  levels: z.array(levelSchema).min(1).max(8),
  /** How many more times to go through all levels after the first time. */
  repeat: z.number().int().min(0).max(10),
  enabled: z.boolean(),
});
export type PolicyRules = z.infer<typeof policySchema>;

/** The things that can be escalated, each with its own policy. */
export const INCIDENT_POLICY_KEYS = [
  "incident.tip",
  "incident.hazard",
  "incident.assistance",
  "incident.dispute",
  "incident.suspicious",
  "incident.emergency",
  "incident.public",
] as const;
export const POLICY_KEYS = [...INCIDENT_POLICY_KEYS, "shift.understaffed", "duty_log.missing", "help.request"] as const;
export type PolicyKey = (typeof POLICY_KEYS)[number];
export const policyKeySchema = z.enum(POLICY_KEYS);

export interface Policy extends PolicyRules {
  key: PolicyKey;
}
