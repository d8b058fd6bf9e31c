import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { appendLogEntry } from "../../src/logs/append-log-entry.js";
import type { Database } from "../../src/storage/db.js";
import { dutyLogCounts, dutyLogEntries } from "../../src/storage/schema/index.js";
import { asPerson, contextFor } from "../support/domain.js";
import { plannedNight } from "../support/shifts.js";
import { openTestDatabase } from "../support/test-database.js";

let database: Database;
beforeAll(async () => {
  database = await openTestDatabase();
});
afterAll(async () => database?.close());

describe("writing tonight's duty log", () => {
  it("When the shift leader writes during the shift and soon after, then each message is one entry and the figures follow what was said last; a volunteer's or a late message is not the log", async () => {
    const db = database.db;
    const night = await plannedNight(db, "2027-05-10", 5);
    const leader = (at: string) => contextFor(db, asPerson(night.leader.personId), new Date(at));
    const message = (messageId: number, text: string) => ({ chatId: night.leader.telegramId!, messageId, kind: "text" as const, text });

    expect(await appendLogEntry(leader("2027-05-10T11:00:00Z"), message(1, "出发前集合"), 60), "before the start").toBeNull();
    const first = await appendLogEntry(leader("2027-05-10T12:30:00Z"), message(2, "6人巡逻，发现隐患2处"), 60);
    expect(first).toMatchObject({ shiftId: night.shift.id, added: true, counts: { onPatrol: 6, hazards: 2 } });
    const again = await appendLogEntry(leader("2027-05-10T12:30:05Z"), message(2, "6人巡逻，发现隐患2处"), 60);
    expect(again?.added, "a redelivered message is not a second entry").toBe(false);
    const later = await appendLogEntry(leader("2027-05-10T16:20:00Z"), message(3, "隐患共3处；帮助群众1人"), 60);
    expect(later?.counts).toEqual({ onPatrol: 6, hazards: 3, helped: 1 });
    await db.update(dutyLogCounts).set({ confirmedAt: new Date("2027-05-10T16:21:00Z") }).where(eq(dutyLogCounts.shiftId, night.shift.id));
    await appendLogEntry(leader("2027-05-10T16:25:00Z"), { chatId: night.leader.telegramId!, messageId: 4, kind: "photo", fileId: "photo-1" }, 60);
    const [kept] = await db.select().from(dutyLogCounts).where(eq(dutyLogCounts.shiftId, night.shift.id));
    expect(kept!.confirmedAt, "a photo changes no figure").not.toBeNull();

    expect(await appendLogEntry(leader("2027-05-10T17:01:00Z"), message(5, "补记"), 60), "past the grace after the end").toBeNull();
    const volunteer = contextFor(db, asPerson(night.assigned[0]!.personId), new Date("2027-05-10T13:00:00Z"));
    expect(await appendLogEntry(volunteer, message(6, "3人巡逻"), 60), "a volunteer is not the leader").toBeNull();
    const entries = await db.select({ kind: dutyLogEntries.kind }).from(dutyLogEntries).where(eq(dutyLogEntries.shiftId, night.shift.id));
    expect(entries.map((e) => e.kind)).toEqual(["text", "text", "photo"]);
  });
});
