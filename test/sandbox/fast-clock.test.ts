import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { setTimeout as sleep } from "node:timers/promises";
import type { RunningSandbox } from "../../src/sandbox/sandbox.js";
import type { Database } from "../../src/storage/db.js";
import { api, EventStream, startTestSandbox } from "../support/sandbox-client.js";
import { openTestDatabase } from "../support/test-database.js";

const MONDAY_MORNING = new Date("2026-06-01T10:00:00+08:00");

interface PersonView {
  id: number;
  name: string;
  role: string;
}
interface MessageView {
  id: number;
  text?: string;
  from: { id: number; isBot: boolean } | null;
}

describe("the sandbox with its clock running fast", () => {
  let database: Database;
  let sandbox: RunningSandbox;

  beforeAll(async () => {
    database = await openTestDatabase();
    sandbox = await startTestSandbox(database, MONDAY_MORNING);
  });

  afterAll(async () => {
    await sandbox?.stop();
    await database?.close();
  });

  it("When Telegram is slow to answer while an hour passes each second, then each answer is still sent once", async () => {
    const people = (await api<{ people: PersonView[] }>(sandbox, "/sandbox/api/people")).body.people;
    const volunteer = people.find((p) => p.role === "volunteer")!;
    const speed = await api(sandbox, "/sandbox/api/clock/speed", { body: { speed: 3600 } });
    expect(speed.status).toBe(200);
    const events = await EventStream.open(sandbox, `?chats=${volunteer.id}`);
    // Telegram takes 1.5 real seconds to answer: 90 minutes on the sandbox's clock, longer than any lease.
    const answers = sandbox.telegram.holdAnswers("sendMessage");
    try {
      const sent = await api<{ message: MessageView }>(sandbox, `/sandbox/api/chats/${volunteer.id}/messages`, { body: { as: volunteer.id, text: "/me" } });
      expect(sent.status).toBe(200);
      await events.waitFor("message", (d) => (d.message as MessageView).from?.isBot === true && (d.message as MessageView).text?.includes(volunteer.name) === true);
      await sleep(1500);
      answers.release();
      await sleep(1500);
      const chat = await api<{ messages: MessageView[] }>(sandbox, `/sandbox/api/chats/${volunteer.id}/messages`);
      const profiles = chat.body.messages.filter((m) => m.from?.isBot && m.id > sent.body.message.id && m.text?.includes(volunteer.name));
      expect(profiles, "copies of the /me answer").toHaveLength(1);
    } finally {
      answers.release();
      events.close();
    }
  }, 30_000);

  it("When the clock jumps to 19:45 and runs an hour a second while Telegram is slow, then nobody gets a message twice", async () => {
    const people = (await api<{ people: PersonView[] }>(sandbox, "/sandbox/api/people")).body.people;
    const answers = sandbox.telegram.holdAnswers("sendMessage");
    try {
      expect((await api(sandbox, "/sandbox/api/clock/jump", { body: { to: "19:45" } })).status).toBe(200);
      expect((await api(sandbox, "/sandbox/api/clock/speed", { body: { speed: 3600 } })).status).toBe(200);
      await sleep(2000);
    } finally {
      answers.release();
    }
    await sleep(2000);
    let reminders = 0;
    for (const person of people) {
      const chat = await api<{ messages: MessageView[] }>(sandbox, `/sandbox/api/chats/${person.id}/messages`);
      const texts = chat.body.messages.filter((m) => m.from?.isBot).map((m) => m.text ?? "");
      reminders += texts.filter((t) => /签到|check in/i.test(t)).length;
      const repeated = texts.filter((t, i) => texts.indexOf(t) !== i);
      expect(repeated, `messages ${person.name} got twice`).toEqual([]);
    }
    expect(reminders, "check-in reminders sent").toBeGreaterThan(0);
  }, 30_000);
});
