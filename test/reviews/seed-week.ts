import { and, eq } from "drizzle-orm";
import { expect } from "vitest";
import { ensureOrgPath, type OrgIds } from "../../src/org/ensure-org-path.js";
import { judgeTip } from "../../src/incidents/judge-tip.js";
import { appendLogEntry } from "../../src/logs/append-log-entry.js";
import { closeLog } from "../../src/logs/confirm-log.js";
import { checkIn } from "../../src/shifts/check-in.js";
import { generateShifts } from "../../src/shifts/generate-shifts.js";
import { markNoShows } from "../../src/shifts/mark-no-shows.js";
import { addDays } from "../../src/shifts/night.js";
import type { Db } from "../../src/storage/db.js";
import { assignments, people, shifts } from "../../src/storage/schema/index.js";
import { report } from "../escalation/support.js";
import { addMember, asPerson, contextFor, makePerson, system } from "../support/domain.js";
import { testPolicy } from "../support/shifts.js";

/** Monday 3 May 2027; the week runs to Sunday 9 May. Patrols 20:00-24:00 Shanghai = 12:00-16:00Z. */
export const MONDAY = "2027-05-03";
export const nightOf = (day: number) => addDays(MONDAY, day);
const at = (day: number, minutesFromStart: number) => new Date(new Date(`${nightOf(day)}T12:00:00Z`).getTime() + minutesFromStart * 60_000);

/** What a member does on a night: checks in 10 minutes early, 4 minutes after the start (still on time), 20 minutes late, or not at all. */
type Turn = "early" | "grace" | "late" | "absent";
const CHECK_IN: Record<Exclude<Turn, "absent">, number> = { early: -10, grace: 4, late: 20 };

export interface TeamPlan {
  town: string;
  team: string;
  affiliations: Array<[string | null, string | null]>;
  /** What member i does on day d; "early" unless said. */
  turn(day: number, member: number): Turn;
  /** The leader's log of the night, and whether they close it. */
  log(day: number): { text?: string; close: boolean };
  reports: Array<{ day: number; member: number; category: "tip" | "hazard" | "dispute"; verdict?: boolean }>;
  cancelled?: number[];
}

/**
 * The seeded week, worked out by hand in the tests:
 * - Alpha (Fengqiao): member 0 late on Tuesday, member 3 absent on Wednesday; every log closed,
 *   Monday's with 1 hazard, Thursday's with 2 people helped; a tip on Monday judged useful, a
 *   hazard report on Friday.
 * - Beta (Fengqiao): member 3 absent every night; Sunday's patrol cancelled; logs closed on Monday
 *   and Tuesday only; tips on Wednesday (not judged) and Thursday (judged not useful).
 * - 巡防一队 (新丰镇): everyone every night, member 0 four minutes after the start on Monday;
 *   every log closed, Saturday's with 3 hazards and 1 person helped; a hazard report on Saturday
 *   and a dispute on Sunday.
 */
export const PLANS: TeamPlan[] = [
  {
    town: "Fengqiao",
    team: "Alpha",
    affiliations: [["党员", "party"], ["中共党员", "party"], ["嘉兴学院学生", "student"], [null, null]],
    turn: (day, m) => (day === 1 && m === 0 ? "late" : day === 2 && m === 3 ? "absent" : "early"),
    log: (day) => ({ text: day === 0 ? "4人巡逻，发现隐患1处" : day === 3 ? "4人巡逻，帮助群众2人" : undefined, close: true }),
    reports: [
      { day: 0, member: 1, category: "tip", verdict: true },
      { day: 4, member: 2, category: "hazard" },
    ],
  },
  {
    town: "Fengqiao",
    team: "Beta",
    affiliations: [["嘉兴电力", "unit"], ["嘉兴电力", "unit"], ["南湖银行", "unit"], ["团员", "league"]],
    turn: (_day, m) => (m === 3 ? "absent" : "early"),
    log: (day) => ({ close: day < 2 }),
    reports: [
      { day: 2, member: 0, category: "tip" },
      { day: 3, member: 1, category: "tip", verdict: false },
    ],
    cancelled: [6],
  },
  {
    town: "新丰镇",
    team: "巡防一队",
    affiliations: [["新居民", "newcomer"], ["新居民", "newcomer"], [null, null], [null, null]],
    turn: (day, m) => (day === 0 && m === 0 ? "grace" : "early"),
    log: (day) => ({ text: day === 5 ? "发现隐患3处，帮助群众1人" : undefined, close: true }),
    reports: [
      { day: 5, member: 3, category: "hazard" },
      { day: 6, member: 2, category: "dispute" },
    ],
  },
];

