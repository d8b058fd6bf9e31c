import { ROLE_TARGETS, type RoleTarget } from "./policy-schema.js";

/**
 * Policies as coordinators type them, in the chat or the CLI: one level per line with its
 * targets and wait, then optional "repeat N" and "on"/"off" lines.
 *
 *   leaders police 30m
 *   supervisors 1h
 *   repeat 1
 *
 * A named person is "tg:<Telegram id>". Chinese words work too (队长 民警 30分钟, 重复 1, 停用).
 * ";" separates levels like a line break, for one-line use in the CLI.
 */
export type WrittenTarget = RoleTarget | { telegramId: number } | { person: number };

export interface WrittenPolicy {
  levels: Array<{ targets: WrittenTarget[]; waitMinutes: number }>;
  repeat?: number;
  enabled?: boolean;
}

export interface PolicyTextProblem {
  line: number;
  /** An error reason; the entry point words it ("rules.unknown_target" …). */
  reason: string;
  text: string;
}

const ALIASES: Record<string, RoleTarget> = {
  shift_leader: "shift_leader", shiftleader: "shift_leader", 带班: "shift_leader", 带班干部: "shift_leader",
  leaders: "leaders", leader: "leaders", 队长: "leaders", 队伍负责人: "leaders",
  supervisors: "supervisors", supervisor: "supervisors", 镇街: "supervisors", 督导: "supervisors",
  police: "police", 民警: "police", 警务: "police", 公安: "police",
  coordinators: "coordinators", coordinator: "coordinators", 协调办: "coordinators", 协调员: "coordinators",
};

/** "30", "30m", "30min", "2h", "30分钟", "2小时" → minutes. */
export function parseWait(word: string): number | null {
  const m = /^(\d{1,5})\s*(m|min|mins|minutes?|分钟|分|h|hours?|小时)?$/i.exec(word);
  if (!m) return null;
  const n = Number(m[1]);
  return /^(h|hours?|小时)$/i.test(m[2] ?? "") ? n * 60 : n;
}

function parseTarget(word: string): WrittenTarget | null {
  const alias = ALIASES[word.toLowerCase()];
  if (alias) return alias;
  const tg = /^tg:(\d{1,15})$/i.exec(word);
  return tg ? { telegramId: Number(tg[1]) } : null;
}

export function parsePolicyText(text: string): { ok: true; policy: WrittenPolicy } | { ok: false; problems: PolicyTextProblem[] } {
  const policy: WrittenPolicy = { levels: [] };
  const problems: PolicyTextProblem[] = [];
  text.split(/\r?\n|;/).forEach((raw, index) => {
    // "30 min" and "30 分钟" are one wait, however they were spaced.
    const line = raw.trim().replace(/^\d+[.)、]\s*/, "").replace(/(\d)\s+(minutes?|mins?|m|hours?|h|分钟|分|小时)(?=\s|$)/gi, "$1$2");
    if (!line || line.startsWith("#")) return;
    const words = line.split(/[\s,+，、]+/).filter(Boolean);
    const problem = (reason: string, word = line) => problems.push({ line: index + 1, reason, text: word });
    const first = words[0]!.toLowerCase();
    if (first === "repeat" || first === "重复") {
      const n = Number(words[1]);
      if (words.length !== 2 || !Number.isInteger(n) || n < 0 || n > 10) problem("rules.bad_repeat");
      else policy.repeat = n;
      return;
    }
    if (words.length === 1 && ["on", "off", "启用", "停用"].includes(first)) {
      policy.enabled = first === "on" || first === "启用";
      return;
    }
    const wait = words.length > 1 ? parseWait(words[words.length - 1]!) : null;
    if (wait === null) return problem("rules.missing_wait");
    if (wait < 1 || wait > 7 * 24 * 60) return problem("rules.bad_wait", words[words.length - 1]);
    const targets: WrittenTarget[] = [];
    for (const word of words.slice(0, -1)) {
      const target = parseTarget(word);
      if (!target) return problem("rules.unknown_target", word);
      targets.push(target);
    }
    policy.levels.push({ targets, waitMinutes: wait });
  });
  if (problems.length === 0 && policy.levels.length === 0) problems.push({ line: 0, reason: "rules.no_levels", text: "" });
  if (policy.levels.length > 8) problems.push({ line: 0, reason: "rules.too_many_levels", text: String(policy.levels.length) });
  return problems.length ? { ok: false, problems } : { ok: true, policy };
}

const formatWait = (minutes: number) => (minutes % 60 === 0 ? `${minutes / 60}h` : `${minutes}m`);

/** A policy (stored or just typed) in the form parsePolicyText reads; named people as tg:<id>. */
export function formatPolicyText(
  policy: { levels: Array<{ targets: WrittenTarget[]; waitMinutes: number }>; repeat?: number; enabled?: boolean },
  telegramIdOf: (personId: number) => number | null = () => null,
): string {
  const name = (t: WrittenTarget) => (typeof t === "string" ? t : "telegramId" in t ? `tg:${t.telegramId}` : `tg:${telegramIdOf(t.person) ?? `?${t.person}`}`);
  const lines = policy.levels.map((level) => `${level.targets.map(name).join(" ")} ${formatWait(level.waitMinutes)}`);
  if (policy.repeat !== undefined) lines.push(`repeat ${policy.repeat}`);
  if (policy.enabled === false) lines.push("off");
  return lines.join("\n");
}

export const isRoleTarget = (word: string): word is RoleTarget => (ROLE_TARGETS as readonly string[]).includes(word);
