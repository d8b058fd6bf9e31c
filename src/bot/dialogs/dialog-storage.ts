import type { ConversationData, VersionedState } from "@grammyjs/conversations";
import { deleteDialogState, readDialogState, writeDialogState } from "../../dialogs/dialog-state.js";
import type { Db } from "../../storage/db.js";

/**
 * Keeps each chat's dialog in the database, so a restart in the middle of a signup resumes at
 * the step where the user was. Bump `version` when a dialog's steps change incompatibly.
 */
export function dialogStorage(db: Db, clock: () => Date) {
  return {
    type: "key" as const,
    version: 2,
    adapter: {
      read: async (key: string) => (await readDialogState(db, key)) as VersionedState<ConversationData> | undefined,
      write: (key: string, state: VersionedState<ConversationData>) => writeDialogState(db, key, state, clock()),
      delete: (key: string) => deleteDialogState(db, key),
    },
  };
}
