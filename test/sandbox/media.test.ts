import type { Api} from "grammy";
import { InlineKeyboard, InputFile, InputMediaBuilder } from "grammy";
import type { Message } from "grammy/types";
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

/** Calls one at a time, so no failure is left unhandled while an earlier one is awaited. */
async function descriptions(calls: (() => Promise<unknown>)[]): Promise<string[]> {
  const out: string[] = [];
  for (const call of calls) out.push((await apiError(call())).description);
  return out;
}

/** For what grammY's types forbid: the fake must answer such requests as Telegram does. */
async function rawCall(method: string, body: Record<string, unknown>): Promise<{ ok: boolean; result?: unknown; description?: string }> {
  const init = { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify(body) };
  return (await (await fetch(`${fake.apiRoot}/bot${fake.token}/${method}`, init)).json()) as { ok: boolean; result?: unknown; description?: string };
}

// grammY types an album's result as a union without the fields all messages share.
const album = (media: unknown): Promise<Message[]> => api.sendMediaGroup(1001, media as never);
const NO_TEXT = "Bad Request: there is no text in the message to edit";

function png(width: number, height: number): Buffer {
  const bytes = Buffer.alloc(40);
  bytes.writeUInt32BE(0x89504e47, 0);
  bytes.writeUInt32BE(width, 16);
  bytes.writeUInt32BE(height, 20);
  return bytes;
}

async function photoId(): Promise<string> {
  const sent = await api.sendPhoto(1001, new InputFile(png(64, 64), "seed.png"));
  return sent.photo.at(-1)?.file_id ?? "";
}

describe("sendMediaGroup", () => {
  it("When the bot uploads an album of photos, then each item is its own message sharing one media_group_id, captions kept", async () => {
    const second = png(100, 80);
    const sent = await album([
      InputMediaBuilder.photo(new InputFile(png(300, 200), "north.png"), { caption: "<b>North</b> gate", parse_mode: "HTML" }),
      InputMediaBuilder.photo(new InputFile(second, "south.png"), { caption: "South gate" }),
    ]);
    expect(sent.map((m) => m.message_id)).toEqual([1, 2]);
    expect(sent[0]?.media_group_id).toMatch(/^[1-9]\d*$/);
    expect(sent[1]?.media_group_id).toBe(sent[0]?.media_group_id);
    expect(sent.map((m) => m.caption)).toEqual(["North gate", "South gate"]);
    expect(sent[0]?.caption_entities).toEqual([{ type: "bold", offset: 0, length: 5 }]);
    expect(sent[0]?.photo?.at(-1)).toMatchObject({ width: 300, height: 200 });
    expect(fake.fileBytes(sent[1]?.photo?.at(-1)?.file_id ?? "")?.equals(second)).toBe(true);
    expect(alice.messages().map((m) => m.media_group_id)).toEqual([sent[0]?.media_group_id, sent[0]?.media_group_id]);
    const next = await album(sent.map((m) => InputMediaBuilder.photo(m.photo?.at(-1)?.file_id ?? "")));
    expect(next[0]?.media_group_id).not.toBe(sent[0]?.media_group_id);
  });

  it("When documents are sent by file_id and by upload together, then both arrive as documents of one album", async () => {
    const old = await api.sendDocument(1001, new InputFile(Buffer.from("name\nAlice\n"), "roster.csv"));
    const fileId = old.document?.file_id ?? "";
    const sent = await album([
      InputMediaBuilder.document(fileId, { caption: "old" }),
      InputMediaBuilder.document(new InputFile(Buffer.from("post\nGate 3\n"), "posts.csv")),
    ]);
    expect(sent.map((m) => [m.document?.file_name, m.document?.mime_type, m.caption])).toEqual([
      ["roster.csv", "text/csv", "old"],
      ["posts.csv", "text/csv", undefined],
    ]);
    expect(sent[0]?.document?.file_id).toBe(fileId);
    expect(fake.fileBytes(sent[1]?.document?.file_id ?? "")?.toString()).toBe("post\nGate 3\n");
  });

  it("When an album has a single item, then it is sent as an ordinary message without media_group_id", async () => {
    const sent = await album([InputMediaBuilder.photo(await photoId(), { caption: "alone" })]);
    expect(sent).toHaveLength(1);
    expect(sent[0]).toMatchObject({ caption: "alone" });
    expect(sent[0]).not.toHaveProperty("media_group_id");
  });

  it("When an album is empty, too big, mixed or malformed, then the real errors come back and nothing is sent", async () => {
    const photo = await photoId();
    const item = InputMediaBuilder.photo(photo);
    const doc = (await api.sendDocument(1001, new InputFile(Buffer.from("x"), "x.txt"))).document.file_id;
    const refusals: [unknown, string][] = [
      [undefined, 'Bad Request: parameter "media" is required'],
      [[], "Bad Request: there are no messages to send"],
      [Array.from({ length: 11 }, () => item), "Bad Request: too many messages to send as an album"],
      [[item, { type: "document", media: doc }], "Bad Request: document can't be mixed with other media types"],
      [[item, { type: "document", media: photo }], "Bad Request: can't use file of type photo as document"],
      [[{ type: "animation", media: photo }, item], 'Bad Request: can\'t parse InputMedia: type "animation" can\'t be used in sendMediaGroup'],
      [[{ type: "sticker", media: photo }, item], 'Bad Request: can\'t parse InputMedia: type "sticker" is unsupported'],
      [[{ media: photo }, item], 'Bad Request: can\'t parse InputMedia: Can\'t find field "type"'],
      [[{ type: "photo", media: "attach://missing" }, item], "Bad Request: can't parse InputMedia: media not found"],
    ];
    expect(await descriptions(refusals.map(([media]) => () => album(media)))).toEqual(refusals.map(([, description]) => description));
    expect(alice.messages()).toHaveLength(2);
  });

  it("When an album replies to a message and carries a keyboard, then every item replies and none shows the keyboard", async () => {
    const question = await api.sendMessage(1001, "Photos of the gate?");
    const photo = await photoId();
    const answer = await rawCall("sendMediaGroup", {
      chat_id: 1001, media: [{ type: "photo", media: photo }, { type: "photo", media: photo }],
      reply_parameters: { message_id: question.message_id }, reply_markup: { inline_keyboard: [[{ text: "OK", callback_data: "ok" }]] },
    });
    expect(answer.ok).toBe(true);
    const sent = answer.result as Message[];
    expect(sent.map((m) => m.reply_to_message?.text)).toEqual(["Photos of the gate?", "Photos of the gate?"]);
    expect(sent.some((m) => m.reply_markup !== undefined)).toBe(false);
  });
});

