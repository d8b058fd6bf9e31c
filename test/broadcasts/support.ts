import { and, desc, eq, inArray, isNull } from "drizzle-orm";
import type { Message } from "grammy/types";
import { expect } from "vitest";
import type { Db } from "../../src/storage/db.js";
import { broadcastRecipients, broadcasts, outbox, people } from "../../src/storage/schema/index.js";
import type { FakeUser } from "../../src/sandbox/telegram/index.js";
import type { BotHarness } from "../support/bot-harness.js";

// Written out rather than read from the .ftl files, so a broken message fails here.
export const AUDIENCE = { everyone: "everyone", town: "a town", team: "one team", leaders: "team leaders", tonight: "tonight's volunteers" } as const;
// Counts of a thousand and more are written with separators: 2,301.
export const CONFIRM = /^To: (.+)\n([\d,]+) (?:person|people) will receive it \(([\d,]+) of them have blocked the bot and count as unreachable\)\./;
export const STARTED = /📢 Broadcast #(\d+) is on its way to ([\d,]+) (?:person|people)\. The message below shows its progress\./;
export const count = (written: string) => Number(written.replace(/,/g, ""));
export const RECEIVED = "✅ Received";
export const TEAM_RECEIPTS = "👥 My team's receipts";
export const REMIND = "🔔 Remind them";

export interface Compose {
  audience: keyof typeof AUDIENCE;
  /** The town's button, for a town broadcast. */
  town?: string;
  /** What to type when asked for the team. */
  team?: string;
  text: string;
  photo?: boolean;
}

/** Walks /broadcast up to its confirmation and returns that message (text, or photo with caption). */
export async function composeBroadcast(sender: FakeUser, c: Compose): Promise<Message> {
  const start = sender.cursor();
  await sender.send("/broadcast");
  const ask = await sender.waitForMessage(/📢 Who should receive it\?/, { after: start });
  await sender.click(ask, AUDIENCE[c.audience]);
  if (c.town) await sender.click(await sender.waitForMessage(/Which town\?/, { after: start }), c.town);
  if (c.team) {
    await sender.waitForMessage(/Which team\? Send its number or part of its name/, { after: start });
    await sender.send(c.team);
  }
  await sender.waitForMessage(/Send the message: text, or a photo with a caption/, { after: start });
  if (c.photo) await sender.sendPhoto({ caption: c.text });
  else await sender.send(c.text);
  return sender.waitForMessage(CONFIRM, { after: start });
}

/** The recipient count and unreachable count the confirmation shows. */
export function confirmedCounts(confirm: Message): { recipients: number; unreachable: number } {
  const m = CONFIRM.exec(confirm.text ?? confirm.caption ?? "");
  expect(m, `confirmation ${JSON.stringify(confirm.text ?? confirm.caption)}`).not.toBeNull();
  return { recipients: count(m![2]!), unreachable: count(m![3]!) };
}

/** Presses 📢 Send and returns the broadcast's number from the started message. */
export async function pressSend(sender: FakeUser, confirm: Message): Promise<{ id: number; recipients: number }> {
  const before = sender.cursor();
  await sender.click(confirm, "📢 Send");
  const started = await sender.waitForMessage(STARTED, { after: before });
  const m = STARTED.exec(started.text!)!;
  return { id: Number(m[1]), recipients: count(m[2]!) };
}

/** Composes, sends, and returns the broadcast number. */
export async function broadcast(sender: FakeUser, c: Compose): Promise<number> {
  return (await pressSend(sender, await composeBroadcast(sender, c))).id;
}

const unsettled = ["pending", "sending"] as const;

/** Waits until every recipient's message is written, and sent, failed or unreachable. */
export async function recipientsSettled(db: Db, broadcastId: number, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const [row] = await db.select({ queuedAt: broadcasts.queuedAt }).from(broadcasts).where(eq(broadcasts.id, broadcastId));
    if (!row?.queuedAt) {
      if (Date.now() > deadline) throw new Error(`broadcast #${broadcastId}: copies still being written`);
      await new Promise((r) => setTimeout(r, 25));
      continue;
    }
    const waiting = await db
      .select({ id: outbox.id })
      .from(broadcastRecipients)
      .innerJoin(outbox, eq(outbox.id, broadcastRecipients.outboxId))
      .where(and(eq(broadcastRecipients.broadcastId, broadcastId), inArray(outbox.status, [...unsettled])));
    if (waiting.length === 0) return;
    if (Date.now() > deadline) throw new Error(`broadcast #${broadcastId}: ${waiting.length} messages still unsent`);
    await new Promise((r) => setTimeout(r, 25));
  }
}

/** Waits until nothing is left to send to this chat, so what it shows is all it will get. */
export async function chatDrained(db: Db, chat: FakeUser, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const waiting = await db.select({ id: outbox.id }).from(outbox).where(and(eq(outbox.chatId, chat.id), inArray(outbox.status, [...unsettled])));
    if (waiting.length === 0) return;
    if (Date.now() > deadline) throw new Error(`${waiting.length} messages to ${chat.id} still unsent`);
    await new Promise((r) => setTimeout(r, 25));
  }
}


