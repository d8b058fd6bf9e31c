import { readdirSync, readFileSync } from "node:fs";
import { join, relative } from "node:path";
import { describe, expect, it } from "vitest";
import { BUTTON_NAMESPACES } from "../../src/bot/button-namespaces.js";

const SRC = join(import.meta.dirname, "../../src");

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return sourceFiles(path);
    return entry.name.endsWith(".ts") ? [path] : [];
  });
}

const NS = "([a-z]{1,8})(?=[:\"`$])";
/** Where code reads callback data: handler and dialog patterns, a dialog's namespace, comparisons. */
const READS = [
  new RegExp(`/\\^${NS}`, "g"), // callbackQuery(/^rb:(\d+)$/), choose(…, /^bd:a:…$/), /^su:(a|r)/.exec
  new RegExp(`new RegExp\\(\`\\^${NS}`, "g"), // new RegExp(`^kt:${action}…`)
  new RegExp(`callbackQuery\\("${NS}`, "g"), // callbackQuery("rn"), callbackQuery("bc:done")
  /"([a-z]{1,8}):"/g, // a dialog's namespace: nextInput(conversation, "kd:"), const BUTTONS = "sg:"
  new RegExp(`data\\s*===\\s*["\`]${NS}`, "g"), // u.callbackQuery.data === "rep:done"
];
/** Where code writes callback data: keyboard buttons and outbox buttons. */
const WRITES = [
  new RegExp(`\\.text\\((?:[^()]|\\((?:[^()]|\\([^()]*\\))*\\))*?,\\s*["\`]${NS}`, "g"), // keyboard.text(label, `rb:${id}`)
  new RegExp(`\\b(?:callback_)?data: ["\`]${NS}`, "g"), // { text, data: `sh:c:${id}` }
  new RegExp(`Data = \\([^)]*\\) => \`${NS}`, "g"), // ackData = (id) => `bc:a:${id}`
];

/** Readers are the bot's; buttons are also built by domain verbs (cards, boards, reminders). */
function found(patterns: RegExp[], dir: string): Map<string, Set<string>> {
  const byNamespace = new Map<string, Set<string>>();
  for (const path of sourceFiles(dir)) {
    const text = readFileSync(path, "utf8");
    for (const pattern of patterns) {
      for (const match of text.matchAll(pattern)) {
        const files = byNamespace.get(match[1]!) ?? new Set<string>();
        files.add(relative(SRC, path));
        byNamespace.set(match[1]!, files);
      }
    }
  }
  return byNamespace;
}

const owners = new Map<string, { feature: string; readers: readonly string[] }>();
for (const [feature, { namespaces, readers }] of Object.entries(BUTTON_NAMESPACES)) {
  for (const ns of namespaces) if (!owners.has(ns)) owners.set(ns, { feature, readers });
}

describe("button namespaces", () => {
  it("When two features claim the same namespace, then this fails", () => {
    const claims = Object.entries(BUTTON_NAMESPACES).flatMap(([feature, { namespaces }]) => namespaces.map((ns) => `${ns} (${feature})`));
    const namespaces = claims.map((c) => c.split(" ")[0]);
    expect(claims.filter((_, i) => namespaces.indexOf(namespaces[i]) !== i), "claimed twice").toEqual([]);
  });

  it("When code reads a namespace outside the files of the feature that owns it, then this fails", () => {
    const strays: string[] = [];
    for (const [ns, files] of found(READS, join(SRC, "bot"))) {
      const owner = owners.get(ns);
      for (const file of files) if (!owner?.readers.includes(file)) strays.push(`${ns}: read in ${file}, ${owner ? `owned by ${owner.feature}` : "not in button-namespaces.ts"}`);
    }
    expect(strays).toEqual([]);
  });

  it("When a button is built with data in no registered namespace, then this fails", () => {
    const unknown = [...found(WRITES, SRC)].filter(([ns]) => !owners.has(ns)).map(([ns, files]) => `${ns}: ${[...files].join(", ")}`);
    expect(unknown).toEqual([]);
  });

  it("When the registry names a namespace or a reader, then the code reads it there, so the registry stays true", () => {
    const reads = found(READS, join(SRC, "bot"));
    const unused: string[] = [];
    for (const [feature, { namespaces, readers }] of Object.entries(BUTTON_NAMESPACES)) {
      for (const ns of namespaces) if (!reads.has(ns)) unused.push(`${feature}: ${ns} is read nowhere`);
      for (const file of readers) if (!namespaces.some((ns) => reads.get(ns)?.has(file))) unused.push(`${feature}: ${file} reads none of ${namespaces.join(", ")}`);
    }
    expect(unused).toEqual([]);
  });
});
