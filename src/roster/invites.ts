import { randomBytes } from "node:crypto";
import { and, desc, eq, gt, isNull, or } from "drizzle-orm";
import { z } from "zod";
import { requireTeamAction } from "../access/permissions.js";
import { recordAudit } from "../audit/record-audit.js";
import { actorPersonId, type DomainContext } from "../domain/context.js";
import { ConflictError, NotFoundError, ValidationError } from "../domain/errors.js";
import { getTeamScope, type TeamScope } from "../org/team-scope.js";
import type { Db } from "../storage/db.js";
import { invites } from "../storage/schema/index.js";

/** Deep-link payloads allow [A-Za-z0-9_-] up to 64 chars; ours are "j" + 12 base32 letters. */
export const INVITE_PREFIX = "j";
const CODE_ALPHABET = "abcdefghijkmnpqrstuvwxyz23456789";
export const inviteCodeSchema = z.string().regex(/^[a-z2-9]{12}$/);

function newCode(): string {
  return [...randomBytes(12)].map((b) => CODE_ALPHABET[b % CODE_ALPHABET.length]).join("");
}

export interface InviteView {
  id: number;
  code: string;
  teamId: number;
  expiresAt: Date | null;
  uses: number;
}

export async function createInvite(ctx: DomainContext, input: { teamId: number; ttlDays: number }): Promise<InviteView & { scope: TeamScope }> {
  const { scope } = await requireTeamAction(ctx, "invite", input.teamId);
  const expiresAt = new Date(ctx.now.getTime() + input.ttlDays * 86_400_000);
  return ctx.db.transaction(async (tx) => {
    const [row] = await tx
      .insert(invites)
      .values({ code: newCode(), teamId: input.teamId, createdBy: actorPersonId(ctx.actor), createdAt: ctx.now, expiresAt })
      .returning();
    await recordAudit(tx, ctx.actor, ctx.now, { action: "invite.create", subjectType: "invite", subjectId: row!.id, after: { teamId: input.teamId, expiresAt } });
    return { id: row!.id, code: row!.code, teamId: row!.teamId, expiresAt: row!.expiresAt, uses: row!.uses, scope };
  });
}

export async function revokeInvite(ctx: DomainContext, inviteId: number): Promise<InviteView> {
  const [invite] = await ctx.db.select().from(invites).where(eq(invites.id, inviteId));
  if (!invite) throw new NotFoundError("invite.unknown");
  await requireTeamAction(ctx, "invite", invite.teamId);
  return ctx.db.transaction(async (tx) => {
    const [revoked] = await tx
      .update(invites)
      .set({ revokedAt: ctx.now, revokedBy: actorPersonId(ctx.actor) })
      .where(and(eq(invites.id, inviteId), isNull(invites.revokedAt)))
      .returning();
    if (!revoked) throw new ConflictError("invite.already_revoked");
    await recordAudit(tx, ctx.actor, ctx.now, { action: "invite.revoke", subjectType: "invite", subjectId: inviteId, before: { revokedAt: null }, after: { revokedAt: ctx.now } });
    return revoked;
  });
}

/** The team's invites that still work, newest first. */
export async function listInvites(ctx: DomainContext, teamId: number): Promise<InviteView[]> {
  await requireTeamAction(ctx, "invite", teamId);
  return ctx.db
    .select()
    .from(invites)
    .where(and(eq(invites.teamId, teamId), isNull(invites.revokedAt), or(isNull(invites.expiresAt), gt(invites.expiresAt, ctx.now))))
    .orderBy(desc(invites.id));
}

/** Checks a code someone opened; says why it does not work when it does not. */
export async function resolveInvite(db: Db, code: string, now: Date): Promise<{ inviteId: number; scope: TeamScope }> {
  if (!inviteCodeSchema.safeParse(code).success) throw new NotFoundError("invite.unknown");
  const [invite] = await db.select().from(invites).where(eq(invites.code, code));
  if (!invite) throw new NotFoundError("invite.unknown");
  if (invite.revokedAt) throw new ValidationError("invite.revoked");
  if (invite.expiresAt && invite.expiresAt <= now) throw new ValidationError("invite.expired");
  return { inviteId: invite.id, scope: await getTeamScope(db, invite.teamId) };
}
