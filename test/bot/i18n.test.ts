import { readdirSync, readFileSync, statSync } from "node:fs";
import { join, resolve } from "node:path";
import { describe, expect, it } from "vitest";
import { BASE_COMMANDS, commandsFor } from "../../src/access/command-menu.js";
import { availableLocales, localeSource, messageKeys } from "../../src/bot/i18n.js";

const src = resolve(import.meta.dirname, "../../src");

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? sourceFiles(path) : path.endsWith(".ts") ? [path] : [];
  });
}

/** Each message id with the variables it uses, e.g. card-signup → {team, name, phone, weekdays}. */
function messages(locale: string): Map<string, Set<string>> {
  const source = localeSource(locale);
  const result = new Map<string, Set<string>>();
  let current: string | null = null;
  for (const line of source.split("\n")) {
    const head = /^([a-z][a-z0-9_-]*)\s*=/.exec(line);
    if (head) result.set((current = head[1]!), new Set());
    else if (!/^\s/.test(line)) current = null;
    if (current) for (const m of line.matchAll(/\{\s*\$([a-zA-Z]+)\s*\}/g)) result.get(current)!.add(m[1]!);
  }
  return result;
}

describe("translations", () => {
  const locales = availableLocales();

  it("When the bot ships, then it speaks exactly zh and en", () => {
    expect(locales.sort()).toEqual(["en", "zh"]);
  });

  it("When a message exists in one language, then it exists in the other with the same variables", () => {
    const [en, zh] = [messages("en"), messages("zh")];
    expect([...en.keys()].sort()).toEqual([...zh.keys()].sort());
    for (const [key, vars] of en) expect([...zh.get(key)!].sort(), key).toEqual([...vars].sort());
  });

  it("When code names a message, then that message exists", () => {
    const keys = messageKeys("en");
    const missing: string[] = [];
    for (const file of sourceFiles(src)) {
      const code = readFileSync(file, "utf8");
      for (const m of code.matchAll(/\b(?:t|translate)\(\s*"([a-z][a-z0-9-]*)"/g)) if (!keys.has(m[1]!)) missing.push(`${m[1]} (${file})`);
      for (const m of code.matchAll(/key: "([a-z][a-z0-9-]*)"/g)) if (!keys.has(m[1]!)) missing.push(`${m[1]} (${file})`);
    }
    expect(missing).toEqual([]);
  });

  it("When a command appears in any menu, then it has a description", () => {
    const keys = messageKeys("zh");
    const everything = commandsFor({
      personId: 1,
      teamIds: [1],
      grants: [
        { role: "coordinator", teamId: null, townId: null },
        { role: "leader", teamId: 1, townId: null },
        { role: "supervisor", teamId: null, townId: 1 },
      ],
    });
    for (const command of [...BASE_COMMANDS, ...everything, "cancel"]) expect(keys.has(`cmd-${command}`), command).toBe(true);
  });
});
