import type { ConversationData, VersionedState } from "@grammyjs/conversations";
import { deleteDialogState, readDialogState, writeDialogState } from "../../dialogs/dialog-state.js";
import type { Db } from "../../storage/db.js";
import type { DialogContext } from "../context.js";
import { dialogKeyOf } from "../middlewares/identify.js";

type Stored = VersionedState<ConversationData> | undefined;

/**
 * Keeps each chat's dialog in the database, so a restart in the middle of a signup resumes at
 * the step where the user was. Bump `version` when a dialog's steps change incompatibly. The
 * read is usually free: identifying the sender fetched the state already.
 */
export function dialogStorage(db: Db, clock: () => Date) {
  return {
    type: "context" as const,
    version: 2,
    adapter: {
      read: async (ctx: DialogContext): Promise<Stored> => {
        if (ctx.storedDialog) return ctx.storedDialog.state as Stored;
        const key = dialogKeyOf(ctx);
        return key === undefined ? undefined : ((await readDialogState(db, key)) as Stored);
      },
      write: async (ctx: DialogContext, state: VersionedState<ConversationData>) => {
        const key = dialogKeyOf(ctx);
        if (key !== undefined) await writeDialogState(db, key, state, clock());
      },
      delete: async (ctx: DialogContext) => {
        const key = dialogKeyOf(ctx);
        if (key !== undefined) await deleteDialogState(db, key);
      },
    },
  };
}
