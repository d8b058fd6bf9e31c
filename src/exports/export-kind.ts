import { asc, sql, type AnyColumn, type SQL } from "drizzle-orm";
import { communities, shifts, teams, towns } from "../storage/schema/index.js";
import type { Db } from "../storage/db.js";
import type { ExportRange } from "./export-range.js";

export interface ExportSettings {
  timeZone: string;
  now: Date;
}

/**
 * One kind of export: its columns (snake_case keys; the entry point gives the headers
 * people read) and a set-based query returning rows keyed by those columns for a range of nights.
 * The exporter calls it a few nights at a time, so a district-wide month never sits in memory.
 */
export interface ExportKind {
  columns: readonly string[];
  /** Columns holding stored codes (a reply, a category) that the reader sees in words. */
  codes?: readonly string[];
  /** Columns given as text for their fixed decimals ("3.50") that are numbers all the same. */
  numbers?: readonly string[];
  rows(db: Db, range: ExportRange, settings: ExportSettings): Promise<Record<string, unknown>[]>;
}

/** "2027-06-01 20:03" in the deployment's time zone, as people read it and spreadsheets parse it. */
export const localTime = (instant: AnyColumn | SQL, timeZone: string) =>
  sql<string | null>`to_char(${instant} at time zone ${timeZone}, 'YYYY-MM-DD HH24:MI')`;

/** Rows about shifts in the order people read them: by night, then town, community and team. */
export const byNightAndPlace = (last: AnyColumn) => [asc(shifts.night), asc(towns.name), asc(communities.name), asc(teams.name), asc(shifts.startsAt), asc(last)];
