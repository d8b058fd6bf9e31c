import { describe, expect, it } from "vitest";
import { SandboxClock } from "../../src/sandbox/clock.js";

/** A hand-turned real clock, so the sandbox clock's arithmetic is checked without waiting. */
function realTime(start: string) {
  let now = new Date(start).getTime();
  return { read: () => now, advance: (ms: number) => (now += ms) };
}

const local = (date: Date) => date.toLocaleString("sv-SE", { timeZone: "Asia/Shanghai" }).slice(0, 16);

describe("the sandbox clock", () => {
  it("When nothing is changed, then it follows real time from where it started", () => {
    const real = realTime("2026-06-01T10:00:00+08:00");
    const clock = new SandboxClock("Asia/Shanghai", undefined, real.read);
    real.advance(90_000);
    expect(local(clock.now())).toBe("2026-06-01 10:01");
  });

  it("When it runs at x60, then a real minute is an hour", () => {
    const real = realTime("2026-06-01T10:00:00+08:00");
    const clock = new SandboxClock("Asia/Shanghai", new Date("2026-06-01T19:00:00+08:00"), real.read);
    clock.setSpeed(60);
    real.advance(60_000);
    expect(local(clock.now())).toBe("2026-06-01 20:00");
  });

  it("When it jumps to a time of day, then it goes to tonight's, or tomorrow's once tonight's has passed, in the district's time zone", () => {
    const real = realTime("2026-06-01T18:00:00+08:00");
    const clock = new SandboxClock("Asia/Shanghai", undefined, real.read);
    expect(local(clock.jumpTo("19:45").now)).toBe("2026-06-01 19:45");
    expect(local(clock.jumpTo("00:30").now)).toBe("2026-06-02 00:30");
    expect(local(clock.jumpTo("20:30").now)).toBe("2026-06-02 20:30");
    expect(local(clock.jumpTo("20:30").now)).toBe("2026-06-03 20:30");
  });

  it("When the speed drops after running fast, then time goes on from where it was and never back", () => {
    const real = realTime("2026-06-01T10:00:00+08:00");
    const clock = new SandboxClock("Asia/Shanghai", undefined, real.read);
    clock.setSpeed(60);
    real.advance(10_000);
    const fast = clock.now().getTime();
    clock.setSpeed(1);
    expect(clock.now().getTime()).toBe(fast);
    real.advance(1000);
    expect(clock.now().getTime()).toBe(fast + 1000);
    expect(() => clock.setSpeed(0.5)).toThrow(RangeError);
  });
});
