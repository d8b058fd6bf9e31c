import { and, eq, ne } from "drizzle-orm";
import { ledTeamIds, loadAccess } from "../access/access.js";
import { recordAudit } from "../audit/record-audit.js";
import type { DomainContext } from "../domain/context.js";
import { ConflictError, ForbiddenError, ValidationError } from "../domain/errors.js";
import { getTeamScope } from "../org/team-scope.js";
import { teams } from "../storage/schema/index.js";

/**
 * /linkteam in a group: the group becomes the team's chat, where tonight's shift leader writes the
 * log. Only a leader or deputy of exactly one team (or naming it) can link; a group belongs to one team.
 */
export async function linkTeamGroup(ctx: DomainContext, chatId: number, teamId?: number) {
  if (ctx.actor.type !== "person") throw new ForbiddenError("log.person_only");
  if (chatId >= 0) throw new ValidationError("log.not_a_group");
  const led = ledTeamIds(await loadAccess(ctx.db, ctx.actor.personId));
  const team = teamId ?? (led.length === 1 ? led[0]! : undefined);
  if (team === undefined) throw new ValidationError(led.length === 0 ? "log.not_a_leader" : "log.which_team");
  if (!led.includes(team)) throw new ForbiddenError("log.not_your_team");
  return ctx.db.transaction(async (tx) => {
    const [taken] = await tx.select({ id: teams.id }).from(teams).where(and(eq(teams.groupChatId, chatId), ne(teams.id, team)));
    if (taken) throw new ConflictError("log.group_taken");
    await tx.update(teams).set({ groupChatId: chatId }).where(eq(teams.id, team));
    await recordAudit(tx, ctx.actor, ctx.now, { action: "team.link_group", subjectType: "team", subjectId: team, after: { groupChatId: chatId } });
    return getTeamScope(tx, team);
  });
}

/** The team whose group this is, if any. */
export async function teamOfGroup(ctx: DomainContext, chatId: number): Promise<number | null> {
  const [row] = await ctx.db.select({ id: teams.id }).from(teams).where(eq(teams.groupChatId, chatId));
  return row?.id ?? null;
}
