/**
 * Reads the night's figures out of a duty log written the way leaders talk in a chat, in Chinese
 * or English: "6人巡逻，发现隐患2处，帮助群众1人", "6 on patrol, 2 hazards, helped 1". Only what is
 * said clearly is taken; times, dates and phone numbers are never counts, and "no hazards" or
 * "无隐患" is a zero.
 */
export const LOG_COUNTS = ["onPatrol", "hazards", "tips", "helped", "disputes"] as const;
export type LogCountKind = (typeof LOG_COUNTS)[number];
export type LogCounts = Partial<Record<LogCountKind, number>>;

const ZH_DIGITS: Record<string, number> = { 零: 0, 〇: 0, 一: 1, 二: 2, 两: 2, 三: 3, 四: 4, 五: 5, 六: 6, 七: 7, 八: 8, 九: 9 };

/** "12", "十二", "二十", "两" → a number; undefined when it is not one. */
export function readNumber(text: string): number | undefined {
  if (/^\d{1,4}$/.test(text)) return Number(text);
  if (!/^[零〇一二两三四五六七八九十百]{1,5}$/.test(text)) return undefined;
  let total = 0;
  let digit = 0;
  for (const ch of text) {
    if (ch === "百") {
      total += (digit || 1) * 100;
      digit = 0;
    } else if (ch === "十") {
      total += (digit || 1) * 10;
      digit = 0;
    } else digit = ZH_DIGITS[ch]!;
  }
  return total + digit;
}

const N = "(?:共计|共|总计)?\\s*(?<!\\d)(\\d{1,4}(?!\\d)|[零〇一二两三四五六七八九十百]{1,5})";
/** A number not glued to a time, a date or a longer number. */
const EN_N = "(?<![\\d:./-])(\\d{1,4}|no|zero|one|two|three|four|five|six|seven|eight|nine|ten)(?![\\d:/-]|\\.\\d)";
const EN_WORDS: Record<string, number> = { no: 0, zero: 0, one: 1, two: 2, three: 3, four: 4, five: 5, six: 6, seven: 7, eight: 8, nine: 9, ten: 10 };

/** Patterns per count; the first group of each is the number. Written as leaders write them. */
const PATTERNS: Record<LogCountKind, RegExp[]> = {
  onPatrol: [
    new RegExp(`${N}\\s*(?:人|名)(?:参加|参与|上岗|出勤)?(?:夜间)?巡(?:逻|防)`),
    new RegExp(`(?:巡逻|巡防|上岗|出勤)(?:人员|人数)?[:：]?\\s*${N}\\s*(?:人|名)`),
    new RegExp(`${EN_N}\\s+(?:people\\s+|volunteers\\s+|of us\\s+)?(?:on patrol|patrolled|on duty|out)\\b`, "i"),
    new RegExp(`\\b(?:patrol(?:led)?|on duty)\\s*(?:with|:)?\\s*${EN_N}\\b`, "i"),
  ],
  hazards: [
    new RegExp(`(?:发现|排查|整改)?(?:安全)?隐患\\s*${N}\\s*(?:处|个|起|条)?`),
    new RegExp(`${N}\\s*(?:处|个)(?:安全)?隐患`),
    new RegExp(`${EN_N}\\s+(?:safety\\s+)?hazards?\\b`, "i"),
    new RegExp(`\\bhazards?(?:\\s+found)?\\s*:?\\s*${EN_N}`, "i"),
  ],
  tips: [
    new RegExp(`(?:提供|上报|收集|发现)?(?:治安)?线索\\s*${N}\\s*(?:条|个|起)?`),
    new RegExp(`${N}\\s*(?:条|个)(?:治安)?线索`),
    new RegExp(`${EN_N}\\s+(?:police\\s+)?(?:tips?|leads?)\\b`, "i"),
    new RegExp(`\\btips?\\s*:?\\s*${EN_N}`, "i"),
  ],
  helped: [
    new RegExp(`(?:帮助|帮扶|救助|服务)(?:群众|居民|村民|路人)?\\s*${N}\\s*(?:人次|人|名|位)`),
    new RegExp(`\\bhelped\\s+${EN_N}(?:\\s+(?:people|persons|residents))?`, "i"),
    new RegExp(`${EN_N}\\s+(?:people|persons|residents)\\s+helped\\b`, "i"),
  ],
  disputes: [
    new RegExp(`(?:调解|化解|劝解)(?:矛盾)?纠纷\\s*${N}\\s*(?:起|件|次|个)?`),
    new RegExp(`${N}\\s*(?:起|件)(?:矛盾)?纠纷`),
    new RegExp(`\\bmediated\\s+${EN_N}(?:\\s+disputes?)?`, "i"),
    new RegExp(`${EN_N}\\s+disputes?(?:\\s+(?:mediated|settled|resolved))?\\b`, "i"),
  ],
};

/** Saying there were none: "无隐患", "没有发现隐患", "no hazards". */
const NONE: Partial<Record<LogCountKind, RegExp>> = {
  hazards: /(?:无|没有|未发现)(?:发现)?(?:安全)?隐患|\bno\s+hazards?\b/i,
  tips: /(?:无|没有)(?:发现)?(?:治安)?线索|\bno\s+tips?\b/i,
  disputes: /(?:无|没有)(?:发生)?(?:矛盾)?纠纷|\bno\s+disputes?\b/i,
};

export function parseLogCounts(text: string): LogCounts {
  const counts: LogCounts = {};
  for (const kind of LOG_COUNTS) {
    for (const pattern of PATTERNS[kind]) {
      const match = pattern.exec(text);
      const raw = match?.[1];
      if (raw === undefined) continue;
      const value = readNumber(raw) ?? EN_WORDS[raw.toLowerCase()];
      if (value !== undefined && value <= 500) {
        counts[kind] = value;
        break;
      }
    }
    if (counts[kind] === undefined && NONE[kind]?.test(text)) counts[kind] = 0;
  }
  return counts;
}
