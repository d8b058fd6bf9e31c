import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { startBotHarness, type BotHarness } from "../support/bot-harness.js";
import { captureLogs } from "../support/log-capture.js";

const TERMINATED = "Conflict: terminated by other getUpdates request; make sure that only one bot instance is running";

let crashes: unknown[] = [];
const onCrash = (error: unknown) => void crashes.push(error);
let h: BotHarness | undefined;

beforeEach(() => {
  crashes = [];
  process.on("unhandledRejection", onCrash);
  process.on("uncaughtException", onCrash);
});

afterEach(async () => {
  await h?.close();
  h = undefined;
  process.off("unhandledRejection", onCrash);
  process.off("uncaughtException", onCrash);
});

async function healthz(): Promise<{ status: number; body: unknown }> {
  const res = await fetch(`http://127.0.0.1:${h!.app.port}/healthz`);
  const text = await res.text();
  return { status: res.status, body: text.startsWith("{") ? JSON.parse(text) : text };
}

/** /healthz once the refusal reached the bot: Telegram has answered, the bot may not have read it yet. */
async function healthzAfterRefusal(code: number): Promise<{ status: number; body: unknown }> {
  await h!.fake.waitForCall("getUpdates", (call) => !call.response.ok && call.response.error_code === code);
  const deadline = Date.now() + 5000;
  for (;;) {
    const health = await healthz();
    if (health.status !== 200 || Date.now() > deadline) return health;
    await new Promise((r) => setTimeout(r, 50));
  }
}

describe("getUpdates refused", () => {
  it("When Telegram answers getUpdates with 409 Conflict, then the bot keeps running, /healthz reports polling down, and it polls again once the conflict ends", async () => {
    const log = captureLogs();
    h = await startBotHarness({ mode: "polling", logger: log.logger });
    const user = h.fake.user({ id: 32_001, first_name: "Poll", language_code: "en" });
    await user.send("/me");
    await user.waitForMessage(/not on a patrol team yet/);

    h.fake.failAlways("getUpdates", { error_code: 409, description: TERMINATED });
    const before = user.cursor();
    await user.send("/me"); // ends the long poll in progress; the next one is refused
    await user.waitForMessage(/not on a patrol team yet/, { after: before });
    const down = await healthzAfterRefusal(409);
    expect(crashes).toEqual([]);
    expect(down).toMatchObject({ status: 503, body: { status: "down", database: "ok", polling: "conflict", problems: [expect.stringContaining("409")] } });
    expect((await log.waitFor(/409 Conflict/)).msg).toMatch(/another instance polls with this bot token, or a webhook is set/);

    const cursor = user.cursor();
    void user.send("/me"); // waits at Telegram until the bot polls again
    h.fake.clearFailures("getUpdates");
    await user.waitForMessage(/not on a patrol team yet/, { after: cursor, timeoutMs: 15_000 });
    const up = await healthz();
    expect([up.status, up.body]).toMatchObject([200, { status: "ok", database: "ok", polling: "ok" }]);
    expect(crashes).toEqual([]);
  });

  it("When Telegram answers getUpdates with 401 (the token was revoked), then polling stops with a fatal log line, /healthz says why, and the process keeps running", async () => {
    const log = captureLogs();
    h = await startBotHarness({ mode: "polling", logger: log.logger });
    const user = h.fake.user({ id: 32_002, first_name: "Poll", language_code: "en" });
    await user.send("/me");
    await user.waitForMessage(/not on a patrol team yet/);

    h.fake.failAlways("getUpdates", { error_code: 401, description: "Unauthorized" });
    await user.send("/me"); // ends the long poll in progress; the next one is refused
    const down = await healthzAfterRefusal(401);
    expect(crashes).toEqual([]);
    expect(down).toMatchObject({ status: 503, body: { status: "down", database: "ok", polling: "unauthorized", problems: [expect.stringContaining("401")] } });
    const fatal = await log.waitFor(/refuses the bot token/);
    expect(fatal.level).toBe(60);
    expect(fatal.msg).toMatch(/TELEGRAM_BOT_TOKEN/);
  });
});
