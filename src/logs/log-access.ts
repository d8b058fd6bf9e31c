import { eq } from "drizzle-orm";
import { requireShiftLead } from "../shifts/board.js";
import { selectShiftFacts } from "../shifts/shift-facts.js";
import type { DomainContext } from "../domain/context.js";
import { NotFoundError } from "../domain/errors.js";
import { shifts } from "../storage/schema/index.js";

/** The shift, if the actor may keep its log: tonight's leader, the team's leads, its supervisor, a coordinator. */
export async function requireLogKeeper(ctx: DomainContext, shiftId: number) {
  const [shift] = await selectShiftFacts(ctx.db, { logClosedAt: shifts.logClosedAt }).where(eq(shifts.id, shiftId));
  if (!shift) throw new NotFoundError("shift.not_found");
  await requireShiftLead(ctx, shift);
  return shift;
}
