import { and, eq, isNull } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { FakeUser } from "../../src/sandbox/telegram/index.js";
import { assignments, people, shifts } from "../../src/storage/schema/index.js";
import { startBotHarness, type BotHarness } from "../support/bot-harness.js";
import { moveClock, outboxSettled } from "../support/outbox-settled.js";
import { nextDay } from "../support/reminded-night.js";
import { activeMember, teamWithLeader } from "../support/world.js";

let h: BotHarness;
beforeAll(async () => {
  h = await startBotHarness({ env: { ROTA_DAYS_AHEAD: "2", WEEKLY_CAP: "7" } });
});
afterAll(async () => {
  await h?.close();
});

const NIGHT = "2027-08-02";

describe("a reply in words to a reminder whose sending is not yet written down", () => {
  it("When Telegram shows the reminder before it answers the bot and the volunteer replies to it at once, then the reply still answers that reminder", async () => {
    const team = await teamWithLeader(h, "Held");
    const members: FakeUser[] = [];
    for (let i = 0; i < 4; i++) members.push((await activeMember(h, team.teamId, `Held ${i + 1}`)).user);
    await moveClock(h, `${NIGHT}T00:30:00Z`);
    await h.app.scheduler.run("plan-shifts");
    const [shift] = await h.database.db.select().from(shifts).where(and(eq(shifts.teamId, team.teamId), eq(shifts.night, nextDay(NIGHT))));
    const [onShift] = await h.database.db
      .select({ telegramId: people.telegramId, assignmentId: assignments.id })
      .from(assignments)
      .innerJoin(people, eq(people.id, assignments.personId))
      .where(and(eq(assignments.shiftId, shift!.id), isNull(assignments.endedAt)));
    const volunteer = members.find((m) => m.id === onShift!.telegramId)!;
    // Tonight's check-in reminders first (19:50), so that tomorrow's question is all that is sent below.
    await moveClock(h, `${NIGHT}T11:50:00Z`);
    await h.app.scheduler.run("due-reminders");
    await outboxSettled(h.database.db);
    await moveClock(h, `${NIGHT}T12:01:00Z`);

    // Telegram has put the reminder in the chat but not yet answered the bot's sendMessage.
    const since = volunteer.cursor();
    const answers = h.fake.holdAnswers("sendMessage");
    try {
      await h.app.scheduler.run("due-reminders");
      const reminder = await volunteer.waitForMessage(/Are you coming\?/, { after: since });
      // Already answered Coming (by button, a moment ago), so the reminder is no open question:
      // only the message replied to says which shift the words are about.
      await h.database.db.update(assignments).set({ reply: "coming", repliedAt: new Date(`${NIGHT}T12:01:00Z`) }).where(eq(assignments.id, onShift!.assignmentId));
      const replied = volunteer.reply(reminder, "sorry, can't come after all");
      await new Promise((resolve) => setTimeout(resolve, 300));
      answers.release();
      await replied;
    } finally {
      answers.release();
    }
    await volunteer.waitForMessage(/teammates are being asked/);
    expect(volunteer.messages().some((m) => /did not understand/.test(m.text ?? ""))).toBe(false);
    const [after] = await h.database.db.select().from(assignments).where(eq(assignments.id, onShift!.assignmentId));
    expect(after!.reply).toBe("cant");
  });
});
