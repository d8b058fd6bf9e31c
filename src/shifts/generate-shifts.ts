import { and, asc, eq, gte, isNull, lte } from "drizzle-orm";
import type { DomainContext } from "../domain/context.js";
import { levelsAt } from "../levels/level-at.js";
import { headcountFor } from "../levels/response-levels.js";
import { getTeamScope } from "../org/team-scope.js";
import type { Db } from "../storage/db.js";
import { assignments, duties, roleGrants, shifts, teams } from "../storage/schema/index.js";
import { shortShifts } from "./short-shifts.js";
import { localNight, nightsFrom, shiftWindow, weekOf, type Night } from "./night.js";
import type { ShiftPolicy } from "./policy.js";
import { loadTeamRota } from "./team-rota.js";
import { scheduleReminders, type ReminderSchedule } from "./schedule-reminders.js";

export interface GenerateOptions {
  /** First night to plan, usually tonight. */
  from: Night;
  days: number;
  timeZone: string;
  defaultWeeklyCap: number;
  reminders: ReminderSchedule;
  /** Only these teams (say, those an import just filled); every team when left out. */
  teamIds?: number[];
  /**
   * Also fill shifts already planned that are short and not yet begun, from members free that
   * night: for people who just joined. The nightly run leaves planned shifts as they are.
   */
  fillShort?: boolean;
}

export interface GenerateSummary {
  shiftsCreated: number;
  assignmentsCreated: number;
  /** Shifts created with fewer people than they need. */
  shortShifts: number;
}

/**
 * The nightly planning job: for every team, creates the shifts of the coming nights that do not
 * exist yet and fills them from the rota. Existing shifts are never reshuffled, so running it
 * again (or on two instances) changes nothing.
 */
export async function generateShifts(ctx: DomainContext, options: GenerateOptions): Promise<GenerateSummary> {
  const summary: GenerateSummary = { shiftsCreated: 0, assignmentsCreated: 0, shortShifts: 0 };
  const teamRows = options.teamIds
    ? options.teamIds.map((id) => ({ id }))
    : await ctx.db.select({ id: teams.id }).from(teams).orderBy(asc(teams.id));
  for (const { id } of teamRows) {
    const result = await ctx.db.transaction((tx) => planTeam(tx, ctx.now, id, options));
    summary.shiftsCreated += result.shiftsCreated;
    summary.assignmentsCreated += result.assignmentsCreated;
    summary.shortShifts += result.shortShifts;
  }
  ctx.logger.info({ ...summary, from: options.from, days: options.days, teams: options.teamIds?.length }, "shifts planned");
  return summary;
}

export type PlanPolicy = Pick<ShiftPolicy, "timeZone" | "daysAhead" | "weeklyCap" | "reminders">;

/**
 * Plans the given teams from tonight (if it has not begun) at once, not at the nightly run: a team
 * an import created, new members, a new post. With `fillShort`, nights already planned that are
 * short get free members too, the newcomers first since they have patrolled least. Called after
 * the change committed, so it never throws: a team it cannot plan now (the nightly run planning it
 * at the same moment, say) is planned by that run or the next.
 */
export async function planTeamsNow(ctx: DomainContext, teamIds: number[], policy: PlanPolicy, fillShort: boolean): Promise<void> {
  if (teamIds.length === 0) return;
  try {
    await generateShifts(ctx, {
      from: localNight(ctx.now, policy.timeZone),
      days: policy.daysAhead,
      timeZone: policy.timeZone,
      defaultWeeklyCap: policy.weeklyCap,
      reminders: policy.reminders,
      teamIds: [...new Set(teamIds)].sort((a, b) => a - b),
      fillShort,
    });
  } catch (error) {
    ctx.logger.error({ err: error, teams: teamIds.length }, "planning teams at once failed; the nightly run plans them");
  }
}

/** Every team patrols: its patrol duty is created with the defaults the first time it is planned. */
export async function ensurePatrolDuty(tx: Db, teamId: number, now: Date): Promise<void> {
  await tx.insert(duties).values({ teamId, kind: "patrol", name: "patrol", createdAt: now }).onConflictDoNothing();
}

