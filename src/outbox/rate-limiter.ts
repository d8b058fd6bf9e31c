/**
 * Paces every send of one dispatcher, with a pause that a 429 sets for everyone: Telegram's flood
 * limit is per bot, not per chat.
 *
 * Two rules, and only the second one is a cap:
 * - Pacing: sends are released on a fixed timeline, one slot every 1/rate s. A timer that fires
 *   late (setTimeout cannot keep 1 ms at 1000/s, and a busy event loop delays any timer) releases
 *   every slot that came due meanwhile in one go, so lateness costs no throughput.
 * - The rolling second: Telegram (and the tests' fake) counts the sends it *received* in any
 *   rolling second. When a request reaches the server is unknown here: it left at `take` and had
 *   arrived by the time its answer came back. So a send holds its place in the window from `take`
 *   until a second after its answer (`done`), and no second ever holds more than floor(rate),
 *   however the requests were bunched on the way. That costs one round trip per second of
 *   throughput, instead of a fixed guess of a margin that jitter could still overrun.
 */
export class RateLimiter {
  private nextSlot: number;
  private pausedUntil = 0;
  private readonly interval: number;
  private readonly capacity: number;
  /** How far behind the timeline may fall and still catch up; beyond it (idle, paused) it restarts. */
  private readonly catchUpMs: number;
  /** Places held by sends not answered yet. */
  private inFlight = 0;
  /** When each answered send was answered, oldest first; one entry per place. */
  private readonly answered: number[] = [];

  constructor(
    private readonly perSecond: number,
    private readonly clock: () => number = Date.now,
    /** Extra slack on the rolling second, should a server count a little more than a second. */
    private readonly marginMs = 0,
  ) {
    this.interval = 1000 / perSecond;
    this.capacity = Math.max(1, Math.floor(perSecond));
    this.catchUpMs = Math.max(2 * this.interval, 500);
    this.nextSlot = clock();
  }

  pauseFor(ms: number): void {
    this.pausedUntil = Math.max(this.pausedUntil, this.clock() + ms);
  }

  /**
   * Waits until a send of `cost` places (an album counts its items) may go, and returns its
   * slot, whose `done` must be called once the server answered or the call failed. Null when
   * `signal` aborted the wait (shutdown).
   */
  async take(signal?: AbortSignal, cost = 1): Promise<SendSlot | null> {
    const places = Math.min(Math.max(1, Math.ceil(cost)), this.capacity);
    for (;;) {
      if (signal?.aborted) return null;
      const now = this.clock();
      if (this.nextSlot < now - this.catchUpMs) this.nextSlot = now;
      const at = Math.max(this.nextSlot, this.pausedUntil, this.windowFreeAt(now, places));
      if (at > now) {
        await sleep(at - now, signal);
        continue;
      }
      this.nextSlot += this.interval * places;
      this.inFlight += places;
      let open = true;
      return {
        done: () => {
          if (!open) return;
          open = false;
          this.inFlight -= places;
          const answeredAt = this.clock();
          for (let i = 0; i < places; i++) this.answered.push(answeredAt);
        },
      };
    }
  }

  /** When the rolling second has room for `places` more: now, or when enough answers age out. */
  private windowFreeAt(now: number, places: number): number {
    const horizon = 1000 + this.marginMs;
    while (this.answered.length > 0 && this.answered[0]! + horizon <= now) this.answered.shift();
    const over = this.inFlight + this.answered.length + places - this.capacity;
    if (over <= 0) return now;
    // Only sends still in flight fill the window: look again shortly.
    if (over > this.answered.length) return now + Math.min(10, this.interval);
    return this.answered[over - 1]! + horizon;
  }
}

export interface SendSlot {
  /** The server answered (or the call failed): the send's second starts counting down. */
  done(): void;
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
