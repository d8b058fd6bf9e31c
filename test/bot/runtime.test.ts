import { execFileSync, spawn, type ChildProcess } from "node:child_process";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startFakeTelegram, type FakeTelegram } from "../../src/sandbox/telegram/index.js";
import { freePort, startBotHarness } from "../support/bot-harness.js";

const root = resolve(import.meta.dirname, "../..");

describe("running the bot", () => {
  it("When the bot long-polls, then it answers, and /healthz says ok for the database and polling", async () => {
    const h = await startBotHarness({ mode: "polling" });
    try {
      const user = h.fake.user({ id: 31_001, first_name: "Poll", language_code: "en" });
      await user.send("/me");
      await user.waitForMessage(/not on a patrol team yet/);
      const zh = h.fake.commands(undefined, "zh");
      expect(zh.find((c) => c.command === "me")?.description).toBe("我的队伍、角色和下一步");
      expect(h.fake.commands(undefined, "en").find((c) => c.command === "lang")?.description).toBe("Change language");
      const health = await fetch(`http://127.0.0.1:${h.app.port}/healthz`);
      expect(health.status).toBe(200);
      expect(await health.json()).toMatchObject({ status: "ok", database: "ok", polling: "ok", scheduler: {}, outbox: { waiting: 0 } });
    } finally {
      await h.close();
    }
  });

  it("When a webhook call lacks the secret token, then it is refused and not handled", async () => {
    const h = await startBotHarness({ mode: "webhook" });
    try {
      const forged = await fetch(`http://127.0.0.1:${h.app.port}/telegram`, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({ update_id: 1, message: { message_id: 1, date: 0, chat: { id: 31_002, type: "private" }, from: { id: 31_002, is_bot: false, first_name: "X" }, text: "/me" } }),
      });
      expect(forged.status).toBe(401);
      expect(h.fake.calls.filter((c) => c.method === "sendMessage")).toHaveLength(0);
    } finally {
      await h.close();
    }
  });
});

/**
 * What `npm start` runs: the build in dist/, not the TypeScript, so a file the app reads at run time
 * that the build cannot find (locales, migrations, the PGlite seed) fails here. The build is brought
 * up to date first (incremental; about a second when nothing changed), so an edit in src/ is tested.
 */
describe("npm start on the embedded store", () => {
  let fake: FakeTelegram | undefined;
  let child: ChildProcess | undefined;
  beforeAll(() => void execFileSync("npm", ["run", "build", "--silent"], { cwd: root, stdio: ["ignore", "ignore", "inherit"] }), 180_000);
  afterAll(async () => {
    child?.kill("SIGKILL");
    await fake?.close();
  });

  async function startMain(env: Record<string, string>, port: number): Promise<ChildProcess> {
    const proc = spawn(process.execPath, [join(root, "dist/main.js")], {
      cwd: mkdtempSync(join(tmpdir(), "shouye-cwd-")),
      env: { PATH: process.env.PATH ?? "", HOME: process.env.HOME ?? "", ...env },
      stdio: ["ignore", "ignore", "inherit"],
    });
    for (let i = 0; i < 200; i++) {
      if (proc.exitCode !== null) throw new Error(`the bot exited with code ${proc.exitCode} before it became healthy`);
      const ok = await fetch(`http://127.0.0.1:${port}/healthz`).then((r) => r.ok, () => false);
      if (ok) return proc;
      await new Promise((r) => setTimeout(r, 100));
    }
    throw new Error("the bot did not become healthy");
  }

  const exited = (proc: ChildProcess) => new Promise<number | null>((done) => proc.once("exit", (code) => done(code)));

  it("When started, stopped with SIGTERM and started again, then it exits cleanly and keeps its data in DATA_DIR", async () => {
    fake = await startFakeTelegram();
    const port = await freePort();
    const env = {
      TELEGRAM_BOT_TOKEN: fake.token,
      TELEGRAM_API_ROOT: fake.apiRoot,
      DATA_DIR: mkdtempSync(join(tmpdir(), "shouye-data-")),
      PORT: String(port),
      HOST: "127.0.0.1",
      ADMIN_TELEGRAM_IDS: "31003",
      DEFAULT_LOCALE: "en",
      LOG_LEVEL: "warn",
    };
    const admin = fake.user({ id: 31_003, first_name: "Admin", language_code: "en" });

    child = await startMain(env, port);
    await admin.send("/lang");
    await admin.waitForMessage(/Choose your language/, { timeoutMs: 15_000 });
    await admin.click("中文");
    await admin.waitForMessage(/已切换为中文/);
    const stopped = exited(child);
    child.kill("SIGTERM");
    expect(await stopped).toBe(0);

    child = await startMain(env, port);
    await admin.send("/me");
    const me = await admin.waitForMessage(/区巡防协调办协调员/, { timeoutMs: 15_000 });
    expect(me.text).toContain("/import");
    const again = exited(child);
    child.kill("SIGINT");
    expect(await again).toBe(0);
  }, 120_000);
});
