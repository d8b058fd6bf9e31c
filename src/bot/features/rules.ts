import type { Composer} from "grammy";
import { InlineKeyboard } from "grammy";
import { LeanComposer } from "../lean-composer.js";
import { viewPolicies } from "../../escalation/view-policies.js";
import type { BotContext } from "../context.js";
import { policyName } from "../dialogs/rules.js";
import { guarded } from "../errors.js";

/** /rules: the escalation policies for coordinators, each with a button to change it. */
export function rulesFeature(): Composer<BotContext> {
  const composer = new LeanComposer<BotContext>();
  composer.chatType("private").command("rules", (ctx) =>
    guarded(ctx, async () => {
      const views = await viewPolicies(ctx.domain());
      const keyboard = new InlineKeyboard();
      const blocks = views.map(({ policy, text }, i) => {
        keyboard.text(ctx.t(policyName(policy.key)), `ru:e:${policy.key}`);
        if (i % 2 === 1) keyboard.row();
        return `${ctx.t(policyName(policy.key))}${policy.enabled ? "" : ` (${ctx.t("rules-off")})`}\n${text}`;
      });
      await ctx.reply([ctx.t("rules-title"), ...blocks, ctx.t("rules-legend")].join("\n\n"), { reply_markup: keyboard });
    }),
  );
  composer.callbackQuery(/^ru:e:([a-z_.]{1,40})$/, (ctx) =>
    guarded(ctx, async () => {
      await viewPolicies(ctx.domain()); // refuses anyone but a coordinator, whatever the button says
      await ctx.answerCallbackQuery();
      await ctx.conversation.exitAll();
      await ctx.conversation.enter("rules", ctx.match[1]);
    }),
  );
  return composer;
}
