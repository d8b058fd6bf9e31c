import { dateTimeFormat } from "../domain/date-format.js";
import { keptAnswers } from "../domain/kept-answers.js";
import type { Night } from "./night.js";

/** "Fri 1 May" or "5月1日周五". Kept: a night is named in every reply about its shift. */
export const formatNight = keptAnswers(500, (night: Night, locale: string) => `${locale} ${night}`, nameNight);

function nameNight(night: Night, locale: string): string {
  const date = new Date(`${night}T12:00:00Z`);
  if (locale === "en") return dateTimeFormat("en-GB", { timeZone: "UTC", weekday: "short", day: "numeric", month: "short" }).format(date);
  return dateTimeFormat("zh-CN", { timeZone: "UTC", weekday: "short", day: "numeric", month: "long" }).format(date);
}
