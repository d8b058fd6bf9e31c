import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { I18n } from "@grammyjs/i18n";
import { localeFromLanguageCode } from "../people/locale.js";
import type { DialogContext } from "./context.js";

export const localesDirectory = fileURLToPath(new URL("./locales", import.meta.url));

/**
 * zh and en from Fluent files. The person's own choice (/lang) wins, then the Telegram client's
 * language, then DEFAULT_LOCALE. Isolation marks are off: Telegram shows them as stray glyphs.
 */
export function createI18n(defaultLocale: string): I18n<DialogContext> {
  const i18n = new I18n<DialogContext>({
    defaultLocale,
    fluentBundleOptions: { useIsolating: false },
    localeNegotiator: (ctx) => ctx.person?.locale ?? localeFromLanguageCode(ctx.from?.language_code) ?? defaultLocale,
  });
  i18n.loadLocalesDirSync(localesDirectory);
  return i18n;
}

/** Message ids defined in a locale file, so callers can fall back when a specific one is absent. */
export function messageKeys(locale: string): Set<string> {
  const source = readFileSync(join(localesDirectory, `${locale}.ftl`), "utf8");
  return new Set([...source.matchAll(/^([a-z][a-z0-9_-]*)\s*=/gm)].map((m) => m[1]!));
}

export const availableLocales = () => readdirSync(localesDirectory).filter((f) => f.endsWith(".ftl")).map((f) => f.slice(0, -4));
