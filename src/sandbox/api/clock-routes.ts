import { TZDate } from "@date-fns/tz";
import { JUMP_PRESETS, type ClockReading, type SandboxClock } from "../clock.js";
import { jsonBody, type Route } from "./http-kit.js";
import { jumpInput, speedInput } from "./inputs.js";

export interface ClockView {
  /** ISO 8601, UTC. */
  now: string;
  /** The district's wall clock: "2026-06-01 19:45". */
  local: string;
  timeZone: string;
  speed: number;
  presets: readonly string[];
}

export function clockView(reading: ClockReading): ClockView {
  const local = new TZDate(reading.now.getTime(), reading.timeZone);
  const pad = (n: number) => String(n).padStart(2, "0");
  return {
    now: reading.now.toISOString(),
    local: `${local.getFullYear()}-${pad(local.getMonth() + 1)}-${pad(local.getDate())} ${pad(local.getHours())}:${pad(local.getMinutes())}`,
    timeZone: reading.timeZone,
    speed: reading.speed,
    presets: JUMP_PRESETS,
  };
}

/** The clock panel: read it, run it faster, or jump ahead; `changed` lets the scheduler catch up at once. */
export function clockRoutes(clock: SandboxClock, changed: () => void): Route[] {
  return [
    { method: "GET", path: "/sandbox/api/clock", handle: () => clockView(clock.read()) },
    {
      method: "POST",
      path: "/sandbox/api/clock/speed",
      handle: async ({ req }) => {
        const reading = clock.setSpeed((await jsonBody(req, speedInput)).speed);
        changed();
        return clockView(reading);
      },
    },
    {
      method: "POST",
      path: "/sandbox/api/clock/jump",
      handle: async ({ req }) => {
        const reading = clock.jumpTo((await jsonBody(req, jumpInput)).to);
        changed();
        return clockView(reading);
      },
    },
  ];
}
