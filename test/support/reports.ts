import type { Message } from "grammy/types";
import { expect } from "vitest";
import type { FakeUser } from "../../src/sandbox/telegram/index.js";

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

// Shanghai and its surroundings; the fake's location button shares 31.2304,121.4737, inside it.
export const BBOX = "30.6,120.6,31.5,121.9";
export const INSIDE = { latitude: 31.05, longitude: 121.2 };
export const BEIJING = { latitude: 39.9042, longitude: 116.4074 };

export type Lang = "en" | "zh";

// Written out rather than read from the .ftl files, so a broken translation fails here.
export const UI = {
  en: {
    category: {
      tip: "🕵️ Tip for police",
      hazard: "⚠️ Hazard",
      assistance: "🤝 Help given",
      dispute: "⚖️ Dispute",
      suspicious: "👀 Suspicious person or vehicle",
      emergency: "🚨 Emergency",
    },
    askCategory: /What are you reporting\?/,
    askDescription: /Describe what you found: send a message \(up to 1,000 characters\) or a voice note/,
    askPhotos: /Send up to 5 photos, then press Done/,
    photoAdded: (n: number) => new RegExp(`Photo ${n} of 5 added`),
    askLocation: /Where is it\?/,
    summary: /^Your report:/,
    send: "✅ Send",
    done: "Done",
    skip: "Skip",
    sendLocation: "📍 Send location",
    received: /✅ Report received: (NH-\d{4}-\d{6})\./,
    callPolice: /If anyone is in danger, call 110 now/,
    paged: /Your leaders and the duty officers have been paged: report (NH-\d{4}-\d{6})/,
    added: (ref: string) => `Added to ${ref}; everyone paged has it.`,
    finished: /Thank you\. Stay safe\./,
    reportedBy: (name: string) => `Reported by ${name}, `,
    pin: (yes: boolean) => (yes ? "📍 map pin" : "📍 no location"),
    voice: (yes: boolean) => (yes ? "🎤 voice note" : "🎤 no voice note"),
    voiceOnly: "(voice note)",
    noDetails: "(no description yet)",
    waiting: "⏳ Waiting for someone to take it on",
    voiceCaption: (ref: string) => `Voice note for ${ref}`,
    photosCaption: (ref: string) => `Photos for ${ref}`,
  },
  zh: {
    category: {
      tip: "🕵️ 案件线索",
      hazard: "⚠️ 隐患",
      assistance: "🤝 帮助群众",
      dispute: "⚖️ 矛盾纠纷",
      suspicious: "👀 可疑人员车辆",
      emergency: "🚨 紧急情况",
    },
    askCategory: /您要上报哪类情况？/,
    askDescription: /请描述情况：发送一段文字（最多 1000 字）或一条语音/,
    askPhotos: /最多可发送 5 张照片，发完请按“完成”/,
    photoAdded: (n: number) => new RegExp(`已添加照片 ${n}/5`),
    askLocation: /在什么位置？/,
    summary: /^您的上报：/,
    send: "✅ 发送",
    done: "完成",
    skip: "跳过",
    sendLocation: "📍 发送位置",
    received: /✅ 已收到您的上报，编号 (NH-\d{4}-\d{6})。/,
    callPolice: /如有人身危险，请立即拨打 110/,
    paged: /已通知您的带班人和值班人员，上报编号 (NH-\d{4}-\d{6})/,
    added: (ref: string) => `已补充到 ${ref}，已通知的人员都会收到。`,
    finished: /谢谢，请注意安全。/,
    reportedBy: (name: string) => `上报人：${name}，`,
    pin: (yes: boolean) => (yes ? "📍 有定位" : "📍 无定位"),
    voice: (yes: boolean) => (yes ? "🎤 有语音" : "🎤 无语音"),
    voiceOnly: "（语音）",
    noDetails: "（暂无描述）",
    waiting: "⏳ 等待接手",
    voiceCaption: (ref: string) => `${ref} 的语音`,
    photosCaption: (ref: string) => `${ref} 的照片`,
  },
} as const;

export const ids = (...users: FakeUser[]) => users.map((u) => u.id).sort((a, b) => a - b);
export const largest = (m: Message) => m.photo?.at(-1)?.file_unique_id;

/** Walks to the description question of a hazard report. */
export async function startHazard(user: FakeUser) {
  const start = user.cursor();
  await user.send("/report");
  const ask = await user.waitForMessage(UI.en.askCategory, { after: start });
  await user.click(ask, UI.en.category.hazard);
  return user.waitForMessage(UI.en.askDescription, { after: start });
}
