import type { Composer } from "grammy";
import { LeanComposer } from "../lean-composer.js";
import { acknowledgeIncident } from "../../incidents/acknowledge-incident.js";
import { escalateIncident } from "../../incidents/escalate-incident.js";
import { forwardIncident } from "../../incidents/forward-incident.js";
import { judgeTip } from "../../incidents/judge-tip.js";
import { prepareResolve } from "../../incidents/resolve-incident.js";
import { acknowledgeEscalation } from "../../escalation/acknowledge-escalation.js";
import type { BotContext } from "../context.js";
import { guarded } from "../errors.js";

/**
 * The buttons of a report card and of an escalation card. Callback data only names the report;
 * each verb checks the presser's role and scope on the server, so a forged or foreign press is
 * refused with a popup and changes nothing.
 */
export function incidentCardFeature(): Composer<BotContext> {
  const composer = new LeanComposer<BotContext>();

  const act = (pattern: RegExp, work: (ctx: BotContext, id: number) => Promise<string>) =>
    composer.callbackQuery(pattern, (ctx) =>
      guarded(ctx, async () => {
        const text = await work(ctx, Number(ctx.match![1]));
        ctx.deps.nudgeOutbox();
        await ctx.answerCallbackQuery({ text });
      }),
    );

  act(/^in:a:(\d{1,9})$/, async (ctx, id) => ctx.t("incident-you-own", { ref: (await acknowledgeIncident(ctx.domain(), id)).ref }));
  act(/^in:f:(\d{1,9})$/, async (ctx, id) => ctx.t("incident-forwarded", { ref: (await forwardIncident(ctx.domain(), id)).ref }));
  act(/^in:e:(\d{1,9})$/, async (ctx, id) => ctx.t("incident-escalated", { ref: (await escalateIncident(ctx.domain(), id)).ref }));
  act(/^in:u:(\d{1,9})$/, async (ctx, id) => ctx.t("incident-judged-useful", { ref: (await judgeTip(ctx.domain(), { incidentId: id, useful: true })).ref }));
  act(/^in:n:(\d{1,9})$/, async (ctx, id) => ctx.t("incident-judged-not-useful", { ref: (await judgeTip(ctx.domain(), { incidentId: id, useful: false })).ref }));
  act(/^es:a:(\d{1,9})$/, async (ctx, id) => ctx.t((await acknowledgeEscalation(ctx.domain(), id)).subject === "help" ? "escalation-on-my-way" : "escalation-you-own"));

  composer.callbackQuery(/^in:r:(\d{1,9})$/, (ctx) =>
    guarded(ctx, async () => {
      const incidentId = Number(ctx.match[1]);
      const { ref } = await prepareResolve(ctx.domain(), incidentId);
      await ctx.answerCallbackQuery();
      await ctx.conversation.exitAll();
      await ctx.conversation.enter("resolve", incidentId, ref);
    }),
  );

  return composer;
}
