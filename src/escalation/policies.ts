import { asc, eq } from "drizzle-orm";
import type { Db } from "../storage/db.js";
import { escalationPolicies } from "../storage/schema/index.js";
import { DEFAULT_POLICIES } from "./default-policies.js";
import { POLICY_KEYS, policySchema, type Policy, type PolicyKey } from "./policy-schema.js";

function toPolicy(row: typeof escalationPolicies.$inferSelect): Policy {
  const rules = policySchema.parse({ levels: row.levels, repeat: row.repeat, enabled: row.enabled });
  return { key: row.key as PolicyKey, ...rules };
}

/** Creates the policies a deployment does not have yet; existing ones, changed or not, stay. */
export async function ensureDefaultPolicies(db: Db, now: Date): Promise<number> {
  const rows = POLICY_KEYS.map((key) => ({ key, ...DEFAULT_POLICIES[key], updatedAt: now }));
  const inserted = await db.insert(escalationPolicies).values(rows).onConflictDoNothing().returning({ key: escalationPolicies.key });
  return inserted.length;
}

/** The stored policy, or the default when none is stored yet. */
export async function loadPolicy(db: Db, key: PolicyKey): Promise<Policy> {
  const [row] = await db.select().from(escalationPolicies).where(eq(escalationPolicies.key, key));
  return row ? toPolicy(row) : { key, ...DEFAULT_POLICIES[key] };
}

export async function listPolicies(db: Db): Promise<Policy[]> {
  const rows = await db.select().from(escalationPolicies).orderBy(asc(escalationPolicies.key));
  const stored = new Map(rows.map((r) => [r.key, toPolicy(r)]));
  return POLICY_KEYS.map((key) => stored.get(key) ?? { key, ...DEFAULT_POLICIES[key] });
}
