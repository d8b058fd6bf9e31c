import type { I18n } from "@grammyjs/i18n";
import type { Api} from "grammy";
import { GrammyError, HttpError, InlineKeyboard, InputFile } from "grammy";
import type { ClaimedMessage } from "../outbox/claim.js";
import type { OutboxButton, TextRef } from "../outbox/payload.js";
import type { DeliveryResult } from "../outbox/record-result.js";
import { formatWeekdays } from "../roster/weekdays.js";
import { dateTimeFormat } from "../domain/date-format.js";
import { formatNight } from "../shifts/format.js";
import type { DialogContext } from "./context.js";
import { chartPng } from "./render/chart-png.js";
import { tableFile } from "./render/table-xlsx.js";

export interface Renderer {
  text(ref: TextRef, locale: string): string;
  keyboard(rows: OutboxButton[][], locale: string): InlineKeyboard;
}

type Translate = (locale: string, key: string, args?: Record<string, string | number>) => string;

/** Turns message arguments into plain values: nested keys translated, masks and dates formatted. */
export function resolveArgs(args: TextRef["args"], lang: string, translate: Translate, timeZone: string): Record<string, string | number> {
  const resolved: Record<string, string | number> = {};
  for (const [name, value] of Object.entries(args ?? {})) {
    if (typeof value !== "object") resolved[name] = value;
    else if ("key" in value) resolved[name] = translate(lang, value.key, resolveArgs(value.args, lang, translate, timeZone));
    else if ("lines" in value) resolved[name] = value.lines.map((line) => translate(lang, line.key, resolveArgs(line.args, lang, translate, timeZone))).join(value.separator ?? "\n");
    else if ("weekdays" in value) resolved[name] = formatWeekdays(value.weekdays, lang) || "-";
    else if ("date" in value) resolved[name] = formatNight(value.date, lang);
    else if ("time" in value) resolved[name] = dateTimeFormat("en-GB", { timeZone, hour: "2-digit", minute: "2-digit", hourCycle: "h23" }).format(new Date(value.time));
    else resolved[name] = dateTimeFormat(lang === "en" ? "en-GB" : "zh-CN", { timeZone, dateStyle: "medium", timeStyle: "short" }).format(new Date(value.datetime));
  }
  return resolved;
}

export function createRenderer(i18n: I18n<DialogContext>, defaultLocale: string, timeZone: string): Renderer {
  const translate: Translate = (locale, key, args) => i18n.t(locale, key, args);
  const render = (ref: TextRef, locale: string): string => {
    const lang = locale || defaultLocale;
    return i18n.t(lang, ref.key, resolveArgs(ref.args, lang, translate, timeZone));
  };
  return {
    text: render,
    keyboard(rows, locale) {
      const keyboard = new InlineKeyboard();
      for (const row of rows) {
        for (const button of row) {
          if ("data" in button) keyboard.text(render(button.text, locale), button.data);
          else keyboard.url(render(button.text, locale), button.url);
        }
        keyboard.row();
      }
      return keyboard;
    },
  };
}

/**
 * Sends one outbox row and says what happened in the outbox's terms. It uses an Api without
 * auto-retry: the dispatcher must see every 429 to slow down all sends, not just this one.
 */
