import { readNumber } from "../logs/parse-log-counts.js";
import { KIT_ITEMS, QUANTITY_MAX, type KitCounts, type KitItem } from "./kit-items.js";

/**
 * Reads a team's kit counts from one message, the way leaders write them: "背心8 帽子8 袖章8
 * 急救包1 日志本1", "反光背心10件，帽子十顶", "背心、帽子、袖章各8件", "vests 8, caps 8, first aid 1",
 * "8 vests, 8 caps and a logbook", "no first aid kit". Only counts tied to an item are taken:
 * dates, times, team numbers, headcounts ("8人") and phone numbers are never counts.
 */

/** Item words, longest first; English ones are whole words. */
const ITEMS: Record<KitItem, RegExp> = {
  vest: /(?:反光)?(?:背心|马甲)|反光衣|(?:hi-?vis(?:ibility)?|reflective|safety)\s+vests?\b|vests?\b|waistcoats?\b/iy,
  cap: /巡逻帽|帽子|帽|caps?\b|hats?\b/iy,
  armband: /红?袖(?:章|标)|臂章|(?:red\s+)?arm\s?bands?\b|sleeve\s+badges?\b/iy,
  first_aid_kit: /急救(?:包|箱|用品)|医?药箱|first[-\s]?aid(?:\s+(?:kits?|box(?:es)?|bags?))?\b|medical\s+kits?\b|med\s?kits?\b/iy,
  logbook: /(?:值班)?(?:记录|日志)本|值班(?:日志|本)|日志|台账|(?:duty\s+)?log\s?books?\b|duty\s+logs?\b|logs?\b/iy,
};
const EACH = /各|每样|均|都|each\b|apiece\b/iy;
const DIGITS = /\d+/y;
const ZH_NUMERAL = /[零〇一二两三四五六七八九十百]{1,4}/y;
const EN_NUMBER = /(zero|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|an?|no|none)\b/iy;
const ZERO_ZH = /没有|没了|无/y;
const EN_WORDS: Record<string, number> = { zero: 0, no: 0, none: 0, a: 1, an: 1, one: 1, two: 2, three: 3, four: 4, five: 5, six: 6, seven: 7, eight: 8, nine: 9, ten: 10, eleven: 11, twelve: 12 };

