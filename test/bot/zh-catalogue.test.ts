import { FluentResource } from "@fluent/bundle";
import { describe, expect, it } from "vitest";
import { createRenderer } from "../../src/bot/deliver.js";
import { createI18n, localeSource } from "../../src/bot/i18n.js";
import { levelAnnouncement } from "../../src/levels/level-announcement.js";

/**
 * Every Chinese message, rendered as a volunteer, a resident or a police liaison would read it:
 * with plausible values for its placeholders, then with large numbers in all of them.
 */

const zh = new FluentResource(localeSource("zh"));
const i18n = createI18n("zh");

/** Placeholder names each message uses, read from the parsed Fluent pattern (selectors included). */
function variablesOf(node: unknown, into = new Set<string>()): Set<string> {
  if (Array.isArray(node)) for (const child of node) variablesOf(child, into);
  else if (node && typeof node === "object") {
    const record = node as Record<string, unknown>;
    if (record.type === "var" && typeof record.name === "string") into.add(record.name);
    for (const value of Object.values(record)) variablesOf(value, into);
  }
  return into;
}

/** The literal text of a pattern: what the translator wrote, without the values filled in. */
function literalText(node: unknown): string {
  if (typeof node === "string") return node;
  if (Array.isArray(node)) return node.map(literalText).join("\u0000");
  if (node && typeof node === "object") {
    const record = node as Record<string, unknown>;
    if (record.type === "select") return (record.variants as Array<{ value: unknown }>).map((v) => literalText(v.value)).join("\u0000");
    if (record.type === "str") return String(record.value);
  }
  return "\u0000";
}

const messages = zh.body.filter((m) => !m.id.startsWith("-")).map((m) => ({ key: m.id, vars: [...variablesOf(m.value)], literal: literalText(m.value) }));

/** Values as the bot fills them in: names and places in Chinese, times and dates as zh formats them. */
const SAMPLES: Record<string, string | number> = {
  team: "新兴社区志愿巡防队",
  name: "张伟",
  by: "李娜",
  visitor: "王强",
  author: "张伟",
  leader: "李娜",
  reporter: "张伟",
  names: "张伟、李娜",
  absent: "王强",
  town: "新兴街道",
  area: "新兴街道",
  where: "新兴街道 · 新兴社区志愿巡防队",
  scope: "新兴街道",
  district: "南湖区",
  date: "5月1日周六",
  night: "5月1日周六",
  from: "4月26日周一",
  to: "5月2日周日",
  when: "2027年5月1日 20:30",
  at: "2027年5月1日 20:30",
  since: "2027年5月1日 20:30",
  starts: "2027年5月1日 20:00",
  ends: "2027年5月8日 08:00",
  expires: "2027年5月31日 20:00",
  issued: "2027年5月3日 10:15",
  start: "20:00",
  end: "24:00",
  startTime: "20:00",
  endTime: "24:00",
  wasStart: "19:30",
  wasEnd: "23:30",
  time: "21:05",
  duty: "夜间巡防",
  level: "一级响应",
  status: "已接手",
  state: "已结束",
  decision: "✅ 已通过",
  verdict: "",
  out: "在岗",
  category: "⚠️ 隐患",
  kind: "隐患",
  item: "红袖章",
  weekdays: "周一、周三、周五",
  text: "菜市场后门的路灯坏了",
  details: "菜市场后门的路灯坏了",
  findings: "队员按时到岗，记录本填写完整",
  note: "已联系物业修好",
  message: "请各队加强夜间巡防",
  content: "请各队加强夜间巡防",
  body: "⚠️ 新兴社区志愿巡防队：5月1日周六 人数不足",
  caption: "路口",
  reason: "缺少姓名",
  problem: "无法识别",
  figures: "巡防 6 人 · 隐患 2 处",
  counts: "背心 8 · 帽子 8",
  totals: "背心 80 · 帽子 76",
  lines: "• 新兴社区志愿巡防队",
  items: "• NH-2027-000123 隐患",
  kept: "",
  missing: "尚未确认：王强",
  units: "各镇街：……",
  top: "🏆 表现最好的队伍",
  attention: "✅ 都已达标",
  short: "⚠️ 人数不足：新兴社区志愿巡防队",
  cause: "全区启动一级响应。",
  criterion: "人数达标",
  weights: "人数达标 40 · 有效线索 20",
  current: "带班 30分钟\n队长 1小时",
  rules: "带班 30分钟\n队长 1小时",
  audience: "所有人",
  period: "今年",
  affiliation: "党员 3 · 团员 2",
  what: "响应等级 一级响应",
  value: "下周一",
  link: "https://t.me/shouye_bot?start=t-7Kq2XM",
  ref: "NH-2027-000123",
  number: "NH-S-2027-000042",
  code: "7Kq2XM",
  phone: "13812345678",
  command: "team",
  key: "incident_tip",
  bar: "▓▓▓▓░░░░",
  pin: "yes",
  voice: "yes",
  rating: "4.5",
  spotRating: "4.2",
  hours: "12.5",
  nights: "3 晚",
  id: "1435",
  line: "1435",
};
/** Where a message uses a name for something else than most messages do. */
const SAMPLES_FOR: Record<string, Record<string, string | number>> = {
  "open-line": { missing: 2 },
  "stats-nights": { nights: 3 },
  "err-rules-too-many-levels": { text: "9" },
  "err-review-future-date": { text: "2027-06-01" },
};
const sample = (key: string, name: string): string | number => SAMPLES_FOR[key]?.[name] ?? SAMPLES[name] ?? 3;

