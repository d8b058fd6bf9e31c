import { eq } from "drizzle-orm";
import { isCoordinator, loadAccess } from "../access/access.js";
import type { DomainContext } from "../domain/context.js";
import { NotFoundError, ValidationError } from "../domain/errors.js";
import { displayName } from "../people/display-name.js";
import { people, serviceStatements } from "../storage/schema/index.js";
import { maskName } from "./mask-name.js";
import { parseStatementNumber } from "./statement-number.js";

export interface VerifiedStatement {
  number: string;
  /** Partly hidden (张*丰) unless the district's office asks (a coordinator or the CLI). */
  name: string;
  teams: string[];
  /** Null for "all time". */
  from: string | null;
  to: string;
  nights: number;
  /** The total printed on it, in tenths of an hour. */
  tenths: number;
  issuedAt: Date;
}

/**
 * Whether a quoted number belongs to a statement that was issued, and what that statement
 * certified: for a school or employer holding one (by /statement or the page its QR code opens),
 * so anyone may ask. Never a phone number, and the name partly hidden: a number printed on paper
 * should not tell a stranger who the volunteer is. A number that was never issued (a forged or
 * mistyped check part) is not found.
 */
export async function verifyStatement(ctx: DomainContext, quoted: string): Promise<VerifiedStatement> {
  const number = parseStatementNumber(quoted);
  if (!number) throw new ValidationError("statement.bad_number");
  const [found] = await ctx.db
    .select({
      number: serviceStatements.number,
      name: displayName(people),
      teams: serviceStatements.teams,
      from: serviceStatements.periodFrom,
      to: serviceStatements.periodTo,
      nights: serviceStatements.nights,
      tenths: serviceStatements.hoursTenths,
      issuedAt: serviceStatements.issuedAt,
    })
    .from(serviceStatements)
    .innerJoin(people, eq(people.id, serviceStatements.personId))
    .where(eq(serviceStatements.number, number));
  if (!found) {
    ctx.logger.info({ actor: ctx.actor }, "statement number not found");
    throw new NotFoundError("statement.not_found", { number });
  }
  const office = ctx.actor.type === "cli" || (ctx.actor.type === "person" && isCoordinator(await loadAccess(ctx.db, ctx.actor.personId)));
  return { ...found, name: office ? (found.name ?? "-") : maskName(found.name ?? "") };
}
