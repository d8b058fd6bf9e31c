import type { Composer } from "grammy";
import { LeanComposer } from "../lean-composer.js";
import { decideMembership } from "../../roster/decide-membership.js";
import { parseSignupDecision } from "../../roster/signup-card.js";
import type { BotContext } from "../context.js";
import { guarded } from "../errors.js";

/**
 * Approve / Reject on a signup card. The callback data only names the membership; whether the
 * presser may decide it is checked by the verb against their roles and the team's scope.
 */
export function signupReviewFeature(): Composer<BotContext> {
  const composer = new LeanComposer<BotContext>();
  composer.callbackQuery(/^su:/, (ctx) =>
    guarded(ctx, async () => {
      const parsed = parseSignupDecision(ctx.callbackQuery.data);
      if (!parsed) {
        await ctx.answerCallbackQuery({ text: ctx.t("err-stale-button"), show_alert: true });
        return;
      }
      const result = await decideMembership(ctx.domain(), parsed, ctx.deps.policy);
      ctx.deps.nudgeOutbox();
      await ctx.answerCallbackQuery({ text: ctx.t(result.status === "active" ? "review-approved" : "review-rejected") });
    }),
  );
  return composer;
}
