import { sql } from "drizzle-orm";
import type { Db } from "../src/storage/db.js";
import { seedHistory } from "./history.js";

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
  await seedHistory(db, today, historyNights, TZ);
}
