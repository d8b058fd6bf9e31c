import { Api, InlineKeyboard, InputFile } from "grammy";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { FakeTelegram, FakeUser } from "../../src/sandbox/telegram/index.js";
import { apiError, fakeWithAlice } from "./api-error.js";

let fake: FakeTelegram;
let api: Api;
let alice: FakeUser;

beforeEach(async () => {
  ({ fake, api, alice } = await fakeWithAlice());
});

afterEach(async () => {
  await fake.close();
});

describe("HTTP surface", () => {
  it("When the bot calls getMe, then it gets the configured bot user", async () => {
    const me = await api.getMe();
    expect(me).toMatchObject({ id: 123456, is_bot: true, username: "shouye_test_bot", first_name: "Shouye" });
  });

  it("When the token is wrong, then the answer is 401 Unauthorized", async () => {
    const wrong = new Api("999:WRONG", { apiRoot: fake.apiRoot });
    const error = await apiError(wrong.getMe());
    expect([error.error_code, error.description]).toEqual([401, "Unauthorized"]);
  });

  it("When an unknown method is called, then the answer is 404 method not found", async () => {
    const res = await fetch(`${fake.apiRoot}/bot${fake.token}/sendTelepathy`, { method: "POST" });
    expect(res.status).toBe(404);
    expect(await res.json()).toEqual({ ok: false, error_code: 404, description: "Not Found: method not found" });
  });

  it("When parameters come url-encoded, then they are typed like JSON ones", async () => {
    const body = new URLSearchParams({
      chat_id: "1001",
      text: "form",
      reply_markup: JSON.stringify({ inline_keyboard: [[{ text: "Go", callback_data: "go" }]] }),
    });
    const res = await fetch(`${fake.apiRoot}/bot${fake.token}/sendmessage`, { method: "POST", body });
    const json = (await res.json()) as { ok: boolean; result: { text: string } };
    expect(json.ok).toBe(true);
    expect(fake.calls.at(-1)?.method).toBe("sendMessage");
    expect(fake.calls.at(-1)?.params).toMatchObject({ chat_id: 1001, reply_markup: { inline_keyboard: [[{ text: "Go" }]] } });
  });
});

describe("messages", () => {
  it("When the bot sends to a user, then ids increase per chat and the message is attributed to the bot", async () => {
    const first = await api.sendMessage(1001, "one");
    const second = await api.sendMessage(1001, "two");
    expect(second.message_id).toBe(first.message_id + 1);
    expect(first.from?.id).toBe(123456);
    expect(first.chat).toMatchObject({ id: 1001, type: "private", first_name: "Alice" });
    expect(alice.messages().map((m) => m.text)).toEqual(["one", "two"]);
  });

  it("When the text is empty, too long or the chat unknown, then the real Bad Request errors come back", async () => {
    expect((await apiError(api.sendMessage(1001, "   "))).description).toBe("Bad Request: message text is empty");
    expect((await apiError(api.sendMessage(1001, "x".repeat(4097)))).description).toBe("Bad Request: message is too long");
    expect((await apiError(api.sendMessage(4242, "hi"))).description).toBe("Bad Request: chat not found");
    await expect(api.sendMessage(1001, "x".repeat(4096))).resolves.toBeTruthy();
  });

  it("When callback_data is longer than 64 bytes, then BUTTON_DATA_INVALID", async () => {
    const keyboard = new InlineKeyboard().text("Too long", "é".repeat(33));
    const error = await apiError(api.sendMessage(1001, "pick", { reply_markup: keyboard }));
    expect([error.error_code, error.description]).toEqual([400, "Bad Request: BUTTON_DATA_INVALID"]);
    await expect(api.sendMessage(1001, "ok", { reply_markup: new InlineKeyboard().text("Fits", "a".repeat(64)) })).resolves.toBeTruthy();
  });

  it("When a message is edited, then it changes in place, and an identical edit is refused", async () => {
    const keyboard = new InlineKeyboard().text("A", "a");
    const sent = await api.sendMessage(1001, "draft", { reply_markup: keyboard });
    const edited = await api.editMessageText(1001, sent.message_id, "final", { reply_markup: keyboard });
    expect(edited).toMatchObject({ text: "final", edit_date: expect.any(Number) });
    const again = await apiError(api.editMessageText(1001, sent.message_id, "final", { reply_markup: keyboard }));
    expect(again.description).toMatch(/^Bad Request: message is not modified: specified new message content and reply markup are exactly the same/);
    expect(alice.log()[0]).toMatchObject({ editCount: 1, history: [{ text: "draft" }], message: { text: "final" } });
    expect((await apiError(api.editMessageText(1001, 999, "x"))).description).toBe("Bad Request: message to edit not found");
  });

  it("When an edit omits reply_markup, then the inline keyboard is removed like on Telegram", async () => {
    const sent = await api.sendMessage(1001, "q", { reply_markup: new InlineKeyboard().text("A", "a") });
    const edited = await api.editMessageText(1001, sent.message_id, "q");
    expect(edited).not.toHaveProperty("reply_markup");
    const markup = await api.editMessageReplyMarkup(1001, sent.message_id, { reply_markup: new InlineKeyboard().text("B", "b") });
    expect(markup).toMatchObject({ reply_markup: { inline_keyboard: [[{ text: "B" }]] } });
  });

  it("When a message is deleted, then it is flagged and no longer among the bot's messages", async () => {
    const sent = await api.sendMessage(1001, "bye");
    await expect(api.deleteMessage(1001, sent.message_id)).resolves.toBe(true);
    expect(alice.messages()).toEqual([]);
    expect(alice.log()[0]?.deleted).toBe(true);
    expect((await apiError(api.deleteMessage(1001, sent.message_id))).description).toBe("Bad Request: message to delete not found");
  });

  it("When HTML is used, then the text is stripped to entities, and bad markup is refused", async () => {
    const sent = await api.sendMessage(1001, "<b>Night</b> &amp; <i>day</i>", { parse_mode: "HTML" });
    expect(sent.text).toBe("Night & day");
    expect(sent.entities).toEqual([{ type: "bold", offset: 0, length: 5 }, { type: "italic", offset: 8, length: 3 }]);
    const error = await apiError(api.sendMessage(1001, "a<br>b", { parse_mode: "HTML" }));
    expect(error.description).toBe('Bad Request: can\'t parse entities: Unsupported start tag "br" at byte offset 1');
  });

  it("When MarkdownV2 has an unescaped reserved character, then the message is refused", async () => {
    const error = await apiError(api.sendMessage(1001, "Shift ends at 6.00", { parse_mode: "MarkdownV2" }));
    expect(error.description).toBe("Bad Request: can't parse entities: Character '.' is reserved and must be escaped with the preceding '\\'");
    const ok = await api.sendMessage(1001, "*Shift* ends at 6\\.00", { parse_mode: "MarkdownV2" });
    expect([ok.text, ok.entities]).toEqual(["Shift ends at 6.00", [{ type: "bold", offset: 0, length: 5 }]]);
  });

  it("When the bot replies to a message that does not exist, then the send fails", async () => {
    const error = await apiError(api.sendMessage(1001, "re", { reply_parameters: { message_id: 77 } }));
    expect(error.description).toBe("Bad Request: message to be replied not found");
    const { message } = sendWithoutDelivery(alice, "question");
    const reply = await api.sendMessage(1001, "answer", { reply_parameters: { message_id: message.message_id } });
    expect(reply.reply_to_message?.text).toBe("question");
  });
});

