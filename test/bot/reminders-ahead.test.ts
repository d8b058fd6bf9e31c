import { and, eq, inArray, isNull } from "drizzle-orm";
import { Api } from "grammy";
import type { Message } from "grammy/types";
import { pino } from "pino";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startApp } from "../../src/app.js";
import { assignments, outbox, people, reminders, shifts } from "../../src/storage/schema/index.js";
import type { FakeUser } from "../../src/sandbox/telegram/index.js";
import { freePort, startBotHarness, type BotHarness } from "../support/bot-harness.js";
import { sample, scrapeMetrics } from "../support/metrics.js";
import { moveClock, outboxSettled } from "../support/outbox-settled.js";
import { activeMember, teamWithLeader } from "../support/world.js";

/**
 * The due-reminders job queues reminders up to a minute ahead of their due time, so a night's
 * wave is out by then. These follow one through the bot: withdrawn if the volunteer acted in
 * between, and sent once however many instances run and whatever restarts in between.
 */
let h: BotHarness;
beforeAll(async () => {
  h = await startBotHarness({ env: { ROTA_DAYS_AHEAD: "2", WEEKLY_CAP: "7" } });
});
afterAll(async () => {
  await h?.close();
});

const buttonData = (m: Message) => m.reply_markup?.inline_keyboard.flat().map((b) => ("callback_data" in b ? b.callback_data : "")) ?? [];
const nextDay = (night: string) => new Date(Date.parse(`${night}T00:00:00Z`) + 86_400_000).toISOString().slice(0, 10);

/**
 * A team of five planned at 08:30 on `night` (Shanghai; shifts 20:00-24:00 = 12:00-16:00Z), four
 * on tonight's shift and four on tomorrow's, with tonight's "are you coming?" (overdue) sent.
 */
async function plannedTeam(name: string, night: string) {
  const team = await teamWithLeader(h, name);
  const members: FakeUser[] = [];
  for (let i = 0; i < 5; i++) members.push((await activeMember(h, team.teamId, `${name} ${i + 1}`)).user);
  await moveClock(h, `${night}T00:30:00Z`);
  await h.app.scheduler.run("plan-shifts");
  await h.app.scheduler.run("due-reminders");
  await sendUntil(`${night}T00:30:00Z`);
  const rows = await h.database.db
    .select({ telegramId: people.telegramId, assignmentId: assignments.id, night: shifts.night })
    .from(assignments)
    .innerJoin(shifts, eq(shifts.id, assignments.shiftId))
    .innerJoin(people, eq(people.id, assignments.personId))
    .where(and(eq(shifts.teamId, team.teamId), isNull(assignments.endedAt)));
  const on = (date: string) =>
    rows.filter((r) => r.night === date).map((r) => ({ user: members.find((m) => m.id === r.telegramId)!, assignmentId: r.assignmentId }));
  return { ...team, tonight: on(night), tomorrow: on(nextDay(night)) };
}

/** Lets the outbox send everything sendable at `iso` (the clock pinned there), and waits until it has. */
async function sendUntil(iso: string): Promise<void> {
  h.setNow(iso);
  h.app.dispatcher.nudge();
  await outboxSettled(h.database.db, new Date(iso));
}

/** Messages in the volunteer's chat carrying a button about this assignment (reminders and their buttons). */
const remindersAbout = (user: FakeUser, assignmentId: number, prefix: string) =>
  user.messages().filter((m) => buttonData(m).includes(`${prefix}${assignmentId}`));

async function reminderRows(assignmentIds: number[], kind: "ask" | "nudge" | "checkin") {
  return h.database.db
    .select({ assignmentId: reminders.assignmentId, status: reminders.status, skipReason: reminders.skipReason, outboxStatus: outbox.status, outboxError: outbox.lastError })
    .from(reminders)
    .leftJoin(outbox, eq(outbox.id, reminders.outboxId))
    .where(and(inArray(reminders.assignmentId, assignmentIds), eq(reminders.kind, kind)));
}

