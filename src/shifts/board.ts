import { and, asc, eq, gt, inArray, isNotNull, isNull, lt, lte, or, sql, type SQL } from "drizzle-orm";
import { isCoordinator, isTeamLeader, leadsTeam, loadAccess, supervisesTown } from "../access/access.js";
import type { DomainContext } from "../domain/context.js";
import { ForbiddenError, NotFoundError } from "../domain/errors.js";
import { editCardCopies, sameForAll } from "../outbox/edit-group.js";
import { enqueueMessages } from "../outbox/enqueue.js";
import type { OutboxButton, TextRef } from "../outbox/payload.js";
import { recipientColumns, toRecipient } from "../people/locale.js";
import type { Db } from "../storage/db.js";
import { assignments, outbox, people, shifts } from "../storage/schema/index.js";
import { selectShiftFacts, shiftArgs, type ShiftFacts } from "./shift-facts.js";

/** Edits to one board are at most this frequent: Telegram limits edits per chat. */
export const BOARD_MIN_INTERVAL_MS = 10_000;
export const boardGroup = (shiftId: number) => `board:${shiftId}`;

/**
 * What a change writes to `board_dirty_at`: its time, but always later than the mark before it
 * (if only by a microsecond), so a redraw that clears the mark only if it is still the one read
 * before drawing (redrawBoard) never mistakes a newer change for one it drew.
 */
export const boardDirtyMark = (now: SQL) => sql`greatest(${now}, ${shifts.boardDirtyAt} + interval '1 microsecond')`;

/** Called by every verb that changes who is on a shift or where they are. */
export async function markBoardDirty(tx: Db, shiftId: number, now: Date): Promise<void> {
  await tx.update(shifts).set({ boardDirtyAt: boardDirtyMark(sql`${now.toISOString()}::timestamptz`) }).where(eq(shifts.id, shiftId));
}

/** Whether the actor may see and run this shift: its leader tonight, the team's leads, its supervisor, a coordinator. */
export async function requireShiftLead(ctx: DomainContext, shift: Pick<ShiftFacts, "teamId" | "leaderPersonId"> & { townId: number }) {
  if (ctx.actor.type !== "person") return { teamLeader: true };
  const access = await loadAccess(ctx.db, ctx.actor.personId);
  const allowed = shift.leaderPersonId === ctx.actor.personId || leadsTeam(access, shift.teamId) || supervisesTown(access, shift.townId) || isCoordinator(access);
  if (!allowed) throw new ForbiddenError("shift.not_lead");
  return { teamLeader: isTeamLeader(access, shift.teamId) || isCoordinator(access) };
}

async function loadShift(db: Db, shiftId: number) {
  const [shift] = await selectShiftFacts(db).where(eq(shifts.id, shiftId));
  if (!shift) throw new NotFoundError("shift.not_found");
  return shift;
}

/** The board's text and buttons: everyone expected tonight and where they stand. */
export async function drawBoard(db: Db, shiftId: number): Promise<{ text: TextRef; buttons: OutboxButton[][] }> {
  const shift = await loadShift(db, shiftId);
  const rows = await db
    .select({ assignmentId: assignments.id, name: people.name, reply: assignments.reply, late: assignments.lateMinutes, checkedInAt: assignments.checkedInAt, checkedOutAt: assignments.checkedOutAt, noShowAt: assignments.noShowAt, endedAt: assignments.endedAt })
    .from(assignments)
    .innerJoin(people, eq(people.id, assignments.personId))
    .where(and(eq(assignments.shiftId, shiftId), or(isNull(assignments.endedAt), eq(assignments.endedReason, "cant"))))
    .orderBy(asc(people.name));
  const live = rows.filter((r) => !r.endedAt);
  const symbol = (r: (typeof rows)[number]) =>
    r.endedAt ? "❌" : r.checkedOutAt ? "👋" : r.checkedInAt ? "📍" : r.noShowAt ? "🚫" : r.reply === "substitute" ? "🔁" : r.reply === "coming" ? (r.late ? `⏱+${r.late}′` : "✅") : "❔";
  const lines = rows.map((r) => `${symbol(r)} ${r.name ?? "-"}`).join("\n");
  const text: TextRef = {
    key: "board",
    args: {
      ...shiftArgs(shift),
      required: shift.required,
      expected: live.length,
      confirmed: live.filter((r) => r.reply === "coming").length,
      checkedIn: live.filter((r) => r.checkedInAt).length,
      noShow: live.filter((r) => r.noShowAt && !r.checkedInAt).length,
      lines: lines || "-",
    },
  };
  const buttons: OutboxButton[][] = live
    .filter((r) => !r.checkedInAt)
    .slice(0, 12)
    .map((r) => [{ text: { key: "btn-mark-present", args: { name: r.name ?? "-" } }, data: `mp:${r.assignmentId}` }]);
  buttons.push([
    { text: { key: "btn-roster-add" }, data: `ra:${shiftId}` },
    { text: { key: "btn-roster-remove" }, data: `rr:${shiftId}` },
  ]);
  buttons.push([{ text: { key: "btn-hand-over" }, data: `hl:${shiftId}` }]);
  return { text, buttons };
}

