/**
 * A token bucket shared by every send of one dispatcher, with a pause that a 429 sets for
 * everyone: Telegram's flood limit is per bot, not per chat.
 */
export class RateLimiter {
  private tokens: number;
  private last: number;
  private pausedUntil = 0;

  constructor(
    private readonly perSecond: number,
    // Small bursts only: Telegram counts over a rolling second, and a burst on top of a steady
    // rate is a 429. A little slack absorbs timer jitter.
    private readonly burst = Math.max(1, Math.ceil(perSecond / 50)),
    private readonly clock: () => number = Date.now,
  ) {
    this.tokens = this.burst;
    this.last = clock();
  }

  pauseFor(ms: number): void {
    this.pausedUntil = Math.max(this.pausedUntil, this.clock() + ms);
  }

  /** Waits until one send may go; `signal` aborts the wait on shutdown. */
  async take(signal?: AbortSignal): Promise<boolean> {
    for (;;) {
      if (signal?.aborted) return false;
      const now = this.clock();
      if (now < this.pausedUntil) {
        await sleep(this.pausedUntil - now, signal);
        continue;
      }
      this.tokens = Math.min(this.burst, this.tokens + ((now - this.last) / 1000) * this.perSecond);
      this.last = now;
      if (this.tokens >= 1) {
        this.tokens -= 1;
        return true;
      }
      await sleep(((1 - this.tokens) / this.perSecond) * 1000, signal);
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
