import type { Config } from "../config/config.js";
import type { ReminderSchedule } from "./schedule-reminders.js";

/** The deployment's shift rules, read from the configuration once. */
export interface ShiftPolicy {
  timeZone: string;
  daysAhead: number;
  weeklyCap: number;
  reminders: ReminderSchedule;
  /** How many teammates each substitute wave asks, and how long it waits for one of them. */
  waveSize: number;
  waveMinutes: number;
  /** If a slot is still open this long before the start, the leader is told who is missing. */
  missingNoticeMinutes: number;
  checkInOpensMinutes: number;
  noShowAfterMinutes: number;
  autoCheckOutAfterMinutes: number;
}

export function shiftPolicyFrom(config: Config): ShiftPolicy {
  return {
    timeZone: config.BOT_TIMEZONE,
    daysAhead: config.ROTA_DAYS_AHEAD,
    weeklyCap: config.WEEKLY_CAP,
    reminders: config.REMINDER_SCHEDULE,
    waveSize: config.SUBSTITUTE_WAVE_SIZE,
    waveMinutes: config.SUBSTITUTE_WAVE_MINUTES,
    missingNoticeMinutes: config.SUBSTITUTE_DEADLINE_MINUTES,
    checkInOpensMinutes: 30,
    noShowAfterMinutes: 30,
    autoCheckOutAfterMinutes: 60,
  };
}
