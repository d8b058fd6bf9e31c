import { existsSync, readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { I18n } from "@grammyjs/i18n";
import { keptAnswers } from "../domain/kept-answers.js";
import { packagePath } from "../package-path.js";
import { localeFromLanguageCode } from "../people/locale.js";
import type { DialogContext } from "./context.js";
import { ungroupNumbers } from "./i18n-numbers.js";

export const localesDirectory = packagePath("src/bot/locales");

/**
 * zh and en from Fluent files. The person's own choice (/lang) wins, then the Telegram client's
 * language, then DEFAULT_LOCALE. Isolation marks are off: Telegram shows them as stray glyphs.
 * Chinese numbers are not grouped (see i18n-numbers.ts).
 */
export function createI18n(defaultLocale: string): I18n<DialogContext> {
  const i18n = new I18n<DialogContext>({
    defaultLocale,
    fluentBundleOptions: { useIsolating: false },
    localeNegotiator: (ctx) => ctx.person?.locale ?? localeFromLanguageCode(ctx.from?.language_code) ?? defaultLocale,
  });
  i18n.loadLocalesDirSync(localesDirectory);
  ungroupNumbers(i18n.fluent);
  matchBundlesOnce(i18n.fluent);
  return i18n;
}

/**
 * The plugin negotiates the language again at every `t` call (several per reply), with the
 * bundles fixed once loaded: the answer for each requested locale is kept. Its `matchBundles` is
 * private; should a later version drop it, this does nothing and every call negotiates again.
 */
function matchBundlesOnce(fluent: I18n["fluent"]): void {
  const internals = fluent as unknown as { matchBundles?: (locales: string | string[]) => unknown };
  const match = internals.matchBundles?.bind(fluent);
  if (match) internals.matchBundles = keptAnswers(64, (locales) => String(locales), match);
}

/**
 * All Fluent source of one language: `<locale>.ftl` plus the files in `<locale>/`, one per
 * capability, the way the i18n plugin itself reads them.
 */
export function localeSource(locale: string): string {
  const folder = join(localesDirectory, locale);
  const parts = existsSync(folder) ? readdirSync(folder).filter((f) => f.endsWith(".ftl")).sort().map((f) => join(folder, f)) : [];
  return [join(localesDirectory, `${locale}.ftl`), ...parts].map((file) => readFileSync(file, "utf8")).join("\n");
}

/** Message ids defined for a locale, so callers can fall back when a specific one is absent. */
export function messageKeys(locale: string): Set<string> {
  return new Set([...localeSource(locale).matchAll(/^([a-z][a-z0-9_-]*)\s*=/gm)].map((m) => m[1]!));
}

export const availableLocales = () => readdirSync(localesDirectory).filter((f) => f.endsWith(".ftl")).map((f) => f.slice(0, -4));
