import { Api, GrammyError } from "grammy";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { telegramConnections, type TelegramConnections } from "../../src/bot/telegram-fetch.js";
import { startFakeTelegram, type FakeTelegram } from "../../src/sandbox/telegram/index.js";

const TOKEN = "123456:TEST-TOKEN";
let fake: FakeTelegram;
let telegram: TelegramConnections;
let api: Api;
beforeAll(async () => {
  fake = await startFakeTelegram({ token: TOKEN });
  telegram = telegramConnections(fake.apiRoot);
  api = new Api(TOKEN, { apiRoot: fake.apiRoot, fetch: telegram.fetch });
});
afterAll(async () => {
  await telegram?.close();
  await fake?.close();
});

describe("the connections the bot calls Telegram over", () => {
  it("When grammY calls Telegram over them, then answers and Telegram's refusals reach it as over its own client", async () => {
    const user = fake.user({ id: 7001, first_name: "Lin" });
    const sent = await api.sendMessage(user.id, "hello");
    expect(sent.text).toBe("hello");
    expect((await user.waitForMessage(/hello/)).message_id).toBe(sent.message_id);
    const refused = await api.sendMessage(999_999_999, "nobody").catch((error: unknown) => error);
    expect(refused).toBeInstanceOf(GrammyError);
    expect((refused as GrammyError).description).toMatch(/chat not found/);
  });

  it("When a call goes anywhere but Telegram's origin, then it is refused, and the error does not carry the address (it holds the token)", async () => {
    const outside = await telegram
      .fetch("http://127.0.0.1:1/bot123456:SECRET-PART/getMe" as never, { method: "POST" } as never)
      .then(() => null, (error: unknown) => error as Error);
    expect(outside).toBeInstanceOf(Error);
    expect(outside!.message).not.toMatch(/SECRET-PART/);
  });

  it("When closed while a call waits for Telegram's answer, then the call is answered first", async () => {
    const user = fake.user({ id: 7002, first_name: "Wang" });
    const held = fake.holdAnswers("sendMessage");
    const call = api.sendMessage(user.id, "late");
    await user.waitForMessage(/late/);
    let closed = false;
    const closing = telegram.close().then(() => (closed = true));
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(closed).toBe(false);
    held.release();
    expect((await call).text).toBe("late");
    await closing;
    await expect(telegram.close()).resolves.not.toThrow();
  });
});
