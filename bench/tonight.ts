import { sql } from "drizzle-orm";
import type { Db } from "../src/storage/db.js";

/**
 * Tonight's shift of every team of a seeded district (`seedDistrict`), with the first `volunteers`
 * members (spread round the teams) on it, all having said they come. They have written to the bot
 * before, under the names their clients send.
 */
export async function seedTonight(db: Db, tonight: { night: string; startsAt: Date; endsAt: Date; now: Date; volunteers: number }): Promise<void> {
  await db.execute(sql`update people set telegram_name = name`);
  const at = sql`${tonight.now.toISOString()}::timestamptz`;
  await db.execute(sql`insert into shifts (duty_id, team_id, night, starts_at, ends_at, required, created_at)
    select d.id, d.team_id, ${tonight.night}::date, ${tonight.startsAt.toISOString()}::timestamptz, ${tonight.endsAt.toISOString()}::timestamptz, 4, ${at} from duties d`);
  await db.execute(sql`insert into assignments (shift_id, person_id, night, source, reply, created_at)
    select s.id, m.person_id, s.night, 'rota', 'coming', ${at}
    from shifts s join memberships m on m.team_id = s.team_id
    where s.night = ${tonight.night}::date and m.person_id <= ${tonight.volunteers}::int`);
}
