import type { Config } from "../config/config.js";
import type { ReminderSchedule } from "./schedule-reminders.js";

/** The deployment's shift rules, read from the configuration once. */
export interface ShiftPolicy {
  timeZone: string;
  daysAhead: number;
  weeklyCap: number;
  reminders: ReminderSchedule;
  /**
   * How far ahead of its due time a reminder may be queued and sent, so that a wave of them (all
   * of a night's "are you coming?" fall due at once) leaves paced at the outbox's rate and is out
   * by its due time, rather than starting then and ending n / rate seconds late. A lone reminder
   * goes about 2 s early; only a wave is spread further ahead, and 60 s covers about 1,190 reminders
   * due at one instant at 25 messages a second. Early is harmless for every kind: the 24-hour
   * "are you coming?" and the 2-hour nudge do not care about a minute, and the check-in reminder
   * (15 minutes before the start) comes while check-in is already open (30 minutes before). Each
   * is checked again when it goes out, so answering, checking in or leaving meanwhile withdraws it.
   */
  reminderAheadSeconds: number;
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
    reminderAheadSeconds: 60,
    waveSize: config.SUBSTITUTE_WAVE_SIZE,
    waveMinutes: config.SUBSTITUTE_WAVE_MINUTES,
    missingNoticeMinutes: config.SUBSTITUTE_DEADLINE_MINUTES,
    checkInOpensMinutes: 30,
    noShowAfterMinutes: 30,
    autoCheckOutAfterMinutes: 60,
  };
}
