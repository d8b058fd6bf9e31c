import { sql, type SQL } from "drizzle-orm";
import { CATEGORIES, type Category } from "../incidents/categories.js";
import { rowsOf } from "../outbox/claim.js";
import type { Db } from "../storage/db.js";
import { AFFILIATION_GROUPS, ON_TIME_GRACE_MINUTES, type AffiliationGroup, type FigureDelta } from "./figures.js";
import type { Period } from "./period.js";

/**
 * One set-based query that fills some of every team's figures for a period. The figures of all
 * teams are the parts' rows added up, so the whole district costs one query per part, whatever
 * its size. A new source of figures is one more part in FIGURE_PARTS.
 */
export interface FigurePart {
  name: string;
  rows(db: Db, period: Period, timeZone: string): Promise<Array<{ teamId: number; figures: FigureDelta }>>;
}

const n = (v: unknown) => Number(v ?? 0);
// postgres.js takes instants as ISO strings in raw SQL, not Date objects.
const at = (instant: Date) => sql`${instant.toISOString()}::timestamptz`;
const night = (value: string) => sql`${value}::date`;

async function query<T>(db: Db, statement: SQL): Promise<T[]> {
  return rowsOf<T>(await db.execute(statement));
}

const PATROL_SHIFTS = sql`shifts s join duties d on d.id = s.duty_id and d.kind = 'patrol'`;
/** The period's patrol shifts that were not cancelled and had started. */
const inPeriod = (period: Period) =>
  sql`s.night between ${night(period.from)} and ${night(period.to)} and s.cancelled_at is null and s.starts_at <= ${at(period.asOf)}`;

const attendance: FigurePart = {
  name: "attendance",
  async rows(db, period) {
    type Row = Record<"team_id" | "nights" | "nights_met" | "places" | "rostered" | "present" | "on_time" | "no_shows" | "ended" | "closed", unknown>;
    const ended = sql`s.ends_at <= ${at(period.asOf)}`;
    const rows = await query<Row>(db, sql`
      select s.team_id, count(*) as nights, count(*) filter (where p.present >= s.required) as nights_met,
        sum(s.required) as places, sum(p.rostered) as rostered, sum(p.present) as present, sum(p.on_time) as on_time,
        sum(p.no_shows) as no_shows, count(*) filter (where ${ended}) as ended,
        count(*) filter (where ${ended} and s.log_closed_at is not null) as closed
      from ${PATROL_SHIFTS}
      cross join lateral (
        select count(*) filter (where a.ended_at is null or a.no_show_at is not null) as rostered,
          count(*) filter (where a.ended_at is null and a.checked_in_at is not null) as present,
          count(*) filter (where a.ended_at is null and a.checked_in_at <= s.starts_at + make_interval(mins => ${ON_TIME_GRACE_MINUTES}::int)) as on_time,
          count(*) filter (where a.no_show_at is not null and a.checked_in_at is null) as no_shows
        from assignments a where a.shift_id = s.id
      ) p
      where ${inPeriod(period)}
      group by s.team_id`);
    return rows.map((r) => ({
      teamId: n(r.team_id),
      figures: {
        nights: n(r.nights),
        nightsMet: n(r.nights_met),
        places: n(r.places),
        rostered: n(r.rostered),
        present: n(r.present),
        onTime: n(r.on_time),
        noShows: n(r.no_shows),
        shiftsEnded: n(r.ended),
        logsClosed: n(r.closed),
      },
    }));
  },
};

const dutyLog: FigurePart = {
  name: "duty-log",
  async rows(db, period) {
    const rows = await query<Record<"team_id" | "hazards" | "helped", unknown>>(db, sql`
      select s.team_id, sum(coalesce(c.hazards, 0)) as hazards, sum(coalesce(c.helped, 0)) as helped
      from ${PATROL_SHIFTS} join duty_log_counts c on c.shift_id = s.id
      where ${inPeriod(period)}
      group by s.team_id`);
    return rows.map((r) => ({ teamId: n(r.team_id), figures: { hazards: n(r.hazards), helped: n(r.helped) } }));
  },
};

const reports: FigurePart = {
  name: "reports",
  async rows(db, period, timeZone) {
    // The sent-at window only narrows the search to the index; the night decides.
    const earliest = new Date(`${period.from}T00:00:00Z`).getTime() - 2 * 86_400_000;
    const latest = new Date(`${period.to}T00:00:00Z`).getTime() + 3 * 86_400_000;
    const rows = await query<Record<"team_id" | "category" | "reported" | "useful", unknown>>(db, sql`
      select i.team_id, i.category, count(*) as reported, count(*) filter (where i.verdict = 'useful') as useful
      from incidents i left join shifts s on s.id = i.shift_id
      where i.team_id is not null
        and i.created_at >= ${at(new Date(earliest))} and i.created_at < ${at(new Date(latest))} and i.created_at <= ${at(period.asOf)}
        and coalesce(s.night, (i.created_at at time zone ${timeZone}::text)::date) between ${night(period.from)} and ${night(period.to)}
      group by i.team_id, i.category`);
    return rows
      .filter((r) => CATEGORIES.includes(r.category as Category))
      .map((r) => ({ teamId: n(r.team_id), figures: { incidents: { [r.category as Category]: n(r.reported) }, tipsVerified: n(r.useful) } }));
  },
};

const affiliation: FigurePart = {
  name: "affiliation",
  async rows(db, period) {
    const rows = await query<Record<"team_id" | "kind" | "present", unknown>>(db, sql`
      select s.team_id, pe.affiliation_kind as kind, count(*) as present
      from ${PATROL_SHIFTS}
      join assignments a on a.shift_id = s.id and a.ended_at is null and a.checked_in_at is not null
      join people pe on pe.id = a.person_id
      where ${inPeriod(period)}
      group by s.team_id, pe.affiliation_kind`);
    const groupOf = (kind: unknown): AffiliationGroup => (AFFILIATION_GROUPS.includes(kind as AffiliationGroup) && kind !== "none" ? (kind as AffiliationGroup) : "none");
    return rows.map((r) => ({ teamId: n(r.team_id), figures: { byAffiliation: { [groupOf(r.kind)]: n(r.present) } } }));
  },
};

const spotChecks: FigurePart = {
  name: "spot-checks",
  async rows(db, period) {
    const rows = await query<Record<"team_id" | "visits" | "out" | "ratings", unknown>>(db, sql`
      select v.team_id, count(*) as visits, count(*) filter (where v.team_out) as out, sum(v.rating) as ratings
      from spot_checks v
      where v.night between ${night(period.from)} and ${night(period.to)} and v.visited_at <= ${at(period.asOf)}
      group by v.team_id`);
    return rows.map((r) => ({ teamId: n(r.team_id), figures: { spotChecks: n(r.visits), spotChecksOut: n(r.out), spotRatingSum: n(r.ratings) } }));
  },
};

export const FIGURE_PARTS: FigurePart[] = [attendance, dutyLog, reports, affiliation, spotChecks];
