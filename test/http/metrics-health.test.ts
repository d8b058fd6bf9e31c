import { Api } from "grammy";
import { afterEach, describe, expect, it } from "vitest";
import { enqueueMessages } from "../../src/outbox/enqueue.js";
import { outboxSettled } from "../support/outbox-settled.js";
import { startBotHarness, type BotHarness } from "../support/bot-harness.js";
import { sample, scrapeMetrics } from "../support/metrics.js";
import { nextTelegramId } from "../support/world.js";

let h: BotHarness;
afterEach(async () => h?.close());

const get = async (path: string) => {
  const response = await fetch(`http://127.0.0.1:${h.app.port}${path}`);
  return { status: response.status, type: response.headers.get("content-type") ?? "", text: await response.text() };
};

/** A notice through the outbox, as a verb would queue one. */
async function queueNotice(chatId: number) {
  await enqueueMessages(h.database.db, new Date(), [{ to: { personId: null, chatId, locale: "en" }, payload: { kind: "message", text: { key: "cancelled" } } }]);
  h.app.dispatcher.nudge();
}

describe("GET /metrics", () => {
  it("When updates are handled and messages sent, then /metrics counts them by kind and outcome, with the process's own figures", async () => {
    h = await startBotHarness();
    const user = h.fake.user({ id: nextTelegramId(), first_name: "Mei", language_code: "en" });
    await user.send("/start");
    await user.send("/start");
    // Telegram refuses the reply: the update failed.
    h.fake.failNext("sendMessage", { error_code: 400, description: "Bad Request: message is too long" });
    await user.send("/start");
    await user.send("hello there");
    // A forged button for a shift that does not exist: the user is told so, a handled update
    // with a refusal.
    const { callbackQuery } = await user.clickData(user.lastMessage()!, "rb:999999999");
    await user.waitForCallbackAnswer(callbackQuery.id);
    await queueNotice(user.id);
    await user.waitForMessage(/cancel/i);
    // Sends are written down in batches: wait until the first notice is recorded as sent, so the
    // backlog below holds the 429'd one alone.
    await outboxSettled(h.database.db);
    h.fake.failNext("sendMessage", { error_code: 429, retry_after: 1 });
    await queueNotice(user.id);
    await expect.poll(async () => sample(await scrapeMetrics(h.app.port), "shouye_outbox_sends_total", { kind: "message", result: "rate_limited" }), { timeout: 5000 }).toBe(1);

    const metrics = await get("/metrics");
    expect(metrics.status).toBe(200);
    expect(metrics.type).toMatch(/^text\/plain; version=0\.0\.4/);
    expect(sample(metrics.text, "shouye_updates_total", { kind: "command", outcome: "ok" })).toBe(2);
    expect(sample(metrics.text, "shouye_updates_total", { kind: "command", outcome: "error" })).toBe(1);
    expect(sample(metrics.text, "shouye_updates_total", { kind: "text", outcome: "ok" })).toBe(1);
    expect(sample(metrics.text, "shouye_updates_total", { kind: "callback_query", outcome: "ok" })).toBe(1);
    expect(metrics.text).toMatch(/^shouye_refusals_total\{reason="[a-z_.]+"\} 1$/m);
    expect(sample(metrics.text, "shouye_update_duration_seconds_count", { kind: "command" })).toBeGreaterThan(0);
    expect(sample(metrics.text, "shouye_outbox_sends_total", { kind: "message", result: "sent" })).toBeGreaterThanOrEqual(1);
    expect(sample(metrics.text, "nodejs_eventloop_lag_seconds")).toBeGreaterThanOrEqual(0);
    expect(sample(metrics.text, "shouye_db_ping_seconds")).toBeGreaterThanOrEqual(0);
    // The 429'd message waits for its retry: the backlog gauge sees it.
    expect(sample(metrics.text, "shouye_outbox_pending", { kind: "message" })).toBe(1);
    expect(sample(metrics.text, "shouye_job_runs_total", { job: "due-reminders", outcome: "ok" })).toBeGreaterThanOrEqual(1);
  });
});

describe("GET /healthz", () => {
  it("When all is well, then /healthz says so part by part", async () => {
    h = await startBotHarness();
    const health = await get("/healthz");
    expect(health.status).toBe(200);
    const report = JSON.parse(health.text) as Record<string, unknown>;
    expect(report).toMatchObject({ status: "ok", database: "ok", webhook: "ok", outbox: { waiting: 0, oldestWaitingSeconds: null } });
    expect((report.scheduler as { lastJobSecondsAgo: number }).lastJobSecondsAgo).toBeLessThan(60);
  });

  it("When messages have waited for minutes and nothing was sent, then /healthz is 503 and says the outbox is stuck", async () => {
    h = await startBotHarness();
    const user = h.fake.user({ id: nextTelegramId(), first_name: "Lan", language_code: "en" });
    h.fake.failAlways("sendMessage", { error_code: 502 });
    await queueNotice(user.id);
    await h.fake.waitForCall("sendMessage");
    h.setNow(new Date(Date.now() + 10 * 60_000));
    const health = await get("/healthz");
    expect(health.status).toBe(503);
    const report = JSON.parse(health.text) as { status: string; outbox: { waiting: number }; problems: string[] };
    expect(report.status).toBe("down");
    expect(report.outbox.waiting).toBe(1);
    expect(report.problems.join(" ")).toMatch(/the outbox is stuck: a message has waited 6\d\d s and nothing was sent for 6\d\d s/);
  });

  it("When Telegram delivers the updates to another webhook, then /healthz is 503 and says so", async () => {
    h = await startBotHarness();
    await new Api(h.fake.token, { apiRoot: h.fake.apiRoot }).setWebhook("https://elsewhere.example/hook");
    const health = await get("/healthz");
    expect(health.status).toBe(503);
    const report = JSON.parse(health.text) as { webhook: string; problems: string[] };
    expect(report.webhook).toBe("elsewhere");
    expect(report.problems.join(" ")).toMatch(/Telegram delivers updates to another URL/);
  });
});