const CJK = "\\p{Script=Han}\\u3000-\\u303f\\uff00-\\uffef";
const HALF_WIDTH_NEXT_TO_CHINESE = new RegExp(`[${CJK}][?,:;!()]|[?,:;!()][${CJK}]`, "u");
const SPACE_BETWEEN_CHINESE = new RegExp(`[${CJK}] +[${CJK}]`, "u");
const CHINESE_AT_START = new RegExp(`^[${CJK}]`, "u");
const CHINESE_AT_END = new RegExp(`[${CJK}]$`, "u");
/** Names of things that are not translated, in any Chinese text; "tg" is how /rules names one person ("tg:<id>"). */
const LATIN_ALLOWED = new Set(["Telegram", "QR", "CSV", "PDF", "PNG", "ID", "Excel", "WPS", "MB", "tg"]);
/**
 * A command to type, quoted as an example ("/specialdays 添加 2027-10-01 节假日 国庆节", or an
 * operator's option "--team 队伍编号"): its spaces and words are the syntax.
 */
const COMMAND_EXAMPLE = /“(?:\/|--)[^”]*”/g;
/** Chosen before the language is known, so it asks in both. */
const BILINGUAL = new Set(["signup-ask-language"]);

function render(key: string, args: Record<string, string | number>): string {
  return i18n.t("zh", key, args);
}

