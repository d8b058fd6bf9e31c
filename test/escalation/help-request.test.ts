import { and, eq } from "drizzle-orm";
import { afterAll, beforeAll, expect, it } from "vitest";
import { acknowledgeEscalation } from "../../src/escalation/acknowledge-escalation.js";
import { runEscalations } from "../../src/escalation/run-escalations.js";
import { checkIn } from "../../src/shifts/check-in.js";
import { requestHelp } from "../../src/shifts/request-help.js";
import type { Database } from "../../src/storage/db.js";
import { escalationSteps, escalations, people } from "../../src/storage/schema/index.js";
import { asPerson, contextFor, makePerson, makeTeam, system } from "../support/domain.js";
import { plannedNight, testPolicy } from "../support/shifts.js";
import { openTestDatabase } from "../support/test-database.js";
import { attachmentsSent, cardEdits, cardRecipients, escalationFor, messagesWithKey, minutesAfter, namedPerson, reasonOf, report } from "./support.js";

let database: Database;
beforeAll(async () => {
  database = await openTestDatabase();
});
afterAll(async () => database?.close());

const run = (at: Date) => runEscalations(contextFor(database.db, system, at));

/** A night under way: a volunteer checked in with a location, a deputy, and the town's supervisor. */
async function nightOnDuty(date: string) {
  const db = database.db;
  const n = await plannedNight(db, date, 4);
  await db.update(people).set({ name: "Leader Qian" }).where(eq(people.id, n.leader.personId));
  const deputy = await namedPerson(db, "Deputy Sun", { role: "deputy", teamId: n.team.teamId });
  const supervisor = await makePerson(db, { role: "supervisor", townId: n.team.townId });
  const volunteer = n.assigned[0]!;
  await checkIn(contextFor(db, asPerson(volunteer.personId), minutesAfter(n.shift.startsAt, -5)), testPolicy, { location: { latitude: 30.7, longitude: 120.7 } });
  const callHelp = (minutes: number) => requestHelp(contextFor(db, asPerson(volunteer.personId), minutesAfter(n.shift.startsAt, minutes)), testPolicy);
  return { ...n, deputy, supervisor, volunteer, callHelp, assignmentId: n.assignmentOf(volunteer.personId) };
}

it("When a volunteer calls for help, then the shift leader and the team's leads are paged at once with the map pin, a second press is refused while it is open, and the supervisor hears after 3 min", async () => {
  const db = database.db;
  const n = await nightOnDuty("2027-08-01");
  await n.callHelp(60);
  const [escalation] = await escalationFor(db, "help", n.assignmentId);
  expect(escalation).toMatchObject({ status: "active", raisedBy: n.volunteer.personId, shiftId: n.shift.id });
  const group = `escalation:${escalation!.id}`;
  expect(await cardRecipients(db, group)).toEqual([n.leader.personId, n.deputy.personId]);
  expect(await attachmentsSent(db, escalation!.id)).toEqual([
    [n.leader.personId, "location"],
    [n.deputy.personId, "location"],
  ]);

  expect(await reasonOf(n.callHelp(61))).toBe("help.already_raised");
  expect(await escalationFor(db, "help", n.assignmentId)).toHaveLength(1);

  await run(minutesAfter(n.shift.startsAt, 62));
  expect(await cardRecipients(db, group)).toEqual([n.leader.personId, n.deputy.personId]);
  await run(minutesAfter(n.shift.startsAt, 63));
  expect(await cardRecipients(db, group)).toEqual([n.leader.personId, n.deputy.personId, n.supervisor.personId]);
});

it("When a lead presses On my way, then the volunteer is told who is coming, every card is edited, nobody else is paged, and a new call can be made afterwards", async () => {
  const db = database.db;
  const n = await nightOnDuty("2027-08-02");
  await n.callHelp(60);
  const [escalation] = await escalationFor(db, "help", n.assignmentId);
  const group = `escalation:${escalation!.id}`;

  expect(await acknowledgeEscalation(contextFor(db, asPerson(n.deputy.personId), minutesAfter(n.shift.startsAt, 61)), escalation!.id)).toEqual({ subject: "help" });
  expect((await escalationFor(db, "help", n.assignmentId))[0]).toMatchObject({ status: "owned", ownerPersonId: n.deputy.personId });
  const coming = await messagesWithKey(db, n.volunteer.personId, "notice-help-coming");
  expect(coming.map((m) => (m.payload.kind === "message" ? m.payload.text.args : null))).toEqual([{ name: "Deputy Sun" }]);
  expect((await cardEdits(db, group)).map((e) => e.personId).sort()).toEqual([n.leader.personId, n.deputy.personId].sort());
  expect(await reasonOf(acknowledgeEscalation(contextFor(db, asPerson(n.leader.personId), minutesAfter(n.shift.startsAt, 62)), escalation!.id))).toBe("escalation.already_owned");

  await run(minutesAfter(n.shift.startsAt, 100));
  expect(await cardRecipients(db, group)).toEqual([n.leader.personId, n.deputy.personId]);

  await n.callHelp(120);
  const calls = await escalationFor(db, "help", n.assignmentId);
  expect(calls.map((c) => c.status)).toEqual(["owned", "active"]);
  expect(await cardRecipients(db, `escalation:${calls[1]!.id}`)).toEqual([n.leader.personId, n.deputy.personId]);
});