/** Waits until the outbox has nothing left to send, so what follows starts from quiet. */
export async function outboxIdle(db: Db, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while ((await db.select({ id: outbox.id }).from(outbox).where(inArray(outbox.status, [...unsettled]))).length > 0) {
    if (Date.now() > deadline) throw new Error("the outbox did not empty");
    await new Promise((r) => setTimeout(r, 25));
  }
}

/** The copies of a broadcast this user was shown: "📢 <sender>:" and the text (not the sender's confirmation). */
export const copiesOf = (user: FakeUser, text: string) =>
  user.messages().filter((m) => {
    const body = m.text ?? m.caption ?? "";
    return body.startsWith("📢 ") && body.endsWith(`:\n\n${text}`);
  });

/** Which of `users` got the text, by id. */
export const receivers = (users: FakeUser[], text: string) => users.filter((u) => copiesOf(u, text).length > 0).map((u) => u.id);

export const progressOf = (id: number) => new RegExp(`^📢 Broadcast #${id}: (sending…|delivery report)\\n`);
export const reportOf = (id: number) => new RegExp(`^📢 Broadcast #${id}: delivery report\\n`);

export interface Figures {
  sent: number;
  failed: number;
  unreachable: number;
  total: number;
  received: number;
}

/** The figures a progress message or report shows. */
export function figuresOf(message: Message): Figures {
  const m = /Sent ([\d,]+) · failed ([\d,]+) · unreachable ([\d,]+) of ([\d,]+)\n✅ Received: ([\d,]+)$/.exec(message.text ?? "");
  expect(m, `progress text ${JSON.stringify(message.text)}`).not.toBeNull();
  const [sent, failed, unreachable, total, received] = m!.slice(1).map(count) as [number, number, number, number, number];
  return { sent, failed, unreachable, total, received };
}

/**
 * Runs the progress job and returns the sender's progress message once the newest edit of it is
 * sent. An older edit may still wait for a retry; the newest supersedes it.
 */
export async function refreshedProgress(h: BotHarness, sender: FakeUser, broadcastId: number): Promise<Message> {
  const progress = await sender.waitForMessage(progressOf(broadcastId));
  await h.app.scheduler.run("broadcast-progress");
  const deadline = Date.now() + 10_000;
  for (;;) {
    const [newest] = await h.database.db
      .select({ status: outbox.status })
      .from(outbox)
      .where(eq(outbox.groupKey, `bcp:${broadcastId}`))
      .orderBy(desc(outbox.id))
      .limit(1);
    if (newest && !(unsettled as readonly string[]).includes(newest.status)) break;
    if (Date.now() > deadline) throw new Error(`the progress of broadcast #${broadcastId} was not shown`);
    await new Promise((r) => setTimeout(r, 25));
  }
  const all = sender.messages().filter((m) => progressOf(broadcastId).test(m.text ?? ""));
  expect(all.map((m) => m.message_id), "one progress message, edited in place").toEqual([progress.message_id]);
  return all[0]!;
}

/** Once everything is sent: the delivery report, which is the progress message as last edited. */
export async function deliveryReport(h: BotHarness, sender: FakeUser, broadcastId: number): Promise<Message> {
  await recipientsSettled(h.database.db, broadcastId);
  const report = await refreshedProgress(h, sender, broadcastId);
  expect(report.text).toMatch(reportOf(broadcastId));
  return report;
}

/** The broadcast id a ✅ Received button acknowledges. */
export function broadcastIdOf(message: Message): number {
  const data = (message.reply_markup?.inline_keyboard ?? []).flat().flatMap((b) => ("callback_data" in b && b.callback_data ? [b.callback_data] : []));
  const id = data.map((d) => /^bc:a:(\d+)$/.exec(d)?.[1]).find(Boolean);
  expect(id, `message #${message.message_id} has a Received button`).toBeDefined();
  return Number(id);
}

export async function recipientRows(db: Db, broadcastId: number) {
  return db
    .select({ personId: broadcastRecipients.personId, telegramId: people.telegramId, status: outbox.status, acknowledgedAt: broadcastRecipients.acknowledgedAt })
    .from(broadcastRecipients)
    .innerJoin(people, eq(people.id, broadcastRecipients.personId))
    .leftJoin(outbox, eq(outbox.id, broadcastRecipients.outboxId))
    .where(eq(broadcastRecipients.broadcastId, broadcastId));
}

export async function broadcastRow(db: Db, broadcastId: number) {
  const [row] = await db.select().from(broadcasts).where(eq(broadcasts.id, broadcastId));
  return row!;
}

export async function unreachableSince(db: Db, telegramId: number): Promise<Date | null> {
  const [row] = await db.select({ at: people.unreachableAt }).from(people).where(and(eq(people.telegramId, telegramId), isNull(people.forgottenAt)));
  return row?.at ?? null;
}

export const sortedIds = (users: Array<{ id: number }>) => users.map((u) => u.id).sort((a, b) => a - b);
