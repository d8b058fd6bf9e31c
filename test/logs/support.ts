import { and, eq } from "drizzle-orm";
import type { Message } from "grammy/types";
import { expect } from "vitest";
import { shifts } from "../../src/storage/schema/index.js";
import type { FakeUser } from "../../src/sandbox/telegram/index.js";
import type { BotHarness } from "../support/bot-harness.js";
import { activeMember, teamWithLeader } from "../support/world.js";

/** A team of a leader and four members with its patrol planned for `night`. */
export async function teamTonight(h: BotHarness, name: string, night: string) {
  const team = await teamWithLeader(h, name);
  const members: FakeUser[] = [];
  for (let i = 0; i < 4; i++) members.push((await activeMember(h, team.teamId, `${name} ${i + 1}`)).user);
  h.setNow(`${night}T01:00:00Z`);
  await h.app.scheduler.run("plan-shifts");
  const [shift] = await h.database.db.select().from(shifts).where(and(eq(shifts.teamId, team.teamId), eq(shifts.night, night)));
  return { ...team, members, shift: shift! };
}

/** The callback data of the button `text` on the keyboard row whose first button starts with `row`. */
export function rowButtonData(message: Message, row: RegExp, text: string): string {
  const keyboard = message.reply_markup?.inline_keyboard ?? [];
  const found = keyboard.find((r) => row.test(r[0]?.text ?? ""))?.find((b) => b.text === text);
  expect(found && "callback_data" in found, `a "${text}" button on the ${row} row`).toBe(true);
  return (found as { callback_data: string }).callback_data;
}
