import { sql } from "drizzle-orm";
import { addDays } from "../src/shifts/night.js";
import type { Db } from "../src/storage/db.js";

export const HISTORY_TZ = "Asia/Shanghai";
export const HISTORY_SHAPE = { towns: 10, teams: 106, people: 15_000 };
/** Volunteer g has Telegram id HISTORY_TELEGRAM_BASE + g. */
export const HISTORY_TELEGRAM_BASE = 800_000_000;

/**
 * A district with a patrol history, set-based (row-by-row inserts would take longer than the
 * bench): 10 towns, 106 teams with a community and a patrol duty (20:00-24:00, four people),
 * 15,000 volunteers available every weekday, a leader per team, and one shift a night per team
 * for the past `historyNights` nights, four people on each (checked in and out), their reminders
 * handled. Ends with `analyze`, as autovacuum would have long ago (PGlite has none).
 */
export async function seedDistrictHistory(db: Db, today: string, now: Date, historyNights: number): Promise<void> {
  const { towns, teams, people } = HISTORY_SHAPE;
  const TZ = HISTORY_TZ;
  const at = sql`${now.toISOString()}::timestamptz`;
  const first = sql`${addDays(today, -historyNights)}::date`;
  await db.execute(sql`insert into towns (name) select 'Town ' || g from generate_series(1, ${towns}::int) g`);
  await db.execute(sql`insert into communities (town_id, name)
    select t.id, 'Community ' || g from generate_series(1, ${teams}::int) g join towns t on t.name = 'Town ' || ((g - 1) % ${towns}::int + 1)`);
  await db.execute(sql`insert into teams (community_id, name) select id, replace(name, 'Community', 'Team') from communities`);
  // Telegram ids, so reminders are really sent rather than skipped as "not on Telegram".
  await db.execute(sql`insert into people (telegram_id, name, client_language, created_at, updated_at)
    select ${HISTORY_TELEGRAM_BASE}::bigint + g, 'Volunteer ' || g, 'zh', ${at}, ${at} from generate_series(1, ${people}::int) g`);
  await db.execute(sql`insert into memberships (person_id, team_id, status, source, weekdays, created_at, updated_at)
    select p.id, t.id, 'active', 'import', 127, ${at}, ${at}
    from (select id, row_number() over (order by id) - 1 as i from people) p
    join (select id, row_number() over (order by id) - 1 as i from teams) t on t.i = p.i % ${teams}::int`);
  await db.execute(sql`insert into role_grants (person_id, role, team_id, granted_at) select min(person_id), 'leader', team_id, ${at} from memberships group by team_id`);
  await db.execute(sql`insert into duties (team_id, kind, name, start_time, end_time, headcount_normal, created_at)
    select id, 'patrol', 'patrol', '20:00', '24:00', 4, ${at} from teams`);
  // One shift a night per team; 20:00-24:00 local is what shiftWindow would compute.
  await db.execute(sql`insert into shifts (duty_id, team_id, night, starts_at, ends_at, required, created_at)
    select d.id, d.team_id, ${first} + k, (${first} + k + time '20:00') at time zone ${TZ}, (${first} + k + 1)::timestamp at time zone ${TZ}, 4,
      (${first} + k - 14)::timestamp at time zone ${TZ}
    from duties d cross join generate_series(0, ${historyNights - 1}::int) k`);
  // Four members a night, walking round the team, so everyone serves about equally often.
  await db.execute(sql`with sizes as (select team_id, count(*)::int as n from memberships group by team_id),
      ranked as (select person_id, team_id, (row_number() over (partition by team_id order by person_id) - 1)::int as i from memberships),
      wanted as (select s.id, s.team_id, s.night, s.starts_at, s.ends_at, ((s.night - ${first}) * 4 + slot) % z.n as i
        from shifts s join sizes z on z.team_id = s.team_id cross join generate_series(0, 3) slot)
    insert into assignments (shift_id, person_id, night, source, reply, replied_at, checked_in_at, checked_out_at, created_at)
    select w.id, r.person_id, w.night, 'rota', 'coming', w.starts_at - interval '20 hours', w.starts_at + interval '2 minutes', w.ends_at, w.starts_at - interval '14 days'
    from wanted w join ranked r on r.team_id = w.team_id and r.i = w.i`);
  await db.execute(sql`insert into reminders (assignment_id, kind, due_at, status, handled_at, skip_reason)
    select a.id, k.kind::reminder_kind, s.starts_at - k.lead * interval '1 minute', k.status::reminder_status, s.starts_at - k.lead * interval '1 minute',
      case when k.status = 'skipped' then 'already answered' end
    from assignments a join shifts s on s.id = a.shift_id
    cross join (values ('ask', 1440, 'sent'), ('nudge', 120, 'skipped'), ('checkin', 15, 'sent')) k(kind, lead, status)`);
  await db.execute(sql`analyze`);
}
