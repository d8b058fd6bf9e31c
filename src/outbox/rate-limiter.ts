/**
 * Paces every send of one dispatcher, with a pause that a 429 sets for everyone: Telegram's flood
 * limit is per bot, not per chat. Sends keep to a fixed timeline (one slot every 1/rate s), so a
 * late timer does not cost throughput, and a sliding window makes sure no rolling second ever
 * holds more than the rate: at the limit itself one send too many is a 429 and a second's pause.
 */
export class RateLimiter {
  private nextSlot: number;
  private pausedUntil = 0;
  private readonly interval: number;
  /** Send times of the last `rate` sends, oldest first. */
  private readonly window: number[] = [];
  private readonly capacity: number;

  constructor(
    private readonly perSecond: number,
    private readonly clock: () => number = Date.now,
    /** Slack on the rolling second, for the time a request takes to reach Telegram. */
    private readonly marginMs = 25,
  ) {
    this.interval = 1000 / perSecond;
    this.capacity = Math.max(1, Math.floor(perSecond));
    this.nextSlot = clock();
  }

  pauseFor(ms: number): void {
    this.pausedUntil = Math.max(this.pausedUntil, this.clock() + ms);
  }

  /** Waits until one send may go; `signal` aborts the wait on shutdown. */
  async take(signal?: AbortSignal): Promise<boolean> {
    for (;;) {
      if (signal?.aborted) return false;
      const now = this.clock();
      // Behind by more than a slot (idle, or paused): start the timeline again from now.
      if (this.nextSlot < now - this.interval) this.nextSlot = now;
      const windowFree = this.window.length < this.capacity ? now : this.window[0]! + 1000 + this.marginMs;
      const at = Math.max(this.nextSlot, this.pausedUntil, windowFree);
      if (at > now) {
        await sleep(at - now, signal);
        continue;
      }
      this.nextSlot += this.interval;
      this.window.push(now);
      if (this.window.length > this.capacity) this.window.shift();
      return true;
    }
  }
}

export function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    if (signal?.aborted) return resolve();
    const timer = setTimeout(done, Math.max(0, ms));
    function done() {
      clearTimeout(timer);
      signal?.removeEventListener("abort", done);
      resolve();
    }
    signal?.addEventListener("abort", done, { once: true });
  });
}
