import { refreshBroadcastProgress } from "../broadcasts/refresh-progress.js";
import type { Config } from "../config/config.js";
import type { DomainContext } from "../domain/context.js";
import { runEscalations } from "../escalation/run-escalations.js";
import { sendEscalationDigest } from "../escalation/send-digest.js";
import { escalateMissingLogs, escalateUnderstaffedShifts } from "../shifts/escalate-shifts.js";
import { localNight } from "../shifts/night.js";
import { autoCheckOut } from "../shifts/auto-check-out.js";
import { refreshBoards } from "../shifts/refresh-boards.js";
import { generateShifts } from "../shifts/generate-shifts.js";
import { markNoShows } from "../shifts/mark-no-shows.js";
import type { ShiftPolicy } from "../shifts/policy.js";
import { runSubstituteWaves } from "../shifts/run-substitute-waves.js";
import { sendDueReminders } from "../shifts/send-due-reminders.js";
import { reviewSettingsFrom } from "../reviews/review-settings.js";
import { sendNightlySummaries } from "../reviews/send-nightly-summaries.js";
import { sendWeeklyReviews } from "../reviews/send-weekly-reviews.js";

/** A scheduled job: a verb run as the system, at a pinned `now`. */
export interface Job {
  name: string;
  /**
   * node-cron expression (with seconds), in BOT_TIMEZONE. The frequent jobs start on different
   * seconds: started on the same one, seven jobs' queries and their JavaScript landed together,
   * and the check-ins of a 20:00 wave arriving in that second waited behind them.
   */
  cron: string;
  /** Run once when the scheduler starts, too (catching up after downtime). */
  atStart: boolean;
  /** A job that handles countable things (escalation steps, reminders) returns how many, for the metrics. */
  run(ctx: DomainContext, policy: ShiftPolicy, config: Config): Promise<unknown>;
}

export const jobs: Job[] = [
  {
    name: "plan-shifts",
    cron: "0 0 3 * * *",
    atStart: true,
    run: (ctx, policy) =>
      generateShifts(ctx, {
        from: localNight(ctx.now, policy.timeZone),
        days: policy.daysAhead,
        timeZone: policy.timeZone,
        defaultWeeklyCap: policy.weeklyCap,
        reminders: policy.reminders,
      }),
  },
  {
    // Queues reminders up to a minute ahead, paced to the outbox's rate, so even the nightly wave
    // of "are you coming?" is out by its due time; every few seconds, so each is seen well ahead.
    name: "due-reminders",
    cron: "*/5 * * * * *",
    atStart: true,
    run: async (ctx, policy, config) =>
      (await sendDueReminders(ctx, { aheadMs: policy.reminderAheadSeconds * 1000, ratePerSecond: config.OUTBOX_RATE_PER_SECOND })).sent,
  },
  {
    name: "no-shows",
    cron: "7-59/30 * * * * *",
    atStart: true,
    run: (ctx, policy) => markNoShows(ctx, policy),
  },
  {
    name: "auto-check-out",
    cron: "40 */5 * * * *",
    atStart: true,
    run: (ctx, policy) => autoCheckOut(ctx, policy),
  },
  {
    name: "live-boards",
    cron: "1-59/5 * * * * *",
    atStart: false,
    run: (ctx) => refreshBoards(ctx),
  },
  {
    // Escalation steps are rows: a restart resumes them here, and a level is never sent twice.
    name: "escalations",
    cron: "3-59/10 * * * * *",
    atStart: true,
    run: (ctx) => runEscalations(ctx),
  },
  {
    name: "understaffed-shifts",
    cron: "11 * * * * *",
    atStart: true,
    run: (ctx) => escalateUnderstaffedShifts(ctx),
  },
  {
    name: "missing-logs",
    cron: "30 */5 * * * *",
    atStart: true,
    run: (ctx) => escalateMissingLogs(ctx),
  },
  {
    name: "escalation-digest",
    cron: "0 0 8 * * *",
    atStart: false,
    run: (ctx) => sendEscalationDigest(ctx),
  },
  {
    name: "substitute-waves",
    cron: "4-59/15 * * * * *",
    atStart: true,
    run: (ctx, policy) => runSubstituteWaves(ctx, policy),
  },
  {
    // About every 5 s the sender's progress message shows the new figures; Telegram limits edits.
    name: "broadcast-progress",
    cron: "2-59/5 * * * * *",
    atStart: true,
    run: (ctx) => refreshBroadcastProgress(ctx),
  },
  {
    // Due 45 minutes after each town's last patrol ends; a run finding it sent does nothing.
    name: "nightly-summary",
    cron: "50 */5 * * * *",
    atStart: true,
    run: (ctx, _policy, config) => sendNightlySummaries(ctx, reviewSettingsFrom(config)),
  },
  {
    // Checks every few minutes whether WEEKLY_REVIEW_AT has passed, so a review missed while down still goes out.
    name: "weekly-review",
    cron: "15 */5 * * * *",
    atStart: true,
    run: (ctx, _policy, config) => sendWeeklyReviews(ctx, reviewSettingsFrom(config)),
  },
];
