import { and, eq, isNull } from "drizzle-orm";
import { actorPersonId, type DomainContext } from "../domain/context.js";
import { ConflictError, ValidationError } from "../domain/errors.js";
import { dutyLogCounts, shifts } from "../storage/schema/index.js";
import { requireLogKeeper } from "./log-access.js";
import { LOG_COUNTS, type LogCountKind } from "./parse-log-counts.js";

/** ✅ Correct: the figures as read are the night's. A repeated press changes nothing. */
export async function confirmLogCounts(ctx: DomainContext, shiftId: number): Promise<void> {
  await requireLogKeeper(ctx, shiftId);
  await ctx.db
    .insert(dutyLogCounts)
    .values({ shiftId, confirmedAt: ctx.now, confirmedBy: actorPersonId(ctx.actor), updatedAt: ctx.now })
    .onConflictDoUpdate({ target: dutyLogCounts.shiftId, set: { confirmedAt: ctx.now, confirmedBy: actorPersonId(ctx.actor) }, setWhere: isNull(dutyLogCounts.confirmedAt) });
}

/** ✏️ Fix: one figure set by hand, which also confirms the figures. */
export async function fixLogCount(ctx: DomainContext, shiftId: number, kind: LogCountKind, value: number): Promise<void> {
  if (!LOG_COUNTS.includes(kind) || !Number.isInteger(value) || value < 0 || value > 500) throw new ValidationError("log.bad_count", { max: 500 });
  const shift = await requireLogKeeper(ctx, shiftId);
  if (shift.logClosedAt) throw new ConflictError("log.already_closed");
  const set = { [kind]: value, confirmedAt: ctx.now, confirmedBy: actorPersonId(ctx.actor), updatedAt: ctx.now };
  await ctx.db.insert(dutyLogCounts).values({ shiftId, ...set }).onConflictDoUpdate({ target: dutyLogCounts.shiftId, set });
}

/** Close log: tonight's log is finished; the missing-log escalation then settles. Closing twice is refused. */
export async function closeLog(ctx: DomainContext, shiftId: number): Promise<void> {
  await requireLogKeeper(ctx, shiftId);
  const [closed] = await ctx.db
    .update(shifts)
    .set({ logClosedAt: ctx.now })
    .where(and(eq(shifts.id, shiftId), isNull(shifts.logClosedAt)))
    .returning({ id: shifts.id });
  if (!closed) throw new ConflictError("log.already_closed");
}
