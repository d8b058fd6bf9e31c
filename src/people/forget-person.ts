import { and, eq, inArray, isNull } from "drizzle-orm";
import { recordAudit } from "../audit/record-audit.js";
import type { DomainContext } from "../domain/context.js";
import { NotFoundError } from "../domain/errors.js";
import { notifyTeamLeads } from "../roster/notify-team-leads.js";
import { leavePlannedShifts } from "../shifts/leave-planned-shifts.js";
import { dialogState, memberships, outbox, people, roleGrants } from "../storage/schema/index.js";

/**
 * Deletes what identifies a person: name, phone and Telegram id, plus messages still waiting
 * for them. The row stays, without those, so anonymous counts (nights, teams, affiliation) hold.
 */
export async function forgetPerson(ctx: DomainContext, personId: number): Promise<void> {
  await ctx.db.transaction(async (tx) => {
    const [person] = await tx
      .select({ telegramId: people.telegramId })
      .from(people)
      .where(and(eq(people.id, personId), isNull(people.forgottenAt)));
    if (!person) throw new NotFoundError("person.not_found");
    const left = await tx
      .update(memberships)
      .set({ status: "left", updatedAt: ctx.now })
      .where(and(eq(memberships.personId, personId), inArray(memberships.status, ["pending", "active"])))
      .returning({ teamId: memberships.teamId });
    await leavePlannedShifts(tx, ctx.now, personId, left.map((l) => l.teamId));
    await tx.update(roleGrants).set({ revokedAt: ctx.now, revokedBy: personId }).where(and(eq(roleGrants.personId, personId), isNull(roleGrants.revokedAt)));
    await tx.delete(outbox).where(eq(outbox.personId, personId));
    if (person.telegramId !== null) await tx.delete(dialogState).where(eq(dialogState.key, String(person.telegramId)));
    await tx
      .update(people)
      .set({ name: null, telegramName: null, phone: null, telegramId: null, locale: null, consentAt: null, forgottenAt: ctx.now, updatedAt: ctx.now })
      .where(eq(people.id, personId));
    await recordAudit(tx, ctx.actor, ctx.now, { action: "person.forget", subjectType: "person", subjectId: personId, after: { teams: left.map((l) => l.teamId) } });
    for (const { teamId } of left) {
      await notifyTeamLeads(tx, ctx.now, teamId, { key: "notice-member-forgotten" }, `forget:${personId}:${teamId}`);
    }
  });
}
