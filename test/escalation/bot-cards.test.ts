import { eq } from "drizzle-orm";
import type { Message } from "grammy/types";
import { afterAll, beforeAll, expect, it } from "vitest";
import type { Db } from "../../src/storage/db.js";
import { escalations, people } from "../../src/storage/schema/index.js";
import type { FakeUser } from "../../src/sandbox/telegram/index.js";
import { startBotHarness, type BotHarness } from "../support/bot-harness.js";
import { pressButton, pressData } from "../support/reports.js";
import { plannedNight } from "../support/shifts.js";
import { teamWithLeader, userWithRole } from "../support/world.js";
import { cardRecipients, escalationFor, minutesAfter } from "./support.js";

let h: BotHarness;
beforeAll(async () => {
  h = await startBotHarness();
});
afterAll(async () => {
  await h?.close();
});

/** A planned night whose leader (and first volunteer) can use the bot under a name. */
async function nightInChat(date: string, name: string) {
  const db = h.database.db;
  const n = await plannedNight(db, date, 4);
  const chatUser = async (person: { personId: number; telegramId: number }, first: string) => {
    await db.update(people).set({ name: first }).where(eq(people.id, person.personId));
    return h.fake.user({ id: person.telegramId, first_name: first, language_code: "en" });
  };
  const leader = await chatUser(n.leader, `Leader ${name}`);
  const volunteer = await chatUser(n.assigned[0]!, `Volunteer ${name}`);
  const supervisor = await userWithRole(h, `Supervisor ${name}`, { role: "supervisor", townId: n.team.townId });
  return { ...n, leader, volunteer, supervisor };
}

/** Some bot message in the user's own chat, to forge callback data from. */
async function ownMessage(user: FakeUser): Promise<Message> {
  const before = user.cursor();
  await user.send("/me");
  return user.waitForMessage(() => true, { after: before });
}

const escalationIdOf = (card: Message) => {
  const data = (card.reply_markup?.inline_keyboard ?? []).flat().flatMap((b) => ("callback_data" in b && b.callback_data ? [b.callback_data] : []));
  const id = data.map((d) => /^es:a:(\d+)$/.exec(d)?.[1]).find(Boolean);
  expect(id, "the card has an I'll-handle-it button").toBeDefined();
  return Number(id);
};

async function statusOf(db: Db, id: number) {
  const [row] = await db.select().from(escalations).where(eq(escalations.id, id));
  return row!;
}

it("When a shift is still empty a quarter past the start, then its leader gets a card, another team's leader pressing it is refused, and the leader's I'll handle it stops the escalation", async () => {
  const n = await nightInChat("2027-10-05", "Empty");
  const other = await teamWithLeader(h, "Bystander", "Bystander Town");
  h.setNow(minutesAfter(n.shift.startsAt, 15));
  await h.app.scheduler.run("understaffed-shifts");
  const card = await n.leader.waitForMessage(/has 0 of 4 people checked in/);
  expect(card.text).toContain("Nobody has taken this on yet.");
  const id = escalationIdOf(card);

  const refused = await pressData(other.leader, await ownMessage(other.leader), `es:a:${id}`);
  expect(refused.text).toMatch(/This is not for you to handle/);
  expect((await statusOf(h.database.db, id)).status).toBe("active");

  const popup = await pressButton(n.leader, card, "👍 I'll handle it");
  expect(popup.text).toBe("It is yours now.");
  const edited = await n.leader.waitForMessage(/Leader Empty is handling it/, { after: card });
  expect(edited.message_id).toBe(card.message_id);
  expect(edited.reply_markup?.inline_keyboard ?? []).toEqual([]);
  expect(await statusOf(h.database.db, id)).toMatchObject({ status: "owned", ownerPersonId: n.shift.leaderPersonId });

  h.setNow(minutesAfter(n.shift.startsAt, 50));
  await h.app.scheduler.run("escalations");
  await h.app.scheduler.run("understaffed-shifts");
  expect(await escalationFor(h.database.db, "understaffed", n.shift.id)).toHaveLength(1);
  expect(await cardRecipients(h.database.db, `escalation:${id}`)).toEqual([n.shift.leaderPersonId]);
});

it("When a volunteer sends /sos, then the leader's card says who needs help, and On my way tells the volunteer who is coming", async () => {
  const n = await nightInChat("2027-10-06", "Sos");
  h.setNow(minutesAfter(n.shift.startsAt, 45));
  const before = n.volunteer.cursor();
  await n.volunteer.send("/sos");
  await n.volunteer.waitForMessage(/Your shift leader and team leaders have been called/, { after: before });
  const card = await n.leader.waitForMessage(/Volunteer Sos needs help/);

  const popup = await pressButton(n.leader, card, "🏃 On my way");
  expect(popup.text).toBe("Thank you. They have been told you are coming.");
  await n.volunteer.waitForMessage(/Leader Sos is on the way to help you/, { after: before });
  await n.leader.waitForMessage(/Leader Sos is handling it/, { after: card });

  // Once answered, a new call pages again, on a card of its own.
  const again = n.volunteer.cursor();
  const leaderBefore = n.leader.cursor();
  await n.volunteer.send("/sos");
  await n.volunteer.waitForMessage(/Your shift leader and team leaders have been called/, { after: again });
  const second = await n.leader.waitForMessage(/Volunteer Sos needs help/, { after: leaderBefore });
  expect(second.message_id).not.toBe(card.message_id);
  expect(second.text).toContain("Nobody has taken this on yet.");
});
