import type { DomainContext } from "../domain/context.js";
import { ConflictError, ValidationError } from "../domain/errors.js";
import { loadPolicy } from "../escalation/policies.js";
import { startEscalation } from "../escalation/start-escalation.js";
import { ownAssignmentNow } from "./check-in.js";
import type { ShiftPolicy } from "./policy.js";

/**
 * A volunteer on duty asks for help: tonight's shift leader and the team's leads are paged at
 * once, then the supervisor and the coordinators until someone answers. Pressing it again while
 * the call is open changes nothing.
 */
export async function requestHelp(ctx: DomainContext, policy: ShiftPolicy, input: { assignmentId?: number } = {}) {
  const facts = await ownAssignmentNow(ctx, policy, input.assignmentId);
  if (!(await loadPolicy(ctx.db, "help.request")).enabled) throw new ValidationError("help.switched_off");
  const id = await ctx.db.transaction((tx) =>
    startEscalation(
      tx,
      { policyKey: "help.request", subject: "help", subjectId: facts.assignmentId, teamId: facts.teamId, townId: facts.townId, shiftId: facts.shiftId, raisedBy: facts.personId },
      ctx.now,
      ctx.logger,
    ),
  );
  if (id === null) throw new ConflictError("help.already_raised");
  return facts;
}
