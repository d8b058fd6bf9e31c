import { and, eq, isNull } from "drizzle-orm";
import { afterAll, beforeAll, expect, it } from "vitest";
import { runEscalations } from "../../src/escalation/run-escalations.js";
import { sendEscalationDigest } from "../../src/escalation/send-digest.js";
import { acknowledgeIncident } from "../../src/incidents/acknowledge-incident.js";
import type { TextLines, TextRef } from "../../src/outbox/payload.js";
import type { Database } from "../../src/storage/db.js";
import { escalations } from "../../src/storage/schema/index.js";
import { addMember, asPerson, contextFor, makePerson, makeTeam, system } from "../support/domain.js";
import { openTestDatabase } from "../support/test-database.js";
import { escalationFor, messagesWithKey, minutesAfter, report } from "./support.js";

let database: Database;
beforeAll(async () => {
  database = await openTestDatabase();
});
afterAll(async () => database?.close());

const run = (at: Date) => runEscalations(contextFor(database.db, system, at));

/** The refs a digest message lists, one per line. */
function refsListed(text: TextRef): string[] {
  const lines = (text.args?.items as TextLines).lines;
  return lines.map((line) => String(line.args?.ref));
}

it("When reports ran out without an owner, then each coordinator gets one digest listing each of them once, an item owned meanwhile is left out, and the next digest sends nothing", async () => {
  const db = database.db;
  const coordinators = [await makePerson(db, { role: "coordinator" }), await makePerson(db, { role: "coordinator" })];
  const team = await makeTeam(db, "digest");
  const leader = await makePerson(db, { role: "leader", teamId: team.teamId });
  const member = await addMember(db, team.teamId);
  const t0 = new Date("2027-03-01T12:00:00Z");
  // help given: leaders 1h, supervisors 4h (none in this town, so it passes on at once), then done.
  const forgotten = await report(db, member.personId, t0, { category: "assistance", description: "Walked a lost child home" });
  const alsoForgotten = await report(db, member.personId, minutesAfter(t0, 1), { category: "assistance", description: "Helped a cyclist after a fall" });
  const ownedLate = await report(db, member.personId, minutesAfter(t0, 2), { category: "assistance", description: "Carried shopping for a neighbour" });

  expect(await sendEscalationDigest(contextFor(db, system, minutesAfter(t0, 30)))).toBe(0);
  await run(minutesAfter(t0, 62));
  for (const r of [forgotten, alsoForgotten, ownedLate]) expect((await escalationFor(db, "incident", r.incidentId))[0]!.status).toBe("exhausted");
  // Owning works from the card after the walk gave up, and takes the item off the list.
  await acknowledgeIncident(contextFor(db, asPerson(leader.personId), minutesAfter(t0, 70)), ownedLate.incidentId);

  const undigested = await db.select({ id: escalations.id }).from(escalations).where(and(eq(escalations.status, "exhausted"), isNull(escalations.digestedAt)));
  expect(undigested).toHaveLength(2);
  expect(await sendEscalationDigest(contextFor(db, system, new Date("2027-03-02T00:00:00Z")))).toBe(2);

  for (const coordinator of coordinators) {
    const digests = await messagesWithKey(db, coordinator.personId, "digest-unowned");
    expect(digests).toHaveLength(1);
    const payload = digests[0]!.payload;
    if (payload.kind !== "message") throw new Error("a digest is a message");
    expect(payload.text.args?.count).toBe(2);
    expect(refsListed(payload.text).sort()).toEqual([forgotten.ref, alsoForgotten.ref].sort());
  }
  for (const r of [forgotten, alsoForgotten]) expect((await escalationFor(db, "incident", r.incidentId))[0]!.digestedAt?.toISOString()).toBe("2027-03-02T00:00:00.000Z");

  expect(await sendEscalationDigest(contextFor(db, system, new Date("2027-03-03T00:00:00Z")))).toBe(0);
  for (const coordinator of coordinators) expect(await messagesWithKey(db, coordinator.personId, "digest-unowned")).toHaveLength(1);
});

it("When nothing ran out since the last digest, then no coordinator gets a message", async () => {
  const db = database.db;
  const coordinator = await makePerson(db, { role: "coordinator" });
  expect(await sendEscalationDigest(contextFor(db, system, new Date("2027-03-10T00:00:00Z")))).toBe(0);
  expect(await messagesWithKey(db, coordinator.personId, "digest-unowned")).toHaveLength(0);
});
