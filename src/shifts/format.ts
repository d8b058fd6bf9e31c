import type { Night } from "./night.js";

/** "Fri 1 May" or "5月1日周五". */
export function formatNight(night: Night, locale: string): string {
  const date = new Date(`${night}T12:00:00Z`);
  if (locale === "en") return new Intl.DateTimeFormat("en-GB", { timeZone: "UTC", weekday: "short", day: "numeric", month: "short" }).format(date);
  return new Intl.DateTimeFormat("zh-CN", { timeZone: "UTC", weekday: "short", day: "numeric", month: "long" }).format(date);
}
