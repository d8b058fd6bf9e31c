import type { PolicyKey } from "../escalation/policy-schema.js";
import type { incidentCategory } from "../storage/schema/index.js";

export type Category = (typeof incidentCategory.enumValues)[number];

export const CATEGORIES: readonly Category[] = ["tip", "hazard", "assistance", "dispute", "suspicious", "emergency"];
/** What a resident who is not on any team may send. Assistance and disputes are volunteers' work. */
export const PUBLIC_CATEGORIES: readonly Category[] = ["tip", "hazard", "suspicious", "emergency"];
/** Categories the police liaison receives from the start, and may mark useful. */
export const POLICE_CATEGORIES: readonly Category[] = ["tip", "suspicious", "emergency"];

/** A resident's report goes to the coordinators for triage, unless it is an emergency. */
export function policyKeyFor(category: Category, isPublic: boolean): PolicyKey {
  if (isPublic && category !== "emergency") return "incident.public";
  return `incident.${category}`;
}

export const DESCRIPTION_MAX = 1000;
export const PHOTOS_MAX = 5;

/** "NH-2026-000123": the district's prefix, the year, the report's number. */
export const formatRef = (prefix: string, year: number, id: number) => `${prefix}-${year}-${String(id).padStart(6, "0")}`;
