import { eq } from "drizzle-orm";
import { generateShifts } from "../../src/shifts/generate-shifts.js";
import type { ShiftPolicy } from "../../src/shifts/policy.js";
import type { Db } from "../../src/storage/db.js";
import { assignments, shifts } from "../../src/storage/schema/index.js";
import { addMember, contextFor, makePerson, makeTeam, system } from "./domain.js";

export const testPolicy: ShiftPolicy = {
  timeZone: "Asia/Shanghai",
  daysAhead: 1,
  weeklyCap: 7,
  reminders: { ask: 1440, nudge: 120, checkin: 15 },
  reminderAheadSeconds: 60,
  waveSize: 5,
  waveMinutes: 30,
  missingNoticeMinutes: 180,
  checkInOpensMinutes: 30,
  noShowAfterMinutes: 30,
  autoCheckOutAfterMinutes: 60,
};

/**
 * One planned night (20:00-24:00 Shanghai = 12:00-16:00Z) for a fresh team of `size` members with
 * a leader: who is on it, who is free, and each person's assignment.
 */
export async function plannedNight(db: Db, date: string, size: number) {
  const team = await makeTeam(db);
  const leader = await makePerson(db, { role: "leader", teamId: team.teamId });
  const members = [];
  for (let i = 0; i < size; i++) members.push(await addMember(db, team.teamId));
  const morning = new Date(`${date}T01:00:00Z`);
  await generateShifts(contextFor(db, system, morning), { from: date, days: 1, timeZone: testPolicy.timeZone, defaultWeeklyCap: 7, reminders: testPolicy.reminders });
  const [shift] = await db.select().from(shifts).where(eq(shifts.teamId, team.teamId));
  const onShift = await db.select().from(assignments).where(eq(assignments.shiftId, shift!.id));
  const assigned = members.filter((m) => onShift.some((a) => a.personId === m.personId));
  const free = members.filter((m) => !onShift.some((a) => a.personId === m.personId));
  const assignmentOf = (personId: number) => onShift.find((a) => a.personId === personId)!.id;
  return { date, morning, team, leader, shift: shift!, assigned, free, assignmentOf };
}