it.each([
  ["the new call's card", "2027-08-03"],
  ["the card of the call that ran out", "2027-08-06"],
] as const)("When a call for help ran out unanswered and the volunteer calls again, then a lead's On my way on %s takes the new call", async (card, date) => {
  const db = database.db;
  const n = await nightOnDuty(date);
  await n.callHelp(30);
  const [first] = await escalationFor(db, "help", n.assignmentId);
  // Walk the policy to its end: each run at the moment the pending step falls due.
  for (let i = 0; i < 20; i++) {
    const [pending] = await db.select().from(escalationSteps).where(and(eq(escalationSteps.escalationId, first!.id), eq(escalationSteps.status, "pending")));
    if (!pending) break;
    await run(pending.dueAt);
  }
  expect((await escalationFor(db, "help", n.assignmentId))[0]!.status).toBe("exhausted");

  await n.callHelp(90);
  const [, second] = await escalationFor(db, "help", n.assignmentId);
  expect(second!.status).toBe("active");
  const pressed = card === "the new call's card" ? second! : first!;
  expect(await reasonOf(acknowledgeEscalation(contextFor(db, asPerson(n.leader.personId), minutesAfter(n.shift.startsAt, 91)), pressed.id))).toBe("ok");

  expect((await escalationFor(db, "help", n.assignmentId)).map((e) => [e.status, e.ownerPersonId])).toEqual([
    ["owned", n.leader.personId],
    ["owned", n.leader.personId],
  ]);
  expect(await db.select().from(escalationSteps).where(and(eq(escalationSteps.escalationId, second!.id), eq(escalationSteps.status, "pending")))).toHaveLength(0);
  expect(await messagesWithKey(db, n.volunteer.personId, "notice-help-coming")).toHaveLength(1);
  expect((await cardEdits(db, `escalation:${second!.id}`)).length).toBeGreaterThan(0);
  expect(await reasonOf(acknowledgeEscalation(contextFor(db, asPerson(n.deputy.personId), minutesAfter(n.shift.startsAt, 92)), second!.id))).toBe("escalation.already_owned");
  await run(minutesAfter(n.shift.startsAt, 200));
  expect(await cardRecipients(db, `escalation:${second!.id}`)).toEqual([n.leader.personId, n.deputy.personId]);
});

it("When a lead of another team, a teammate, or a caller on a report presses I'll handle it, then each is refused and nothing changes", async () => {
  const db = database.db;
  const n = await nightOnDuty("2027-08-04");
  await n.callHelp(60);
  const [escalation] = await escalationFor(db, "help", n.assignmentId);
  const elsewhere = await makeTeam(db, "elsewhere");
  const strangerLead = await makePerson(db, { role: "leader", teamId: elsewhere.teamId });
  const teammate = n.assigned[1]!;
  const at = minutesAfter(n.shift.startsAt, 61);

  expect(await reasonOf(acknowledgeEscalation(contextFor(db, asPerson(strangerLead.personId), at), escalation!.id))).toBe("escalation.not_yours");
  expect(await reasonOf(acknowledgeEscalation(contextFor(db, asPerson(teammate.personId), at), escalation!.id))).toBe("escalation.not_yours");
  expect(await reasonOf(acknowledgeEscalation(contextFor(db, asPerson(n.leader.personId), at), 999_999))).toBe("escalation.not_found");
  expect((await escalationFor(db, "help", n.assignmentId))[0]!.status).toBe("active");
  expect(await cardEdits(db, `escalation:${escalation!.id}`)).toHaveLength(0);

  const { incidentId } = await report(db, teammate.personId, at);
  const [reportEscalation] = await escalationFor(db, "incident", incidentId);
  expect(await reasonOf(acknowledgeEscalation(contextFor(db, asPerson(n.leader.personId), at), reportEscalation!.id))).toBe("escalation.use_card");
});

it("When someone calls for help before their shift or without one, then it is refused and nobody is paged", async () => {
  const db = database.db;
  const n = await plannedNight(db, "2027-08-05", 4);
  const volunteer = n.assigned[0]!;
  const helpCalls = async () => (await db.select({ id: escalations.id }).from(escalations).where(eq(escalations.subject, "help"))).length;
  const before = await helpCalls();
  expect(await reasonOf(requestHelp(contextFor(db, asPerson(volunteer.personId), minutesAfter(n.shift.startsAt, -120)), testPolicy))).toBe("checkin.no_shift_now");
  // The team's leader is not on tonight's roster: leading the team is not being on duty.
  expect(await reasonOf(requestHelp(contextFor(db, asPerson(n.leader.personId), minutesAfter(n.shift.startsAt, 30)), testPolicy))).toBe("checkin.no_shift_now");
  expect(await helpCalls()).toBe(before);
});
