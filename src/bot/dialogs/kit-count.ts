import { parseKitCounts } from "../../kit/parse-kit-counts.js";
import { updateKitCounts } from "../../kit/update-kit-counts.js";
import type { DialogContext } from "../context.js";
import { countsLine, keyboardOfView, teamKitView } from "../views/kit.js";
import { replyInParts } from "../views/long-reply.js";
import { attempt } from "./attempt.js";
import { answerPress, nextInput, type DialogConversation } from "./next-input.js";

/**
 * ✏️ Update counts: the leader sends what the team holds in one message, in Chinese or English;
 * the bot says what it read and saves it. Items not named keep their count. A message with no
 * count in it is answered with an example, and the dialog waits for another.
 */
export async function kitCountDialog(conversation: DialogConversation, ctx: DialogContext, teamId: number): Promise<void> {
  await ctx.reply(ctx.t("kit-ask-counts"));
  for (;;) {
    const u = await nextInput(conversation, "kd:");
    if (u.callbackQuery) {
      await answerPress(u);
      continue;
    }
    const text = u.message?.text?.trim();
    const counts = text ? parseKitCounts(text) : {};
    if (Object.keys(counts).length === 0) {
      await u.reply(ctx.t(text ? "kit-counts-not-understood" : "hint-text-expected"));
      continue;
    }
    const saved = await attempt(conversation, async (o) => {
      await updateKitCounts(o.domain(), teamId, counts);
      return teamKitView(o, teamId);
    });
    if (!saved.ok) return void (await u.reply(ctx.t(saved.key, saved.args)));
    await u.reply(ctx.t("kit-counts-saved", { counts: countsLine(ctx, counts) }));
    await replyInParts(u, saved.value.blocks, keyboardOfView(saved.value));
    return;
  }
}
