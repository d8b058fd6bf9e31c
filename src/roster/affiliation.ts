/**
 * Where a volunteer comes from, as the programme counted them: Party members, League members,
 * newcomers (新居民), students, and the 160+ companies and institutions that joined as units.
 * A spreadsheet writes this as free text; the kind is what reports group by.
 */
export const AFFILIATION_KINDS = ["party", "league", "newcomer", "student", "unit"] as const;
export type AffiliationKind = (typeof AFFILIATION_KINDS)[number];

// Order matters: "党员学生" is counted as a Party member, as the programme's own tallies did.
// English patterns match whole words so "Youth League Committee" (an institution) stays a unit.
const PATTERNS: Array<[Exclude<AffiliationKind, "unit">, RegExp]> = [
  ["party", /党员|^(cpc |communist )?party( member)?s?$|\bparty members?\b/i],
  ["league", /团员|^(youth )?league( member)?s?$|\bleague members?\b/i],
  ["newcomer", /新居民|\bnew ?comers?\b|\bnew residents?\b/i],
  ["student", /学生|\bstudents?\b/i],
];

/** The kind of an affiliation text; null when the text is empty. Anything unrecognised is a unit. */
export function classifyAffiliation(text: string): AffiliationKind | null {
  const normalized = text.normalize("NFKC").trim().replace(/\s+/g, " ");
  if (normalized === "") return null;
  return PATTERNS.find(([, pattern]) => pattern.test(normalized))?.[0] ?? "unit";
}
