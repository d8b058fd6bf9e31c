import { and, eq, isNull, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { parseWhen } from "../../src/levels/parse-when.js";
import { setResponseLevel } from "../../src/levels/set-level.js";
import { addSpecialDay, removeSpecialDay } from "../../src/levels/special-days.js";
import { runSubstituteWaves } from "../../src/shifts/run-substitute-waves.js";
import { takeSlot } from "../../src/shifts/take-slot.js";
import type { Database } from "../../src/storage/db.js";
import { assignments, openSlots, outbox, shifts } from "../../src/storage/schema/index.js";
import { asPerson, contextFor, makePerson, system } from "../support/domain.js";
import { plannedNight, testPolicy } from "../support/shifts.js";
import { openTestDatabase } from "../support/test-database.js";

let database: Database;
beforeAll(async () => {
  database = await openTestDatabase();
});
afterAll(async () => database?.close());

const openLevelSlots = (shiftId: number) =>
  database.db.select().from(openSlots).where(and(eq(openSlots.shiftId, shiftId), eq(openSlots.reason, "level"), isNull(openSlots.filledAt), isNull(openSlots.closedAt)));
const onShift = (shiftId: number) => database.db.select().from(assignments).where(and(eq(assignments.shiftId, shiftId), isNull(assignments.endedAt)));
const messagesWith = (key: string) => database.db.select().from(outbox).where(sql`${outbox.payload}->'text'->>'key' = ${key}`);

describe("special days restaff nights already planned", () => {
  it("When a planned night becomes a holiday, then it needs 8 and four places are opened; when the holiday is removed, they close again", async () => {
    const db = database.db;
    const night = await plannedNight(db, "2027-09-14", 10);
    const coordinator = await makePerson(db, { role: "coordinator" });
    const as = contextFor(db, asPerson(coordinator.personId), night.morning);

    await addSpecialDay(as, { night: night.date, kind: "holiday", name: "Mid-Autumn Festival" });
    const [raised] = await db.select().from(shifts).where(eq(shifts.id, night.shift.id));
    expect(raised!.required).toBe(8);
    expect(await openLevelSlots(night.shift.id)).toHaveLength(4);
    const told = (await messagesWith("staffing-changed")).filter((m) => m.personId === night.leader.personId);
    expect(told).toHaveLength(1);
    expect(JSON.stringify(told[0]!.payload)).toContain("Mid-Autumn Festival");
    // The waves job calls the free members, each once for the four places.
    await runSubstituteWaves(contextFor(db, system, night.morning), testPolicy);
    const offers = await messagesWith("slot-offer-level");
    const free = new Set(night.free.map((f) => f.personId));
    expect(offers.length, "a wave per place, all of them free members").toBe(Math.min(testPolicy.waveSize * 4, free.size));
    expect(offers.every((o) => free.has(o.personId!))).toBe(true);
    expect(new Set(offers.map((o) => o.personId)).size, "one offer per person for the four places").toBe(offers.length);

    await removeSpecialDay(as, night.date);
    const [back] = await db.select().from(shifts).where(eq(shifts.id, night.shift.id));
    expect(back!.required).toBe(4);
    expect(await openLevelSlots(night.shift.id)).toHaveLength(0);
    expect(await onShift(night.shift.id)).toHaveLength(4);
  });
});

/** For each message closed by an edit, the line of its latest edit. */
async function closingLines(): Promise<Map<number, string>> {
  const edits = await database.db
    .select({ payload: outbox.payload })
    .from(outbox)
    .where(sql`${outbox.payload}->>'kind' = 'edit' and ${outbox.payload}->'text'->>'key' = 'message-closed'`)
    .orderBy(outbox.id);
  const lines = new Map<number, string>();
  for (const { payload } of edits as Array<{ payload: { target: { outboxId: number }; text: { args: { line: { key: string } } } } }>) lines.set(payload.target.outboxId, payload.text.args.line.key);
  return lines;
}

describe("a raised level's offers, once taken or closed", () => {
  it("When teammates take a raised level's places, then each taker's offer says it is theirs, and the others' once the last place is taken", async () => {
    const db = database.db;
    const night = await plannedNight(db, "2027-09-16", 10);
    const coordinator = await makePerson(db, { role: "coordinator" });
    await addSpecialDay(contextFor(db, asPerson(coordinator.personId), night.morning), { night: night.date, kind: "social_patrol_day", name: "Patrol Day" });
    await runSubstituteWaves(contextFor(db, system, night.morning), testPolicy);
    const offers = (await messagesWith("slot-offer-level")).filter((o) => night.free.some((f) => f.personId === o.personId));
    expect(offers).toHaveLength(6);
    const offerOf = (personId: number) => offers.find((o) => o.personId === personId)!.id;
    const [slot] = await openLevelSlots(night.shift.id);
    const takers = night.free.slice(0, 4);
    for (const taker of takers.slice(0, 3)) await takeSlot(contextFor(db, asPerson(taker.personId), night.morning), slot!.id, testPolicy);
    const lines = await closingLines();
    expect(offers.filter((o) => lines.has(o.id)).map((o) => o.personId)).toEqual(takers.slice(0, 3).map((t) => t.personId));
    for (const taker of takers.slice(0, 3)) expect(lines.get(offerOf(taker.personId))).toBe("offer-taken-by-you");

    await takeSlot(contextFor(db, asPerson(takers[3]!.personId), night.morning), slot!.id, testPolicy);
    const after = await closingLines();
    for (const offer of offers) expect(after.get(offer.id)).toBe(takers.some((t) => t.personId === offer.personId) ? "offer-taken-by-you" : "offer-all-taken");
  });

  it("When a holiday's places close again unfilled, then every offer of them says the place is no longer open", async () => {
    const db = database.db;
    const night = await plannedNight(db, "2027-09-18", 10);
    const coordinator = await makePerson(db, { role: "coordinator" });
    const as = contextFor(db, asPerson(coordinator.personId), night.morning);
    await addSpecialDay(as, { night: night.date, kind: "holiday", name: "Holiday" });
    await runSubstituteWaves(contextFor(db, system, night.morning), testPolicy);
    const offers = (await messagesWith("slot-offer-level")).filter((o) => night.free.some((f) => f.personId === o.personId));
    expect(offers.length).toBeGreaterThan(0);
    await removeSpecialDay(as, night.date);
    const lines = await closingLines();
    for (const offer of offers) expect(lines.get(offer.id)).toBe("offer-closed");
  });
});

describe("lowering the level", () => {
  it("When the level falls again, then the people added last are freed first, and nobody who has checked in", async () => {
    const db = database.db;
    const night = await plannedNight(db, "2027-09-20", 10);
    const coordinator = await makePerson(db, { role: "coordinator" });
    const at = (iso: string) => contextFor(db, asPerson(coordinator.personId), new Date(iso));
    const raised = await setResponseLevel(at("2027-09-20T02:00:00Z"), { level: "level1", townId: night.team.townId, dedupeKey: "raise" }, testPolicy.timeZone);
    expect(raised).toMatchObject({ shiftsChanged: 1, slotsOpened: 4, released: 0 });

    const [slot] = await openLevelSlots(night.shift.id);
    const takers = night.free.slice(0, 4);
    for (const [i, taker] of takers.entries()) await takeSlot(contextFor(db, asPerson(taker.personId), new Date(`2027-09-20T03:0${i}:00Z`)), slot!.id, testPolicy);
    expect(await onShift(night.shift.id)).toHaveLength(8);
    // The last two takers have already arrived.
    for (const taker of takers.slice(2)) {
      await db.update(assignments).set({ checkedInAt: new Date("2027-09-20T11:45:00Z") }).where(and(eq(assignments.personId, taker.personId), eq(assignments.shiftId, night.shift.id)));
    }

    const lowered = await setResponseLevel(at("2027-09-20T11:50:00Z"), { level: "normal", townId: night.team.townId, dedupeKey: "lower" }, testPolicy.timeZone);
    expect(lowered).toMatchObject({ shiftsChanged: 1, slotsOpened: 0, released: 4 });
    const left = await onShift(night.shift.id);
    expect(left).toHaveLength(4);
    const kept = new Set(left.map((a) => a.personId));
    for (const taker of takers.slice(2)) expect(kept.has(taker.personId), "checked in, so kept").toBe(true);
    for (const taker of takers.slice(0, 2)) expect(kept.has(taker.personId), "added last and not here yet, so freed").toBe(false);
    const freed = await messagesWith("notice-released-level");
    expect(freed.map((m) => m.personId).sort()).toEqual(night.assigned.concat(takers).filter((p) => !kept.has(p.personId)).map((p) => p.personId).sort());

    const again = await setResponseLevel(at("2027-09-20T11:51:00Z"), { level: "normal", townId: night.team.townId, dedupeKey: "lower" }, testPolicy.timeZone);
    expect(again.repeated).toBe(true);
  });
});

describe("times as coordinators type them", () => {
  const now = new Date("2027-10-01T12:30:00Z"); // 20:30 in Shanghai
  const zone = "Asia/Shanghai";
  it.each([
    ["21:00", "2027-10-01T13:00:00.000Z"],
    ["20:00", "2027-10-02T12:00:00.000Z"],
    ["8:05", "2027-10-02T00:05:00.000Z"],
    ["tomorrow 08:00", "2027-10-02T00:00:00.000Z"],
    ["明天 08：00", "2027-10-02T00:00:00.000Z"],
    ["10-07 20:00", "2027-10-07T12:00:00.000Z"],
    ["2027-12-31 23:59", "2027-12-31T15:59:00.000Z"],
  ])("When %s is typed, then it is %s", (text, iso) => {
    expect(parseWhen(text, now, zone)?.toISOString()).toBe(iso);
  });
  it.each(["", "soon", "25:00", "2027-02-30 10:00", "10-07", "20:00 tomorrow"])("When %j is typed, then it is not a time", (text) => {
    expect(parseWhen(text, now, zone)).toBeNull();
  });
});