function problemsOf(message: (typeof messages)[number]): string[] {
  const args = Object.fromEntries(message.vars.map((v) => [v, sample(message.key, v)]));
  const text = render(message.key, args).replace(COMMAND_EXAMPLE, "“”");
  const problems: string[] = [];
  if (/\{\s*\$?[\w-]+\s*\}/.test(text)) problems.push(`a placeholder was left unfilled: ${text}`);

  if (!BILINGUAL.has(message.key)) {
    // Placeholder values, command names and reference numbers are not words to translate.
    let words = text;
    for (const value of Object.values(args).map(String).filter(Boolean).sort((a, b) => b.length - a.length)) words = words.split(value).join(" ");
    words = words.replace(/\/[a-z_]+/g, " ").replace(/\b[A-Z]{1,4}(?:-[A-Z0-9]+)+\b/g, " ");
    const english = [...words.matchAll(/[A-Za-z]+/g)].map((m) => m[0]).filter((w) => !LATIN_ALLOWED.has(w));
    if (english.length > 0) problems.push(`English left in it (${english.join(", ")}): ${text}`);

    const punctuation = HALF_WIDTH_NEXT_TO_CHINESE.exec(text);
    if (punctuation) problems.push(`half-width "${punctuation[0]}" in Chinese: ${text}`);
  }

  const spaced = SPACE_BETWEEN_CHINESE.exec(message.literal.replace(COMMAND_EXAMPLE, "“”"));
  if (spaced) problems.push(`a space between Chinese characters ("${spaced[0]}"): ${message.literal}`);
  for (const name of message.vars) {
    const value = String(args[name]);
    if (!value) continue;
    for (let at = text.indexOf(value); at >= 0; at = text.indexOf(value, at + 1)) {
      const before = text.slice(0, at);
      const after = text.slice(at + value.length);
      const spaceBefore = CHINESE_AT_START.test(value) && / +$/.test(before) && CHINESE_AT_END.test(before.trimEnd());
      const spaceAfter = CHINESE_AT_END.test(value) && /^ +/.test(after) && CHINESE_AT_START.test(after.trimStart());
      if (spaceBefore || spaceAfter) problems.push(`a space around {$${name}} ("${value}") in a Chinese sentence: ${text}`);
    }
  }

  // Chinese writes counts, ids and line numbers without thousands separators: "1435 字", "第 12345 行".
  const large = render(message.key, Object.fromEntries(message.vars.map((v) => [v, 12345])));
  if (/\d,\d{3}/.test(large)) problems.push(`a number with a thousands separator: ${large}`);
  return problems;
}

describe("the Chinese catalogue", () => {
  it("When the catalogue is read, then it holds every message", () => {
    expect(messages.length).toBeGreaterThan(700);
  });

  it("When every zh message is rendered with sample values, then it reads as Chinese: no English, half-width punctuation, stray spaces or grouped numbers", () => {
    const problems = messages.flatMap((m) => problemsOf(m).map((p) => `${m.key}: ${p}`));
    expect(problems).toEqual([]);
  });

  it("When a message would fail these checks, then they see it", () => {
    expect(HALF_WIDTH_NEXT_TO_CHINESE.test("对吗?")).toBe(true);
    expect(HALF_WIDTH_NEXT_TO_CHINESE.test("20:00")).toBe(false);
    expect(SPACE_BETWEEN_CHINESE.test("自 现在 起")).toBe(true);
    expect(SPACE_BETWEEN_CHINESE.test("第 1435 行")).toBe(false);
  });

  it("When a level changes, then the notice reads as an official one: at once or from a time, the headcount, until further notice or an end", () => {
    const renderer = createRenderer(i18n, "zh", "Asia/Shanghai");
    const notice = (a: Partial<Parameters<typeof levelAnnouncement>[0]>) =>
      renderer.text(levelAnnouncement({ level: "level1", area: { key: "status-district" }, startsAt: null, endsAt: null, headcount: 8, message: null, ...a }), "zh");
    expect(notice({})).toBe("🛡 响应等级调整通知\n全区自即时起启动一级响应（巡防人数增至每队 8 人），解除时间另行通知。");
    expect(notice({ level: "heightened", area: "新丰镇", startsAt: new Date("2027-10-01T12:00:00Z"), endsAt: new Date("2027-10-08T00:00:00Z"), headcount: null })).toBe(
      "🛡 响应等级调整通知\n新丰镇自 2027年10月1日 20:00 起启动加强（二级）响应（各队按本队加强（二级）人数安排巡防），至 2027年10月8日 08:00 结束。",
    );
    expect(notice({ level: "normal", headcount: 4, message: "感谢各位志愿者连日来的辛勤付出。" })).toBe(
      "🛡 响应等级调整通知\n全区自即时起恢复常态巡防（巡防人数恢复为每队 4 人）。\n\n感谢各位志愿者连日来的辛勤付出。",
    );
  });
});
