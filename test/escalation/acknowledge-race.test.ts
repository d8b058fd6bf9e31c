import { eq, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DomainError } from "../../src/domain/errors.js";
import { acknowledgeEscalation } from "../../src/escalation/acknowledge-escalation.js";
import { acknowledgeIncident } from "../../src/incidents/acknowledge-incident.js";
import { runEscalations } from "../../src/escalation/run-escalations.js";
import { checkIn } from "../../src/shifts/check-in.js";
import { requestHelp } from "../../src/shifts/request-help.js";
import type { Database, Db } from "../../src/storage/db.js";
import { escalations, incidents, people } from "../../src/storage/schema/index.js";
import { addMember, asPerson, contextFor, makeTeam, system } from "../support/domain.js";
import { plannedNight, testPolicy } from "../support/shifts.js";
import { onPostgres, openTestDatabase } from "../support/test-database.js";
import { cardEdits, cardRecipients, escalationFor, messagesWithKey, minutesAfter, namedPerson, report } from "./support.js";

let database: Database;
beforeAll(async () => {
  database = await openTestDatabase();
});
afterAll(async () => database?.close());

/** Sessions of this database that are waiting for a lock. */
async function lockWaiters(db: Db): Promise<number> {
  const rows = (await db.execute(sql`select count(*)::int as n from pg_stat_activity where datname = current_database() and wait_event_type = 'Lock'`)) as unknown as Array<{ n: number }>;
  return rows[0]!.n;
}

/**
 * Runs the calls side by side. "held": on PostgreSQL, a third transaction holds the contended row
 * until every call is blocked on it, so both really are in flight at once on their own connections
 * when it lets go. "as they come": plain Promise.all (PGlite has one connection and serialises).
 */
async function race<T>(db: Db, mode: "held" | "as they come", lockRow: (tx: Db) => Promise<unknown>, calls: Array<() => Promise<T>>) {
  if (mode === "as they come") return Promise.allSettled(calls.map((call) => call()));
  let settled!: Promise<PromiseSettledResult<T>[]>;
  await db.transaction(async (tx) => {
    await lockRow(tx);
    settled = Promise.allSettled(calls.map((call) => call()));
    const deadline = Date.now() + 5000;
    while ((await lockWaiters(db)) < calls.length && Date.now() < deadline) await new Promise((r) => setTimeout(r, 20));
    expect(await lockWaiters(db), "every call is waiting on the held row").toBe(calls.length);
  });
  return settled;
}

/** Exactly one winner; the loser's error, checked by the caller. */
function oneWinner<T>(results: PromiseSettledResult<T>[], names: string[]) {
  expect(results.map((r) => r.status).sort()).toEqual(["fulfilled", "rejected"]);
  const winner = names[results.findIndex((r) => r.status === "fulfilled")]!;
  const loss = (results.find((r) => r.status === "rejected") as PromiseRejectedResult).reason as unknown;
  expect(loss).toBeInstanceOf(DomainError);
  return { winner, error: loss as DomainError };
}

const modes = onPostgres ? (["as they come", "held"] as const) : (["as they come"] as const);

