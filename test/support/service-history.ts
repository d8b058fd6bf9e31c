import { and, eq } from "drizzle-orm";
import { expect } from "vitest";
import { judgeTip } from "../../src/incidents/judge-tip.js";
import { submitReport } from "../../src/incidents/submit-report.js";
import { appendLogEntry } from "../../src/logs/append-log-entry.js";
import { closeLog, confirmLogCounts } from "../../src/logs/confirm-log.js";
import { removeFromShift } from "../../src/shifts/adjust-roster.js";
import { autoCheckOut } from "../../src/shifts/auto-check-out.js";
import { checkIn, checkOut } from "../../src/shifts/check-in.js";
import { generateShifts } from "../../src/shifts/generate-shifts.js";
import { markPresent } from "../../src/shifts/lead-shift.js";
import { markNoShows } from "../../src/shifts/mark-no-shows.js";
import type { Db } from "../../src/storage/db.js";
import { assignments, shifts } from "../../src/storage/schema/index.js";
import { asPerson, contextFor, makePerson, system } from "./domain.js";
import { testPolicy } from "./shifts.js";

/** Patrols are 20:00-24:00 in Shanghai: 12:00-16:00 UTC. */
const at = (night: string, utc: string) => new Date(`${night}T${utc}:00Z`);
const reportSettings = { refPrefix: "NH", timeZone: "Asia/Shanghai", publicPerDay: 5, bbox: null };

/**
 * What the seeded volunteer's record must add up to, counted by hand (the rule in
 * src/stats/served-time.ts), as of 12 June 2027:
 * - 2026-12-30  19:50-23:50 checked in and out          4h00  (last year)
 * - 2027-03-01  20:00-23:30 checked in and out          3h30
 * - 2027-03-02  19:45-(forgot) auto check-out → 24:00  4h15
 * - 2027-03-03  no-show                                 —
 * - 2027-03-04  checked in 20:05, then taken off        —
 * - 2027-03-05  marked present 20:30, out 24:00         3h30
 * Tips: 2026 a useful tip; 2027 a useful tip, a tip judged not useful, a suspicious sighting not
 * judged yet, and a hazard (not a tip).
 */
export const EXPECTED = {
  thisYear: { nights: 3, minutes: 675, hours: "11.3", tips: 3, verified: 1 },
  allTime: { nights: 4, minutes: 915, hours: "15.3", tips: 4, verified: 2, first: "2026-12-30" },
  today: "2027-06-12",
  now: new Date("2027-06-12T04:00:00Z"),
} as const;

/**
 * Gives `volunteerId` the history above on `teamId` (which must have exactly four active
 * members, so the rota puts each of them on every night), through the real verbs and jobs.
 * Also writes a duty log for 2027-03-01. Every team in the database gets the nights planned.
 */
export async function seedServiceHistory(db: Db, teamId: number, volunteerId: number) {
  const plan = (from: string, days: number) =>
    generateShifts(contextFor(db, system, at(from, "01:00")), { from, days, timeZone: "Asia/Shanghai", defaultWeeklyCap: 7, reminders: testPolicy.reminders });
  await plan("2026-12-30", 1);
  await plan("2027-03-01", 5);
  const onNight = async (night: string) => {
    const [row] = await db
      .select({ assignmentId: assignments.id, shiftId: shifts.id, leaderId: shifts.leaderPersonId })
      .from(assignments)
      .innerJoin(shifts, eq(shifts.id, assignments.shiftId))
      .where(and(eq(shifts.teamId, teamId), eq(shifts.night, night), eq(assignments.personId, volunteerId)));
    expect(row, `the volunteer is on the shift of ${night}`).toBeDefined();
    return row!;
  };
  const as = (personId: number, when: Date) => contextFor(db, asPerson(personId), when);
  const volunteer = (when: Date) => as(volunteerId, when);

  await checkIn(volunteer(at("2026-12-30", "11:50")), testPolicy);
  await checkOut(volunteer(at("2026-12-30", "15:50")), testPolicy);

  const first = await onNight("2027-03-01");
  await checkIn(volunteer(at("2027-03-01", "12:00")), testPolicy);
  await checkOut(volunteer(at("2027-03-01", "15:30")), testPolicy);

  await checkIn(volunteer(at("2027-03-02", "11:45")), testPolicy);
  await autoCheckOut(contextFor(db, system, at("2027-03-02", "17:05")), testPolicy);

  await markNoShows(contextFor(db, system, at("2027-03-03", "12:31")), testPolicy);

  const removed = await onNight("2027-03-04");
  await checkIn(volunteer(at("2027-03-04", "12:05")), testPolicy);
  await removeFromShift(as(removed.leaderId!, at("2027-03-04", "13:00")), removed.assignmentId);

  const present = await onNight("2027-03-05");
  await markPresent(as(present.leaderId!, at("2027-03-05", "12:30")), present.assignmentId);
  await checkOut(volunteer(at("2027-03-05", "16:00")), testPolicy);

  const { personId: policeId } = await makePerson(db, { role: "police" });
  const report = async (when: Date, category: string, description: string) =>
    (await submitReport(volunteer(when), reportSettings, { clientKey: `seed:${volunteerId}:${description}`, category, description, voiceFileId: null, photoFileIds: [], location: null })).incidentId;
  const judge = (incidentId: number, useful: boolean, when: Date) => judgeTip(as(policeId, when), { incidentId, useful });
  await judge(await report(at("2026-12-30", "13:00"), "tip", "Van without plates at the crossing"), true, at("2026-12-31", "02:00"));
  await judge(await report(at("2027-03-01", "13:00"), "tip", "Stolen bikes behind the market"), true, at("2027-03-02", "02:00"));
  await judge(await report(at("2027-03-01", "13:10"), "tip", "Someone asking about empty flats"), false, at("2027-03-02", "02:05"));
  await report(at("2027-03-05", "13:00"), "suspicious", "Man trying car doors");
  await report(at("2027-03-05", "13:20"), "hazard", "Broken street light");

  const leader = as(first.leaderId!, at("2027-03-01", "14:00"));
  await appendLogEntry(leader, { chatId: 1, messageId: 100 + volunteerId, kind: "text", text: "4人巡逻，发现隐患1处" }, 60);
  await appendLogEntry(leader, { chatId: 1, messageId: 200 + volunteerId, kind: "photo", fileId: "photo-1", text: null }, 60);
  await confirmLogCounts(leader, first.shiftId);
  await closeLog(as(first.leaderId!, at("2027-03-01", "15:55")), first.shiftId);
  return { policeId, shiftOf: async (night: string) => (await onNight(night)).shiftId };
}
