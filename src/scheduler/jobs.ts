import type { Config } from "../config/config.js";
import type { DomainContext } from "../domain/context.js";
import { localNight } from "../shifts/night.js";
import { generateShifts } from "../shifts/generate-shifts.js";
import { sendDueReminders } from "../shifts/send-due-reminders.js";

/** A scheduled job: a verb run as the system, at a pinned `now`. */
export interface Job {
  name: string;
  /** node-cron expression (with seconds), in BOT_TIMEZONE. */
  cron: string;
  /** Run once when the scheduler starts, too (catching up after downtime). */
  atStart: boolean;
  run(ctx: DomainContext, config: Config): Promise<unknown>;
}

export const jobs: Job[] = [
  {
    name: "plan-shifts",
    cron: "0 0 3 * * *",
    atStart: true,
    run: (ctx, config) =>
      generateShifts(ctx, {
        from: localNight(ctx.now, config.BOT_TIMEZONE),
        days: config.ROTA_DAYS_AHEAD,
        timeZone: config.BOT_TIMEZONE,
        defaultWeeklyCap: config.WEEKLY_CAP,
        reminders: config.REMINDER_SCHEDULE,
      }),
  },
  {
    // Every few seconds, so a reminder is at most a few seconds late.
    name: "due-reminders",
    cron: "*/5 * * * * *",
    atStart: true,
    run: (ctx) => sendDueReminders(ctx),
  },
];
