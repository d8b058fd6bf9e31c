import { and, eq, inArray } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { generateShifts } from "../../src/shifts/generate-shifts.js";
import { sendDueReminders } from "../../src/shifts/send-due-reminders.js";
import type { Database } from "../../src/storage/db.js";
import { assignments, outbox, reminders, shifts } from "../../src/storage/schema/index.js";
import { addMember, contextFor, makeTeam, system } from "../support/domain.js";
import { onPostgres, openTestDatabase } from "../support/test-database.js";

let database: Database;
beforeAll(async () => {
  database = await openTestDatabase();
});
afterAll(async () => {
  await database?.close();
});

const schedule = { ask: 1440, nudge: 120, checkin: 15 };
const at = (iso: string) => contextFor(database.db, system, new Date(iso));

/** One team, four members, one night planned; its shift starts at 20:00 Shanghai = 12:00Z. */
async function plannedNight(night: string) {
  const { db } = database;
  const team = await makeTeam(db);
  const members = [];
  for (let i = 0; i < 4; i++) members.push(await addMember(db, team.teamId));
  await generateShifts(at(`${night}T00:00:00Z`), { from: night, days: 1, timeZone: "Asia/Shanghai", defaultWeeklyCap: 7, reminders: schedule });
  const [shift] = await db.select().from(shifts).where(eq(shifts.teamId, team.teamId));
  const rows = await db.select().from(assignments).where(eq(assignments.shiftId, shift!.id));
  return { team, members, shift: shift!, assignmentIds: rows.map((r) => r.id) };
}

async function queuedFor(assignmentIds: number[], kind: string) {
  const rows = await database.db
    .select({ status: reminders.status, key: outbox.payload })
    .from(reminders)
    .leftJoin(outbox, eq(outbox.id, reminders.outboxId))
    .where(and(inArray(reminders.assignmentId, assignmentIds), eq(reminders.kind, kind as "ask")));
  return rows;
}

