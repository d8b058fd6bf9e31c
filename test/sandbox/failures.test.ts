import { setTimeout as sleep } from "node:timers/promises";
import { autoRetry } from "@grammyjs/auto-retry";
import { Api, type GrammyError } from "grammy";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { FakeTelegram, FakeUser } from "../../src/sandbox/telegram/index.js";
import { apiError as failure, fakeWithAlice } from "./api-error.js";

let fake: FakeTelegram;
let api: Api;
let alice: FakeUser;

beforeEach(async () => {
  ({ fake, api, alice } = await fakeWithAlice({}));
  fake.user({ id: 1002, first_name: "Bob" });
});

afterEach(async () => {
  await fake.close();
});

describe("failure injection", () => {
  it("When a user blocked the bot, then sends and edits to them get 403 while others still work", async () => {
    const sent = await api.sendMessage(1001, "before");
    fake.blockUser(1001);
    const error = await failure(api.sendMessage(1001, "after"));
    expect([error.error_code, error.description]).toEqual([403, "Forbidden: bot was blocked by the user"]);
    expect((await failure(api.editMessageText(1001, sent.message_id, "edit"))).error_code).toBe(403);
    await expect(api.sendMessage(1002, "to Bob")).resolves.toBeTruthy();
    fake.unblockUser(1001);
    await expect(api.sendMessage(1001, "again")).resolves.toBeTruthy();
  });

  it("When failNext is armed with 429, then exactly that many calls fail with retry_after", async () => {
    fake.failNext("sendMessage", { error_code: 429, retry_after: 7 }, 2);
    for (let i = 0; i < 2; i++) {
      const error = await failure(api.sendMessage(1001, "x"));
      expect([error.error_code, error.description, error.parameters]).toEqual([429, "Too Many Requests: retry after 7", { retry_after: 7 }]);
    }
    await expect(api.sendMessage(1001, "x")).resolves.toBeTruthy();
    expect(alice.messages()).toHaveLength(1);
  });

  it("When a 429 is injected, then grammY's auto-retry waits and succeeds", async () => {
    const retrying = new Api(fake.token, { apiRoot: fake.apiRoot });
    retrying.config.use(autoRetry());
    fake.failNext("sendMessage", { error_code: 429, retry_after: 1 });
    const started = Date.now();
    await retrying.sendMessage(1001, "eventually");
    expect(Date.now() - started).toBeGreaterThanOrEqual(900);
    expect(fake.calls.filter((c) => c.method === "sendMessage").map((c) => c.response.ok)).toEqual([false, true]);
  });

  it("When failNext sets a custom error, then that error comes back once", async () => {
    fake.failNext("answerCallbackQuery", { error_code: 500, description: "Internal Server Error: boom" });
    const error = await failure(api.answerCallbackQuery("1"));
    expect([error.error_code, error.description]).toEqual([500, "Internal Server Error: boom"]);
  });

  it("When failAlways is set, then every call fails until the failures are cleared", async () => {
    fake.failAlways("getUpdates", { error_code: 401 });
    for (let i = 0; i < 3; i++) expect((await failure(api.getUpdates({ timeout: 0 }))).error_code).toBe(401);
    fake.clearFailures("getUpdates");
    await expect(api.getUpdates({ timeout: 0 })).resolves.toEqual([]);
  });

  it("When answers are held, then the call is carried out at once and answered on release", async () => {
    const gate = fake.holdAnswers("sendMessage");
    let answered = false;
    const sending = api.sendMessage(1001, "held").then((m) => ((answered = true), m));
    await alice.waitForMessage("held");
    await sleep(50);
    expect(answered).toBe(false);
    gate.release();
    expect((await sending).text).toBe("held");
    await expect(api.sendMessage(1001, "free")).resolves.toBeTruthy();
  });

  it("When a rate limit is set, then sends beyond it in one second get 429 and are counted", async () => {
    fake.setRateLimit({ perSecond: 3 });
    const results = await Promise.allSettled([1, 2, 3, 4, 5].map((n) => api.sendMessage(n % 2 ? 1001 : 1002, `#${n}`)));
    const rejected = results.filter((r) => r.status === "rejected").map((r) => (r.reason as GrammyError).parameters);
    expect(rejected).toEqual([{ retry_after: 1 }, { retry_after: 1 }]);
    expect(fake.stats()).toMatchObject({ accepted: 3, rejected: 2, rateLimited: 2, byMethod: { sendMessage: { ok: 3, failed: 2 } } });
    await sleep(1050);
    await expect(api.sendMessage(1001, "later")).resolves.toBeTruthy();
    fake.setRateLimit(null);
    await Promise.all([1, 2, 3, 4].map(() => api.sendMessage(1001, "free")));
    expect(fake.stats().accepted).toBe(8);
  });
});

describe("recording", () => {
  it("When the bot calls methods, then each call is recorded with params and response", async () => {
    await api.sendMessage(1001, "hi", { parse_mode: "HTML" });
    await failure(api.sendMessage(4242, "nobody"));
    expect(fake.calls.map((c) => [c.method, c.params["chat_id"], c.response.ok])).toEqual([
      ["sendMessage", 1001, true],
      ["sendMessage", 4242, false],
    ]);
    expect(fake.calls[1]?.response).toEqual({ ok: false, error_code: 400, description: "Bad Request: chat not found" });
  });

  it("When waiting for a call, then it resolves on a later call and a timeout lists what was seen", async () => {
    const waiting = fake.waitForCall("sendChatAction", (c) => c.params["action"] === "typing");
    await api.sendChatAction(1001, "typing");
    expect((await waiting).params).toMatchObject({ chat_id: 1001, action: "typing" });
    await expect(fake.waitForCall("sendChatAction", (c) => c.params["chat_id"] === 1002, 100)).rejects.toThrow(
      /Timed out after 100ms waiting for a sendChatAction call matching the predicate; sendChatAction calls so far:\n.*"chat_id":1001/,
    );
  });

  it("When a callback query is answered twice or never issued, then the real error comes back", async () => {
    const sent = await api.sendMessage(1001, "pick", { reply_markup: { inline_keyboard: [[{ text: "A", callback_data: "a" }]] } });
    const clicked = alice.click(sent, "A");
    const [update] = await api.getUpdates({ timeout: 1 });
    const id = update?.callback_query?.id ?? "";
    expect((await clicked).callbackQuery.id).toBe(id);
    await api.answerCallbackQuery(id, { text: "Saved", show_alert: true });
    expect(fake.callbackAnswer(id)).toEqual({ callback_query_id: id, text: "Saved", show_alert: true });
    const invalid = "Bad Request: query is too old and response timeout expired or query ID is invalid";
    expect((await failure(api.answerCallbackQuery(id))).description).toBe(invalid);
    expect((await failure(api.answerCallbackQuery("12345"))).description).toBe(invalid);
  });
});
