import http from "node:http";
import type { AddressInfo } from "node:net";
import { setTimeout as sleep } from "node:timers/promises";
import { Api, Bot, GrammyError, webhookCallback } from "grammy";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { startFakeTelegram, type FakeTelegram, type FakeUser } from "../../src/sandbox/telegram/index.js";

const SECRET = "night-watch_42";

let fake: FakeTelegram;
let bot: Bot;
let server: http.Server;
let url: string;
let alice: FakeUser;
let handled: string[];
let concurrent: number;
let maxConcurrent: number;
let flakyFailed: boolean;

beforeEach(async () => {
  fake = await startFakeTelegram({ webhookRetryDelayMs: 10 });
  alice = fake.user({ id: 1001, first_name: "Alice" });
  handled = [];
  concurrent = 0;
  maxConcurrent = 0;
  flakyFailed = false;
  bot = new Bot(fake.token, { client: { apiRoot: fake.apiRoot } });
  bot.on("message:text", async (ctx) => {
    concurrent += 1;
    maxConcurrent = Math.max(maxConcurrent, concurrent);
    if (ctx.msg.text === "flaky" && !flakyFailed) {
      flakyFailed = true;
      throw new Error("handler crashed once");
    }
    await sleep(ctx.msg.text === "slow" ? 50 : 1);
    handled.push(ctx.msg.text);
    concurrent -= 1;
    await ctx.reply(`Handled ${ctx.msg.text}`);
  });
  const handle = webhookCallback(bot, "http", { secretToken: SECRET });
  server = http.createServer((req, res) => {
    handle(req, res).catch(() => {
      concurrent = 0;
      res.statusCode = 500;
      res.end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/webhook`;
});

afterEach(async () => {
  await fake.close();
  server.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
});

describe("webhook delivery", () => {
  it("When a webhook is set, then an awaited send has been fully handled", async () => {
    await bot.api.setWebhook(url, { secret_token: SECRET });
    await alice.send("hello");
    expect(handled).toEqual(["hello"]);
    expect(alice.lastMessage()?.text).toBe("Handled hello");
    expect(await bot.api.getWebhookInfo()).toMatchObject({ url, pending_update_count: 0 });
  });

  it("When several updates are pushed at once, then they are delivered one at a time in order", async () => {
    await bot.api.setWebhook(url, { secret_token: SECRET });
    await Promise.all([alice.send("slow"), alice.send("b"), alice.send("c")]);
    expect(handled).toEqual(["slow", "b", "c"]);
    expect(maxConcurrent).toBe(1);
  });

  it("When the secret does not match, then every attempt is recorded and the update is dropped", async () => {
    await bot.api.setWebhook(url, { secret_token: "wrong-secret" });
    await expect(alice.send("hello")).rejects.toThrow(/after 4 attempts/);
    expect(fake.webhookFailures.map((f) => [f.attempt, f.status])).toEqual([[1, 401], [2, 401], [3, 401], [4, 401]]);
    expect(handled).toEqual([]);
    expect((await bot.api.getWebhookInfo()).last_error_message).toBe("Wrong response from the webhook: 401 Unauthorized");
  });

  it("When the handler fails once, then Telegram-style redelivery gets the update through", async () => {
    await bot.api.setWebhook(url, { secret_token: SECRET });
    await alice.send("flaky");
    expect(fake.webhookFailures.map((f) => [f.attempt, f.status])).toEqual([[1, 500]]);
    expect(handled).toEqual(["flaky"]);
    await alice.send("after");
    expect(handled).toEqual(["flaky", "after"]);
  });

  it("When nothing listens at the webhook URL, then the failure carries the connection error", async () => {
    await bot.api.setWebhook("http://127.0.0.1:9/nowhere");
    await expect(alice.send("hello")).rejects.toThrow(/after 4 attempts/);
    expect(fake.webhookFailures[0]?.error).toMatch(/ECONNREFUSED/);
  });

  it("When a webhook is active, then getUpdates is refused with 409", async () => {
    await bot.api.setWebhook(url, { secret_token: SECRET });
    const error = await bot.api.getUpdates().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(GrammyError);
    expect((error as GrammyError).description).toBe(
      "Conflict: can't use getUpdates method while webhook is active; use deleteWebhook to delete the webhook first",
    );
  });

  it("When the webhook is deleted, then pending updates go to getUpdates, or are dropped if asked", async () => {
    await bot.api.setWebhook(url, { secret_token: SECRET });
    await bot.api.deleteWebhook();
    const first = alice.send("queued");
    const api = new Api(fake.token, { apiRoot: fake.apiRoot });
    const updates = await api.getUpdates({ timeout: 0 });
    expect(updates.map((u) => u.message?.text)).toEqual(["queued"]);
    expect((await first).update.update_id).toBe(updates[0]?.update_id);
    const dropped = alice.send("lost");
    await api.deleteWebhook({ drop_pending_updates: true });
    await expect(dropped).rejects.toThrow(/dropped/);
    expect(await api.getUpdates({ offset: (updates[0]?.update_id ?? 0) + 1, timeout: 0 })).toEqual([]);
  });

  it("When the bot answers with a webhook reply, then the fake performs that call", async () => {
    const replying = new Bot(fake.token, { client: { apiRoot: fake.apiRoot, canUseWebhookReply: (m) => m === "sendMessage" } });
    replying.on("message:text", (ctx) => ctx.reply(`Webhook reply to ${ctx.msg.text}`));
    const handle = webhookCallback(replying, "http");
    const replyServer = http.createServer((req, res) => void handle(req, res));
    await new Promise<void>((resolve) => replyServer.listen(0, "127.0.0.1", resolve));
    await replying.api.setWebhook(`http://127.0.0.1:${(replyServer.address() as AddressInfo).port}/`);
    await alice.send("hi");
    expect(alice.lastMessage()?.text).toBe("Webhook reply to hi");
    replyServer.closeAllConnections();
    await new Promise((resolve) => replyServer.close(resolve));
  });
});