describe("sendLocation and sendVenue", () => {
  it("When the bot sends a location, then the message carries it and a predicate wait finds it", async () => {
    const waiting = alice.waitForMessage((m) => m.location !== undefined);
    const sent = await api.sendLocation(1001, 31.2304, 121.4737, { horizontal_accuracy: 2000, heading: 90 });
    expect(sent.location).toEqual({ latitude: 31.2304, longitude: 121.4737, horizontal_accuracy: 1500 });
    expect((await waiting).message_id).toBe(sent.message_id);
    await expect(alice.waitForMessage(/never/, { timeoutMs: 50 })).rejects.toThrow(/<location 31\.2304,121\.4737>/);
  });

  it("When a live location is sent, then live_period, heading and the alert radius come back", async () => {
    const sent = await api.sendLocation(1001, -33.9, 18.4, { live_period: 900, heading: 360, proximity_alert_radius: 200 });
    expect(sent.location).toEqual({ latitude: -33.9, longitude: 18.4, live_period: 900, heading: 360, proximity_alert_radius: 200 });
  });

  it("When coordinates or live parameters are out of range, then the real errors come back", async () => {
    expect(await descriptions([
      () => api.sendLocation(1001, 90.5, 0),
      () => api.sendLocation(1001, 0, -180.01),
      () => api.sendLocation(1001, 0, 0, { live_period: 59 }),
      () => api.sendLocation(1001, 0, 0, { live_period: 60, heading: 361 }),
      () => api.sendLocation(1001, 0, 0, { proximity_alert_radius: 100_001 }),
      () => api.sendVenue(1001, 91, 0, "Gate", "Main st"),
    ])).toEqual([
      "Bad Request: wrong location specified", "Bad Request: wrong location specified",
      "Bad Request: wrong live location period specified", "Bad Request: wrong live location heading specified",
      "Bad Request: wrong live location proximity alert radius specified", "Bad Request: wrong venue location specified",
    ]);
    expect(await rawCall("sendLocation", { chat_id: 1001, longitude: 1 })).toMatchObject({ description: "Bad Request: latitude is empty" });
    await expect(api.sendLocation(1001, 90, -180, { live_period: 0x7fffffff })).resolves.toBeTruthy();
    expect(alice.messages()).toHaveLength(1);
  });

  it("When the bot tries to edit a location's text or caption, then both are refused", async () => {
    const sent = await api.sendLocation(1001, 1, 2);
    expect(await descriptions([
      () => api.editMessageText(1001, sent.message_id, "x"),
      () => api.editMessageCaption(1001, sent.message_id, { caption: "x" }),
    ])).toEqual([NO_TEXT, "Bad Request: there is no caption in the message to edit"]);
  });

  it("When the bot sends a venue, then the message carries the venue and its location", async () => {
    const sent = await api.sendVenue(1001, 31.2, 121.4, "North gate", "1 Main st", { foursquare_id: "4sq" });
    expect(sent.venue).toEqual({ location: { latitude: 31.2, longitude: 121.4 }, title: "North gate", address: "1 Main st", foursquare_id: "4sq" });
    expect(sent.location).toEqual({ latitude: 31.2, longitude: 121.4 });
  });
});

