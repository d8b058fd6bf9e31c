import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { parsePolicyText } from "../../src/escalation/policy-text.js";
import { runEscalations } from "../../src/escalation/run-escalations.js";
import { updatePolicy } from "../../src/escalation/update-policy.js";
import type { TextRef } from "../../src/outbox/payload.js";
import { escalateMissingLogs, escalateUnderstaffedShifts } from "../../src/shifts/escalate-shifts.js";
import { checkIn } from "../../src/shifts/check-in.js";
import { shifts } from "../../src/storage/schema/index.js";
import { asPerson, contextFor, makePerson, system } from "../support/domain.js";
import { plannedNight, testPolicy } from "../support/shifts.js";
import { cardEdits, cardRecipients, escalationFor, escalationWorld, minutesAfter, stepsOf } from "./support.js";

const w = escalationWorld();

const ctxAt = (at: Date) => contextFor(w.database.db, system, at);

/**
 * A planned night with a supervisor for its town. Planning a night plans it for every team in the
 * database, so checks name the shift rather than count what a trigger raised.
 */
async function night(date: string, size = 4) {
  const n = await plannedNight(w.database.db, date, size);
  const supervisor = await makePerson(w.database.db, { role: "supervisor", townId: n.team.townId });
  return { ...n, supervisor };
}

describe("a shift short of people", () => {
  it("When a quarter of an hour after the start fewer are checked in than needed, then the shift's leader is told, then the supervisor, and once enough check in it settles at the next step and is never raised again", async () => {
    const db = w.database.db;
    const n = await night("2027-06-01");
    expect(n.shift.required).toBe(4);
    expect(n.shift.leaderPersonId).toBe(n.leader.personId);
    const start = n.shift.startsAt;
    const [a, b, c, d] = n.assigned;
    for (const p of [a, b]) await checkIn(contextFor(db, asPerson(p!.personId), minutesAfter(start, -10)), testPolicy);

    await escalateUnderstaffedShifts(ctxAt(minutesAfter(start, 14)));
    expect(await escalationFor(db, "understaffed", n.shift.id)).toHaveLength(0);
    await escalateUnderstaffedShifts(ctxAt(minutesAfter(start, 15)));
    const [escalation] = await escalationFor(db, "understaffed", n.shift.id);
    expect(escalation).toMatchObject({ status: "active", shiftId: n.shift.id, teamId: n.team.teamId, policyKey: "shift.understaffed" });
    const group = `escalation:${escalation!.id}`;
    expect(await cardRecipients(db, group)).toEqual([n.leader.personId]);
    await escalateUnderstaffedShifts(ctxAt(minutesAfter(start, 16)));
    expect(await escalationFor(db, "understaffed", n.shift.id)).toHaveLength(1);

    await runEscalations(ctxAt(minutesAfter(start, 29)));
    expect(await cardRecipients(db, group)).toEqual([n.leader.personId]);
    await runEscalations(ctxAt(minutesAfter(start, 30)));
    expect(await cardRecipients(db, group)).toEqual([n.leader.personId, n.supervisor.personId]);

    for (const p of [c, d]) await checkIn(contextFor(db, asPerson(p!.personId), minutesAfter(start, 35)), testPolicy);
    // Staffed, but nothing happens until the step falls due.
    expect((await escalationFor(db, "understaffed", n.shift.id))[0]!.status).toBe("active");
    await runEscalations(ctxAt(minutesAfter(start, 60)));
    const [settled] = await escalationFor(db, "understaffed", n.shift.id);
    expect(settled).toMatchObject({ status: "settled", ownerPersonId: null });
    expect((await stepsOf(db, escalation!.id)).map((s) => s.status)).toEqual(["sent", "sent", "cancelled"]);
    expect(await cardRecipients(db, group)).toEqual([n.leader.personId, n.supervisor.personId]);
    expect(await cardRecipients(db, group)).not.toContain(w.coordinator.personId);

    const edits = await cardEdits(db, group);
    expect(edits.map((e) => e.personId).sort()).toEqual([n.leader.personId, n.supervisor.personId].sort());
    for (const edit of edits) {
      if (edit.payload.kind !== "edit") throw new Error("expected an edit");
      const args = edit.payload.text.args as { body: TextRef; status: TextRef };
      expect(args.status.key).toBe("esc-status-settled");
      expect(args.body.args).toMatchObject({ present: 4, required: 4 });
      expect(edit.payload.buttons ?? []).toEqual([]);
    }

    await escalateUnderstaffedShifts(ctxAt(minutesAfter(start, 90)));
    expect(await escalationFor(db, "understaffed", n.shift.id)).toHaveLength(1);
  });

  it("When two instances run the trigger at the same moment, then the shift gets one escalation and its leader one card", async () => {
    const db = w.database.db;
    const n = await night("2027-06-04");
    const at = minutesAfter(n.shift.startsAt, 16);
    await Promise.all([escalateUnderstaffedShifts(ctxAt(at)), escalateUnderstaffedShifts(ctxAt(at))]);
    const raised = await escalationFor(db, "understaffed", n.shift.id);
    expect(raised).toHaveLength(1);
    expect(await cardRecipients(db, `escalation:${raised[0]!.id}`)).toEqual([n.leader.personId]);
  });

  it("When tonight's shift was handed to a deputy, then the deputy is told, not the team's leader", async () => {
    const db = w.database.db;
    const n = await night("2027-06-02");
    const deputy = await makePerson(db, { role: "deputy", teamId: n.team.teamId });
    await db.update(shifts).set({ leaderPersonId: deputy.personId }).where(eq(shifts.id, n.shift.id));

    await escalateUnderstaffedShifts(ctxAt(minutesAfter(n.shift.startsAt, 15)));
    const [escalation] = await escalationFor(db, "understaffed", n.shift.id);
    expect(await cardRecipients(db, `escalation:${escalation!.id}`)).toEqual([deputy.personId]);
  });

  it("When everyone is checked in by a quarter past, then nothing is raised", async () => {
    const db = w.database.db;
    const n = await night("2027-06-03");
    for (const p of n.assigned) await checkIn(contextFor(db, asPerson(p.personId), minutesAfter(n.shift.startsAt, -1)), testPolicy);
    await escalateUnderstaffedShifts(ctxAt(minutesAfter(n.shift.startsAt, 15)));
    expect(await escalationFor(db, "understaffed", n.shift.id)).toHaveLength(0);
  });
});

