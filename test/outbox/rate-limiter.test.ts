import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { RateLimiter } from "../../src/outbox/rate-limiter.js";

/**
 * The limiter on a simulated clock (vitest's fake timers): the event loop is "blocked" now and
 * then by moving the clock on without firing timers, so timers fire late and bunched, and each
 * answer comes back after a latency of its own.
 */
interface Send {
  takenAt: number;
  answeredAt: number;
}

/** A send reached the server some time between its take and its answer: the most a rolling second can have seen. */
function busiestSecond(sends: Send[]): number {
  return Math.max(...sends.map((j) => sends.filter((i) => i.takenAt <= j.takenAt && i.answeredAt > j.takenAt - 1000).length));
}

function randomFrom(seed: number) {
  let state = seed;
  return () => {
    state = (state * 1103515245 + 12345) % 2 ** 31;
    return state / 2 ** 31;
  };
}

async function run(rate: number, count: number, seed: number): Promise<{ sends: Send[]; seconds: number }> {
  const random = randomFrom(seed);
  const limiter = new RateLimiter(rate);
  const sends: Send[] = [];
  const start = Date.now();
  let finished = false;
  const pump = (async () => {
    for (let i = 0; i < count; i++) {
      const slot = await limiter.take();
      const send: Send = { takenAt: Date.now(), answeredAt: Infinity };
      sends.push(send);
      // Mostly quick answers, now and then a slow one, as through a busy event loop.
      const latency = random() < 0.05 ? 150 + random() * 400 : random() * 20;
      setTimeout(() => {
        send.answeredAt = Date.now();
        slot!.done();
      }, latency);
    }
    finished = true;
  })();
  while (!finished) {
    if (random() < 0.1) vi.setSystemTime(Date.now() + random() * 120); // blocked: timers fire late, together
    await vi.advanceTimersByTimeAsync(1 + random() * 30);
  }
  await pump;
  await vi.advanceTimersByTimeAsync(1000);
  return { sends, seconds: (sends.at(-1)!.takenAt - start) / 1000 };
}

describe("the outbox's pace", () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  it("When timers fire late and answers come back bunched, then no rolling second can have received more than the rate, at 30/s", async () => {
    const { sends, seconds } = await run(30, 600, 7);
    expect(busiestSecond(sends)).toBeLessThanOrEqual(30);
    // Simulated time, so this is arithmetic, not a timing: the pace is kept, bar one round trip a second.
    expect(sends.length / seconds).toBeGreaterThan(30 * 0.75);
  });

  it("When the pace is 1 ms, then late timers release the slots due in one go, and the rolling second still holds at most the rate", async () => {
    const { sends, seconds } = await run(1000, 5000, 11);
    expect(busiestSecond(sends)).toBeLessThanOrEqual(1000);
    expect(sends.length / seconds).toBeGreaterThan(1000 * 0.75);
  });

  it("When an album takes its items' places, then they count against the second like single sends", async () => {
    const limiter = new RateLimiter(10);
    const first = await limiter.take(undefined, 8);
    first!.done();
    const takenAt = Date.now();
    const second = limiter.take(undefined, 5);
    await vi.advanceTimersByTimeAsync(2000);
    await second;
    // Only 2 of 10 places were left, so the album of 5 waited for the first's second to pass.
    expect(Date.now() - takenAt).toBeGreaterThanOrEqual(1000);
  });

  it("When a 429 pauses the limiter, then no send goes before the pause ends", async () => {
    const limiter = new RateLimiter(40);
    (await limiter.take())!.done();
    limiter.pauseFor(300);
    const paused = Date.now();
    let tookAt = 0;
    const next = limiter.take().then(() => (tookAt = Date.now()));
    await vi.advanceTimersByTimeAsync(1000);
    await next;
    expect(tookAt - paused).toBeGreaterThanOrEqual(300);
  });

  it("When shutting down, then a waiting send gives up", async () => {
    const limiter = new RateLimiter(1);
    await limiter.take();
    const stop = new AbortController();
    setTimeout(() => stop.abort(), 20);
    const waiting = limiter.take(stop.signal);
    await vi.advanceTimersByTimeAsync(50);
    expect(await waiting).toBeNull();
  });
});
