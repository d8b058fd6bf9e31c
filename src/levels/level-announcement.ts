import type { TextRef } from "../outbox/payload.js";
import type { ResponseLevel } from "./response-levels.js";

export interface Announcement {
  level: ResponseLevel;
  /** A town's name, or the district. */
  area: string | TextRef;
  /** null: at once. */
  startsAt: Date | null;
  /** null: until a later change. */
  endsAt: Date | null;
  /** People a night per team at this level, when every team in scope has the same; else null. */
  headcount: number | null;
  message: string | null;
}

/**
 * A level change as an official notice reads it: "全区自即时起启动一级响应（巡防人数增至每队 8 人），
 * 解除时间另行通知。" The sentence is built from parts (start, staffing, end) so each language
 * can say "at once" and "until further notice" in its own words rather than fill in "now".
 */
export function levelAnnouncement(a: Announcement): TextRef {
  const staffing: TextRef =
    a.headcount === null ? { key: "level-staffing-varies", args: { level: { key: `level-${a.level}` } } } : { key: "level-staffing", args: { code: a.level, headcount: a.headcount } };
  return {
    key: a.message ? "level-changed-message" : "level-changed",
    args: {
      code: a.level,
      area: a.area,
      from: a.startsAt ? { key: "level-from", args: { starts: { datetime: a.startsAt.toISOString() } } } : { key: "level-from-now" },
      staffing,
      until: a.endsAt ? { key: "level-until", args: { ends: { datetime: a.endsAt.toISOString() } } } : { key: "level-until-changed" },
      ...(a.message ? { message: a.message } : {}),
    },
  };
}
