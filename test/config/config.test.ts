import { spawn } from "node:child_process";
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { describe, expect, it } from "vitest";
import { configSchema, parseConfig } from "../../src/config/config.js";
import { startFakeTelegram } from "../../src/sandbox/telegram/index.js";

const root = resolve(import.meta.dirname, "../..");
const tsx = join(root, "node_modules/.bin/tsx");
const main = join(root, "src/main.ts");

/** Runs `npm start`'s entry point as a separate process in an empty directory. */
function start(env: Record<string, string>, files: Record<string, string> = {}): Promise<{ code: number | null; stderr: string; stdout: string }> {
  const cwd = mkdtempSync(join(tmpdir(), "shouye-config-"));
  for (const [name, content] of Object.entries(files)) writeFileSync(join(cwd, name), content);
  return new Promise((done) => {
    const child = spawn(tsx, [main], { cwd, env: { PATH: process.env.PATH ?? "", HOME: process.env.HOME ?? "", ...env } });
    let stderr = "";
    let stdout = "";
    child.stderr.on("data", (d) => (stderr += d));
    child.stdout.on("data", (d) => (stdout += d));
    child.on("close", (code) => done({ code, stderr, stdout }));
  });
}

describe("configuration", () => {
  it("When values are invalid, then the bot exits with code 2 and one readable line per problem, no stack trace", async () => {
    const { code, stderr } = await start({ TELEGRAM_BOT_TOKEN: "not-a-token", BOT_TIMEZONE: "Mars/Olympus", DEFAULT_LOCALE: "fr", PORT: "http", WEBHOOK_URL: "https://example.org/hook" });
    expect(code).toBe(2);
    const lines = stderr.trim().split("\n");
    expect(lines.some((l) => /^\s+TELEGRAM_BOT_TOKEN: does not look like a bot token/.test(l))).toBe(true);
    expect(lines.some((l) => /^\s+BOT_TIMEZONE: is not an IANA time zone/.test(l))).toBe(true);
    expect(lines.some((l) => /^\s+DEFAULT_LOCALE: /.test(l))).toBe(true);
    expect(lines.some((l) => /^\s+PORT: /.test(l))).toBe(true);
    expect(lines.some((l) => /^\s+WEBHOOK_SECRET: is required when WEBHOOK_URL is set/.test(l))).toBe(true);
    expect(stderr).not.toMatch(/\n\s+at /);
  });

  it("When a .env file is present, then it is read, and the real environment wins over it", async () => {
    const { code, stderr } = await start({ DEFAULT_LOCALE: "de" }, { ".env": "TELEGRAM_BOT_TOKEN=123:abc\nDEFAULT_LOCALE=en\nLOG_LEVEL=loud\n" });
    expect(code).toBe(2);
    expect(stderr).not.toContain("TELEGRAM_BOT_TOKEN");
    expect(stderr).toContain("LOG_LEVEL");
    expect(stderr).toContain("DEFAULT_LOCALE");
  });

  it("When the database cannot be reached, then the bot says which setting to fix, in one line", async () => {
    const { code, stderr } = await start({ TELEGRAM_BOT_TOKEN: "123:abc", DATABASE_URL: "postgres://postgres@127.0.0.1:1/none" });
    expect(code).toBe(2);
    expect(stderr).toMatch(/^\s+DATABASE_URL: cannot connect to the database \(ECONNREFUSED/m);
    expect(stderr).not.toMatch(/\n\s+at /);
  });

  it("When Telegram rejects the token, then the bot says so in one line", async () => {
    const fake = await startFakeTelegram();
    try {
      const { code, stderr } = await start({ TELEGRAM_BOT_TOKEN: "999:wrong", TELEGRAM_API_ROOT: fake.apiRoot, PORT: "0", HOST: "127.0.0.1", DATA_DIR: "./data" });
      expect(code).toBe(2);
      expect(stderr).toMatch(/^\s+TELEGRAM_BOT_TOKEN: Telegram rejected the token \(401/m);
    } finally {
      await fake.close();
    }
  }, 60_000);

  it("When the configuration has a variable, then .env.example lists it with a comment, and lists nothing else", () => {
    const example = readFileSync(join(root, ".env.example"), "utf8").split("\n");
    const listed = example.map((line, i) => ({ name: /^([A-Z_]+)=/.exec(line)?.[1], i })).filter((l) => l.name);
    expect(listed.map((l) => l.name).sort()).toEqual(Object.keys(configSchema.shape).sort());
    for (const { name, i } of listed) {
      const above = example.slice(0, i).reverse().find((line) => !/^[A-Z_]+=/.test(line));
      expect(above?.startsWith("#"), `${name} needs a comment above it`).toBe(true);
    }
  });

  it("When only the token is given, then every other value has a working default", () => {
    const parsed = parseConfig({ TELEGRAM_BOT_TOKEN: "123456:ABC-def_ghi" });
    expect(parsed.ok).toBe(true);
    if (!parsed.ok) return;
    expect(parsed.config).toMatchObject({
      TELEGRAM_API_ROOT: "https://api.telegram.org",
      DATA_DIR: "./data",
      BOT_TIMEZONE: "Asia/Shanghai",
      DEFAULT_LOCALE: "zh",
      ADMIN_TELEGRAM_IDS: [],
      PORT: 8080,
      LOG_LEVEL: "info",
    });
    expect(parsed.config.DATABASE_URL).toBeUndefined();
  });

  it("When no token is given, then the configuration is valid, for the sandbox, with a store of its own on loopback", () => {
    const parsed = parseConfig({ HOST: "0.0.0.0", DATA_DIR: "./data" });
    expect(parsed.ok).toBe(true);
    if (!parsed.ok) return;
    expect(parsed.config.TELEGRAM_BOT_TOKEN).toBeUndefined();
    expect(parsed.config).toMatchObject({ SANDBOX_DATA_DIR: "./data/sandbox", SANDBOX_HOST: "127.0.0.1" });
  });

  it("When admin ids are listed with spaces, then they are parsed, and a bad one is named", () => {
    const good = parseConfig({ TELEGRAM_BOT_TOKEN: "1:a", ADMIN_TELEGRAM_IDS: " 12, 34 ,56" });
    expect(good.ok && good.config.ADMIN_TELEGRAM_IDS).toEqual([12, 34, 56]);
    const bad = parseConfig({ TELEGRAM_BOT_TOKEN: "1:a", ADMIN_TELEGRAM_IDS: "12,alice" });
    expect(bad.ok).toBe(false);
    expect(!bad.ok && bad.problems).toEqual(['ADMIN_TELEGRAM_IDS: "alice" is not a Telegram user id']);
  });
});
