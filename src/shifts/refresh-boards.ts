import { and, eq, exists, inArray, isNotNull, isNull, lt, or, sql } from "drizzle-orm";
import type { DomainContext } from "../domain/context.js";
import { editManyCards } from "../outbox/edit-group.js";
import { outbox, shifts } from "../storage/schema/index.js";
import { BOARD_MIN_INTERVAL_MS, boardGroup, boardGroupSql, drawBoards, type BoardDrawing } from "./board.js";

/** At most this many boards per run; a district has about a hundred. */
const BOARDS_PER_RUN = 200;

const boardIsDue = (quietSince: Date) => and(isNotNull(shifts.boardDirtyAt), or(isNull(shifts.boardDrawnAt), lt(shifts.boardDrawnAt, quietSince)));

/**
 * Scheduler job: redraws the boards whose roster changed, at most once per interval per board,
 * as one edit per copy through the outbox. All due boards are read, drawn and taken together,
 * in six statements: at 20:00 every board in the district is due at once, beside the wave of
 * check-ins, and ten statements per board held the job's connection for seconds.
 *
 * It reads each board's mark, draws, and then in one short transaction takes the redraws (boards
 * still due, so no other instance took them) and clears each mark only if no change came after it
 * was read; a later change leaves it set, and the next run draws again. A board is drawn holding
 * no lock: every check-in on a shift writes its row (`recordCheckIn`), and a redraw that locked
 * the rows while drawing made the check-ins wait for it.
 */
export async function refreshBoards(ctx: DomainContext): Promise<number> {
  const quietSince = new Date(ctx.now.getTime() - BOARD_MIN_INTERVAL_MS);
  const due = await ctx.db
    .select({
      id: shifts.id,
      // As text: the mark has microseconds, which a Date would drop.
      mark: sql<string>`${shifts.boardDirtyAt}::text`,
      // Nobody has opened the board: its mark is cleared, and nothing is drawn.
      held: exists(ctx.db.select({ one: sql`1` }).from(outbox).where(eq(outbox.groupKey, boardGroupSql(shifts.id)))),
    })
    .from(shifts)
    .where(boardIsDue(quietSince))
    .limit(BOARDS_PER_RUN);
  if (due.length === 0) return 0;
  const drawings = await drawBoards(ctx.db, due.filter((d) => d.held).map((d) => d.id));
  const marks = Object.fromEntries(due.map((d) => [d.id, d.mark]));
  return ctx.db.transaction(async (tx) => {
    const taken = await tx
      .update(shifts)
      .set({
        boardDrawnAt: ctx.now,
        boardDirtyAt: sql`case when ${shifts.boardDirtyAt} = (${JSON.stringify(marks)}::jsonb ->> ${shifts.id}::text)::timestamptz then null else ${shifts.boardDirtyAt} end`,
      })
      .where(and(inArray(shifts.id, due.map((d) => d.id)), boardIsDue(quietSince)))
      .returning({ id: shifts.id });
    const cards = new Map<string, BoardDrawing>();
    for (const { id } of taken) {
      const drawing = drawings.get(id);
      if (drawing) cards.set(boardGroup(id), drawing);
    }
    await editManyCards(tx, ctx.now, cards);
    return cards.size;
  });
}