describe("reminders queued ahead of their time", () => {
  it("When volunteers answer or leave the shift after their 2-hour nudge was queued, then they do not get it; the one who did nothing does", async () => {
    const n = await plannedTeam("Ahead", "2027-07-05");
    const [a, b, c, d] = n.tonight;
    for (const v of n.tonight) await v.user.waitForMessage((m) => buttonData(m).includes(`sh:c:${v.assignmentId}`));

    await moveClock(h, "2027-07-05T09:59:30Z"); // 30 s before the nudge is due at 18:00
    await h.app.scheduler.run("due-reminders");
    const queued = await reminderRows(n.tonight.map((v) => v.assignmentId), "nudge");
    expect(queued.map((r) => [r.status, r.outboxStatus])).toEqual(Array(4).fill(["sent", "pending"]));

    await a!.user.click(/Coming/);
    await a!.user.waitForMessage(/See you at 20:00/);
    await b!.user.click(/Can't come/);
    await b!.user.waitForMessage(/teammates are being asked/);
    await c!.user.send("/leave");
    await c!.user.click(await c!.user.waitForMessage(/Which team do you want to leave/), /Leave/);
    await c!.user.waitForMessage(/You left/);

    const lateness = async () => {
      const text = await scrapeMetrics(h.app.port);
      return { count: sample(text, "shouye_reminder_lateness_seconds_count")!, sum: sample(text, "shouye_reminder_lateness_seconds_sum")! };
    };
    const before = await lateness();
    await sendUntil("2027-07-05T10:00:01Z");
    await d!.user.waitForMessage(/Reminder: .* tonight/);
    for (const v of [a!, b!, c!]) expect(v.user.messages().some((m) => /Reminder: .* tonight/.test(m.text ?? ""))).toBe(false);
    const after = new Map((await reminderRows(n.tonight.map((v) => v.assignmentId), "nudge")).map((r) => [r.assignmentId, r]));
    expect(after.get(a!.assignmentId)).toMatchObject({ status: "skipped", skipReason: "already answered", outboxStatus: "failed" });
    // "Can't come" hands the place to a teammate, so the volunteer is off the shift.
    expect(after.get(b!.assignmentId)).toMatchObject({ status: "skipped", skipReason: "no longer on the shift", outboxStatus: "failed" });
    expect(after.get(c!.assignmentId)).toMatchObject({ status: "skipped", skipReason: "no longer on the shift", outboxStatus: "failed" });
    expect(after.get(c!.assignmentId)!.outboxError).toMatch(/reminder withdrawn/);
    expect(after.get(d!.assignmentId)).toMatchObject({ status: "sent", outboxStatus: "sent" });
    // The one sent, a second after its due time by the app's clock, is the only one measured.
    const measured = await lateness();
    expect(measured.count - before.count).toBe(1);
    expect(measured.sum - before.sum).toBeCloseTo(1, 0);
  });

  it("When a volunteer checks in after the check-in reminder was queued, then they do not get it; the others do", async () => {
    const n = await plannedTeam("Early", "2027-07-07");
    const [a, ...others] = n.tonight;
    await moveClock(h, "2027-07-07T11:44:30Z"); // 19:44:30, check-in open since 19:30, reminder due at 19:45
    await h.app.scheduler.run("due-reminders");
    expect((await reminderRows([a!.assignmentId], "checkin"))[0]).toMatchObject({ status: "sent", outboxStatus: "pending" });

    await a!.user.send("/checkin");
    await a!.user.waitForMessage(/Checked in/);

    await sendUntil("2027-07-07T11:45:01Z");
    for (const v of others) await v.user.waitForMessage((m) => buttonData(m).includes(`ci:${v.assignmentId}`));
    expect(remindersAbout(a!.user, a!.assignmentId, "ci:")).toEqual([]);
    expect((await reminderRows([a!.assignmentId], "checkin"))[0]).toMatchObject({ status: "skipped", skipReason: "already checked in", outboxStatus: "failed" });
  });

  it("When a volunteer types an answer while tomorrow's question is queued but not yet due to go, then it answers tonight's, the only one asked", async () => {
    const n = await plannedTeam("Typed", "2027-07-13");
    const both = n.tonight.find((v) => n.tomorrow.some((w) => w.user === v.user))!;
    const tomorrow = n.tomorrow.find((w) => w.user === both.user)!;
    await both.user.waitForMessage((m) => buttonData(m).includes(`sh:c:${both.assignmentId}`));
    await moveClock(h, "2027-07-13T11:59:00Z"); // tomorrow's asks are due at 12:00, and queued now
    await h.app.scheduler.run("due-reminders");
    expect((await reminderRows([tomorrow.assignmentId], "ask"))[0]).toMatchObject({ status: "sent", outboxStatus: "pending" });

    const sent = await both.user.send("ok");
    await both.user.waitForMessage(/See you at 20:00/, { after: sent.message });
    const replies = await h.database.db.select({ id: assignments.id, reply: assignments.reply }).from(assignments).where(inArray(assignments.id, [both.assignmentId, tomorrow.assignmentId]));
    expect(Object.fromEntries(replies.map((r) => [r.id, r.reply]))).toEqual({ [both.assignmentId]: "coming", [tomorrow.assignmentId]: null });
  });

  it("When two instances run the scheduler and the outbox side by side, then each 'are you coming?' goes out exactly once", async () => {
    const n = await plannedTeam("Twice", "2027-07-09");
    let now = new Date("2027-07-09T11:59:30Z"); // tomorrow's asks are due at 12:00
    await moveClock(h, now);
    const port = await freePort();
    const config = { ...h.config, PORT: port, WEBHOOK_URL: `http://127.0.0.1:${port}/telegram` };
    const second = await startApp(config, h.database, pino({ level: "silent" }), () => now);
    try {
      await second.scheduler.idle();
      await Promise.all([h.app.scheduler.run("due-reminders"), second.scheduler.run("due-reminders")]);
      now = new Date("2027-07-09T12:00:01Z");
      second.dispatcher.nudge();
      await sendUntil(now.toISOString());
      for (const v of n.tomorrow) await v.user.waitForMessage((m) => buttonData(m).includes(`sh:c:${v.assignmentId}`));
    } finally {
      await second.stop();
      // The second instance took the webhook over; give it back to the first.
      await new Api(h.fake.token, { apiRoot: h.config.TELEGRAM_API_ROOT }).setWebhook(h.config.WEBHOOK_URL!, { secret_token: h.config.WEBHOOK_SECRET! });
    }
    for (const v of n.tomorrow) expect(remindersAbout(v.user, v.assignmentId, "sh:c:")).toHaveLength(1);
    const sends = h.fake.calls.filter((c) => c.method === "sendMessage" && n.tomorrow.some((v) => JSON.stringify(c.params.reply_markup ?? "").includes(`"sh:c:${v.assignmentId}"`)));
    expect(sends).toHaveLength(n.tomorrow.length);
  });

  it("When the bot restarts between queueing a reminder and its send time, then it still goes out, once", async () => {
    const n = await plannedTeam("Restart", "2027-07-11");
    await moveClock(h, "2027-07-11T11:59:30Z");
    await h.app.scheduler.run("due-reminders");
    expect((await reminderRows(n.tomorrow.map((v) => v.assignmentId), "ask")).map((r) => r.outboxStatus)).toEqual(Array(4).fill("pending"));
    await h.restart();
    h.setNow("2027-07-11T12:00:01Z");
    await h.app.scheduler.run("due-reminders");
    await sendUntil("2027-07-11T12:00:01Z");
    for (const v of n.tomorrow) await v.user.waitForMessage((m) => buttonData(m).includes(`sh:c:${v.assignmentId}`));
    for (const v of n.tomorrow) expect(remindersAbout(v.user, v.assignmentId, "sh:c:")).toHaveLength(1);
    expect((await reminderRows(n.tomorrow.map((v) => v.assignmentId), "ask")).map((r) => r.outboxStatus)).toEqual(Array(4).fill("sent"));
  });
});
