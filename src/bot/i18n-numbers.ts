import { FluentNumber, type FluentVariable } from "@fluent/bundle";
import type { Fluent } from "@grammyjs/i18n";

/** Locales whose counts, ids and line numbers are written without thousands separators. */
const UNGROUPED_LOCALES = new Set(["zh"]);

/**
 * Chinese writes "1000 字", "第 1435 行", "15000 人", while Fluent formats every number argument
 * with Intl's grouping ("1,000"). Rather than asking each of several hundred zh placeholders for
 * NUMBER($n, useGrouping: 0) (note: `useGrouping: "false"`, the usual spelling, still groups since
 * Intl.NumberFormat v3 reads the string "false" as "use the default"), numbers given to a zh
 * message are wrapped here once, for ctx.t and the outbox renderer alike. They stay numbers, so
 * Fluent's plural and numeric selectors still match them.
 */
export function ungroupNumbers(fluent: Fluent): void {
  const translate = fluent.translate.bind(fluent);
  fluent.translate = (locales, path, context) => {
    const locale = Array.isArray(locales) ? locales[0] : locales;
    return translate(locales, path, context && locale && UNGROUPED_LOCALES.has(locale) ? ungrouped(context) : context);
  };
}

function ungrouped<K extends string>(context: Record<K, FluentVariable>): Record<K, FluentVariable> {
  const result = { ...context };
  for (const name in result) {
    const value = result[name];
    if (typeof value === "number") result[name] = new FluentNumber(value, { useGrouping: false });
  }
  return result;
}
