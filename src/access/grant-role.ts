import { and, eq, isNull, sql } from "drizzle-orm";
import { z } from "zod";
import { recordAudit } from "../audit/record-audit.js";
import type { DomainContext } from "../domain/context.js";
import { actorPersonId } from "../domain/context.js";
import { ForbiddenError, NotFoundError, ValidationError } from "../domain/errors.js";
import { getTeamScope } from "../org/team-scope.js";
import { people, roleGrants, towns } from "../storage/schema/index.js";
import { loadAccess } from "./access.js";
import { refreshCommandMenu } from "./command-menu.js";
import { mayGrant } from "./permissions.js";

export const grantInputSchema = z
  .object({
    personId: z.number().int().positive(),
    role: z.enum(roleGrants.role.enumValues, { message: "role.invalid" }),
    teamId: z.number().int().positive().nullable().default(null),
    townId: z.number().int().positive().nullable().default(null),
  })
  .superRefine((g, ctx) => {
    const needsTeam = g.role === "leader" || g.role === "deputy";
    if (needsTeam && (g.teamId === null || g.townId !== null)) ctx.addIssue({ code: "custom", message: "role.needs_team" });
    if (g.role === "supervisor" && (g.townId === null || g.teamId !== null)) ctx.addIssue({ code: "custom", message: "role.needs_town" });
    if (g.role === "coordinator" && (g.teamId !== null || g.townId !== null)) ctx.addIssue({ code: "custom", message: "role.no_scope" });
    if (g.role === "police" && g.teamId !== null) ctx.addIssue({ code: "custom", message: "role.town_only" });
  });
export type GrantInput = z.input<typeof grantInputSchema>;

/** Grants a role in scope; granting one already held changes nothing. Returns whether it was new. */
export async function grantRole(ctx: DomainContext, input: GrantInput): Promise<boolean> {
  const parsed = grantInputSchema.safeParse(input);
  if (!parsed.success) throw new ValidationError(parsed.error.issues[0]?.message ?? "role.invalid");
  const grant = parsed.data;
  return ctx.db.transaction(async (tx) => {
    const [person] = await tx.select({ id: people.id }).from(people).where(and(eq(people.id, grant.personId), isNull(people.forgottenAt)));
    if (!person) throw new NotFoundError("person.not_found");
    const teamTown = grant.teamId !== null ? (await getTeamScope(tx, grant.teamId)).townId : null;
    if (grant.townId !== null) {
      const [town] = await tx.select({ id: towns.id }).from(towns).where(eq(towns.id, grant.townId));
      if (!town) throw new NotFoundError("town.not_found");
    }
    const granter = actorPersonId(ctx.actor);
    if (granter !== null && !mayGrant(await loadAccess(tx, granter), grant.role, grant, teamTown)) {
      throw new ForbiddenError("role.grant");
    }
    const inserted = await tx
      .insert(roleGrants)
      .values({ ...grant, grantedBy: granter, grantedAt: ctx.now })
      .onConflictDoNothing()
      .returning({ id: roleGrants.id });
    if (inserted.length === 0) return false;
    await recordAudit(tx, ctx.actor, ctx.now, { action: "role.grant", subjectType: "person", subjectId: grant.personId, after: grant });
    await refreshCommandMenu(tx, grant.personId, ctx.now);
    return true;
  });
}

/** Revokes a live grant; revoking one not held changes nothing. Returns whether one was revoked. */
export async function revokeRole(ctx: DomainContext, input: GrantInput): Promise<boolean> {
  const parsed = grantInputSchema.safeParse(input);
  if (!parsed.success) throw new ValidationError(parsed.error.issues[0]?.message ?? "role.invalid");
  const grant = parsed.data;
  return ctx.db.transaction(async (tx) => {
    const teamTown = grant.teamId !== null ? (await getTeamScope(tx, grant.teamId)).townId : null;
    const revoker = actorPersonId(ctx.actor);
    if (revoker !== null && !mayGrant(await loadAccess(tx, revoker), grant.role, grant, teamTown)) {
      throw new ForbiddenError("role.revoke");
    }
    const revoked = await tx
      .update(roleGrants)
      .set({ revokedAt: ctx.now, revokedBy: revoker })
      .where(
        and(
          eq(roleGrants.personId, grant.personId),
          eq(roleGrants.role, grant.role),
          sql`coalesce(${roleGrants.teamId}, 0) = ${grant.teamId ?? 0}`,
          sql`coalesce(${roleGrants.townId}, 0) = ${grant.townId ?? 0}`,
          isNull(roleGrants.revokedAt),
        ),
      )
      .returning({ id: roleGrants.id });
    if (revoked.length === 0) return false;
    await recordAudit(tx, ctx.actor, ctx.now, { action: "role.revoke", subjectType: "person", subjectId: grant.personId, before: grant });
    await refreshCommandMenu(tx, grant.personId, ctx.now);
    return true;
  });
}
