import { EventEmitter } from "node:events";
import { TZDate } from "@date-fns/tz";
import { addDays, localNight } from "../shifts/night.js";

export interface ClockReading {
  now: Date;
  /** Sandbox seconds per real second. */
  speed: number;
  timeZone: string;
}

/** Times of a night the clock panel offers: reminder, start, under way, the log's deadline. */
export const JUMP_PRESETS = ["19:45", "20:00", "20:30", "00:30"] as const;

const HH_MM = /^([01]\d|2[0-3]):([0-5]\d)$/;

/**
 * The sandbox's time, which the scheduler, the outbox and every verb read instead of the real
 * clock. It starts at real time (or a given instant), may run faster, and may jump ahead to a time
 * of day; it never runs backwards, so nothing the bot wrote is ever in its future.
 */
export class SandboxClock {
  /** Emits "change" with a ClockReading after a jump or a change of speed. */
  readonly events = new EventEmitter().setMaxListeners(0);
  private anchorReal: number;
  private anchorSandbox: number;
  private speedFactor = 1;
  private latest: number;

  constructor(
    readonly timeZone: string,
    start: Date | undefined = undefined,
    private readonly realNow: () => number = Date.now,
  ) {
    this.anchorReal = realNow();
    this.anchorSandbox = start?.getTime() ?? this.anchorReal;
    this.latest = this.anchorSandbox;
  }

  /** Pass this as the app's clock: `() => clock.now()`. */
  now(): Date {
    const computed = this.anchorSandbox + (this.realNow() - this.anchorReal) * this.speedFactor;
    this.latest = Math.max(this.latest, computed);
    return new Date(this.latest);
  }

  read(): ClockReading {
    return { now: this.now(), speed: this.speedFactor, timeZone: this.timeZone };
  }

  setSpeed(speed: number): ClockReading {
    if (!(speed >= 1 && Number.isFinite(speed))) throw new RangeError(`speed must be 1 or more, not ${speed}`);
    this.reanchor(this.now().getTime());
    this.speedFactor = speed;
    return this.changed();
  }

  /** Moves to the next moment the district's clocks read `hhmm` ("19:45"): tonight's, or tomorrow's once it has passed. */
  jumpTo(hhmm: string): ClockReading {
    const m = HH_MM.exec(hhmm);
    if (!m) throw new RangeError(`not a time of day (HH:MM): ${hhmm}`);
    const now = this.now();
    const today = localNight(now, this.timeZone);
    const at = (night: string) => {
      const [y, mo, d] = night.split("-").map(Number) as [number, number, number];
      return new TZDate(y, mo - 1, d, Number(m[1]), Number(m[2]), 0, this.timeZone).getTime();
    };
    let target = at(today);
    if (target <= now.getTime()) target = at(addDays(today, 1));
    this.reanchor(target);
    this.latest = target;
    return this.changed();
  }

  private reanchor(sandboxTime: number): void {
    this.anchorReal = this.realNow();
    this.anchorSandbox = sandboxTime;
  }

  private changed(): ClockReading {
    const reading = this.read();
    this.events.emit("change", reading);
    return reading;
  }
}
