import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { findTeams } from "../../src/org/find-teams.js";
import { listTowns } from "../../src/org/list-towns.js";
import type { RunningSandbox } from "../../src/sandbox/sandbox.js";
import type { Database } from "../../src/storage/db.js";
import { api, EventStream, startTestSandbox } from "../support/sandbox-client.js";
import { openTestDatabase } from "../support/test-database.js";

/** A Monday morning in Jiaxing: tonight's patrols (20:00-24:00) are planned and have not begun. */
const MONDAY_MORNING = new Date("2026-06-01T10:00:00+08:00");

interface PersonView {
  id: number;
  name: string;
  role: string;
  language: string;
  team: { name: string } | null;
}
interface MessageView {
  id: number;
  text?: string;
  html?: string;
  from: { id: number; isBot: boolean } | null;
  edited: boolean;
  inlineKeyboard?: Array<Array<{ text: string; action: string }>>;
}

describe("the sandbox's HTTP API", () => {
  let database: Database;
  let sandbox: RunningSandbox;
  let people: PersonView[];
  const volunteers = () => people.filter((p) => p.role === "volunteer");

  beforeAll(async () => {
    database = await openTestDatabase();
    sandbox = await startTestSandbox(database, MONDAY_MORNING);
    people = (await api<{ people: PersonView[] }>(sandbox, "/sandbox/api/people")).body.people;
  });

  afterAll(async () => {
    await sandbox?.stop();
    await database?.close();
  });

  it("When started without a token, then it listens on 127.0.0.1 and lists the demo district's people by role", async () => {
    expect(sandbox.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/$/);
    expect((await fetch(new URL("/healthz", sandbox.url))).status).toBe(200);
    const count = (role: string) => people.filter((p) => p.role === role).length;
    expect({ coordinator: count("coordinator"), supervisor: count("supervisor"), police: count("police"), leader: count("leader"), deputy: count("deputy"), resident: count("resident") })
      .toEqual({ coordinator: 1, supervisor: 2, police: 1, leader: 4, deputy: 4, resident: 1 });
    expect(count("volunteer")).toBe(32);
    expect(people.every((p) => /\p{Script=Han}/u.test(p.name))).toBe(true);
    expect(people.filter((p) => p.language === "en").length).toBeGreaterThan(0);
    expect(new Set(people.flatMap((p) => (p.team ? [p.team.name] : []))).size).toBe(4);
    const page = await fetch(sandbox.url);
    expect(page.headers.get("content-type")).toMatch(/text\/html/);
  });

  it("When a volunteer sends /me, then the bot's answer is in their chat, read over the API", async () => {
    const volunteer = volunteers()[0]!;
    const events = await EventStream.open(sandbox, `?chats=${volunteer.id}`);
    try {
      const sent = await api<{ message: MessageView }>(sandbox, `/sandbox/api/chats/${volunteer.id}/messages`, { body: { as: volunteer.id, text: "/me" } });
      expect(sent.status).toBe(200);
      expect(sent.body.message.html).toContain('class="tg-bot-command"');
      await events.waitFor("message", (d) => (d.message as MessageView).from?.isBot === true && (d.message as MessageView).text?.includes(volunteer.name) === true);
      const chat = await api<{ messages: MessageView[] }>(sandbox, `/sandbox/api/chats/${volunteer.id}/messages`);
      const answer = chat.body.messages.find((m) => m.from?.isBot && m.id > sent.body.message.id);
      expect(answer?.text).toContain(volunteer.team!.name);
    } finally {
      events.close();
    }
  });

  it("When a volunteer presses a button, then the press is answered and the edited message arrives as an event", async () => {
    const volunteer = volunteers()[1]!;
    const events = await EventStream.open(sandbox, `?chats=${volunteer.id}`);
    try {
      await api(sandbox, `/sandbox/api/chats/${volunteer.id}/messages`, { body: { as: volunteer.id, text: "/lang" } });
      const menu = (await events.waitFor("message", (d) => ((d.message as MessageView).inlineKeyboard ?? []).flat().some((b) => b.text === "English"))).message as MessageView;
      const pressed = await api<{ callbackQueryId: string; answer: unknown }>(sandbox, `/sandbox/api/chats/${volunteer.id}/buttons`, {
        body: { as: volunteer.id, messageId: menu.id, text: "English" },
      });
      expect(pressed.status).toBe(200);
      const edit = await events.waitFor("edit", (d) => (d.message as MessageView).id === menu.id);
      expect(edit.message).toMatchObject({ text: "Language set to English.", edited: true });
      await events.waitFor("callback-answer", (d) => d.callbackQueryId === pressed.body.callbackQueryId);
      const answered = await api<{ answer: unknown }>(sandbox, `/sandbox/api/callbacks/${pressed.body.callbackQueryId}`);
      expect(answered.body.answer).toEqual({ text: null, showAlert: false, url: null });
    } finally {
      events.close();
    }
  });

  it("When the clock jumps to 19:45, then a volunteer on tonight's patrol gets the check-in reminder", async () => {
    const ids = new Set(volunteers().map((v) => v.id));
    const events = await EventStream.open(sandbox);
    try {
      const jumped = await api<{ local: string; speed: number }>(sandbox, "/sandbox/api/clock/jump", { body: { to: "19:45" } });
      expect(jumped.body).toMatchObject({ local: "2026-06-01 19:45", speed: 1 });
      await events.waitFor("clock", (d) => d.local === "2026-06-01 19:45");
      const reminder = await events.waitFor("message", (d) => ids.has(d.chatId as number) && /到达后请签到|check in/i.test((d.message as MessageView).text ?? ""));
      expect((reminder.message as MessageView).inlineKeyboard?.flat().map((b) => b.text)).toContain("📍 签到");
    } finally {
      events.close();
    }
  });

  it("When input is wrong, then the answer is 400 with a sentence saying what is wrong", async () => {
    const volunteer = volunteers()[2]!;
    const notText = await api<{ error: string }>(sandbox, `/sandbox/api/chats/${volunteer.id}/messages`, { body: { as: volunteer.id, text: 42 } });
    expect(notText.status).toBe(400);
    expect(notText.body.error).toMatch(/^Bad body: text: /);
    const badTime = await api<{ error: string }>(sandbox, "/sandbox/api/clock/jump", { body: { to: "7pm" } });
    expect(badTime).toEqual({ status: 400, body: { error: "Bad body: to: must be a time of day as HH:MM, e.g. 19:45 or 00:30." } });
    const slower = await api<{ error: string }>(sandbox, "/sandbox/api/clock/speed", { body: { speed: 0.5 } });
    expect(slower.body.error).toContain("time never runs backwards");
    const notJson = await api<{ error: string }>(sandbox, `/sandbox/api/chats/${volunteer.id}/location`, { body: Buffer.from("{lat"), contentType: "application/json" });
    expect(notJson).toEqual({ status: 400, body: { error: "The request body is not JSON." } });
    const stranger = await api<{ error: string }>(sandbox, `/sandbox/api/chats/${volunteer.id}/messages`, { body: { as: volunteers()[3]!.id, text: "hi" } });
    expect(stranger.status).toBe(400);
    expect(stranger.body.error).toMatch(/is not in chat/);
    const noButton = await api<{ error: string }>(sandbox, `/sandbox/api/chats/${volunteer.id}/reply-keyboard`, { body: { as: volunteer.id, text: "Share" } });
    expect(noButton.status).toBe(400);
    expect(noButton.body.error).toMatch(/no reply keyboard is shown/);
  });

  it("When a volunteer sends a photo's bytes, then the chat shows it with a URL that gives the same bytes back", async () => {
    const volunteer = volunteers()[4]!;
    const png = Buffer.concat([Buffer.from("89504e470d0a1a0a0000000d49484452000000400000003008060000", "hex"), Buffer.alloc(64, 7)]);
    const sent = await api<{ message: MessageView & { photo: { url: string; width: number; height: number } } }>(
      sandbox, `/sandbox/api/chats/${volunteer.id}/photo?as=${volunteer.id}&caption=${encodeURIComponent("门锁坏了")}`, { body: png, contentType: "image/png" },
    );
    expect(sent.status).toBe(200);
    expect(sent.body.message).toMatchObject({ text: "门锁坏了", photo: { width: 64, height: 48 } });
    const file = await fetch(new URL(sent.body.message.photo.url, sandbox.url));
    expect(Buffer.from(await file.arrayBuffer()).equals(png)).toBe(true);
  });

  it("When people of different roles open the menu, then each sees their role's commands in their language", async () => {
    const coordinator = people.find((p) => p.role === "coordinator")!;
    const volunteer = volunteers().find((p) => p.language === "en")!;
    const menu = async (person: PersonView) => (await api<{ commands: Array<{ command: string; description: string }> }>(sandbox, `/sandbox/api/people/${person.id}/commands`)).body.commands;
    const coordinators = await menu(coordinator);
    const volunteersMenu = await menu(volunteer);
    expect(coordinators.map((c) => c.command)).toContain("level");
    expect(volunteersMenu.map((c) => c.command)).not.toContain("level");
    expect(volunteersMenu.map((c) => c.command)).toContain("checkin");
    expect(volunteersMenu.find((c) => c.command === "checkin")?.description).toMatch(/^[\x20-\x7e]+$/);
    expect(coordinators.find((c) => c.command === "level")?.description).toMatch(/\p{Script=Han}/u);
    // Whoever is shown a service statement checks it: the police liaison has /statement too.
    const police = await menu(people.find((p) => p.role === "police")!);
    expect(police.map((c) => c.command)).toEqual(expect.arrayContaining(["tips", "statement"]));
    expect(volunteersMenu.map((c) => c.command)).not.toContain("statement");
  });

  it("When the sandbox starts again on its store, then the demo district is there once", async () => {
    await sandbox.stop();
    sandbox = await startTestSandbox(database, MONDAY_MORNING);
    expect(sandbox.seeded).toBe(false);
    expect(await listTowns(database.db)).toHaveLength(2);
    expect(await findTeams(database.db, "巡防队")).toHaveLength(4);
    const again = await api<{ people: PersonView[] }>(sandbox, "/sandbox/api/people");
    expect(again.body.people).toHaveLength(people.length);
  });
});