export interface SeededTeam {
  teamId: number;
  townId: number;
  leaderId: number;
  members: Array<{ personId: number }>;
}

/**
 * Seeds the week through the verbs, as the nights would have gone: planning, check-ins, the
 * no-show job, the leaders' logs, reports and the police's verdicts. `leaders` are the people
 * who lead each team (they write the logs). Cancelling has no verb yet, so it is written directly.
 * `leaderFor` appoints each team's leader (a user of the local Bot API server, in bot tests).
 */
export async function seedWeek(db: Db, leaderFor: (ids: OrgIds, plan: TeamPlan) => Promise<number>): Promise<SeededTeam[]> {
  const police = await makePerson(db, { role: "police" });
  const teams: SeededTeam[] = [];
  for (const plan of PLANS) {
    const ids = await ensureOrgPath(db, { town: plan.town, community: `${plan.team} 社区`, team: plan.team });
    const members = [];
    for (const [affiliation, kind] of plan.affiliations) {
      const member = await addMember(db, ids.teamId);
      await db.update(people).set({ affiliation, affiliationKind: kind, name: `${plan.team} ${members.length}` }).where(eq(people.id, member.personId));
      members.push(member);
    }
    teams.push({ teamId: ids.teamId, townId: ids.townId, leaderId: await leaderFor(ids, plan), members });
  }
  await generateShifts(contextFor(db, system, at(0, -11 * 60)), { from: MONDAY, days: 7, timeZone: testPolicy.timeZone, defaultWeeklyCap: 7, reminders: testPolicy.reminders });

  for (let day = 0; day < 7; day++) {
    for (const [i, plan] of PLANS.entries()) {
      const team = teams[i]!;
      const [shift] = await db.select().from(shifts).where(and(eq(shifts.teamId, team.teamId), eq(shifts.night, nightOf(day))));
      expect(await db.select().from(assignments).where(eq(assignments.shiftId, shift!.id)), `${plan.team} has four on ${nightOf(day)}`).toHaveLength(4);
      if (plan.cancelled?.includes(day)) {
        await db.update(shifts).set({ cancelledAt: at(day, -6 * 60) }).where(eq(shifts.id, shift!.id));
        continue;
      }
      for (const [m, member] of team.members.entries()) {
        const turn = plan.turn(day, m);
        if (turn !== "absent") await checkIn(contextFor(db, asPerson(member.personId), at(day, CHECK_IN[turn])), testPolicy);
      }
    }
    await markNoShows(contextFor(db, system, at(day, 31)), testPolicy);
    for (const [i, plan] of PLANS.entries()) {
      const team = teams[i]!;
      for (const r of plan.reports.filter((r) => r.day === day)) {
        const { incidentId } = await report(db, team.members[r.member]!.personId, at(day, 60), { category: r.category, description: `${r.category} on ${nightOf(day)}` });
        if (r.verdict !== undefined) await judgeTip(contextFor(db, asPerson(police.personId), at(day, 120)), { incidentId, useful: r.verdict });
      }
      if (plan.cancelled?.includes(day)) continue;
      const leader = contextFor(db, asPerson(team.leaderId), at(day, 200));
      const { text, close } = plan.log(day);
      const logged = await appendLogEntry(leader, { chatId: 1, messageId: 1000 * i + day + 1, kind: "text", text: text ?? "巡逻正常" }, 60);
      expect(logged, `${plan.team}'s leader keeps the log of ${nightOf(day)}`).not.toBeNull();
      if (close) await closeLog(contextFor(db, asPerson(team.leaderId), at(day, 230)), logged!.shiftId);
    }
  }
  return teams;
}
