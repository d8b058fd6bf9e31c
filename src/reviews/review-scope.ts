import { isCoordinator, loadAccess, supervisedTownIds } from "../access/access.js";
import type { DomainContext } from "../domain/context.js";
import { ForbiddenError } from "../domain/errors.js";

/** Whose teams a review covers: the district for coordinators, their towns for supervisors. */
export type ReviewScope = { kind: "district" } | { kind: "towns"; townIds: number[] };

/** Read from the actor's grants in the database; anyone else is refused. */
export async function reviewScopeOf(ctx: DomainContext): Promise<ReviewScope> {
  if (ctx.actor.type !== "person") return { kind: "district" };
  const access = await loadAccess(ctx.db, ctx.actor.personId);
  if (isCoordinator(access)) return { kind: "district" };
  const townIds = supervisedTownIds(access);
  if (townIds.length > 0) return { kind: "towns", townIds };
  throw new ForbiddenError("review.not_allowed");
}

export const inScope = (scope: ReviewScope, townId: number) => scope.kind === "district" || scope.townIds.includes(townId);
