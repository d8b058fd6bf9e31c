import { eq } from "drizzle-orm";
import type { Db } from "../storage/db.js";
import { people } from "../storage/schema/index.js";

export interface KnownPerson {
  personId: number;
  /** The chosen language, or null to follow the Telegram client. */
  locale: string | null;
  name: string | null;
}

/**
 * Finds the person behind a Telegram user, creating a bare row on first contact. Writing to us
 * again also proves the user no longer blocks the bot.
 */
export async function identifyTelegramUser(db: Db, user: { id: number; languageCode?: string | undefined; name?: string | undefined }, now: Date): Promise<KnownPerson> {
  const telegramId = user.id;
  const clientLanguage = user.languageCode ?? null;
  const telegramName = user.name?.trim().slice(0, 128) || null;
  const select = () =>
    db
      .select({ personId: people.id, locale: people.locale, name: people.name, unreachableAt: people.unreachableAt, clientLanguage: people.clientLanguage, telegramName: people.telegramName })
      .from(people)
      .where(eq(people.telegramId, telegramId));
  let [row] = await select();
  if (!row) {
    await db.insert(people).values({ telegramId, clientLanguage, telegramName, createdAt: now, updatedAt: now }).onConflictDoNothing();
    [row] = await select();
  }
  if (!row) throw new Error(`person for telegram user ${telegramId} vanished`);
  const renamed = telegramName !== null && telegramName !== row.telegramName;
  if (row.unreachableAt || renamed || (clientLanguage !== null && clientLanguage !== row.clientLanguage)) {
    await db
      .update(people)
      .set({ unreachableAt: null, clientLanguage: clientLanguage ?? row.clientLanguage, telegramName: telegramName ?? row.telegramName })
      .where(eq(people.id, row.personId));
  }
  return { personId: row.personId, locale: row.locale, name: row.name };
}
