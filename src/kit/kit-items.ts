import type { kitItem } from "../storage/schema/index.js";

/** What every team was issued, in the order they are shown. */
export const KIT_ITEMS = ["vest", "cap", "armband", "first_aid_kit", "logbook"] as const satisfies readonly (typeof kitItem.enumValues)[number][];
export type KitItem = (typeof KIT_ITEMS)[number];
export type KitCounts = Partial<Record<KitItem, number>>;

export const KIT_REQUEST_KINDS = ["missing", "worn"] as const;
export type KitRequestKind = (typeof KIT_REQUEST_KINDS)[number];

/** A count above this is a typo, not a team's stock. */
export const QUANTITY_MAX = 500;

/** Used when a team has no patrol duty yet: the most a team puts out a night (level 1). */
export const DEFAULT_LEVEL1_HEADCOUNT = 8;

/**
 * A full set: a vest, a cap and an armband for everyone out on the busiest night (the patrol's
 * level-1 headcount), one first-aid kit and one duty logbook.
 */
export function fullSet(level1Headcount: number): Record<KitItem, number> {
  return { vest: level1Headcount, cap: level1Headcount, armband: level1Headcount, first_aid_kit: 1, logbook: 1 };
}

/** i18n key part: first_aid_kit → first-aid-kit. */
export const itemKey = (item: KitItem) => item.replace(/_/g, "-");
