import { sql } from "drizzle-orm";
import type { Db } from "../src/storage/db.js";

export interface DistrictShape {
  towns: number;
  teams: number;
  /** Volunteers, spread evenly over the teams; the first of each team leads it. */
  members: number;
  /** Telegram ids start after this, so several seeds in one fake do not collide. */
  telegramBase: number;
}

export const NANHU: DistrictShape = { towns: 10, teams: 106, members: 15_000, telegramBase: 700_000_000 };

/**
 * The district set-based (row-by-row inserts would take longer than the bench): towns,
 * communities, teams, volunteers with Telegram ids, a leader per team, a supervisor per town and
 * three coordinators, and each team's patrol duty (20:00-24:00, 4 / 8 / 8 people).
 * Returns the coordinators' person ids.
 */
export async function seedDistrict(db: Db, shape: DistrictShape, now: Date): Promise<{ coordinators: number[] }> {
  const at = sql`${now.toISOString()}::timestamptz`;
  const staff = shape.towns + 3;
  await db.execute(sql`insert into towns (name) select 'Town ' || g from generate_series(1, ${shape.towns}::int) g`);
  await db.execute(sql`insert into communities (town_id, name)
    select t.id, 'Community ' || g from generate_series(1, ${shape.teams}::int) g join towns t on t.name = 'Town ' || ((g - 1) % ${shape.towns}::int + 1)`);
  await db.execute(sql`insert into teams (community_id, name) select id, replace(name, 'Community', 'Team') from communities`);
  await db.execute(sql`insert into people (telegram_id, name, client_language, created_at, updated_at)
    select ${shape.telegramBase}::bigint + g, 'Person ' || g, case when g % 5 = 0 then 'en' else 'zh' end, ${at}, ${at}
    from generate_series(1, ${shape.members + staff}::int) g`);
  await db.execute(sql`insert into memberships (person_id, team_id, status, source, weekdays, created_at, updated_at)
    select p.id, t.id, 'active', 'import', 127, ${at}, ${at}
    from (select id, row_number() over (order by id) - 1 as i from people where id <= ${shape.members}) p
    join (select id, row_number() over (order by id) - 1 as i from teams) t on t.i = p.i % ${shape.teams}::int`);
  await db.execute(sql`insert into role_grants (person_id, role, team_id, granted_at) select min(person_id), 'leader', team_id, ${at} from memberships group by team_id`);
  await db.execute(sql`insert into role_grants (person_id, role, town_id, granted_at) select ${shape.members}::int + t.id, 'supervisor', t.id, ${at} from towns t`);
  await db.execute(sql`insert into role_grants (person_id, role, granted_at) select id, 'coordinator', ${at} from people where id > ${shape.members + shape.towns}`);
  await db.execute(sql`insert into duties (team_id, kind, name, created_at) select id, 'patrol', 'patrol', ${at} from teams`);
  await db.execute(sql`analyze`);
  const rows = await db.execute(sql`select id from people where id > ${shape.members + shape.towns} order by id`);
  const list = (Array.isArray(rows) ? rows : (rows as { rows: unknown[] }).rows) as Array<{ id: number }>;
  return { coordinators: list.map((r) => Number(r.id)) };
}