/** After a number, these make it a date, a time, a headcount or a team, not a quantity. */
const NOT_A_QUANTITY_AFTER = /^(?:[:：/.\-]\d|\s*[月日号点时年分秒队组人名岁元块%页天次晚周]|\s*(?:小时|分钟)|\s*(?:am|pm|h|hrs?|min|minutes?|hours?|people|persons|volunteers|members|of us|on patrol|st|nd|rd|th)\b)/i;
const NOT_A_QUANTITY_BEFORE = /(?:[第#№]|\d[:：/.\-]|\b(?:team|no\.?|number|tel|phone)\s*)$/i;
/** Measure words that follow a Chinese count: 八件, 十顶, 一本. */
const MEASURE = /^[件个顶只条本套副盒箱份]/;

type Token = { kind: "item"; item: KitItem; start: number; end: number } | { kind: "num"; value: number; start: number; end: number; adjacentOnly: boolean } | { kind: "each"; start: number; end: number };

const isLetter = (ch: string | undefined) => ch !== undefined && /[a-z]/i.test(ch);

function match(re: RegExp, text: string, at: number): string | null {
  re.lastIndex = at;
  const m = re.exec(text);
  return m ? m[0] : null;
}

/** The item word at `at`, if one starts there. An English word starts at a word boundary: "hats" in "whats" is no item. */
function itemAt(text: string, at: number): { item: KitItem; length: number } | null {
  const wordStart = !isLetter(text[at - 1]);
  for (const item of KIT_ITEMS) {
    const m = match(ITEMS[item], text, at);
    if (m !== null && (wordStart || !isLetter(m[0]))) return { item, length: m.length };
  }
  return null;
}

/** Whether a number ending at `end` is a date, a time, a headcount…: "5月", "20:00", "8人". "1日志本" is a count of logbooks. */
const notAQuantityAfter = (text: string, end: number) => NOT_A_QUANTITY_AFTER.test(text.slice(end)) && itemAt(text, end + (/^\s*/.exec(text.slice(end))?.[0].length ?? 0)) === null;

function tokenize(text: string): Token[] {
  const tokens: Token[] = [];
  let at = 0;
  while (at < text.length) {
    const wordStart = !isLetter(text[at - 1]);
    const item = itemAt(text, at);
    if (item) {
      tokens.push({ kind: "item", item: item.item, start: at, end: at + item.length });
      at += item.length;
      continue;
    }
    const digits = match(DIGITS, text, at);
    if (digits) {
      const end = at + digits.length;
      const quantity = digits.length <= 3 && !notAQuantityAfter(text, end) && !NOT_A_QUANTITY_BEFORE.test(text.slice(0, at).replace(/[x×*]\s*$/i, ""));
      if (quantity) tokens.push({ kind: "num", value: Number(digits), start: at, end, adjacentOnly: false });
      at = end;
      continue;
    }
    const numeral = match(ZH_NUMERAL, text, at);
    const zero = numeral ? null : match(ZERO_ZH, text, at);
    const zh = numeral ?? zero;
    if (zh) {
      const end = at + zh.length;
      // "统一" and "一起" hold a 一 that is no count: a numeral counts before a measure word or beside an item, "没有" only beside one.
      const adjacentOnly = zero !== null || !MEASURE.test(text.slice(end));
      if (!notAQuantityAfter(text, end)) tokens.push({ kind: "num", value: numeral ? (readNumber(numeral) ?? 0) : 0, start: at, end, adjacentOnly });
      at = end;
      continue;
    }
    const word = wordStart ? match(EN_NUMBER, text, at) : null;
    if (word) {
      const lower = word.toLowerCase();
      // "a", "an", "no" and "none" only count right beside an item: "a logbook", "first aid: none".
      tokens.push({ kind: "num", value: EN_WORDS[lower]!, start: at, end: at + word.length, adjacentOnly: ["a", "an", "no", "none"].includes(lower) });
      at += word.length;
      continue;
    }
    const each = wordStart || !isLetter(text[at]) ? match(EACH, text, at) : null;
    if (each) {
      tokens.push({ kind: "each", start: at, end: at + each.length });
      at += each.length;
      continue;
    }
    at += 1;
  }
  return tokens;
}

/** Nothing but spaces, a colon or an equals sign between two tokens. */
const touching = (text: string, a: Token, b: Token) => /^[\s:：=]*$/.test(text.slice(a.end, b.start));

export function parseKitCounts(text: string): KitCounts {
  const all = tokenize(text);
  const tokens = all.filter((t, i) => {
    if (t.kind !== "num" || !t.adjacentOnly) return true;
    const before = all[i - 1];
    const after = all[i + 1];
    return (before?.kind === "item" && touching(text, before, t)) || (after?.kind === "item" && touching(text, t, after));
  });
  const counts: KitCounts = {};
  const claimed = new Set<Token>();
  const set = (item: KitItem, num: Token & { kind: "num" }) => {
    claimed.add(num);
    if (num.value <= QUANTITY_MAX) counts[item] = num.value;
  };

  // "背心、帽子、袖章各8件", "vests, caps and armbands 8 each": one count for a run of items.
  for (let i = 0; i < tokens.length; i++) {
    let j = i;
    while (tokens[j]?.kind === "item") j++;
    if (j - i < 2) continue;
    const [a, b] = [tokens[j], tokens[j + 1]];
    const num = a?.kind === "each" && b?.kind === "num" ? b : a?.kind === "num" && b?.kind === "each" ? a : null;
    if (num?.kind === "num") {
      for (const t of tokens.slice(i, j)) {
        if (t.kind !== "item") continue;
        claimed.add(t);
        set(t.item, num);
      }
    }
    i = j;
  }

  // Leaders write either "背心8" or "8 vests": the first of item or count says which.
  const first = tokens.find((t) => (t.kind === "item" || t.kind === "num") && !claimed.has(t));
  const countFirst = first?.kind === "num";
  tokens.forEach((t, i) => {
    if (t.kind !== "item" || claimed.has(t)) return;
    const after: Token[] = [];
    for (let k = i + 1; k < tokens.length && tokens[k]!.kind !== "item"; k++) after.push(tokens[k]!);
    const before: Token[] = [];
    for (let k = i - 1; k >= 0 && tokens[k]!.kind !== "item"; k--) before.push(tokens[k]!);
    const free = (list: Token[]) => list.find((x): x is Token & { kind: "num" } => x.kind === "num" && !claimed.has(x));
    const num = countFirst ? (free(before) ?? free(after)) : (free(after) ?? free(before));
    if (num) set(t.item, num);
  });
  return counts;
}