describe("a duty log left open", () => {
  // Order matters: the first test switches the rule off for this database, the second on again.
  it("When the missing-log rule is switched off, then a shift whose log was never closed raises nothing", async () => {
    const shipped = parsePolicyText("shift_leader 1h\nsupervisors 2h\ncoordinators 4h\noff");
    if (!shipped.ok) throw new Error(JSON.stringify(shipped.problems));
    await updatePolicy(ctxAt(new Date("2027-06-30T00:00:00Z")), { key: "duty_log.missing", policy: shipped.policy });
    const n = await night("2027-07-01");
    expect(await escalateMissingLogs(ctxAt(minutesAfter(n.shift.endsAt, 31)))).toBe(0);
    expect(await escalateMissingLogs(ctxAt(minutesAfter(n.shift.endsAt, 300)))).toBe(0);
    expect(await escalationFor(w.database.db, "missing_log", n.shift.id)).toHaveLength(0);
  });

  it("When the rule is on, then a log still open 30 min after the end is raised once, to the shift's leader, and closing the log settles it at the next step", async () => {
    const db = w.database.db;
    const written = parsePolicyText("shift_leader 1h\nsupervisors 2h\ncoordinators 4h\non");
    if (!written.ok) throw new Error(JSON.stringify(written.problems));
    await updatePolicy(ctxAt(new Date("2027-07-09T00:00:00Z")), { key: "duty_log.missing", policy: written.policy });
    const n = await night("2027-07-10");
    // Ended two days before: switching the rule on does not page for old shifts.
    const old = await night("2027-07-08");
    const end = n.shift.endsAt;

    await escalateMissingLogs(ctxAt(minutesAfter(end, 29)));
    expect(await escalationFor(db, "missing_log", n.shift.id)).toHaveLength(0);
    await escalateMissingLogs(ctxAt(minutesAfter(end, 30)));
    await escalateMissingLogs(ctxAt(minutesAfter(end, 35)));
    expect(await escalationFor(db, "missing_log", n.shift.id)).toHaveLength(1);
    expect(await escalationFor(db, "missing_log", old.shift.id)).toHaveLength(0);
    const [escalation] = await escalationFor(db, "missing_log", n.shift.id);
    const group = `escalation:${escalation!.id}`;
    expect(await cardRecipients(db, group)).toEqual([n.leader.personId]);

    await db.update(shifts).set({ logClosedAt: minutesAfter(end, 50) }).where(eq(shifts.id, n.shift.id));
    await runEscalations(ctxAt(minutesAfter(end, 90)));
    expect((await escalationFor(db, "missing_log", n.shift.id))[0]!.status).toBe("settled");
    expect(await cardRecipients(db, group)).toEqual([n.leader.personId]);
    expect(await cardEdits(db, group)).toHaveLength(1);
    await escalateMissingLogs(ctxAt(minutesAfter(end, 120)));
    expect(await escalationFor(db, "missing_log", n.shift.id)).toHaveLength(1);
  });
});
