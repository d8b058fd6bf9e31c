import { dateTimeFormat } from "../domain/date-format.js";
import type { Night } from "./night.js";

/** Nights named lately: a night is named in every reply about its shift. */
const named = new Map<string, string>();
const MAX_NAMED = 500;

/** "Fri 1 May" or "5月1日周五". */
export function formatNight(night: Night, locale: string): string {
  const key = `${locale} ${night}`;
  let name = named.get(key);
  if (name === undefined) {
    if (named.size >= MAX_NAMED) named.clear();
    name = nameNight(night, locale);
    named.set(key, name);
  }
  return name;
}

function nameNight(night: Night, locale: string): string {
  const date = new Date(`${night}T12:00:00Z`);
  if (locale === "en") return dateTimeFormat("en-GB", { timeZone: "UTC", weekday: "short", day: "numeric", month: "short" }).format(date);
  return dateTimeFormat("zh-CN", { timeZone: "UTC", weekday: "short", day: "numeric", month: "long" }).format(date);
}
