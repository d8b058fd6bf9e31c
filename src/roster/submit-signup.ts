import { and, eq, sql } from "drizzle-orm";
import { z } from "zod";
import { refreshCommandMenu } from "../access/command-menu.js";
import type { DomainContext } from "../domain/context.js";
import { ConflictError, ValidationError } from "../domain/errors.js";
import { teamLabel, type TeamScope } from "../org/team-scope.js";
import { invites, memberships, people } from "../storage/schema/index.js";
import { adoptImportedPerson } from "./adopt-imported-person.js";
import { resolveInvite } from "./invites.js";
import { notifyTeamLeads } from "./notify-team-leads.js";
import type { LeadLevel } from "./team-leads.js";
import { normalizeTelegramPhone } from "./phone.js";
import { signupCardButtons, signupCardGroup, signupCardText } from "./signup-card.js";

export const signupSchema = z.object({
  code: z.string(),
  name: z.string().trim().min(1, "signup.name_empty").max(64, "signup.name_too_long"),
  phone: z.string().nullable(),
  weekdays: z.number().int().min(1, "signup.no_weekdays").max(127),
  consent: z.literal(true, "signup.no_consent"),
});
export type SignupInput = z.input<typeof signupSchema>;

export type SignupOutcome =
  /** Waiting for a leader. */
  | { outcome: "pending"; membershipId: number; scope: TeamScope; personId: number }
  /** The phone matched a spreadsheet registration: active at once. */
  | { outcome: "linked"; membershipId: number; scope: TeamScope; personId: number };

/**
 * Completes a signup from an invite. Safe to repeat: a second identical submission finds the
 * pending membership and sends no second card.
 */
export async function submitSignup(ctx: DomainContext, input: SignupInput): Promise<SignupOutcome> {
  const parsed = signupSchema.safeParse(input);
  if (!parsed.success) throw new ValidationError(parsed.error.issues[0]?.message ?? "signup.invalid");
  if (ctx.actor.type !== "person") throw new ValidationError("signup.person_only");
  const { code, name, weekdays } = parsed.data;
  const phone = parsed.data.phone === null ? null : normalizeTelegramPhone(parsed.data.phone);
  const actorId = ctx.actor.personId;

  return ctx.db.transaction(async (tx) => {
    const { inviteId, scope } = await resolveInvite(tx, code, ctx.now);
    let personId = actorId;
    if (phone) personId = (await adoptImportedPerson(tx, actorId, phone, name, ctx.now)) ?? actorId;
    const linked = personId !== actorId;
    await tx
      .update(people)
      .set({ ...(linked ? {} : { name }), ...(phone ? { phone } : {}), consentAt: ctx.now, updatedAt: ctx.now })
      .where(eq(people.id, personId));

    const [existing] = await tx
      .select()
      .from(memberships)
      .where(and(eq(memberships.personId, personId), eq(memberships.teamId, scope.teamId)));
    if (existing?.status === "active") {
      if (linked) {
        await refreshCommandMenu(tx, personId, ctx.now);
        return { outcome: "linked", membershipId: existing.id, scope, personId };
      }
      throw new ConflictError("signup.already_member", { team: scope.teamName });
    }
    if (existing?.status === "pending") {
      await tx.update(memberships).set({ weekdays, updatedAt: ctx.now }).where(eq(memberships.id, existing.id));
      return { outcome: "pending", membershipId: existing.id, scope, personId };
    }

    const membershipId = existing
      ? (await reapply(existing.id))!
      : (
          await tx
            .insert(memberships)
            .values({ personId, teamId: scope.teamId, status: "pending", source: "invite", weekdays, inviteId, createdAt: ctx.now, updatedAt: ctx.now })
            .returning({ id: memberships.id })
        )[0]!.id;
    await tx.update(invites).set({ uses: sql`${invites.uses} + 1` }).where(eq(invites.id, inviteId));
    const facts = { membershipId, name, phone, weekdays, team: teamLabel(scope) };
    // Phones are for the member's own leads and coordinators, not a supervisor standing in.
    const card = (level: LeadLevel) => signupCardText(level === "supervisors" ? { ...facts, phone: null } : facts);
    await notifyTeamLeads(tx, ctx.now, scope.teamId, card, `signup:${membershipId}:${ctx.now.getTime()}`, {
      buttons: signupCardButtons(membershipId),
      groupKey: signupCardGroup(membershipId),
    });
    if (linked) await refreshCommandMenu(tx, personId, ctx.now);
    return { outcome: "pending", membershipId, scope, personId };

    /** Someone rejected, removed or gone asks again: the same row goes back to pending. */
    async function reapply(id: number): Promise<number | undefined> {
      const [row] = await tx
        .update(memberships)
        .set({ status: "pending", source: "invite", weekdays, inviteId, decidedBy: null, decidedAt: null, updatedAt: ctx.now })
        .where(and(eq(memberships.id, id), sql`${memberships.status} in ('rejected', 'removed', 'left')`))
        .returning({ id: memberships.id });
      if (!row) throw new ConflictError("signup.changed_meanwhile");
      return row.id;
    }
  });
}
