import { describe, expect, it } from "vitest";
import { RateLimiter } from "../../src/outbox/rate-limiter.js";

describe("the outbox's pace", () => {
  it("When sends are taken as fast as allowed, then no rolling second holds more than the rate, and a 429 pause holds every send", async () => {
    const limiter = new RateLimiter(40);
    const times: number[] = [];
    for (let i = 0; i < 70; i++) {
      await limiter.take();
      times.push(Date.now());
    }
    const busiest = Math.max(...times.map((t) => times.filter((u) => u >= t && u < t + 1000).length));
    expect(busiest).toBeLessThanOrEqual(40);

    limiter.pauseFor(300);
    const paused = Date.now();
    await limiter.take();
    expect(Date.now() - paused).toBeGreaterThanOrEqual(295);
  });

  it("When shutting down, then a waiting send gives up", async () => {
    const limiter = new RateLimiter(1);
    await limiter.take();
    const stop = new AbortController();
    setTimeout(() => stop.abort(), 20);
    expect(await limiter.take(stop.signal)).toBe(false);
  });
});
