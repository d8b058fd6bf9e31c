import { and, eq, inArray } from "drizzle-orm";
import type { DomainContext } from "../domain/context.js";
import { ForbiddenError } from "../domain/errors.js";
import { displayName } from "../people/display-name.js";
import { memberships, people } from "../storage/schema/index.js";

/**
 * Whose record to show: always the actor's own, never an id from a client. Anyone who has been an
 * active member keeps their record after leaving a team; others are refused.
 */
export async function ownServiceRecord(ctx: DomainContext): Promise<{ personId: number; name: string | null; affiliation: string | null }> {
  if (ctx.actor.type !== "person") throw new ForbiddenError("stats.not_member");
  const personId = ctx.actor.personId;
  const [member] = await ctx.db
    .select({ name: displayName(people), affiliation: people.affiliation })
    .from(people)
    .innerJoin(memberships, eq(memberships.personId, people.id))
    .where(and(eq(people.id, personId), inArray(memberships.status, ["active", "left", "removed"])))
    .limit(1);
  if (!member) throw new ForbiddenError("stats.not_member");
  return { personId, ...member };
}