describe.each(modes)("two presses at once (%s)", (mode) => {
  it("When two leads acknowledge the same report at the same moment, then exactly one owns it and the other is told who", async () => {
    const db = database.db;
    const team = await makeTeam(db, "race");
    const leader = await namedPerson(db, "Leader Lin", { role: "leader", teamId: team.teamId });
    const deputy = await namedPerson(db, "Deputy Du", { role: "deputy", teamId: team.teamId });
    const member = await addMember(db, team.teamId);
    const t0 = new Date("2027-05-01T12:00:00Z");
    const { incidentId } = await report(db, member.personId, t0);
    const at = minutesAfter(t0, 2);

    const results = await race(
      db,
      mode,
      (tx) => tx.select({ id: incidents.id }).from(incidents).where(eq(incidents.id, incidentId)).for("update"),
      [leader, deputy].map((p) => () => acknowledgeIncident(contextFor(db, asPerson(p.personId), at), incidentId)),
    );
    const { winner, error } = oneWinner(results, [leader.name, deputy.name]);
    expect(error.reason).toBe("incident.already_owned");
    expect(error.details.by).toBe(winner);

    const winnerId = winner === leader.name ? leader.personId : deputy.personId;
    const [row] = await db.select().from(incidents).where(eq(incidents.id, incidentId));
    expect(row).toMatchObject({ status: "acknowledged", ownerPersonId: winnerId });
    expect((await escalationFor(db, "incident", incidentId))[0]).toMatchObject({ status: "owned", ownerPersonId: winnerId });
    // Only the winner's change edited the two copies; the reporter heard once.
    expect(await cardEdits(db, `incident:${incidentId}`)).toHaveLength(2);
    expect(await messagesWithKey(db, member.personId, "notice-report-acknowledged")).toHaveLength(1);
  });

  it("When two leads press On my way on the same call for help at the same moment, then exactly one owns it and the other is told who", async () => {
    const db = database.db;
    const n = await plannedNight(db, mode === "held" ? "2027-05-02" : "2027-05-03", 4);
    await db.update(people).set({ name: "Leader Hu" }).where(eq(people.id, n.leader.personId));
    const deputy = await namedPerson(db, "Deputy Ma", { role: "deputy", teamId: n.team.teamId });
    const volunteer = n.assigned[0]!;
    const start = n.shift.startsAt;
    await checkIn(contextFor(db, asPerson(volunteer.personId), minutesAfter(start, -5)), testPolicy);
    await requestHelp(contextFor(db, asPerson(volunteer.personId), minutesAfter(start, 60)), testPolicy);
    const [escalation] = await escalationFor(db, "help", n.assignmentOf(volunteer.personId));
    const at = minutesAfter(start, 61);

    const results = await race(
      db,
      mode,
      (tx) => tx.select({ id: escalations.id }).from(escalations).where(eq(escalations.id, escalation!.id)).for("update"),
      [n.leader, deputy].map((p) => () => acknowledgeEscalation(contextFor(db, asPerson(p.personId), at), escalation!.id)),
    );
    const { winner, error } = oneWinner(results, ["Leader Hu", deputy.name]);
    expect(error.reason).toBe("escalation.already_owned");
    expect(error.details.by).toBe(winner);

    const winnerId = winner === "Leader Hu" ? n.leader.personId : deputy.personId;
    expect((await escalationFor(db, "help", n.assignmentOf(volunteer.personId)))[0]).toMatchObject({ status: "owned", ownerPersonId: winnerId });
    const coming = await messagesWithKey(db, volunteer.personId, "notice-help-coming");
    expect(coming.map((m) => (m.payload.kind === "message" ? m.payload.text.args?.name : null))).toEqual([winner]);
  });
});

it.skipIf(!onPostgres)("When a run finds a due step whose escalation is held by an acknowledgement in progress, then it leaves the step for the next run instead of waiting", async () => {
  const db = database.db;
  const team = await makeTeam(db, "skip");
  await namedPerson(db, "Leader Skip", { role: "leader", teamId: team.teamId });
  const supervisor = await namedPerson(db, "Supervisor Skip", { role: "supervisor", townId: team.townId });
  const member = await addMember(db, team.teamId);
  const t0 = new Date("2027-05-05T12:00:00Z");
  const { incidentId } = await report(db, member.personId, t0);
  const [escalation] = await escalationFor(db, "incident", incidentId);
  const due = minutesAfter(t0, 30);

  await db.transaction(async (tx) => {
    await tx.select({ id: escalations.id }).from(escalations).where(eq(escalations.id, escalation!.id)).for("update");
    const outcome = await Promise.race([runEscalations(contextFor(db, system, due)), new Promise<string>((r) => setTimeout(() => r("still waiting"), 3000))]);
    expect(outcome).toBe(0);
  });
  expect(await cardRecipients(db, `incident:${incidentId}`)).not.toContain(supervisor.personId);
  expect(await runEscalations(contextFor(db, system, due))).toBe(1);
  expect(await cardRecipients(db, `incident:${incidentId}`)).toContain(supervisor.personId);
});