describe("files", () => {
  it("When the bot uploads a document, then its bytes, name and type are kept and downloadable", async () => {
    const content = Buffer.from("name,phone\nAlice,+86\n");
    const sent = await api.sendDocument(1001, new InputFile(content, "roster.csv"), { caption: "<b>Roster</b>", parse_mode: "HTML" });
    expect(sent.document).toMatchObject({ file_name: "roster.csv", mime_type: "text/csv", file_size: content.length });
    expect(sent.caption).toBe("Roster");
    const fileId = sent.document?.file_id ?? "";
    expect(fake.fileBytes(fileId)?.equals(content)).toBe(true);
    const file = await api.getFile(fileId);
    const download = await fetch(`${fake.apiRoot}/file/bot${fake.token}/${file.file_path}`);
    expect(Buffer.from(await download.arrayBuffer()).equals(content)).toBe(true);
  });

  it("When the bot uploads a PNG photo, then the sizes report its real dimensions, and it can be re-sent by file_id", async () => {
    const png = Buffer.alloc(64);
    png.writeUInt32BE(0x89504e47, 0);
    png.writeUInt32BE(300, 16);
    png.writeUInt32BE(200, 20);
    const sent = await api.sendPhoto(1001, new InputFile(png, "qr.png"), {
      reply_markup: new InlineKeyboard().text("Done", "done"),
    });
    const largest = sent.photo?.at(-1);
    expect(largest).toMatchObject({ width: 300, height: 200, file_size: 64 });
    expect(sent.photo?.[0]).toMatchObject({ width: 90, height: 60 });
    const again = await api.sendPhoto(1001, largest?.file_id ?? "");
    expect(fake.fileBytes(again.photo?.at(-1)?.file_id ?? "")?.equals(png)).toBe(true);
    expect((await apiError(api.sendPhoto(1001, "no-such-file"))).description).toBe("Bad Request: wrong file identifier/HTTP URL specified");
  });
});

describe("commands", () => {
  it("When commands are set per scope and language, then each combination is kept apart", async () => {
    await api.setMyCommands([{ command: "start", description: "Start" }]);
    await api.setMyCommands([{ command: "shift", description: "Смена" }], { language_code: "ru" });
    await api.setMyCommands([{ command: "admin", description: "Admin" }], { scope: { type: "chat", chat_id: 1001 } });
    expect(fake.commands().map((c) => c.command)).toEqual(["start"]);
    expect(fake.commands(undefined, "ru").map((c) => c.command)).toEqual(["shift"]);
    expect(fake.commands({ type: "chat", chat_id: 1001 }).map((c) => c.command)).toEqual(["admin"]);
    expect(await api.getMyCommands({ language_code: "ru" })).toEqual([{ command: "shift", description: "Смена" }]);
    await api.deleteMyCommands({ language_code: "ru" });
    expect(fake.commands(undefined, "ru")).toEqual([]);
    const error = await apiError(api.setMyCommands([{ command: "Bad-Command", description: "x" }]));
    expect(error.description).toBe("Bad Request: BOT_COMMAND_INVALID");
  });
});

/** A user message the bot never receives (nobody polls in these tests). */
function sendWithoutDelivery(user: FakeUser, text: string): { message: { message_id: number } } {
  void user.send(text);
  const last = user.log().at(-1);
  if (!last) throw new Error("message was not stored");
  return { message: last.message };
}
