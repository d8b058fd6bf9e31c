import { and, eq, isNull, like } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DomainError } from "../../src/domain/errors.js";
import { answerShift } from "../../src/shifts/answer-shift.js";
import { runSubstituteWaves } from "../../src/shifts/run-substitute-waves.js";
import { takeSlot } from "../../src/shifts/take-slot.js";
import type { Database } from "../../src/storage/db.js";
import { assignments, openSlots, outbox } from "../../src/storage/schema/index.js";
import { asPerson, contextFor, makePerson, system } from "../support/domain.js";
import { plannedNight, testPolicy } from "../support/shifts.js";
import { openTestDatabase } from "../support/test-database.js";

let database: Database;
beforeAll(async () => {
  database = await openTestDatabase();
});
afterAll(async () => {
  await database?.close();
});

const policy = testPolicy;
let day = 1;
const night = (size: number) => plannedNight(database.db, `2027-04-${String(day++).padStart(2, "0")}`, size);

const reasonOf = (p: Promise<unknown>) => p.then(() => "ok", (e: unknown) => (e instanceof DomainError ? e.reason : String(e)));

async function messagesTo(chatId: number, key: string) {
  const rows = await database.db.select({ payload: outbox.payload }).from(outbox).where(eq(outbox.chatId, chatId));
  return rows.filter((r) => (r.payload as { text?: { key: string } }).text?.key === key);
}

describe("can't come, substitutes and open places", () => {
  it("When a volunteer can't come, then they are off the shift, the leader is told, and free teammates are offered the place", async () => {
    const n = await night(6);
    const [a] = n.assigned;
    await answerShift(contextFor(database.db, asPerson(a!.personId), n.morning), { assignmentId: n.assignmentOf(a!.personId), answer: "cant" }, policy);

    const [row] = await database.db.select().from(assignments).where(eq(assignments.id, n.assignmentOf(a!.personId)));
    expect(row).toMatchObject({ reply: "cant", endedReason: "cant" });
    expect(await messagesTo(n.leader.telegramId, "notice-cant-come")).toHaveLength(1);
    for (const f of n.free) expect(await messagesTo(f.telegramId, "slot-offer")).toHaveLength(1);
    for (const other of n.assigned.slice(1)) expect(await messagesTo(other.telegramId, "slot-offer")).toHaveLength(0);
  });

  it("When someone answers for another person's shift (a forged button), then it is refused and nothing changes", async () => {
    const n = await night(5);
    const [a, b] = n.assigned;
    expect(await reasonOf(answerShift(contextFor(database.db, asPerson(b!.personId), n.morning), { assignmentId: n.assignmentOf(a!.personId), answer: "cant" }, policy))).toBe("shift.not_yours");
    const [row] = await database.db.select().from(assignments).where(eq(assignments.id, n.assignmentOf(a!.personId)));
    expect(row).toMatchObject({ reply: null, endedAt: null });
  });

  it("When two teammates take the last place at the same moment, then exactly one gets it and the other is told it is taken", async () => {
    const n = await night(6);
    const [a] = n.assigned;
    await answerShift(contextFor(database.db, asPerson(a!.personId), n.morning), { assignmentId: n.assignmentOf(a!.personId), answer: "cant" }, policy);
    const [slot] = await database.db.select().from(openSlots).where(eq(openSlots.shiftId, n.shift.id));
    const [x, y] = n.free;
    const results = await Promise.all([x, y].map((p) => reasonOf(takeSlot(contextFor(database.db, asPerson(p!.personId), n.morning), slot!.id, policy))));
    expect(results.sort()).toEqual(["ok", "slot.taken"]);
    const live = await database.db.select().from(assignments).where(and(eq(assignments.shiftId, n.shift.id), isNull(assignments.endedAt)));
    expect(live).toHaveLength(4);
  });

  it("When a volunteer asks for a substitute, then they stay on until a teammate takes it, and are then told who", async () => {
    const n = await night(5);
    const [a] = n.assigned;
    const [c] = n.free;
    const ctx = contextFor(database.db, asPerson(a!.personId), n.morning);
    await answerShift(ctx, { assignmentId: n.assignmentOf(a!.personId), answer: "substitute" }, policy);
    const [before] = await database.db.select().from(assignments).where(eq(assignments.id, n.assignmentOf(a!.personId)));
    expect(before?.endedAt).toBeNull();
    const [slot] = await database.db.select().from(openSlots).where(eq(openSlots.shiftId, n.shift.id));
    await takeSlot(contextFor(database.db, asPerson(c!.personId), n.morning), slot!.id, policy);
    const [after] = await database.db.select().from(assignments).where(eq(assignments.id, n.assignmentOf(a!.personId)));
    expect(after?.endedReason).toBe("substituted");
    expect(await messagesTo(a!.telegramId, "notice-substitute-found")).toHaveLength(1);
  });

  it("When nobody takes a place by the deadline, then the leader is told once who is missing", async () => {
    const n = await night(4);
    const [a] = n.assigned;
    await answerShift(contextFor(database.db, asPerson(a!.personId), n.morning), { assignmentId: n.assignmentOf(a!.personId), answer: "cant" }, policy);
    const early = contextFor(database.db, system, new Date(`${n.date}T08:00:00Z`));
    await runSubstituteWaves(early, policy);
    expect(await messagesTo(n.leader.telegramId, "notice-slot-missing")).toHaveLength(0);
    const late = contextFor(database.db, system, new Date(`${n.date}T09:01:00Z`));
    await runSubstituteWaves(late, policy);
    await runSubstituteWaves(late, policy);
    expect(await messagesTo(n.leader.telegramId, "notice-slot-missing")).toHaveLength(1);
  });

  it("When a teammate who was not offered tries to take a place on another team, then it is refused", async () => {
    const n = await night(5);
    const [a] = n.assigned;
    await answerShift(contextFor(database.db, asPerson(a!.personId), n.morning), { assignmentId: n.assignmentOf(a!.personId), answer: "cant" }, policy);
    const [slot] = await database.db.select().from(openSlots).where(eq(openSlots.shiftId, n.shift.id));
    const stranger = await makePerson(database.db);
    expect(await reasonOf(takeSlot(contextFor(database.db, asPerson(stranger.personId), n.morning), slot!.id, policy))).toBe("slot.not_for_you");
    const offers = await database.db.select().from(outbox).where(like(outbox.dedupeKey, `offer:${slot!.id}:%`));
    expect(offers.length).toBe(1);
  });
});
