import { and, asc, eq, isNull, ne, notExists } from "drizzle-orm";
import type { DomainContext } from "../domain/context.js";
import { ForbiddenError } from "../domain/errors.js";
import { assignments, leaveDates, memberships, people } from "../storage/schema/index.js";
import { loadAssignment } from "./assignment-facts.js";

/**
 * Teammates a volunteer may name as their substitute (say, a family member on the team): active,
 * free that night and not on leave. Only for the volunteer's own assignment.
 */
export async function substituteCandidates(ctx: DomainContext, assignmentId: number, limit = 8) {
  const facts = await loadAssignment(ctx.db, assignmentId);
  if (ctx.actor.type !== "person" || ctx.actor.personId !== facts.personId) throw new ForbiddenError("shift.not_yours");
  const busy = ctx.db
    .select({ id: assignments.id })
    .from(assignments)
    .where(and(eq(assignments.personId, memberships.personId), eq(assignments.night, facts.night), isNull(assignments.endedAt)));
  const away = ctx.db.select({ id: leaveDates.personId }).from(leaveDates).where(and(eq(leaveDates.personId, memberships.personId), eq(leaveDates.night, facts.night)));
  return ctx.db
    .select({ personId: people.id, name: people.name })
    .from(memberships)
    .innerJoin(people, eq(people.id, memberships.personId))
    .where(and(eq(memberships.teamId, facts.teamId), eq(memberships.status, "active"), ne(memberships.personId, facts.personId), isNull(people.forgottenAt), notExists(busy), notExists(away)))
    .orderBy(asc(people.name))
    .limit(limit);
}
