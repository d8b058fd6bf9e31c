import type { Recipient } from "../outbox/enqueue.js";
import { people } from "../storage/schema/index.js";

export const LOCALES = ["zh", "en"] as const;
export type Locale = (typeof LOCALES)[number];

/** "zh-hans", "zh-TW" → zh; "en-GB" → en; anything else → undefined (use the default). */
export function localeFromLanguageCode(code: string | null | undefined): Locale | undefined {
  const base = code?.toLowerCase().split(/[-_]/)[0];
  return LOCALES.find((l) => l === base);
}

/** The language to write to someone in; "" lets the renderer fall back to DEFAULT_LOCALE. */
export function preferredLocale(person: { locale: string | null; clientLanguage: string | null }): string {
  return person.locale ?? localeFromLanguageCode(person.clientLanguage) ?? "";
}

/** Columns every recipient query selects, so recipients are built the same way everywhere. */
export const recipientColumns = {
  personId: people.id,
  telegramId: people.telegramId,
  locale: people.locale,
  clientLanguage: people.clientLanguage,
};

export function toRecipient(row: { personId: number; telegramId: number | null; locale: string | null; clientLanguage: string | null }): Recipient | null {
  return row.telegramId === null ? null : { personId: row.personId, chatId: row.telegramId, locale: preferredLocale(row) };
}