describe("sendVoice", () => {
  it("When the bot uploads a voice note, then it comes back with duration, OGG type and size, and re-sending by file_id keeps them", async () => {
    const bytes = Buffer.from("OggS fake voice");
    const sent = await api.sendVoice(1001, new InputFile(bytes, "report.ogg"), { duration: 7, caption: "Report" });
    expect(sent.voice).toEqual({
      file_id: expect.any(String), file_unique_id: expect.any(String), duration: 7, mime_type: "audio/ogg", file_size: bytes.length,
    });
    expect(sent.caption).toBe("Report");
    expect(fake.fileBytes(sent.voice.file_id)?.equals(bytes)).toBe(true);
    const again = await api.sendVoice(1001, sent.voice.file_id);
    expect(again.voice).toEqual(sent.voice);
    const misnamed = await api.sendVoice(1001, new InputFile(Buffer.from("OggS"), "memo.bin"));
    expect(misnamed.voice.mime_type).toBe("audio/ogg");
  });

  it("When a voice note's caption is edited, then it changes, while a text edit is refused", async () => {
    const sent = await api.sendVoice(1001, new InputFile(Buffer.from("OggS"), "v.ogg"), { caption: "draft" });
    const edited = await api.editMessageCaption(1001, sent.message_id, { caption: "final" });
    expect(edited).toMatchObject({ caption: "final", voice: { file_id: sent.voice.file_id } });
    expect((await apiError(api.editMessageText(1001, sent.message_id, "x"))).description).toBe(NO_TEXT);
  });

  it("When the voice is missing or names a photo, then the send fails", async () => {
    const photo = await photoId();
    expect(await descriptions([() => api.sendVoice(1001, ""), () => api.sendVoice(1001, photo)])).toEqual([
      "Bad Request: there is no voice in the request", "Bad Request: can't use file of type photo as voice",
    ]);
    expect(alice.messages().filter((m) => m.voice)).toEqual([]);
  });
});

describe("sendContact", () => {
  it("When the bot sends a contact, then the message carries it with its keyboard and a predicate wait finds it", async () => {
    const waiting = alice.waitForMessage((m) => m.contact?.phone_number === "+8613800000002");
    const sent = await api.sendContact(1001, "+8613800000002", "Bob", { last_name: "Li", reply_markup: new InlineKeyboard().text("Call", "call") });
    expect(sent.contact).toEqual({ phone_number: "+8613800000002", first_name: "Bob", last_name: "Li" });
    expect(sent.reply_markup).toEqual({ inline_keyboard: [[{ text: "Call", callback_data: "call" }]] });
    expect((await waiting).message_id).toBe(sent.message_id);
  });

  it("When phone_number or first_name is missing, then the real parameter error comes back", async () => {
    expect(await descriptions([() => api.sendContact(1001, "", "Bob"), () => api.sendContact(1001, "+86138", "")])).toEqual([
      'Bad Request: parameter "phone_number" is required', 'Bad Request: parameter "first_name" is required',
    ]);
  });
});

describe("failures on the new send methods", () => {
  it("When a user blocked the bot, then location, voice, contact and album sends get 403", async () => {
    const photo = await photoId();
    fake.blockUser(1001);
    expect(await descriptions([
      () => api.sendLocation(1001, 1, 2),
      () => api.sendVoice(1001, new InputFile(Buffer.from("OggS"), "v.ogg")),
      () => api.sendContact(1001, "+86138", "Bob"),
      () => album([InputMediaBuilder.photo(photo), InputMediaBuilder.photo(photo)]),
    ])).toEqual(Array.from({ length: 4 }, () => "Forbidden: bot was blocked by the user"));
  });

  it("When a rate limit is set, then an album takes one slot per item once a slot is free", async () => {
    const photo = await photoId();
    fake.setRateLimit({ perSecond: 3 });
    expect(await album(Array.from({ length: 5 }, () => InputMediaBuilder.photo(photo)))).toHaveLength(5);
    const error = await apiError(api.sendContact(1001, "+86138", "Bob"));
    expect([error.error_code, error.parameters]).toEqual([429, { retry_after: 1 }]);
    expect(fake.stats()).toMatchObject({ rateLimited: 1, byMethod: { sendMediaGroup: { ok: 1, failed: 0 }, sendContact: { ok: 0, failed: 1 } } });
  });
});
