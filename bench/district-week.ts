import { sql } from "drizzle-orm";
import type { Db } from "../src/storage/db.js";
import { addDays, type Night } from "../src/shifts/night.js";

/**
 * A patrolled week on a district seeded by seedDistrict, set-based: each team's patrol on seven
 * nights from `monday` (20:00-24:00 Shanghai; 8 people on Saturday, else 4) with its leader, the
 * roster filled from the team in turn, most people checked in (some late), the rest no-shows,
 * about one report per three shifts (tips judged useful now and then), duty-log figures, and most
 * logs closed. Volunteers get affiliations spread over the kinds. Deterministic: the figures of a
 * review of this week are the same on every run.
 */
export async function seedWeek(db: Db, monday: Night, now: Date): Promise<{ shifts: number }> {
  const at = sql`${now.toISOString()}::timestamptz`;
  await db.execute(sql`update people set
      affiliation = (array['党员','团员','新居民','学生','南湖区供电公司'])[id % 5 + 1],
      affiliation_kind = (array['party','league','newcomer','student','unit'])[id % 5 + 1]
    where id % 7 <> 0`);
  const nights = Array.from({ length: 7 }, (_, i) => addDays(monday, i));
  await db.execute(sql`insert into shifts (duty_id, team_id, night, starts_at, ends_at, required, leader_person_id, log_closed_at, created_at)
    select d.id, d.team_id, n.night::date, (n.night || 'T12:00:00Z')::timestamptz, (n.night || 'T16:00:00Z')::timestamptz,
      case when extract(isodow from n.night::date) = 6 then 8 else 4 end,
      (select min(g.person_id) from role_grants g where g.team_id = d.team_id and g.role = 'leader'),
      case when (d.team_id + n.i) % 9 = 0 then null else (n.night || 'T16:20:00Z')::timestamptz end, ${at}
    from duties d cross join (select night, i from unnest(${sql.raw(`array['${nights.join("','")}']`)}::text[]) with ordinality as t(night, i)) n
    where d.kind = 'patrol'`);
  // Each night takes the next members of the team in turn; one in eleven does not come, and
  // about one in seven of those who come checks in a minute or two late.
  await db.execute(sql`insert into assignments (shift_id, person_id, night, source, reply, checked_in_at, late_minutes, checked_out_at, no_show_at, created_at)
    select s.id, m.person_id, s.night, 'rota', 'coming',
      case when (m.person_id + s.id) % 11 = 0 then null else s.starts_at + (((m.person_id + s.id) % 13) - 10) * interval '1 minute' end,
      case when (m.person_id + s.id) % 11 = 0 or (m.person_id + s.id) % 13 <= 10 then null else (m.person_id + s.id) % 13 - 10 end,
      case when (m.person_id + s.id) % 11 = 0 then null else s.ends_at end,
      case when (m.person_id + s.id) % 11 = 0 then s.starts_at + interval '30 minutes' end,
      ${at}
    from shifts s
    join (select person_id, team_id, row_number() over (partition by team_id order by person_id) - 1 as rank, count(*) over (partition by team_id) as size
          from memberships where status = 'active') m on m.team_id = s.team_id
    where m.rank >= ((s.night - date '${sql.raw(monday)}') * 8) % m.size and m.rank < ((s.night - date '${sql.raw(monday)}') * 8) % m.size + s.required`);
  await db.execute(sql`insert into incidents (ref, client_key, category, status, reporter_person_id, team_id, town_id, shift_id, description, created_at, verdict, verdict_at)
    select 'BENCH-' || s.id, 'bench:' || s.id,
      (array['tip','hazard','assistance','dispute','suspicious','hazard'])[s.id / 3 % 6 + 1]::incident_category, 'resolved', s.leader_person_id, s.team_id, c.town_id, s.id,
      'seeded report', s.starts_at + interval '1 hour',
      case when s.id / 3 % 12 = 0 then 'useful'::tip_verdict end, case when s.id / 3 % 12 = 0 then s.ends_at end
    from shifts s join teams t on t.id = s.team_id join communities c on c.id = t.community_id where s.id % 3 = 0`);
  await db.execute(sql`insert into duty_log_counts (shift_id, on_patrol, hazards, tips, helped, disputes, confirmed_at, updated_at)
    select s.id, s.required, s.id % 3, s.id % 6 / 5, s.id % 4, s.id % 7 / 6, s.log_closed_at, coalesce(s.log_closed_at, s.ends_at)
    from shifts s where s.log_closed_at is not null or s.id % 2 = 0`);
  await db.execute(sql`analyze`);
  const rows = await db.execute(sql`select count(*)::int as n from shifts`);
  const list = (Array.isArray(rows) ? rows : (rows as { rows: unknown[] }).rows) as Array<{ n: number }>;
  return { shifts: Number(list[0]!.n) };
}
