/**
 * When queued reminders become sendable. The outbox sends at most OUTBOX_RATE_PER_SECOND, so a
 * wave of n reminders due at one instant takes n / rate seconds to drain: started at its due time
 * (as it once was), the last of the 424 nightly "are you coming?" went out 17 s late. Instead each
 * reminder is queued ahead, with a not-before time as late as it can be while every reminder
 * behind it still fits in at the pace: the wave's last message is sendable SEND_MARGIN_MS before
 * its due time, the one before it one pace earlier, and so on. A lone reminder is sendable
 * SEND_MARGIN_MS early.
 */
export interface ReminderPacing {
  /** How far ahead of its due time a reminder may be queued (and, at most, sent). */
  aheadMs: number;
  /** The outbox's send rate of one instance; reminders are paced at RATE_SHARE of it. */
  ratePerSecond: number;
}

/**
 * Room for the other messages the outbox sends meanwhile (replies to the volunteers answering the
 * wave, live boards), and for a rate limiter that keeps a little under its rate.
 */
export const RATE_SHARE = 0.9;
/**
 * An idle dispatcher looks for due rows about once a second when nobody wakes it, and a claim
 * takes a moment, so a reminder sendable this much before its due time still leaves on time.
 */
export const SEND_MARGIN_MS = 2000;

/**
 * Not-before times for reminders sorted by due time: packed backwards from the last, one pace
 * apart, never later than due - SEND_MARGIN_MS and never before `now`.
 */
export function sendTimes(dueAts: Date[], now: Date, ratePerSecond: number): Date[] {
  const paceMs = 1000 / (ratePerSecond * RATE_SHARE);
  const times = new Array<Date>(dueAts.length);
  let next = Number.POSITIVE_INFINITY;
  for (let i = dueAts.length - 1; i >= 0; i--) {
    next = Math.min(dueAts[i]!.getTime() - SEND_MARGIN_MS, next - paceMs);
    times[i] = new Date(Math.max(now.getTime(), next));
  }
  return times;
}
