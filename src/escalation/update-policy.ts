import { inArray } from "drizzle-orm";
import { requireCoordinator } from "../access/permissions.js";
import { recordAudit } from "../audit/record-audit.js";
import { actorPersonId, type DomainContext } from "../domain/context.js";
import { ValidationError } from "../domain/errors.js";
import { escalationPolicies, people } from "../storage/schema/index.js";
import { loadPolicy } from "./policies.js";
import { INCIDENT_POLICY_KEYS, policyKeySchema, policySchema, type Policy, type Target } from "./policy-schema.js";
import type { WrittenPolicy } from "./policy-text.js";

/** Named people are written as Telegram ids; the store keeps person ids. */
async function resolveWrittenTargets(ctx: DomainContext, written: WrittenPolicy): Promise<Policy["levels"]> {
  const telegramIds = written.levels.flatMap((l) => l.targets.flatMap((t) => (typeof t === "object" && "telegramId" in t ? [t.telegramId] : [])));
  const found = telegramIds.length ? await ctx.db.select({ id: people.id, telegramId: people.telegramId }).from(people).where(inArray(people.telegramId, telegramIds)) : [];
  const byTelegram = new Map(found.map((p) => [p.telegramId!, p.id]));
  return written.levels.map((level) => ({
    waitMinutes: level.waitMinutes,
    targets: level.targets.map((t): Target => {
      if (typeof t === "string" || "person" in t) return t;
      const person = byTelegram.get(t.telegramId);
      if (person === undefined) throw new ValidationError("rules.unknown_person", { id: t.telegramId });
      return { person };
    }),
  }));
}

/**
 * Replaces a policy's levels (and optionally its repeat count and switch), coordinators only.
 * Validated with the policy schema and audited with the old and new rules. Reports always
 * escalate, so their policies cannot be switched off.
 */
export async function updatePolicy(ctx: DomainContext, input: { key: string; policy: WrittenPolicy }): Promise<Policy> {
  await requireCoordinator(ctx);
  const key = policyKeySchema.safeParse(input.key);
  if (!key.success) throw new ValidationError("rules.unknown_policy", { key: input.key });
  const before = await loadPolicy(ctx.db, key.data);
  const candidate = {
    levels: await resolveWrittenTargets(ctx, input.policy),
    repeat: input.policy.repeat ?? before.repeat,
    enabled: input.policy.enabled ?? before.enabled,
  };
  const rules = policySchema.safeParse(candidate);
  if (!rules.success) throw new ValidationError("rules.invalid", { problem: rules.error.issues[0]?.message ?? "-" });
  if (!rules.data.enabled && (INCIDENT_POLICY_KEYS as readonly string[]).includes(key.data)) throw new ValidationError("rules.cannot_disable");
  await ctx.db.transaction(async (tx) => {
    const row = { ...rules.data, updatedAt: ctx.now, updatedBy: actorPersonId(ctx.actor) };
    await tx.insert(escalationPolicies).values({ key: key.data, ...row }).onConflictDoUpdate({ target: escalationPolicies.key, set: row });
    await recordAudit(tx, ctx.actor, ctx.now, { action: "policy.update", subjectType: "escalation_policy", subjectId: key.data, before: { levels: before.levels, repeat: before.repeat, enabled: before.enabled }, after: rules.data });
  });
  return { key: key.data, ...rules.data };
}

/** Telegram ids of the people a policy names, to show it as it would be typed. */
export async function telegramIdsOf(ctx: DomainContext, policies: Policy[]): Promise<Map<number, number | null>> {
  const ids = [...new Set(policies.flatMap((p) => p.levels.flatMap((l) => l.targets.flatMap((t) => (typeof t === "object" ? [t.person] : [])))))];
  const rows = ids.length ? await ctx.db.select({ id: people.id, telegramId: people.telegramId }).from(people).where(inArray(people.id, ids)) : [];
  return new Map(rows.map((r) => [r.id, r.telegramId]));
}
