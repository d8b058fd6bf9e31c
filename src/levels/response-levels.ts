import type { duties, responseLevel } from "../storage/schema/index.js";

export type ResponseLevel = (typeof responseLevel.enumValues)[number];

/** Lowest first: the higher of two levels in force is the one that counts. */
export const LEVELS: readonly ResponseLevel[] = ["normal", "heightened", "level1"];

export const higher = (a: ResponseLevel, b: ResponseLevel): ResponseLevel => (LEVELS.indexOf(a) >= LEVELS.indexOf(b) ? a : b);

/** How many people a duty needs a night at a level; a week-long post is always one person. */
export function headcountFor(duty: Pick<typeof duties.$inferSelect, "rota" | "headcountNormal" | "headcountHeightened" | "headcountLevel1">, level: ResponseLevel): number {
  if (duty.rota === "weekly") return 1;
  return level === "level1" ? duty.headcountLevel1 : level === "heightened" ? duty.headcountHeightened : duty.headcountNormal;
}
