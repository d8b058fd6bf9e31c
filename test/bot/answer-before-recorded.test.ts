import { eq } from "drizzle-orm";
import type { Message } from "grammy/types";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { FakeUser } from "../../src/sandbox/telegram/index.js";
import { assignments } from "../../src/storage/schema/index.js";
import { startBotHarness, type BotHarness } from "../support/bot-harness.js";
import { moveClock, outboxSettled } from "../support/outbox-settled.js";
import { plannedNight } from "../support/reminded-night.js";

let h: BotHarness;
beforeAll(async () => {
  h = await startBotHarness({ env: { ROTA_DAYS_AHEAD: "2", WEEKLY_CAP: "7" } });
});
afterAll(async () => {
  await h?.close();
});

/**
 * A volunteer on the shift planned for the night after `night`, whose "are you coming?" reminder
 * Telegram has put in the chat at 20:01 without yet answering the bot's sendMessage: `answer`
 * runs then, and Telegram answers 300 ms into it.
 */
async function answerHeldReminder(name: string, night: string, answer: (volunteer: FakeUser, reminder: Message, assignmentId: number) => Promise<unknown>) {
  const planned = await plannedNight(h, name, night, 4);
  const volunteer = planned.assigned[0]!;
  const assignmentId = planned.assignmentOf(volunteer);
  // Tonight's check-in reminders first (19:50), so that tomorrow's question is all that is sent below.
  await moveClock(h, `${night}T11:50:00Z`);
  await h.app.scheduler.run("due-reminders");
  await outboxSettled(h.database.db);
  await moveClock(h, `${night}T12:01:00Z`);

  const since = volunteer.cursor();
  const answers = h.fake.holdAnswers("sendMessage");
  let reminder: Message;
  try {
    await h.app.scheduler.run("due-reminders");
    reminder = await volunteer.waitForMessage(/Are you coming\?/, { after: since });
    const answered = answer(volunteer, reminder, assignmentId);
    await new Promise((resolve) => setTimeout(resolve, 300));
    answers.release();
    await answered;
  } finally {
    answers.release();
  }
  return { volunteer, reminder, assignmentId };
}

const assignmentRow = async (id: number) => (await h.database.db.select().from(assignments).where(eq(assignments.id, id)))[0]!;

describe("an answer to a reminder whose sending is not yet written down", () => {
  it("When Telegram shows the reminder before it answers the bot and the volunteer replies to it at once, then the reply still answers that reminder", async () => {
    const night = "2027-08-02";
    const { volunteer, assignmentId } = await answerHeldReminder("Held", night, async (v, reminder, id) => {
      // Already answered Coming (by button, a moment ago), so the reminder is no open question:
      // only the message replied to says which shift the words are about.
      await h.database.db.update(assignments).set({ reply: "coming", repliedAt: new Date(`${night}T12:01:00Z`) }).where(eq(assignments.id, id));
      return v.reply(reminder, "sorry, can't come after all");
    });
    await volunteer.waitForMessage(/teammates are being asked/);
    expect(volunteer.messages().some((m) => /did not understand/.test(m.text ?? ""))).toBe(false);
    expect((await assignmentRow(assignmentId)).reply).toBe("cant");
  });

  it("When the volunteer presses Coming on it at once, then the reminder is closed once, by the outbox, as any answered reminder", async () => {
    const { volunteer, reminder, assignmentId } = await answerHeldReminder("Pressed", "2027-08-04", (v, m) => v.click(m, /Coming/));
    await volunteer.waitForMessage(/See you at 20:00/);
    await volunteer.waitForMessage((m) => m.message_id === reminder.message_id && /Answered: coming/.test(m.text ?? ""));
    await outboxSettled(h.database.db);
    expect(volunteer.log().find((e) => e.message.message_id === reminder.message_id)!.editCount).toBe(1);
    expect((await assignmentRow(assignmentId)).reply).toBe("coming");
  });
});