async function planTeam(tx: Db, now: Date, teamId: number, options: GenerateOptions): Promise<GenerateSummary> {
  const result: GenerateSummary = { shiftsCreated: 0, assignmentsCreated: 0, shortShifts: 0 };
  await ensurePatrolDuty(tx, teamId, now);
  const nights = nightsFrom(options.from, options.days);
  const last = nights.at(-1)!;
  // Week-long posts first: they need someone free all week, which is easiest before the nightly
  // patrol takes its nights.
  const teamDuties = (await tx.select().from(duties).where(and(eq(duties.teamId, teamId), eq(duties.active, true))).orderBy(asc(duties.id))).sort(
    (a, b) => Number(a.rota !== "weekly") - Number(b.rota !== "weekly"),
  );
  const existingShifts = await tx
    .select({ dutyId: shifts.dutyId, night: shifts.night })
    .from(shifts)
    .where(and(eq(shifts.teamId, teamId), gte(shifts.night, options.from), lte(shifts.night, last)));
  const planned = new Set(existingShifts.map((s) => `${s.dutyId}:${s.night}`));
  if (!options.fillShort && teamDuties.every((d) => nights.every((n) => planned.has(`${d.id}:${n}`)))) return result;

  const { planner } = await loadTeamRota(tx, teamId, options.from, last, options.defaultWeeklyCap);
  const [leader] = await tx
    .select({ personId: roleGrants.personId })
    .from(roleGrants)
    .where(and(eq(roleGrants.teamId, teamId), eq(roleGrants.role, "leader"), isNull(roleGrants.revokedAt)))
    .orderBy(asc(roleGrants.id))
    .limit(1);

  const newAssignments: (typeof assignments.$inferInsert)[] = [];
  const startOf = new Map<number, Date>();
  const { townId } = await getTeamScope(tx, teamId);
  for (const duty of teamDuties) {
    // A night already begun is not planned (a run after a restart in the evening, a team imported
    // then): its people would be no-shows of a patrol nobody asked them to.
    const windows = nights
      .filter((n) => !planned.has(`${duty.id}:${n}`))
      .map((night) => ({ night, ...shiftWindow(night, duty.startTime, duty.endTime, options.timeZone) }))
      .filter((w) => w.startsAt > now);
    const missing = windows.map((w) => w.night);
    // Each night needs the headcount of the response level in force at its start.
    const levels = await levelsAt(tx, townId, windows.map((w) => ({ night: w.night, at: w.startsAt })));
    const requiredOn = new Map(windows.map((w, i) => [w.night, headcountFor(duty, levels[i]!)]));
    const picks = new Map<Night, number[]>();
    if (duty.rota === "weekly") {
      const holders = await weekHolders(tx, duty.id, weekOf(options.from), last);
      for (const week of groupByWeek(missing)) {
        // A week already begun keeps its person for the nights still to plan.
        const holder = holders.get(weekOf(week[0]!));
        const person = holder !== undefined && week.every((n) => planner.isFree(holder, n)) ? planner.claim(holder, week) : planner.pickWeek(week);
        for (const n of week) picks.set(n, person === null ? [] : [person]);
      }
    } else {
      for (const n of missing) picks.set(n, planner.pick(n, requiredOn.get(n)!));
    }
    for (const { night, startsAt, endsAt } of windows) {
      const required = requiredOn.get(night)!;
      const [shift] = await tx
        .insert(shifts)
        .values({ dutyId: duty.id, teamId, night, startsAt, endsAt, required, leaderPersonId: leader?.personId ?? null, createdAt: now })
        .onConflictDoNothing()
        .returning({ id: shifts.id });
      if (!shift) continue; // another instance planned it meanwhile
      startOf.set(shift.id, startsAt);
      const chosen = picks.get(night) ?? [];
      result.shiftsCreated += 1;
      if (chosen.length < required) result.shortShifts += 1;
      for (const personId of chosen) newAssignments.push({ shiftId: shift.id, personId, night, source: "rota", createdAt: now });
    }
  }
  if (options.fillShort) {
    // Shifts created just now are as full as the rota allows; their people are not written yet.
    const created = new Set(startOf.keys());
    for (const short of await shortShifts(tx, now, teamId, options.from, last)) {
      if (created.has(short.shiftId)) continue;
      startOf.set(short.shiftId, short.startsAt);
      for (const personId of planner.pick(short.night, short.gap, short.before)) newAssignments.push({ shiftId: short.shiftId, personId, night: short.night, source: "rota", createdAt: now });
    }
  }
  for (let i = 0; i < newAssignments.length; i += 1000) {
    const inserted = await tx.insert(assignments).values(newAssignments.slice(i, i + 1000)).returning({ id: assignments.id, shiftId: assignments.shiftId });
    await scheduleReminders(tx, inserted.map((a) => ({ assignmentId: a.id, startsAt: startOf.get(a.shiftId)! })), options.reminders);
  }
  result.assignmentsCreated = newAssignments.length;
  return result;
}

function groupByWeek(nights: readonly Night[]): Night[][] {
  const weeks = new Map<Night, Night[]>();
  for (const n of nights) {
    const key = weekOf(n);
    weeks.set(key, [...(weeks.get(key) ?? []), n]);
  }
  return [...weeks.values()];
}

/** Who holds each week of a week-long duty, from the nights already planned. */
async function weekHolders(tx: Db, dutyId: number, from: Night, to: Night): Promise<Map<Night, number>> {
  const rows = await tx
    .select({ personId: assignments.personId, night: assignments.night })
    .from(assignments)
    .innerJoin(shifts, eq(shifts.id, assignments.shiftId))
    .where(and(eq(shifts.dutyId, dutyId), isNull(assignments.endedAt), gte(assignments.night, from), lte(assignments.night, to)));
  return new Map(rows.map((r) => [weekOf(r.night), r.personId]));
}
