import { setTimeout as sleep } from "node:timers/promises";
import { Api, Bot, GrammyError, InlineKeyboard, Keyboard } from "grammy";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { startFakeTelegram, type FakeTelegram, type FakeUser } from "../../src/sandbox/telegram/index.js";

let fake: FakeTelegram;
let bot: Bot;
let alice: FakeUser;
let botErrors: unknown[];

function buildBot(): Bot {
  const b = new Bot(fake.token, { client: { apiRoot: fake.apiRoot } });
  b.command("start", (ctx) =>
    ctx.reply(`Welcome, ${ctx.from?.first_name}`, {
      reply_markup: new InlineKeyboard().text("✅ Join patrol", "join:tonight").text("Later", "later"),
    }),
  );
  b.callbackQuery(/^join:(.+)$/, async (ctx) => {
    await ctx.answerCallbackQuery({ text: "Noted" });
    await ctx.editMessageText(`Joined ${ctx.match[1]}`);
  });
  b.command("phone", (ctx) => ctx.reply("Share your phone", { reply_markup: new Keyboard().requestContact("📱 Share").resized() }));
  b.on(":contact", (ctx) => {
    const own = ctx.msg.contact.user_id === ctx.from?.id;
    return ctx.reply(`Got ${ctx.msg.contact.phone_number} (${own ? "own" : "forged"})`, { reply_markup: { remove_keyboard: true } });
  });
  b.on(":document", async (ctx) => {
    const file = await ctx.getFile();
    const res = await fetch(`${fake.apiRoot}/file/bot${fake.token}/${file.file_path}`);
    await ctx.reply(`Read ${ctx.msg.document.file_name}: ${await res.text()}`);
  });
  b.on("message:text", (ctx) => ctx.reply(`Echo: ${ctx.msg.text}`));
  b.catch((err) => void botErrors.push(err.error));
  return b;
}

async function startPolling(): Promise<void> {
  await new Promise<void>((resolve) => void bot.start({ onStart: () => resolve() }));
}

beforeEach(async () => {
  botErrors = [];
  fake = await startFakeTelegram();
  alice = fake.user({ id: 1001, first_name: "Alice", language_code: "en" });
  bot = buildBot();
  await startPolling();
});

afterEach(async () => {
  await bot.stop();
  await fake.close();
  expect(botErrors).toEqual([]);
});

describe("long polling with a real grammY bot", () => {
  it("When a user sends /start, then the bot sees a command and its reply arrives", async () => {
    const { update } = await alice.send("/start");
    expect(update.message?.entities).toEqual([{ type: "bot_command", offset: 0, length: 6 }]);
    const welcome = await alice.waitForMessage("Welcome, Alice");
    expect(welcome.reply_markup?.inline_keyboard[0]?.map((b) => b.text)).toEqual(["✅ Join patrol", "Later"]);
  });

  it("When a user clicks a button, then the query is answered and the message edited in place", async () => {
    await alice.send("/start");
    const welcome = await alice.waitForMessage("Welcome");
    const { callbackQuery } = await alice.click(/Join/);
    expect(callbackQuery.data).toBe("join:tonight");
    expect(await alice.waitForCallbackAnswer(callbackQuery.id)).toMatchObject({ text: "Noted" });
    const edited = await alice.waitForMessage("Joined tonight");
    expect(edited.message_id).toBe(welcome.message_id);
    expect(alice.messages()).toHaveLength(1);
    await expect(alice.click(edited, "Later")).rejects.toThrow(/no button matches Later/);
  });

  it("When the contact button is shown, then shareContact sends the user's own contact; once removed it cannot", async () => {
    await expect(alice.shareContact()).rejects.toThrow(/no reply keyboard with a request_contact button/);
    await alice.send("/phone");
    await alice.waitForMessage("Share your phone");
    const { message } = await alice.shareContact();
    expect(message.contact).toMatchObject({ phone_number: alice.phone, user_id: 1001, first_name: "Alice" });
    await alice.waitForMessage(`Got ${alice.phone} (own)`);
    await expect(alice.shareContact()).rejects.toThrow(/no reply keyboard/);
  });

  it("When a user forges someone else's contact, then the bot sees the foreign user_id", async () => {
    await alice.sendContact({ phone_number: "+8613900000000", first_name: "Bob", user_id: 2002 });
    await alice.waitForMessage("Got +8613900000000 (forged)");
  });

  it("When a user sends a document, then the bot downloads it through getFile", async () => {
    await alice.sendDocument({ fileName: "shift.csv", content: "mon,tue\n1,2" });
    await alice.waitForMessage("Read shift.csv: mon,tue\n1,2");
  });

  it("When waiting with a cursor, then messages from before it do not count", async () => {
    await alice.send("ping");
    await alice.waitForMessage("Echo: ping");
    const cursor = alice.cursor();
    const late = alice.waitForMessage("Echo: ping", { after: cursor, timeoutMs: 300 });
    await expect(late).rejects.toThrow(/Timed out after 300ms.*\n.*#2 "Echo: ping"/);
    await alice.send("ping");
    expect((await alice.waitForMessage("Echo: ping", { after: cursor })).message_id).toBe(4);
  });

  it("When a user replies to a bot message, then reply_to_message carries it", async () => {
    await alice.send("hello");
    const echo = await alice.waitForMessage("Echo: hello");
    const { update } = await alice.reply(echo, "again");
    expect(update.message?.reply_to_message?.text).toBe("Echo: hello");
  });

  it("When the bot stops, then updates are confirmed, and a second poller would conflict", async () => {
    await alice.send("one");
    await alice.waitForMessage("Echo: one");
    await bot.stop();
    expect(fake.pendingUpdateCount()).toBe(0);
    const api = new Api(fake.token, { apiRoot: fake.apiRoot });
    const held = api.getUpdates({ timeout: 5 });
    await sleep(100);
    const second = await api.getUpdates({ timeout: 0 });
    expect(second).toEqual([]);
    const error = await held.catch((e: unknown) => e);
    expect(error).toBeInstanceOf(GrammyError);
    expect((error as GrammyError).error_code).toBe(409);
    await startPolling();
  });
});

describe("closing", () => {
  it("When the fake closes during a held long poll, then the poll ends promptly", async () => {
    await bot.stop();
    const api = new Api(fake.token, { apiRoot: fake.apiRoot });
    const held = api.getUpdates({ timeout: 30 });
    await sleep(100);
    const started = Date.now();
    await fake.close();
    expect(await held).toEqual([]);
    expect(Date.now() - started).toBeLessThan(1000);
    fake = await startFakeTelegram();
    bot = buildBot();
  });

  it("When the fake closes, then pending waits reject instead of hanging", async () => {
    const waiting = alice.waitForMessage("never", { timeoutMs: 10_000 });
    await bot.stop();
    await fake.close();
    await expect(waiting).rejects.toThrow(/closed while waiting/);
    fake = await startFakeTelegram();
    bot = buildBot();
  });
});
