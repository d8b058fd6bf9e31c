import { TZDate } from "@date-fns/tz";
import { addDays, localNight } from "../shifts/night.js";

const CLOCK = "([01]?\\d|2[0-3])[:：]([0-5]\\d)";
const TIME_ONLY = new RegExp(`^${CLOCK}$`);
const WITH_DATE = new RegExp(`^(?:(\\d{4})-)?(\\d{1,2})-(\\d{1,2})\\s+${CLOCK}$`);
const TOMORROW = new RegExp(`^(?:tomorrow|明天)\\s*${CLOCK}$`, "i");

/**
 * A local time as coordinators type it: "21:00" (the next time it comes), "tomorrow 08:00" /
 * "明天 08:00", "10-01 20:00" (this year) or "2027-10-01 20:00". Null when it is none of those.
 */
export function parseWhen(text: string, now: Date, timeZone: string): Date | null {
  const input = text.trim().replace(/\s+/g, " ");
  const today = localNight(now, timeZone);
  const at = (night: string, hour: string, minute: string) => {
    const [y, m, d] = night.split("-").map(Number) as [number, number, number];
    return new Date(new TZDate(y, m - 1, d, Number(hour), Number(minute), 0, timeZone).getTime());
  };
  let m = TIME_ONLY.exec(input);
  if (m) {
    const candidate = at(today, m[1]!, m[2]!);
    return candidate > now ? candidate : at(addDays(today, 1), m[1]!, m[2]!);
  }
  if ((m = TOMORROW.exec(input))) return at(addDays(today, 1), m[1]!, m[2]!);
  if ((m = WITH_DATE.exec(input))) {
    const year = m[1] ?? today.slice(0, 4);
    const night = `${year}-${m[2]!.padStart(2, "0")}-${m[3]!.padStart(2, "0")}`;
    const check = new Date(`${night}T00:00:00Z`);
    if (Number.isNaN(check.getTime()) || check.toISOString().slice(0, 10) !== night) return null;
    return at(night, m[4]!, m[5]!);
  }
  return null;
}
