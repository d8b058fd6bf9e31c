import type {
  ForceReply,
  InlineKeyboardButton,
  InlineKeyboardMarkup,
  KeyboardButton,
  ReplyKeyboardMarkup,
  ReplyKeyboardRemove,
} from "grammy/types";
import { badRequest } from "./errors.js";

export type AnyMarkup = InlineKeyboardMarkup | ReplyKeyboardMarkup | ReplyKeyboardRemove | ForceReply;
export type ButtonMatcher = string | RegExp;

const INLINE_ACTIONS = [
  "url", "callback_data", "web_app", "login_url", "switch_inline_query", "switch_inline_query_current_chat",
  "switch_inline_query_chosen_chat", "copy_text", "callback_game", "pay",
] as const;

/** Rejects keyboards the real API rejects; bots only learn about these at runtime. */
export function validateMarkup(markup: unknown, inlineOnly: boolean): AnyMarkup | undefined {
  if (markup === undefined) return undefined;
  if (typeof markup !== "object" || markup === null) throw badRequest("can't parse reply keyboard markup JSON object");
  if ("inline_keyboard" in markup) {
    validateInline(markup.inline_keyboard);
    return markup as InlineKeyboardMarkup;
  }
  if (inlineOnly) throw badRequest("inline keyboard expected");
  if ("keyboard" in markup) {
    const rows = markup.keyboard;
    if (!Array.isArray(rows) || rows.some((row) => !Array.isArray(row))) {
      throw badRequest("field \"keyboard\" of the ReplyKeyboardMarkup must be an Array of Arrays");
    }
    for (const button of rows.flat() as unknown[]) {
      const text = typeof button === "string" ? button : (button as { text?: unknown } | null)?.text;
      if (typeof text !== "string" || text.length === 0) throw badRequest("keyboard button text must be non-empty");
    }
    return markup as ReplyKeyboardMarkup;
  }
  if ("remove_keyboard" in markup || "force_reply" in markup) return markup as ReplyKeyboardRemove | ForceReply;
  throw badRequest("can't parse reply keyboard markup JSON object");
}

function validateInline(rows: unknown): void {
  if (!Array.isArray(rows) || rows.some((row) => !Array.isArray(row))) {
    throw badRequest("field \"inline_keyboard\" of the InlineKeyboardMarkup must be an Array of Arrays");
  }
  for (const button of rows.flat() as Record<string, unknown>[]) {
    if (typeof button !== "object" || button === null || typeof button["text"] !== "string") {
      throw badRequest("can't parse inline keyboard button: Text buttons are unallowed in the inline keyboard");
    }
    if (!INLINE_ACTIONS.some((action) => action in button)) {
      throw badRequest("can't parse inline keyboard button: Text buttons are unallowed in the inline keyboard");
    }
    const data = button["callback_data"];
    if (data !== undefined) {
      const bytes = typeof data === "string" ? Buffer.byteLength(data, "utf8") : 0;
      if (bytes < 1 || bytes > 64) throw badRequest("BUTTON_DATA_INVALID");
    }
    const url = button["url"];
    if (url !== undefined && !isButtonUrl(url)) {
      throw badRequest(`inline keyboard button URL '${String(url)}' is invalid: Wrong HTTP URL`);
    }
  }
}

function isButtonUrl(url: unknown): boolean {
  if (typeof url !== "string") return false;
  try {
    return ["http:", "https:", "tg:"].includes(new URL(url).protocol);
  } catch {
    return false;
  }
}

export function inlineButtons(markup: unknown): InlineKeyboardButton[] {
  if (typeof markup !== "object" || markup === null || !("inline_keyboard" in markup)) return [];
  return (markup as InlineKeyboardMarkup).inline_keyboard.flat();
}

export type ReplyButton = Exclude<KeyboardButton, string>;

export function replyButtons(markup: ReplyKeyboardMarkup): ReplyButton[] {
  return markup.keyboard.flat().map((button) => (typeof button === "string" ? { text: button } : button));
}

export function describeButtons(buttons: { text: string }[]): string {
  return buttons.length ? buttons.map((button) => `[${button.text}]`).join(" ") : "(no buttons)";
}

/** Exact text, else a RegExp match, else a unique substring; a miss lists what was there. */
export function findButton<T extends { text: string }>(buttons: T[], matcher: ButtonMatcher, where: string): T {
  const exact = buttons.filter((button) =>
    typeof matcher === "string" ? button.text === matcher : new RegExp(matcher.source, matcher.flags.replace("g", "")).test(button.text),
  );
  const candidates = exact.length || typeof matcher !== "string" ? exact : buttons.filter((b) => b.text.includes(matcher));
  if (candidates.length === 1) return candidates[0] as T;
  const problem = candidates.length === 0 ? "no button matches" : `${candidates.length} buttons match`;
  throw new Error(`${where}: ${problem} ${String(matcher)}; buttons: ${describeButtons(buttons)}`);
}
