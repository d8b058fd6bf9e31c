import { and, asc, eq, gt, inArray, isNull, lte, or, sql, type AnyColumn, type SQL } from "drizzle-orm";
import { isCoordinator, isTeamLeader, leadsTeam, loadAccess, supervisesTown } from "../access/access.js";
import type { DomainContext } from "../domain/context.js";
import { ForbiddenError, NotFoundError } from "../domain/errors.js";
import { enqueueMessages } from "../outbox/enqueue.js";
import type { OutboxButton, TextRef } from "../outbox/payload.js";
import { recipientColumns, toRecipient } from "../people/locale.js";
import type { Db } from "../storage/db.js";
import { assignments, people, shifts } from "../storage/schema/index.js";
import { selectShiftFacts, shiftArgs, type ShiftFacts } from "./shift-facts.js";

/** Edits to one board are at most this frequent: Telegram limits edits per chat. */
export const BOARD_MIN_INTERVAL_MS = 10_000;
export const boardGroup = (shiftId: number) => `board:${shiftId}`;
/** The same key computed by the database. */
export const boardGroupSql = (shiftId: SQL | AnyColumn) => sql`'board:' || ${shiftId}`;

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

export interface BoardDrawing {
  text: TextRef;
  buttons: OutboxButton[][];
}

/** Everyone on the shifts tonight, and who could not come, by name. */
function selectRosters(db: Db, shiftIds: number[]) {
  return db
    .select({
      shiftId: assignments.shiftId, assignmentId: assignments.id, name: people.name, reply: assignments.reply, late: assignments.lateMinutes,
      checkedInAt: assignments.checkedInAt, checkedOutAt: assignments.checkedOutAt, noShowAt: assignments.noShowAt, endedAt: assignments.endedAt,
    })
    .from(assignments)
    .innerJoin(people, eq(people.id, assignments.personId))
    .where(and(inArray(assignments.shiftId, shiftIds), or(isNull(assignments.endedAt), eq(assignments.endedReason, "cant"))))
    .orderBy(asc(people.name));
}
type RosterRow = Awaited<ReturnType<typeof selectRosters>>[number];

/**
 * The boards of many shifts in two statements, whatever their number: at 20:00 a district's
 * hundred boards are due at once, and drawing them one by one took seconds beside the wave.
 */
export async function drawBoards(db: Db, shiftIds: number[]): Promise<Map<number, BoardDrawing>> {
  const drawings = new Map<number, BoardDrawing>();
  if (shiftIds.length === 0) return drawings;
  const facts = await selectShiftFacts(db).where(inArray(shifts.id, shiftIds));
  const rosters = new Map<number, RosterRow[]>();
  for (const row of await selectRosters(db, shiftIds)) {
    const roster = rosters.get(row.shiftId);
    if (roster) roster.push(row);
    else rosters.set(row.shiftId, [row]);
  }
  for (const shift of facts) drawings.set(shift.shiftId, boardOf(shift, rosters.get(shift.shiftId) ?? []));
  return drawings;
}

/** The board's text and buttons: everyone expected tonight and where they stand. */
export async function drawBoard(db: Db, shiftId: number): Promise<BoardDrawing> {
  const drawing = (await drawBoards(db, [shiftId])).get(shiftId);
  if (!drawing) throw new NotFoundError("shift.not_found");
  return drawing;
}

function boardOf(shift: Parameters<typeof shiftArgs>[0] & Pick<ShiftFacts, "shiftId" | "required">, rows: RosterRow[]): BoardDrawing {
  const live = rows.filter((r) => !r.endedAt);
  const symbol = (r: RosterRow) =>
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
    { text: { key: "btn-roster-add" }, data: `ra:${shift.shiftId}` },
    { text: { key: "btn-roster-remove" }, data: `rr:${shift.shiftId}` },
  ]);
  buttons.push([{ text: { key: "btn-hand-over" }, data: `hl:${shift.shiftId}` }]);
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
