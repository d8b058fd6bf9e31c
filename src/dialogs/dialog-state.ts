import { eq } from "drizzle-orm";
import { cleanStrings, withoutNul } from "../domain/control-characters.js";
import type { Db } from "../storage/db.js";
import { dialogState } from "../storage/schema/index.js";

/**
 * Persistence for the conversations plugin: one JSON document per key (a chat). The plugin
 * owns the document's shape; we only keep it safe across restarts.
 */
export async function readDialogState(db: Db, key: string): Promise<unknown> {
  const [row] = await db.select({ state: dialogState.state }).from(dialogState).where(eq(dialogState.key, key));
  return row?.state;
}

export async function writeDialogState(db: Db, key: string, raw: unknown, now: Date): Promise<void> {
  // The bot cleans what users type, but button data comes as sent, and jsonb refuses a U+0000
  // from anywhere with an error that would lose the dialog: a copy is rid of it, the plugin's own
  // object is left alone.
  const state = cleanStrings(structuredClone(raw), withoutNul);
  await db
    .insert(dialogState)
    .values({ key, state, updatedAt: now })
    .onConflictDoUpdate({ target: dialogState.key, set: { state, updatedAt: now } });
}

export async function deleteDialogState(db: Db, key: string): Promise<void> {
  await db.delete(dialogState).where(eq(dialogState.key, key));
}
