import type { DomainContext } from "../domain/context.js";
import { shiftAtVisit } from "./shift-at-visit.js";
import { requireSpotChecker } from "./spot-check-scope.js";

/** The team picked for a visit, if the actor may check it, with the shift it is on now (if any). */
export async function spotCheckTarget(ctx: DomainContext, teamId: number, timeZone: string) {
  const team = await requireSpotChecker(ctx, teamId);
  const { night, shift } = await shiftAtVisit(ctx.db, teamId, ctx.now, timeZone);
  return { team, night, shift };
}
