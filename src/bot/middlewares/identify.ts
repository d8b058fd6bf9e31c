import type { MiddlewareFn } from "grammy";
import { identifyTelegramUser } from "../../people/identify-telegram-user.js";
import type { DialogContext } from "../context.js";

/** The key the dialogs of this update's chat are stored under (the conversations plugin's default). */
export const dialogKeyOf = (ctx: DialogContext) => ctx.chatId?.toString();

/**
 * Knows who is writing before anything else runs; permissions are checked against this person.
 * Outside dialogs it also reads the chat's stored dialog in the same query, which the dialog
 * storage then hands to the conversations plugin instead of asking the database again.
 */
function identifyWith(loadDialog: boolean): MiddlewareFn<DialogContext> {
  return async (ctx, next) => {
    const from = ctx.from;
    if (from && !from.is_bot) {
      const dialogKey = loadDialog ? dialogKeyOf(ctx) : undefined;
      const { dialogState, ...person } = await identifyTelegramUser(
        ctx.deps.db,
        {
          id: from.id,
          languageCode: from.language_code,
          name: [from.first_name, from.last_name].filter(Boolean).join(" "),
          reachable: ctx.chat?.type === "private" && ctx.myChatMember?.new_chat_member.status !== "kicked",
        },
        ctx.deps.clock(),
        dialogKey,
      );
      ctx.person = person;
      if (dialogKey !== undefined) ctx.storedDialog = { state: dialogState };
    }
    await next();
  };
}

/** For updates as they arrive. */
export const identifyAndLoadDialog = identifyWith(true);
/** Inside dialogs, whose state the plugin already holds. */
export const identify = identifyWith(false);
