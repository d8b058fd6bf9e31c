import type { Message } from "grammy/types";
import { expect } from "vitest";
import type { FakeUser } from "../fake-telegram/index.js";

export const REF = /NH-\d{4}-\d{6}/;

/**
 * Walks the /report dialog in English (no location) and returns the reference number. Waits are
 * anchored at the start, so the same person can report several times.
 */
export async function sendReport(user: FakeUser, category: string, text: string, photos = 0): Promise<string> {
  const start = user.cursor();
  await user.send("/report");
  const ask = await user.waitForMessage(/What are you reporting/, { after: start });
  await user.click(ask, category);
  await user.waitForMessage(/Describe what you found/, { after: start });
  await user.send(text);
  await user.waitForMessage(/Send up to 5 photos/, { after: start });
  for (let i = 1; i <= photos; i++) {
    await user.sendPhoto();
    await user.waitForMessage(new RegExp(`Photo ${i} of 5 added`), { after: start });
  }
  await user.send("done");
  await user.waitForMessage(/Where is it/, { after: start });
  await user.send("skip");
  const summary = await user.waitForMessage(/Your report:/, { after: start });
  await user.click(summary, "✅ Send");
  const received = await user.waitForMessage(/Report received/, { after: start });
  const ref = REF.exec(received.text!)?.[0];
  expect(ref, "the reporter is told the reference number").toBeDefined();
  return ref!;
}

/** The report card for `ref` in this chat (not the photo album's caption, which names it too). */
export function waitForCard(user: FakeUser, ref: string, options: { after?: Message } = {}): Promise<Message> {
  return user.waitForMessage((m) => m.text?.split("\n")[0]?.endsWith(` · ${ref}`) ?? false, options);
}

/** The report's id, as the card's buttons carry it ("in:a:42"). */
export function incidentIdOf(card: Message): number {
  const data = (card.reply_markup?.inline_keyboard ?? []).flat().flatMap((b) => ("callback_data" in b && b.callback_data ? [b.callback_data] : []));
  const id = data.map((d) => /^in:[a-z]:(\d+)$/.exec(d)?.[1]).find(Boolean);
  expect(id, `card #${card.message_id} has report buttons`).toBeDefined();
  return Number(id);
}

export function buttonLabels(message: Message): string[] {
  return (message.reply_markup?.inline_keyboard ?? []).flat().map((b) => b.text);
}

/** Presses forged or stale callback data from `message` and returns the popup the bot answered with. */
export async function pressData(user: FakeUser, message: Message, data: string): Promise<{ text?: string; show_alert?: boolean }> {
  const { callbackQuery } = await user.clickData(message, data);
  return (await user.waitForCallbackAnswer(callbackQuery.id)) as { text?: string; show_alert?: boolean };
}

/** Presses a visible button and returns the popup. */
export async function pressButton(user: FakeUser, message: Message, label: string): Promise<{ text?: string; show_alert?: boolean }> {
  const { callbackQuery } = await user.click(message, label);
  return (await user.waitForCallbackAnswer(callbackQuery.id)) as { text?: string; show_alert?: boolean };
}
