import { requireCoordinator } from "../access/permissions.js";
import type { DomainContext } from "../domain/context.js";
import { listTowns } from "../org/list-towns.js";

/** What /level offers: the towns to choose from. Coordinators only, so others are refused at once. */
export async function levelChoices(ctx: DomainContext) {
  await requireCoordinator(ctx);
  return { towns: await listTowns(ctx.db) };
}
