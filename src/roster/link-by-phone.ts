import { refreshCommandMenu } from "../access/command-menu.js";
import { recordAudit } from "../audit/record-audit.js";
import type { DomainContext } from "../domain/context.js";
import { NotFoundError, ValidationError } from "../domain/errors.js";
import { adoptImportedPerson } from "./adopt-imported-person.js";
import { normalizeTelegramPhone } from "./phone.js";

/**
 * Someone registered by spreadsheet opens the bot without an invite and shares their own phone:
 * their account takes over the imported record, active at once. Returns the person id to use
 * from now on.
 */
export async function linkByPhone(ctx: DomainContext, rawPhone: string): Promise<number> {
  if (ctx.actor.type !== "person") throw new ValidationError("link.person_only");
  const actorId = ctx.actor.personId;
  const phone = normalizeTelegramPhone(rawPhone);
  if (!phone) throw new ValidationError("link.bad_phone");
  return ctx.db.transaction(async (tx) => {
    const personId = await adoptImportedPerson(tx, actorId, phone, null, ctx.now);
    if (personId === null) throw new NotFoundError("link.no_match");
    await recordAudit(tx, { type: "person", personId }, ctx.now, { action: "person.link", subjectType: "person", subjectId: personId, before: { bareRecord: actorId } });
    await refreshCommandMenu(tx, personId, ctx.now);
    return personId;
  });
}
