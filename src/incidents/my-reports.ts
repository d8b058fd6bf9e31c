import { desc, eq } from "drizzle-orm";
import type { DomainContext } from "../domain/context.js";
import { ForbiddenError } from "../domain/errors.js";
import { incidents } from "../storage/schema/index.js";

/** The actor's own reports, newest first. */
export async function myReports(ctx: DomainContext, limit = 20) {
  if (ctx.actor.type !== "person") throw new ForbiddenError("report.person_only");
  return ctx.db
    .select({ ref: incidents.ref, category: incidents.category, status: incidents.status, verdict: incidents.verdict, createdAt: incidents.createdAt })
    .from(incidents)
    .where(eq(incidents.reporterPersonId, ctx.actor.personId))
    .orderBy(desc(incidents.createdAt))
    .limit(limit);
}
