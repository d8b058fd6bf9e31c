import { createI18n, localeSource } from "../../src/bot/i18n.js";

/** What the bot says at each step of the flows: matched against a message's text. */
export type Said =
  | "board" | "coming" | "checkInReminder" | "checkedIn" | "locationSaved"
  | "askCategory" | "askDescription" | "askPhotos" | "photoAdded" | "askLocation" | "summary" | "received" | "acknowledged" | "takenOn"
  | "askLevel" | "askScope" | "askStart" | "askEnd" | "askMessage" | "levelConfirm" | "levelDone" | "progress" | "deliveryReport";

/** The buttons the flows press, by their label. */
export type Button = "checkIn" | "hazard" | "done" | "sendLocation" | "send" | "acknowledge" | "level1" | "now" | "untilChanged" | "confirm";

/** How the flows read and answer the bot in one language. */
export interface Phrases {
  locale: "en" | "zh";
  /** The /lang button each person presses first and the bot's answer; null: people keep their client's language. */
  switchLanguage: { button: string; done: RegExp } | null;
  says: Record<Said, RegExp>;
  buttons: Record<Button, RegExp>;
  /** What the people type. */
  typed: { coming: string; hazard: string; levelMessage: string };
}

/**
 * English, matched loosely on key words: the tests' reading, which survives rewording. Everyone
 * switches to English first, so the tests never depend on the Chinese catalogue's wording.
 */
export const englishPhrases: Phrases = {
  locale: "en",
  switchLanguage: { button: "English", done: /Language set to English/ },
  says: {
    board: /On the roster/,
    coming: /See you at/,
    checkInReminder: /Check in when you arrive/i,
    checkedIn: /Checked in/,
    locationSaved: /Location added/,
    askCategory: /What are you reporting/,
    askDescription: /Describe what you found/,
    askPhotos: /up to \d+ photos/,
    photoAdded: /Photo 1 of \d+ added/,
    askLocation: /Where is it/,
    summary: /Your report/,
    received: /Report received/,
    acknowledged: /has been taken on/,
    takenOn: /Taken on by/,
    askLevel: /Which level/,
    askScope: /whole district or one town/,
    askStart: /From when/,
    askEnd: /Until when/,
    askMessage: /message for everyone/i,
    levelConfirm: /This notice goes to everyone in scope/,
    levelDone: /Done: Level 1/,
    progress: /Broadcast #\d+/,
    deliveryReport: /Broadcast #\d+: delivery report/,
  },
  buttons: {
    checkIn: /Check in/,
    hazard: /Hazard/,
    done: /^Done$/,
    sendLocation: /Send location/,
    send: /Send$/,
    acknowledge: /Acknowledge/,
    level1: /Level 1/,
    now: /^Now$/,
    untilChanged: /Until changed/,
    confirm: /Publish/,
  },
  typed: { coming: "ok", hazard: "Broken street light at the east gate of the village", levelMessage: "Expo opening week: all hands, please." },
};

/** The catalogue key behind each phrase; other languages are read from the bot's own catalogue. */
const SAID_KEYS: Record<Said, string> = {
  board: "board", coming: "answer-coming", checkInReminder: "reminder-checkin", checkedIn: "checkin-done", locationSaved: "checkin-location-saved",
  askCategory: "report-ask-category", askDescription: "report-ask-description", askPhotos: "report-ask-photos", photoAdded: "report-photo-added",
  askLocation: "report-ask-location", summary: "report-summary", received: "report-received", acknowledged: "notice-report-acknowledged", takenOn: "incident-status-acknowledged",
  askLevel: "level-ask-level", askScope: "level-ask-scope", askStart: "level-ask-start", askEnd: "level-ask-end", askMessage: "level-ask-message",
  levelConfirm: "level-confirm", levelDone: "level-done", progress: "broadcast-progress", deliveryReport: "broadcast-report",
};
const BUTTON_KEYS: Record<Button, string> = {
  checkIn: "btn-check-in", hazard: "category-hazard", done: "btn-done", sendLocation: "btn-send-location", send: "btn-report-send",
  acknowledge: "btn-incident-ack", level1: "level-level1", now: "btn-level-now", untilChanged: "btn-level-until-changed", confirm: "btn-level-confirm",
};

const TYPED_ZH = { coming: "好的，准时到", hazard: "村东门口的路灯坏了，晚上很暗", levelMessage: "世博开幕周，请全员到岗。" };

/**
 * A language as the catalogue writes it today, for the screenshots: each message's first line
 * with its placeables as wildcards, each button's whole label. The people keep their client's
 * language, so pick people whose client speaks it.
 */
export function cataloguePhrases(locale: "zh"): Phrases {
  const i18n = createI18n(locale);
  const hole = "\u0000";
  const variables = Object.fromEntries([...localeSource(locale).matchAll(/\{\s*\$([A-Za-z0-9_-]+)/g)].map((m) => [m[1]!, hole]));
  const render = (key: string) => i18n.translate(locale, key, variables);
  const escape = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
  const pattern = (text: string) => text.split(hole).map((part) => escape(part).replace(/\s+/g, "\\s+")).join("[\\s\\S]*?");
  const says = Object.fromEntries(Object.entries(SAID_KEYS).map(([said, key]) => [said, new RegExp(pattern(render(key).split("\n")[0]!.trim()))])) as Record<Said, RegExp>;
  const buttons = Object.fromEntries(Object.entries(BUTTON_KEYS).map(([button, key]) => [button, new RegExp(`${pattern(render(key).trim())}$`)])) as Record<Button, RegExp>;
  return { locale, switchLanguage: null, says, buttons, typed: TYPED_ZH };
}

/** A pattern for a text with both in it, in either order. */
export function bothIn(a: RegExp | string, b: RegExp | string): RegExp {
  const source = (x: RegExp | string) => (typeof x === "string" ? x.replace(/[.*+?^${}()|[\]\\]/g, "\\$&") : x.source);
  return new RegExp(`^(?=[\\s\\S]*${source(a)})(?=[\\s\\S]*${source(b)})`);
}