describe("shift reminders", () => {
  it("When the 24-hour mark passes, then each planned volunteer gets one 'are you coming?' with three buttons, once", async () => {
    const { assignmentIds } = await plannedNight("2027-03-01");
    expect((await sendDueReminders(at("2027-02-28T11:59:00Z"))).sent).toBe(0);
    await sendDueReminders(at("2027-02-28T12:00:30Z"));
    await sendDueReminders(at("2027-02-28T12:01:00Z"));
    const asks = await queuedFor(assignmentIds, "ask");
    expect(asks.map((a) => a.status)).toEqual(["sent", "sent", "sent", "sent"]);
    const payload = asks[0]!.key as { text: { key: string }; buttons: Array<Array<{ data: string }>> };
    expect(payload.text.key).toBe("reminder-ask");
    expect(payload.buttons.flat().map((b) => b.data.slice(0, 5))).toEqual(["sh:c:", "sh:n:", "sh:s:"]);
  });

  it("When the bot was down past the shift's end, then its reminders are not sent late but marked skipped", async () => {
    const { assignmentIds } = await plannedNight("2027-03-02");
    const result = await sendDueReminders(at("2027-03-02T16:30:00Z"));
    expect(result.sent).toBe(0);
    const all = await database.db.select().from(reminders).where(inArray(reminders.assignmentId, assignmentIds));
    expect(all.every((r) => r.status === "skipped" && r.skipReason === "shift over")).toBe(true);
  });

  it("When the bot was down over both the 24-hour and the 2-hour marks, then the volunteer is asked once, not twice", async () => {
    const { assignmentIds } = await plannedNight("2027-03-03");
    await sendDueReminders(at("2027-03-03T10:30:00Z"));
    expect((await queuedFor(assignmentIds, "ask")).every((r) => r.status === "sent")).toBe(true);
    expect((await queuedFor(assignmentIds, "nudge")).every((r) => r.status === "skipped")).toBe(true);
  });

  it("When someone already answered, then the 2-hour nudge skips them but the check-in reminder still comes", async () => {
    const { assignmentIds } = await plannedNight("2027-03-04");
    await database.db.update(assignments).set({ reply: "coming" }).where(eq(assignments.id, assignmentIds[0]!));
    await sendDueReminders(at("2027-03-04T10:05:00Z"));
    await sendDueReminders(at("2027-03-04T11:46:00Z"));
    const nudges = await database.db.select().from(reminders).where(and(eq(reminders.assignmentId, assignmentIds[0]!)));
    expect(Object.fromEntries(nudges.map((r) => [r.kind, r.status]))).toEqual({ ask: "skipped", nudge: "skipped", checkin: "sent" });
  });

  it("When a night's asks are due within the lead, then they are queued ahead, in order, one pace apart, the last sendable before its due time", async () => {
    const { assignmentIds } = await plannedNight("2027-04-20");
    const due = new Date("2027-04-19T12:00:00Z");
    const asks = () =>
      database.db
        .select({ status: reminders.status, notBefore: outbox.notBefore, payload: outbox.payload })
        .from(reminders)
        .leftJoin(outbox, eq(outbox.id, reminders.outboxId))
        .where(and(inArray(reminders.assignmentId, assignmentIds), eq(reminders.kind, "ask")))
        .orderBy(outbox.id);
    // Without a lead, 30 s before is not due.
    await sendDueReminders(at("2027-04-19T11:59:30Z"));
    expect((await asks()).map((r) => r.status)).toEqual(["pending", "pending", "pending", "pending"]);
    // 1 message a second, paced at 90% of it: 1,111 ms apart.
    await sendDueReminders(at("2027-04-19T11:59:30Z"), { aheadMs: 60_000, ratePerSecond: 1 });
    const rows = await asks();
    expect(rows.map((r) => r.status)).toEqual(["sent", "sent", "sent", "sent"]);
    const ahead = rows.map((r) => due.getTime() - r.notBefore!.getTime());
    expect(ahead.at(-1)).toBe(2000);
    for (let i = 1; i < ahead.length; i++) expect(Math.abs(ahead[i - 1]! - ahead[i]! - 1111)).toBeLessThanOrEqual(1);
    expect(rows.every((r) => (r.payload as { recheck?: { reminderId: number } }).recheck?.reminderId)).toBe(true);
  });

  it.runIf(onPostgres)("When two instances send due reminders at the same moment, then each reminder goes out exactly once", async () => {
    const { assignmentIds } = await plannedNight("2027-03-05");
    const results = await Promise.all([sendDueReminders(at("2027-03-04T12:00:30Z")), sendDueReminders(at("2027-03-04T12:00:30Z"))]);
    expect(results[0]!.sent + results[1]!.sent).toBeGreaterThanOrEqual(4);
    expect((await queuedFor(assignmentIds, "ask")).map((r) => r.status)).toEqual(["sent", "sent", "sent", "sent"]);
    const keys = await database.db.select({ key: outbox.dedupeKey }).from(outbox).innerJoin(reminders, eq(reminders.outboxId, outbox.id)).where(inArray(reminders.assignmentId, assignmentIds));
    expect(new Set(keys.map((k) => k.key)).size).toBe(4);
  });

  it("When a send transaction dies between 'due' and 'sent', then nothing is half done and the next run sends it", async () => {
    const { assignmentIds } = await plannedNight("2027-03-06");
    const ctx = at("2027-03-05T12:00:30Z");
    await expect(
      ctx.db.transaction(async (tx) => {
        await sendDueReminders({ ...ctx, db: tx });
        throw new Error("crash before commit");
      }),
    ).rejects.toThrow("crash before commit");
    expect((await queuedFor(assignmentIds, "ask")).every((r) => r.status === "pending")).toBe(true);
    await sendDueReminders(ctx);
    expect((await queuedFor(assignmentIds, "ask")).map((r) => r.status)).toEqual(["sent", "sent", "sent", "sent"]);
  });
});
