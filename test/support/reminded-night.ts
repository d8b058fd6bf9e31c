import { and, eq, isNull } from "drizzle-orm";
import type { FakeUser } from "../../src/sandbox/telegram/index.js";
import { assignments, people, shifts } from "../../src/storage/schema/index.js";
import type { BotHarness } from "./bot-harness.js";
import { moveClock } from "./outbox-settled.js";
import { activeMember, teamWithLeader } from "./world.js";

export const nextDay = (night: string) => new Date(Date.parse(`${night}T00:00:00Z`) + 86_400_000).toISOString().slice(0, 10);

/**
 * A team of `size` members planned by the bot for the night after `night` (four on the shift, the
 * rest free), planned at 08:30 on `night` (Shanghai), nothing sent to them yet. Needs a harness
 * with ROTA_DAYS_AHEAD 2 and a weekly cap that lets everyone patrol.
 */
export async function plannedNight(h: BotHarness, name: string, night: string, size = 5) {
  const team = await teamWithLeader(h, name);
  const members: FakeUser[] = [];
  for (let i = 0; i < size; i++) members.push((await activeMember(h, team.teamId, `${name} ${i + 1}`)).user);
  // Moved with the outbox stopped: setting up the team queued messages that may be in flight.
  await moveClock(h, `${night}T00:30:00Z`); // 08:30 in Shanghai, the night before
  await h.app.scheduler.run("plan-shifts");
  const [shift] = await h.database.db.select().from(shifts).where(and(eq(shifts.teamId, team.teamId), eq(shifts.night, nextDay(night))));
  const onShift = await h.database.db
    .select({ telegramId: people.telegramId, assignmentId: assignments.id })
    .from(assignments)
    .innerJoin(people, eq(people.id, assignments.personId))
    .where(and(eq(assignments.shiftId, shift!.id), isNull(assignments.endedAt)));
  const assigned = members.filter((m) => onShift.some((a) => a.telegramId === m.id));
  const free = members.filter((m) => !onShift.some((a) => a.telegramId === m.id));
  const assignmentOf = (u: FakeUser) => onShift.find((a) => a.telegramId === u.id)!.assignmentId;
  return { ...team, shift: shift!, assigned, free, assignmentOf };
}

/** The same, with its "are you coming?" reminders sent at 20:01 on `night`. */
export async function remindedNight(h: BotHarness, name: string, night: string, size = 5) {
  const planned = await plannedNight(h, name, night, size);
  await moveClock(h, `${night}T12:01:00Z`); // 24 hours before 20:00 the next night
  await h.app.scheduler.run("due-reminders");
  for (const m of planned.assigned) await m.waitForMessage(/Are you coming\?/);
  return planned;
}
