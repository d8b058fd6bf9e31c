import { setTimeout as sleep } from "node:timers/promises";
import { Api, Bot } from "grammy";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { startFakeTelegram, type FakeTelegram } from "../../src/sandbox/telegram/index.js";

let fake: FakeTelegram;
let api: Api;

beforeEach(async () => {
  fake = await startFakeTelegram();
  api = new Api(fake.token, { apiRoot: fake.apiRoot });
});

afterEach(async () => {
  await fake.close();
});

describe("groups and raw updates", () => {
  it("When a group member sends /cmd@bot, then the bot sees a group command and can answer in the group", async () => {
    const bot = new Bot(fake.token, { client: { apiRoot: fake.apiRoot } });
    bot.command("roster", (ctx) => ctx.reply(`Roster for ${ctx.chat.type} ${ctx.chat.id}`));
    const alice = fake.user({ id: 1001, first_name: "Alice" });
    const group = fake.group({ id: -100123, title: "Night patrol" });
    await new Promise<void>((resolve) => void bot.start({ onStart: () => resolve() }));
    try {
      const { update } = await group.send(alice, "/roster@shouye_test_bot now");
      expect(update.message?.entities).toEqual([{ type: "bot_command", offset: 0, length: 23 }]);
      expect(update.message?.chat).toEqual({ id: -100123, type: "group", title: "Night patrol" });
      await group.waitForMessage("Roster for group -100123");
      expect(alice.messages()).toEqual([]);
    } finally {
      await bot.stop();
    }
  });

  it("When a test pushes a raw update, then its chat becomes known and update ids increase", async () => {
    const from = { id: 3003, is_bot: false, first_name: "Carol" };
    const chat = { id: 3003, type: "private" as const, first_name: "Carol" };
    const first = fake.pushUpdate({ message: { message_id: 5, date: 1, chat, from, text: "raw" } });
    const second = fake.pushUpdate({ message: { message_id: 6, date: 1, chat, from, text: "raw 2" } });
    const updates = await api.getUpdates({ timeout: 0 });
    expect(updates.map((u) => u.update_id)).toEqual([(await first).update_id, (await second).update_id]);
    expect((await second).update_id).toBe((await first).update_id + 1);
    const sent = await api.sendMessage(3003, "hello Carol");
    expect(sent.message_id).toBe(7);
    expect(fake.chat(3003).messages().map((m) => m.text)).toEqual(["hello Carol"]);
  });

  it("When an update type is not in allowed_updates, then it is not delivered", async () => {
    const member = { user: { id: 1, is_bot: false, first_name: "X" }, status: "member" as const };
    const chatMember = {
      chat: { id: -1, type: "group" as const, title: "G" }, from: member.user, date: 1,
      old_chat_member: { ...member, status: "left" as const }, new_chat_member: member,
    };
    await expect(fake.pushUpdate({ chat_member: chatMember })).rejects.toThrow(/excluded by allowed_updates/);
    const waiting = api.getUpdates({ timeout: 1, allowed_updates: ["chat_member"] });
    await sleep(100);
    await expect(fake.pushUpdate({ chat_member: chatMember })).resolves.toMatchObject({ chat_member: { chat: { id: -1 } } });
    expect((await waiting).length).toBe(1);
  });

  it("When a file is sent as a plain multipart field, then it is stored like a grammY upload", async () => {
    fake.user({ id: 1001, first_name: "Alice" });
    const form = new FormData();
    form.set("chat_id", "1001");
    form.set("document", new Blob([Buffer.from("raw bytes")]), "notes.txt");
    form.set("reply_markup", JSON.stringify({ inline_keyboard: [[{ text: "Ok", callback_data: "ok" }]] }));
    const res = await fetch(`${fake.apiRoot}/bot${fake.token}/sendDocument`, { method: "POST", body: form });
    const json = (await res.json()) as { result: { document: { file_id: string; mime_type: string } } };
    expect(json.result.document.mime_type).toBe("text/plain");
    expect(fake.fileBytes(json.result.document.file_id)?.toString()).toBe("raw bytes");
    expect(fake.botMessages(1001)[0]?.reply_markup?.inline_keyboard[0]?.[0]?.text).toBe("Ok");
  });
});
