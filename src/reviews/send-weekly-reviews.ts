import type { DomainContext } from "../domain/context.js";
import { enqueueMessages, PRIORITY, type OutboxMessage } from "../outbox/enqueue.js";
import { lastCompleteWeek, latestOccurrence } from "./period.js";
import { roleHolders } from "../access/role-holders.js";
import { queuedKeys } from "./review-recipients.js";
import type { ReviewSettings } from "./review-settings.js";
import { ownPositionRef } from "./team-ranking.js";
import { composeReview, loadWeek } from "./weekly-review.js";

/** A review missed while the bot was down still goes out this long after its time; later it is stale. */
export const WEEKLY_CATCH_UP_HOURS = 72;

const reviewKey = (week: string, personId: number | null, part: string) => `weekly:${week}:${personId}:${part}`;
const rankKey = (week: string, teamId: number | null, personId: number | null) => `weekly-rank:${week}:${teamId}:${personId}`;

/**
 * Scheduler job: at WEEKLY_REVIEW_AT the coordinators get the last complete week (message,
 * chart, CSV) and each team's leader their team's place in the ranking. The dedupe keys make it
 * once per week: a run finding any of them queued has nothing to do, so a restart, a second
 * instance or a coordinator appointed later in the week sends nothing twice. Missed while down,
 * it goes out on the first run after, within WEEKLY_CATCH_UP_HOURS.
 */
export async function sendWeeklyReviews(ctx: DomainContext, settings: ReviewSettings): Promise<number> {
  const due = latestOccurrence(settings.weeklyAt, ctx.now, settings.timeZone);
  if (ctx.now.getTime() - due.getTime() > WEEKLY_CATCH_UP_HOURS * 3_600_000) return 0;
  const week = lastCompleteWeek(due, settings.timeZone).from;
  const coordinators = await roleHolders(ctx.db, "coordinator");
  const leaders = (await roleHolders(ctx.db, "leader")).filter((l) => l.teamId !== null);
  const keys = [...coordinators.map((c) => reviewKey(week, c.to.personId, "text")), ...leaders.map((l) => rankKey(week, l.teamId, l.to.personId))];
  // Nobody to tell yet: the first run with a reader sends it.
  if (keys.length === 0 || (await queuedKeys(ctx.db, keys)).size > 0) return 0;

  const data = await loadWeek(ctx.db, week, ctx.now, settings);
  // A week nobody patrolled (before the first planning, say) has nothing to review.
  if (data.ranking.size === 0) return 0;
  const review = composeReview(data, { kind: "district" });
  const messages: OutboxMessage[] = [];
  for (const { to } of coordinators) {
    messages.push(
      { to, payload: { kind: "message", text: review.text }, dedupeKey: reviewKey(week, to.personId, "text"), priority: PRIORITY.bulk },
      { to, payload: { kind: "chart", chart: review.chart, fileName: `${review.fileStem}.png` }, dedupeKey: reviewKey(week, to.personId, "chart"), priority: PRIORITY.bulk },
      {
        to,
        payload: { kind: "document", fileName: `${review.fileStem}.xlsx`, content: { table: review.table }, caption: { key: "review-csv-caption" } },
        dedupeKey: reviewKey(week, to.personId, "csv"),
        priority: PRIORITY.bulk,
      },
    );
  }
  for (const { to, teamId } of leaders) {
    messages.push({ to, payload: { kind: "message", text: ownPositionRef(data, teamId!) }, dedupeKey: rankKey(week, teamId, to.personId), priority: PRIORITY.bulk });
  }
  return ctx.db.transaction((tx) => enqueueMessages(tx, ctx.now, messages));
}
