import { dateTimeFormat } from "../domain/date-format.js";
/**
 * Weekdays as a 7-bit mask: bit 0 = Monday … bit 6 = Sunday (ISO order, as in the rota).
 * Spreadsheets write them many ways; this reads the common ones in Chinese and English.
 */
export const ALL_WEEKDAYS = 0b1111111;

const NAMES: Record<string, number> = {
  mon: 1, monday: 1, tue: 2, tues: 2, tuesday: 2, wed: 3, wednesday: 3, thu: 4, thur: 4, thurs: 4, thursday: 4,
  fri: 5, friday: 5, sat: 6, saturday: 6, sun: 7, sunday: 7,
  一: 1, 二: 2, 三: 3, 四: 4, 五: 5, 六: 6, 日: 7, 天: 7, 七: 7,
};

const EVERY_DAY = /^(all|every ?day|daily|每天|天天|全部|全周|每日)$/i;
const WORKDAYS = /^(weekdays|workdays|工作日)$/i;
const WEEKEND = /^(weekends?|周末)$/i;

export const dayBit = (isoDay: number) => 1 << (isoDay - 1);

/** Returns the mask, or null when some part is not a weekday. An empty cell means "not given": 0. */
export function parseWeekdays(raw: string): number | null {
  const text = raw.trim();
  if (text === "") return 0;
  if (EVERY_DAY.test(text)) return ALL_WEEKDAYS;
  if (WORKDAYS.test(text)) return 0b0011111;
  if (WEEKEND.test(text)) return 0b1100000;
  let mask = 0;
  for (const token of text.split(/[\s,，、;；/|]+/).filter(Boolean)) {
    const range = /^(\d)-(\d)$/.exec(token);
    if (range) {
      const [from, to] = [Number(range[1]), Number(range[2])];
      if (from < 1 || to > 7 || from > to) return null;
      for (let d = from; d <= to; d++) mask |= dayBit(d);
      continue;
    }
    const word = token.toLowerCase().replace(/^(周|星期|礼拜)/, "");
    if (/^[1-7]$/.test(word)) {
      mask |= dayBit(Number(word));
    } else if (NAMES[word] !== undefined) {
      mask |= dayBit(NAMES[word]);
    } else if ([...word].every((ch) => NAMES[ch] !== undefined && /\p{Script=Han}/u.test(ch))) {
      // "一三五" names several days in one token
      for (const ch of word) mask |= dayBit(NAMES[ch]!);
    } else {
      return null;
    }
  }
  return mask;
}

export const hasDay = (mask: number, isoDay: number) => (mask & dayBit(isoDay)) !== 0;

export const toggleDay = (mask: number, isoDay: number) => mask ^ dayBit(isoDay);

/** Short localised names, e.g. "Mon, Wed" or "周一、周三", from the platform's own calendar data. */
export function formatWeekdays(mask: number, locale: string): string {
  const names = weekdayNames(locale).filter(({ day }) => hasDay(mask, day)).map(({ name }) => name);
  return names.join(locale === "en" ? ", " : "、");
}

/** ISO day numbers 1..7 with their short names in the given language. */
export function weekdayNames(locale: string): Array<{ day: number; name: string }> {
  const lang = locale === "en" ? "en" : "zh";
  const format = dateTimeFormat(lang, { weekday: "short", timeZone: "UTC" });
  // 2024-01-01 was a Monday.
  return [1, 2, 3, 4, 5, 6, 7].map((day) => ({ day, name: format.format(new Date(Date.UTC(2024, 0, day))) }));
}