/** Sends the live board of a shift to the actor; it is edited in place from then on. */
export async function showBoard(ctx: DomainContext, shiftId: number): Promise<void> {
  const shift = await loadShift(ctx.db, shiftId);
  await requireShiftLead(ctx, shift);
  if (ctx.actor.type !== "person") return;
  const actorId = ctx.actor.personId;
  const { text, buttons } = await drawBoard(ctx.db, shiftId);
  await ctx.db.transaction(async (tx) => {
    const [me] = await tx.select(recipientColumns).from(people).where(eq(people.id, actorId));
    const to = me ? toRecipient(me) : null;
    if (!to) return;
    await enqueueMessages(tx, ctx.now, [{ to, payload: { kind: "message", text, buttons }, groupKey: boardGroup(shiftId), dedupeKey: `board:${shiftId}:${actorId}:${ctx.now.getTime()}` }]);
    await tx.update(shifts).set({ boardDrawnAt: ctx.now, boardDirtyAt: null }).where(eq(shifts.id, shiftId));
  });
}

/** Shifts the actor leads that are on now or start within a day (or on a given night), soonest first. */
export async function shiftsToLead(ctx: DomainContext, night?: string) {
  if (ctx.actor.type !== "person") return [];
  const access = await loadAccess(ctx.db, ctx.actor.personId);
  const teamIds = access.grants.filter((g) => (g.role === "leader" || g.role === "deputy") && g.teamId !== null).map((g) => g.teamId!);
  const soon = new Date(ctx.now.getTime() + 86_400_000);
  return selectShiftFacts(ctx.db)
    .where(
      and(
        or(eq(shifts.leaderPersonId, ctx.actor.personId), teamIds.length ? inArray(shifts.teamId, teamIds) : sql`false`),
        ...(night ? [eq(shifts.night, night)] : [gt(shifts.endsAt, ctx.now), lte(shifts.startsAt, soon)]),
        isNull(shifts.cancelledAt),
      ),
    )
    .orderBy(asc(shifts.startsAt));
}

const boardIsDue = (quietSince: Date) => and(isNotNull(shifts.boardDirtyAt), or(isNull(shifts.boardDrawnAt), lt(shifts.boardDrawnAt, quietSince)));

/**
 * Scheduler job: redraws the boards whose roster changed, at most once per interval per board,
 * as one edit per copy through the outbox.
 *
 * A board is drawn holding no lock: every check-in on a shift writes its row (`recordCheckIn`),
 * and a redraw that locked the row while drawing made each of them wait for it, which at 20:00
 * (a hundred boards at once) was most of the check-ins' slow tail.
 */
export async function refreshBoards(ctx: DomainContext): Promise<number> {
  const quietSince = new Date(ctx.now.getTime() - BOARD_MIN_INTERVAL_MS);
  const candidates = await ctx.db.select({ id: shifts.id }).from(shifts).where(boardIsDue(quietSince)).limit(200);
  let drawn = 0;
  for (const { id } of candidates) {
    if (await redrawBoard(ctx, id, quietSince)) drawn += 1;
  }
  return drawn;
}

/**
 * One board, if it is still due; whether an edit was queued. It reads the mark, draws, and then
 * in one short transaction takes the redraw (the board is due still, so no other instance took
 * it) and clears the mark only if no change came after it was read; a later change leaves it set,
 * and the next tick draws again.
 */
async function redrawBoard(ctx: DomainContext, shiftId: number, quietSince: Date): Promise<boolean> {
  // As text: the mark has microseconds, which a Date would drop.
  const [due] = await ctx.db
    .select({ mark: sql<string>`${shifts.boardDirtyAt}::text` })
    .from(shifts)
    .where(and(eq(shifts.id, shiftId), boardIsDue(quietSince)));
  if (!due) return false;
  const [copy] = await ctx.db.select({ id: outbox.id }).from(outbox).where(eq(outbox.groupKey, boardGroup(shiftId))).limit(1);
  const drawn = copy ? await drawBoard(ctx.db, shiftId) : null; // null: nobody has opened this board
  return ctx.db.transaction(async (tx) => {
    const taken = await tx
      .update(shifts)
      .set({ boardDrawnAt: ctx.now, boardDirtyAt: sql`case when ${shifts.boardDirtyAt} = ${due.mark}::timestamptz then null else ${shifts.boardDirtyAt} end` })
      .where(and(eq(shifts.id, shiftId), boardIsDue(quietSince)))
      .returning({ id: shifts.id });
    if (taken.length === 0 || !drawn) return false;
    await editCardCopies(tx, ctx.now, boardGroup(shiftId), drawn.text, sameForAll(drawn.buttons));
    return true;
  });
}
