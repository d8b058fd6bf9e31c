import { and, asc, eq, gt, inArray, isNotNull, isNull, lt, lte, or, sql } from "drizzle-orm";
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
 * Called by every verb that changes who is on a shift or where they are. It always writes: the
 * row lock makes a redraw in progress and this change wait for each other, so no change is lost
 * between a board being read and its flag being cleared.
 */
export async function markBoardDirty(tx: Db, shiftId: number, now: Date): Promise<void> {
  await tx.update(shifts).set({ boardDirtyAt: now }).where(eq(shifts.id, shiftId));
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
 * Each board is redrawn in a transaction of its own. The redraw locks its shift row, and every
 * check-in on that shift marks the row (`recordCheckIn`), so it waits for the redraw: one
 * transaction over all boards held every check-in of the district until the last board was drawn
 * (at 20:00, a hundred boards at once). Now a check-in waits at most for its own board's redraw.
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
 * One board, if it is still due; whether an edit was queued. The lock waits rather than skips: in
 * a wave the row is locked a moment by one check-in after another, and skipping those left boards
 * undrawn tick after tick. Another instance drawing the same board holds it to its commit, and the
 * condition, read again then, finds it drawn.
 */
function redrawBoard(ctx: DomainContext, shiftId: number, quietSince: Date): Promise<boolean> {
  return ctx.db.transaction(async (tx) => {
    const [due] = await tx
      .select({ id: shifts.id })
      .from(shifts)
      .where(and(eq(shifts.id, shiftId), boardIsDue(quietSince)))
      .for("update");
    if (!due) return false;
    const [copy] = await tx.select({ id: outbox.id }).from(outbox).where(eq(outbox.groupKey, boardGroup(shiftId))).limit(1);
    await tx.update(shifts).set({ boardDirtyAt: null, boardDrawnAt: ctx.now }).where(eq(shifts.id, shiftId));
    if (!copy) return false; // nobody has opened this board
    const { text, buttons } = await drawBoard(tx, shiftId);
    await editCardCopies(tx, ctx.now, boardGroup(shiftId), text, sameForAll(buttons));
    return true;
  });
}
