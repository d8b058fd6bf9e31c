import { eq, sql } from "drizzle-orm";
import { refreshCommandMenu } from "../access/command-menu.js";
import type { Db } from "../storage/db.js";
import { preparedPerDb } from "../storage/prepared.js";
import { dialogState, people } from "../storage/schema/index.js";

export interface KnownPerson {
  personId: number;
  /** The chosen language, or null to follow the Telegram client. */
  locale: string | null;
  name: string | null;
}

const personColumns = {
  personId: people.id,
  locale: people.locale,
  name: people.name,
  unreachableAt: people.unreachableAt,
  clientLanguage: people.clientLanguage,
  telegramName: people.telegramName,
};

const selectPerson = preparedPerDb((db) =>
  db
    .select({ ...personColumns, dialogState: sql<unknown>`null` })
    .from(people)
    .where(eq(people.telegramId, sql.placeholder("telegramId")))
    .prepare("identify_person"),
);

const selectPersonAndDialog = preparedPerDb((db) =>
  db
    .select({ ...personColumns, dialogState: dialogState.state })
    .from(people)
    .leftJoin(dialogState, eq(dialogState.key, sql.placeholder("dialogKey")))
    .where(eq(people.telegramId, sql.placeholder("telegramId")))
    .prepare("identify_person_dialog"),
);

/**
 * Finds the person behind a Telegram user, creating a bare row on first contact. Writing to us in
 * their private chat (`reachable`) also proves the user no longer blocks the bot; a message in a
 * group proves nothing about that.
 */
export async function identifyTelegramUser(
  db: Db,
  user: { id: number; languageCode?: string | undefined; name?: string | undefined; reachable?: boolean },
  now: Date,
  /** Also read this chat's stored dialog, in the same round trip (the bot needs both for every update). */
  dialogKey?: string,
): Promise<KnownPerson & { dialogState?: unknown }> {
  const telegramId = user.id;
  const clientLanguage = user.languageCode ?? null;
  const telegramName = user.name?.trim().slice(0, 128) || null;
  const select = () =>
    dialogKey === undefined ? selectPerson(db).execute({ telegramId }) : selectPersonAndDialog(db).execute({ telegramId, dialogKey });
  let [row] = await select();
  if (!row) {
    await db.insert(people).values({ telegramId, clientLanguage, telegramName, createdAt: now, updatedAt: now }).onConflictDoNothing();
    [row] = await select();
  }
  if (!row) throw new Error(`person for telegram user ${telegramId} vanished`);
  const known = row;
  const renamed = telegramName !== null && telegramName !== known.telegramName;
  const reachedAgain = known.unreachableAt !== null && (user.reachable ?? true);
  // Without a language of their own, the client's language is the one their menu speaks.
  const newLanguage = clientLanguage !== null && clientLanguage !== known.clientLanguage;
  if (reachedAgain || renamed || newLanguage) {
    await db.transaction(async (tx) => {
      await tx
        .update(people)
        .set({ unreachableAt: reachedAgain ? null : known.unreachableAt, clientLanguage: clientLanguage ?? known.clientLanguage, telegramName: telegramName ?? known.telegramName })
        .where(eq(people.id, known.personId));
      // A menu that could not reach them before (they had never written to the bot, or blocked
      // it) can now; refreshing changes nothing when the one Telegram shows is still right.
      if (reachedAgain || (newLanguage && known.locale === null)) await refreshCommandMenu(tx, known.personId, now);
    });
  }
  return { personId: known.personId, locale: known.locale, name: known.name, ...(dialogKey === undefined ? {} : { dialogState: known.dialogState ?? undefined }) };
}
