import { sql } from "drizzle-orm";
import type { DomainContext } from "../domain/context.js";
import { enqueueMessages, PRIORITY, type OutboxMessage } from "../outbox/enqueue.js";
import { rowsOf } from "../outbox/claim.js";
import type { TextRef } from "../outbox/payload.js";
import type { Db } from "../storage/db.js";
import { roleHolders } from "../access/role-holders.js";
import { queuedKeys } from "./review-recipients.js";
import type { ReviewSettings } from "./review-settings.js";
import { lines, reportsRef } from "./review-text.js";
import { byTown, teamFigures, type TownFigures } from "./team-figures.js";

/** The summary waits this long after a town's last patrol of the night ends, for late check-outs and logs. */
export const NIGHTLY_SUMMARY_AFTER_MINUTES = 45;
/** A summary missed while the bot was down still goes out this long after it was due. */
export const NIGHTLY_CATCH_UP_HOURS = 12;

const summaryKey = (night: string, townId: number, personId: number | null) => `nightly:${night}:${townId}:${personId}`;

/** Towns whose last patrol of a night ended long enough ago, within the catch-up window. */
async function dueTownNights(db: Db, now: Date): Promise<Array<{ townId: number; night: string }>> {
  const MINUTE = 60_000;
  const latestEnd = new Date(now.getTime() - NIGHTLY_SUMMARY_AFTER_MINUTES * MINUTE);
  const earliestEnd = new Date(latestEnd.getTime() - NIGHTLY_CATCH_UP_HOURS * 60 * MINUTE);
  // Every patrol of the recent nights, started or not, so a town's later patrols hold its summary back.
  const rows = rowsOf<{ town_id: unknown; night: unknown }>(
    await db.execute(sql`
      select c.town_id, s.night::text as night
      from shifts s
      join duties d on d.id = s.duty_id and d.kind = 'patrol'
      join teams t on t.id = s.team_id
      join communities c on c.id = t.community_id
      where s.cancelled_at is null
        and s.starts_at > ${new Date(now.getTime() - 2 * 86_400_000).toISOString()}::timestamptz
        and s.starts_at < ${new Date(now.getTime() + 86_400_000).toISOString()}::timestamptz
      group by c.town_id, s.night
      having max(s.ends_at) <= ${latestEnd.toISOString()}::timestamptz and max(s.ends_at) > ${earliestEnd.toISOString()}::timestamptz`),
  );
  return rows.map((r) => ({ townId: Number(r.town_id), night: String(r.night) }));
}

/** A town's night: staffed or short, no-shows, reports by category, logs missing. */
export function nightlySummaryText(night: string, town: TownFigures): TextRef {
  const patrolled = town.teams.filter((t) => t.figures.nights > 0);
  const short = patrolled.filter((t) => t.figures.nightsMet < t.figures.nights);
  const noShows = patrolled.filter((t) => t.figures.noShows > 0);
  const logsMissing = patrolled.filter((t) => t.figures.logsClosed < t.figures.shiftsEnded);
  const f = town.figures;
  return {
    key: "review-nightly",
    args: {
      date: { date: night },
      town: town.town,
      met: f.nightsMet,
      nights: f.nights,
      short: short.length
        ? lines(short.map((t) => ({ key: "review-nightly-short", args: { team: t.team, present: t.figures.present, places: t.figures.places } })))
        : { key: "review-nightly-all-staffed" },
      noShows: noShows.length
        ? { key: "review-nightly-no-shows", args: { count: f.noShows, teams: lines(noShows.map((t) => ({ key: "review-nightly-team-count", args: { team: t.team, n: t.figures.noShows } })), ", ") } }
        : { key: "review-nightly-no-shows-none" },
      reports: reportsRef(f),
      logs: logsMissing.length
        ? { key: "review-nightly-logs-missing", args: { count: logsMissing.length, teams: lines(logsMissing.map((t) => ({ key: "review-nightly-team", args: { team: t.team } })), ", ") } }
        : { key: "review-nightly-logs-done" },
    },
  };
}

/**
 * Scheduler job: about 45 minutes after a town's last patrol of the night ends, its supervisors
 * get the night's summary of their teams. Once per town and night: a run that finds any of the
 * summary's dedupe keys queued leaves it, so restarts and second instances send nothing twice.
 */
export async function sendNightlySummaries(ctx: DomainContext, settings: ReviewSettings): Promise<number> {
  const due = await dueTownNights(ctx.db, ctx.now);
  if (due.length === 0) return 0;
  const supervisors = await roleHolders(ctx.db, "supervisor", [...new Set(due.map((d) => d.townId))]);
  const withReaders = due.map((d) => ({ ...d, readers: supervisors.filter((s) => s.townId === d.townId) })).filter((d) => d.readers.length > 0);
  const keysOf = (d: (typeof withReaders)[number]) => d.readers.map((s) => summaryKey(d.night, d.townId, s.to.personId));
  const queued = await queuedKeys(ctx.db, withReaders.flatMap(keysOf));
  const pending = withReaders.filter((d) => !keysOf(d).some((key) => queued.has(key)));
  if (pending.length === 0) return 0;

  const messages: OutboxMessage[] = [];
  for (const night of new Set(pending.map((p) => p.night))) {
    const towns = byTown(await teamFigures(ctx.db, { from: night, to: night, asOf: ctx.now }, settings.timeZone));
    for (const { townId, readers } of pending.filter((p) => p.night === night)) {
      const town = towns.find((t) => t.townId === townId);
      if (!town) continue;
      const text = nightlySummaryText(night, town);
      for (const { to } of readers) messages.push({ to, payload: { kind: "message", text }, dedupeKey: summaryKey(night, townId, to.personId), priority: PRIORITY.normal });
    }
  }
  return ctx.db.transaction((tx) => enqueueMessages(tx, ctx.now, messages));
}
