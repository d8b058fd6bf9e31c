import type { Composer } from "grammy";
import { LeanComposer } from "../lean-composer.js";
import { setReachable } from "../../people/set-reachable.js";
import type { BotContext } from "../context.js";

/** A user blocking (kicked) or unblocking (member) the bot in their private chat. */
export function chatMemberFeature(): Composer<BotContext> {
  const composer = new LeanComposer<BotContext>();
  composer.chatType("private").on("my_chat_member", async (ctx) => {
    const status = ctx.myChatMember.new_chat_member.status;
    await setReachable(ctx.domain(), ctx.person!.personId, status !== "kicked");
  });
  return composer;
}
