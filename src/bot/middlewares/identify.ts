import type { MiddlewareFn } from "grammy";
import { identifyTelegramUser } from "../../people/identify-telegram-user.js";
import type { DialogContext } from "../context.js";

/** Knows who is writing before anything else runs; permissions are checked against this person. */
export const identify: MiddlewareFn<DialogContext> = async (ctx, next) => {
  const from = ctx.from;
  if (from && !from.is_bot) {
    ctx.person = await identifyTelegramUser(
      ctx.deps.db,
      {
        id: from.id,
        languageCode: from.language_code,
        name: [from.first_name, from.last_name].filter(Boolean).join(" "),
        reachable: ctx.chat?.type === "private" && ctx.myChatMember?.new_chat_member.status !== "kicked",
      },
      ctx.deps.clock(),
    );
  }
  await next();
};
