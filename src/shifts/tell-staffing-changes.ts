import { enqueueMessages, PRIORITY } from "../outbox/enqueue.js";
import type { TextRef } from "../outbox/payload.js";
import { teamLeadRecipients } from "../roster/team-leads.js";
import type { Db } from "../storage/db.js";
import type { StaffingChange } from "./recompute-staffing.js";
import { shiftArgs } from "./shift-facts.js";

/**
 * One message per team to its leads: why the headcount changed, then a line per shift with the
 * new headcount, who is on it, and what was done about the difference (places offered to
 * standby teammates, people freed).
 */
export async function tellStaffingChanges(tx: Db, now: Date, changes: StaffingChange[], cause: TextRef, causeKey: string): Promise<number> {
  const byTeam = new Map<number, StaffingChange[]>();
  for (const c of changes) byTeam.set(c.shift.teamId, [...(byTeam.get(c.shift.teamId) ?? []), c]);
  let told = 0;
  for (const [teamId, teamChanges] of byTeam) {
    const lines = teamChanges.slice(0, 60).map((c): TextRef => ({
      key: c.after > c.before ? "staffing-line-up" : "staffing-line-down",
      args: { ...shiftArgs(c.shift), before: c.before, after: c.after, have: c.onShift, gap: Math.max(0, c.after - c.onShift), offered: c.slotsOpened, released: c.released },
    }));
    const { recipients } = await teamLeadRecipients(tx, teamId);
    told += await enqueueMessages(
      tx,
      now,
      recipients.map((to) => ({
        to,
        payload: { kind: "message" as const, text: { key: "staffing-changed", args: { cause, team: shiftArgs(teamChanges[0]!.shift).team as string, lines: { lines } } } },
        dedupeKey: `staffing:${causeKey}:${teamId}:${to.personId}`,
        priority: PRIORITY.normal,
      })),
    );
  }
  return told;
}
