import { eq } from "drizzle-orm";
import { requireCoordinator } from "../access/permissions.js";
import type { DomainContext } from "../domain/context.js";
import { NotFoundError, ValidationError } from "../domain/errors.js";
import { displayName } from "../people/display-name.js";
import { people, serviceStatements } from "../storage/schema/index.js";

const STATEMENT_NUMBER = /^[A-Z]{1,6}-S-\d{4}-\d{6,}$/;

/**
 * A statement as it was issued, for a coordinator checking a number a volunteer quoted to a
 * school or an employer: whose it is, which nights, how many and how long, and when it was issued.
 */
export async function checkStatement(ctx: DomainContext, quoted: string) {
  await requireCoordinator(ctx);
  const number = quoted.trim().toUpperCase();
  if (!STATEMENT_NUMBER.test(number)) throw new ValidationError("statement.bad_number");
  const [found] = await ctx.db
    .select({
      number: serviceStatements.number,
      name: displayName(people),
      from: serviceStatements.periodFrom,
      to: serviceStatements.periodTo,
      nights: serviceStatements.nights,
      minutes: serviceStatements.minutes,
      issuedAt: serviceStatements.issuedAt,
    })
    .from(serviceStatements)
    .innerJoin(people, eq(people.id, serviceStatements.personId))
    .where(eq(serviceStatements.number, number));
  if (!found) throw new NotFoundError("statement.not_found", { number });
  return found;
}
