import type { Config } from "../config/config.js";

export interface BoundingBox {
  south: number;
  west: number;
  north: number;
  east: number;
}

/** The deployment's reporting rules, read from the configuration once. */
export interface ReportSettings {
  /** "NH" gives reference numbers like NH-2026-000123. */
  refPrefix: string;
  timeZone: string;
  /** How many reports a resident who is not a member may send in 24 hours. */
  publicPerDay: number;
  /** Locations outside it are refused, when set. */
  bbox: BoundingBox | null;
}

export function reportSettingsFrom(config: Config): ReportSettings {
  return { refPrefix: config.REPORT_PREFIX, timeZone: config.BOT_TIMEZONE, publicPerDay: config.PUBLIC_REPORTS_PER_DAY, bbox: config.DISTRICT_BBOX ?? null };
}

export const insideBox = (box: BoundingBox | null, p: { latitude: number; longitude: number }) =>
  box === null || (p.latitude >= box.south && p.latitude <= box.north && p.longitude >= box.west && p.longitude <= box.east);
