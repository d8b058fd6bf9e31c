import { and, asc, eq, inArray, isNotNull, isNull, lt, or } from "drizzle-orm";
import { isCoordinator, leadsTeam, loadAccess, supervisesTown } from "../access/access.js";
import type { DomainContext } from "../domain/context.js";
import { ForbiddenError, NotFoundError } from "../domain/errors.js";
import { getTeamScope } from "../org/team-scope.js";
import { enqueueMessages, PRIORITY } from "../outbox/enqueue.js";
import { displayName } from "../people/display-name.js";
import { preferredLocale } from "../people/locale.js";
import { broadcastRecipients, broadcasts, memberships, people } from "../storage/schema/index.js";
import type { TextRef } from "../outbox/payload.js";
import { ackData } from "./start-broadcast.js";

/** A nudge again within this time is the same nudge (a double tap or a redelivered update). */
const NUDGE_AGAIN_MS = 10 * 60 * 1000;

async function requireTeamView(ctx: DomainContext, broadcastId: number, teamId: number) {
  const [broadcast] = await ctx.db.select({ id: broadcasts.id }).from(broadcasts).where(eq(broadcasts.id, broadcastId));
  if (!broadcast) throw new NotFoundError("broadcast.not_found");
  if (ctx.actor.type !== "person") return broadcast;
  const access = await loadAccess(ctx.db, ctx.actor.personId);
  const { townId } = await getTeamScope(ctx.db, teamId);
  if (!isCoordinator(access) && !leadsTeam(access, teamId) && !supervisesTown(access, townId)) throw new ForbiddenError("broadcast.not_your_team");
  return broadcast;
}

const teamRecipients = (teamId: number, broadcastId: number) =>
  and(eq(broadcastRecipients.broadcastId, broadcastId), eq(memberships.teamId, teamId), eq(memberships.status, "active"));

/** A team's members among a broadcast's recipients, with who has not acknowledged it yet. */
export async function teamReceipts(ctx: DomainContext, broadcastId: number, teamId: number) {
  await requireTeamView(ctx, broadcastId, teamId);
  const rows = await ctx.db
    .select({ personId: people.id, name: displayName(people), acknowledgedAt: broadcastRecipients.acknowledgedAt })
    .from(broadcastRecipients)
    .innerJoin(memberships, eq(memberships.personId, broadcastRecipients.personId))
    .innerJoin(people, eq(people.id, broadcastRecipients.personId))
    .where(teamRecipients(teamId, broadcastId))
    .orderBy(asc(people.id));
  return { total: rows.length, acknowledged: rows.filter((r) => r.acknowledgedAt !== null).length, missing: rows.filter((r) => r.acknowledgedAt === null) };
}

/**
 * One tap from a leader: every reachable member of the team who has not acknowledged gets a
 * reminder with the button again. Marked per recipient, so a repeated tap within ten minutes
 * sends nothing.
 */
export async function nudgeTeam(ctx: DomainContext, broadcastId: number, teamId: number): Promise<number> {
  await requireTeamView(ctx, broadcastId, teamId);
  return ctx.db.transaction(async (tx) => {
    // Someone who blocked the bot cannot be reminded; they stay on the leader's list.
    const due = tx
      .select({ personId: memberships.personId })
      .from(memberships)
      .innerJoin(people, eq(people.id, memberships.personId))
      .where(and(eq(memberships.teamId, teamId), eq(memberships.status, "active"), isNull(people.unreachableAt), isNotNull(people.telegramId)));
    const nudged = await tx
      .update(broadcastRecipients)
      .set({ nudgedAt: ctx.now })
      .where(
        and(
          eq(broadcastRecipients.broadcastId, broadcastId),
          isNull(broadcastRecipients.acknowledgedAt),
          or(isNull(broadcastRecipients.nudgedAt), lt(broadcastRecipients.nudgedAt, new Date(ctx.now.getTime() - NUDGE_AGAIN_MS))),
          inArray(broadcastRecipients.personId, due),
        ),
      )
      .returning({ personId: broadcastRecipients.personId });
    if (nudged.length === 0) return 0;
    const [broadcast] = await tx.select({ content: broadcasts.content }).from(broadcasts).where(eq(broadcasts.id, broadcastId));
    const who = await tx
      .select({ personId: people.id, telegramId: people.telegramId, locale: people.locale, clientLanguage: people.clientLanguage })
      .from(people)
      .where(inArray(people.id, nudged.map((n) => n.personId)));
    await enqueueMessages(
      tx,
      ctx.now,
      who
        .filter((p) => p.telegramId !== null)
        .map((p) => ({
          to: { personId: p.personId, chatId: p.telegramId!, locale: preferredLocale(p) },
          payload: { kind: "message" as const, text: { key: "broadcast-nudge", args: { content: broadcast!.content as TextRef } }, buttons: [[{ text: { key: "btn-broadcast-received" }, data: ackData(broadcastId) }]] },
          dedupeKey: `bcn:${broadcastId}:${p.personId}:${ctx.now.getTime()}`,
          priority: PRIORITY.normal,
        })),
    );
    return nudged.length;
  });
}