export function createDeliver(api: Api, baseRenderer: Renderer, options: { allowPaidBroadcast?: boolean } = {}) {
  // Paid broadcasts lift Telegram's limit of about 30 messages a second, for a fee in Stars.
  const paid = options.allowPaidBroadcast ? { allow_paid_broadcast: true } : {};
  const renderer = renderingOnce(baseRenderer);
  return async (message: ClaimedMessage): Promise<DeliveryResult> => {
    const { payload, chatId, locale } = message;
    try {
      switch (payload.kind) {
        case "message": {
          const sent = await api.sendMessage(chatId, renderer.text(payload.text, locale), {
            ...(payload.buttons ? { reply_markup: renderer.keyboard(payload.buttons, locale) } : {}),
            ...paid,
          });
          return { status: "sent", messageId: sent.message_id };
        }
        case "edit": {
          if (!("messageId" in payload.target)) return { status: "failed", error: "edit target unresolved" };
          await api.editMessageText(chatId, payload.target.messageId, renderer.text(payload.text, locale), {
            ...(payload.buttons ? { reply_markup: renderer.keyboard(payload.buttons, locale) } : {}),
          });
          return { status: "sent", messageId: payload.target.messageId };
        }
        case "photos": {
          const caption = payload.caption ? renderer.text(payload.caption, locale) : undefined;
          if (payload.fileIds.length === 1) {
            const sent = await api.sendPhoto(chatId, payload.fileIds[0]!, {
              ...(caption ? { caption } : {}),
              ...(payload.buttons ? { reply_markup: renderer.keyboard(payload.buttons, locale) } : {}),
              ...paid,
            });
            return { status: "sent", messageId: sent.message_id };
          }
          const album = payload.fileIds.map((media, i) => ({ type: "photo" as const, media, ...(i === 0 && caption ? { caption } : {}) }));
          const sent = await api.sendMediaGroup(chatId, album);
          return { status: "sent", messageId: sent[0]!.message_id };
        }
        case "voice": {
          const sent = await api.sendVoice(chatId, payload.fileId, payload.caption ? { caption: renderer.text(payload.caption, locale) } : {});
          return { status: "sent", messageId: sent.message_id };
        }
        case "location": {
          const sent = await api.sendLocation(chatId, payload.latitude, payload.longitude);
          return { status: "sent", messageId: sent.message_id };
        }
        case "commands": {
          const commands = payload.commands.map((command) => ({ command, description: renderer.text({ key: `cmd-${command}` }, locale) }));
          await api.setMyCommands(commands, { scope: { type: "chat", chat_id: chatId } });
          return { status: "sent" };
        }
        case "chart": {
          // Drawn now rather than when queued, so it speaks the recipient's language.
          const png = await chartPng(payload.chart, (ref) => renderer.text(ref, locale));
          const caption = payload.caption ? { caption: renderer.text(payload.caption, locale) } : {};
          const sent = await api.sendPhoto(chatId, new InputFile(png, payload.fileName), { ...caption, ...paid });
          return { status: "sent", messageId: sent.message_id };
        }
        case "document": {
          const { content } = payload;
          const bytes = "text" in content ? Buffer.from(content.text, "utf8") : await tableFile(payload.fileName, content.table, (ref) => renderer.text(ref, locale));
          const caption = payload.caption ? { caption: renderer.text(payload.caption, locale) } : {};
          const sent = await api.sendDocument(chatId, new InputFile(bytes, payload.fileName), { ...caption, ...paid });
          return { status: "sent", messageId: sent.message_id };
        }
      }
    } catch (error) {
      return classify(error);
    }
  };
}

/**
 * The copies of a broadcast share their payload objects (the outbox claim parses each distinct
 * payload once), so a text or keyboard is rendered once per language instead of once per copy:
 * at 1,000 copies a second, translating and negotiating the language was a good part of a send.
 */
function renderingOnce(renderer: Renderer): Renderer {
  return { text: oncePerLocale(renderer.text), keyboard: oncePerLocale(renderer.keyboard) };
}

function oncePerLocale<K extends object, V>(render: (key: K, locale: string) => V): (key: K, locale: string) => V {
  const rendered = new WeakMap<K, Map<string, V>>();
  return (key, locale) => {
    let byLocale = rendered.get(key);
    if (!byLocale) rendered.set(key, (byLocale = new Map()));
    let value = byLocale.get(locale);
    if (value === undefined) byLocale.set(locale, (value = render(key, locale)));
    return value;
  };
}

export function classify(error: unknown): DeliveryResult {
  if (error instanceof GrammyError) {
    const text = `${error.error_code}: ${error.description}`;
    if (error.error_code === 429) {
      return { status: "retry", error: text, retryAfterMs: (error.parameters.retry_after ?? 1) * 1000, rateLimited: true };
    }
    if (error.error_code === 403) return { status: "unreachable", error: text };
    if (/message is not modified/i.test(error.description)) return { status: "sent" };
    if (/chat not found|user is deactivated|bot was blocked/i.test(error.description)) return { status: "unreachable", error: text };
    if (error.error_code >= 500) return { status: "retry", error: text };
    return { status: "failed", error: text };
  }
  if (error instanceof HttpError) return { status: "retry", error: `network: ${error.message}` };
  return { status: "retry", error: error instanceof Error ? error.message : String(error) };
}
