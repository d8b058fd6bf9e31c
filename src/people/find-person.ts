import { eq, isNull, and } from "drizzle-orm";
import { NotFoundError, ValidationError } from "../domain/errors.js";
import { normalizePhone } from "../roster/phone.js";
import type { Db } from "../storage/db.js";
import { people } from "../storage/schema/index.js";

/** A person by Telegram id ("12345") or phone ("+86 138…"), as an operator would name them. */
export async function findPerson(db: Db, ref: string): Promise<{ personId: number; name: string | null }> {
  const trimmed = ref.trim();
  const byTelegram = /^\d{5,15}$/.test(trimmed) && !/^1[3-9]\d{9}$/.test(trimmed);
  const phone = byTelegram ? null : normalizePhone(trimmed);
  if (!byTelegram && !phone) throw new ValidationError("person.bad_reference");
  const rows = await db
    .select({ personId: people.id, name: people.name })
    .from(people)
    .where(and(byTelegram ? eq(people.telegramId, Number(trimmed)) : eq(people.phone, phone!), isNull(people.forgottenAt)));
  if (rows.length === 0) throw new NotFoundError("person.not_found");
  if (rows.length > 1) throw new ValidationError("person.ambiguous", { count: rows.length });
  return rows[0]!;
}
