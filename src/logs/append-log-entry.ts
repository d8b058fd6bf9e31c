import { and, desc, eq, gte, inArray, isNull, lte, or, sql } from "drizzle-orm";
import { ledTeamIds, loadAccess } from "../access/access.js";
import type { DomainContext } from "../domain/context.js";
import { ForbiddenError } from "../domain/errors.js";
import { dutyLogCounts, dutyLogEntries, shifts } from "../storage/schema/index.js";
import { LOG_COUNTS, parseLogCounts, type LogCounts } from "./parse-log-counts.js";

export interface LogMessage {
  chatId: number;
  messageId: number;
  kind: "text" | "photo" | "voice";
  text?: string | null;
  fileId?: string | null;
  /** Set when the message came from a team's group chat: only that team's shift takes it. */
  teamId?: number | null;
}

/**
 * Adds a shift leader's message to the log of the shift they are leading, from its start until
 * `graceMinutes` after its end, while the log is open. Returns null when the sender leads no such
 * shift (in a group that is ordinary chat, not the log). Figures the message mentions replace
 * those said before (a fix included); the others stay. They then wait for the leader's confirmation.
 */
export async function appendLogEntry(ctx: DomainContext, message: LogMessage, graceMinutes: number): Promise<{ shiftId: number; counts: LogCounts; added: boolean } | null> {
  if (ctx.actor.type !== "person") throw new ForbiddenError("log.person_only");
  const personId = ctx.actor.personId;
  const led = ledTeamIds(await loadAccess(ctx.db, personId));
  const graceStart = new Date(ctx.now.getTime() - graceMinutes * 60_000);
  const [shift] = await ctx.db
    .select({ id: shifts.id })
    .from(shifts)
    .where(
      and(
        or(eq(shifts.leaderPersonId, personId), led.length ? inArray(shifts.teamId, led) : sql`false`),
        message.teamId ? eq(shifts.teamId, message.teamId) : undefined,
        lte(shifts.startsAt, ctx.now),
        gte(shifts.endsAt, graceStart),
        isNull(shifts.cancelledAt),
        isNull(shifts.logClosedAt),
      ),
    )
    .orderBy(desc(shifts.startsAt))
    .limit(1);
  if (!shift) return null;

  return ctx.db.transaction(async (tx) => {
    const inserted = await tx
      .insert(dutyLogEntries)
      .values({ shiftId: shift.id, authorId: personId, chatId: message.chatId, messageId: message.messageId, kind: message.kind, text: message.text ?? null, fileId: message.fileId ?? null, createdAt: ctx.now })
      .onConflictDoNothing()
      .returning({ id: dutyLogEntries.id });
    const said = inserted.length > 0 && message.text ? parseLogCounts(message.text) : {};
    if (Object.keys(said).length > 0) {
      await tx
        .insert(dutyLogCounts)
        .values({ shiftId: shift.id, ...said, updatedAt: ctx.now })
        .onConflictDoUpdate({ target: dutyLogCounts.shiftId, set: { ...said, confirmedAt: null, confirmedBy: null, updatedAt: ctx.now } });
    }
    const [row] = await tx.select().from(dutyLogCounts).where(eq(dutyLogCounts.shiftId, shift.id));
    const counts: LogCounts = {};
    for (const kind of LOG_COUNTS) if (row?.[kind] != null) counts[kind] = row[kind];
    return { shiftId: shift.id, counts, added: inserted.length > 0 };
  });
}
