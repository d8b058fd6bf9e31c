import type { Composer} from "grammy";
import { InlineKeyboard } from "grammy";
import { LeanComposer } from "../lean-composer.js";
import { incidentTownChoices, setIncidentTown } from "../../incidents/set-incident-town.js";
import type { BotContext } from "../context.js";
import { guarded } from "../errors.js";

/**
 * Triage of a resident's report: 📍 Town… on a coordinator's card lists the towns, and a town
 * puts the report there. Both presses are checked on the server (coordinators only).
 */
export function incidentTownFeature(): Composer<BotContext> {
  const composer = new LeanComposer<BotContext>();

  composer.callbackQuery(/^it:l:(\d{1,9})$/, (ctx) =>
    guarded(ctx, async () => {
      const incidentId = Number(ctx.match[1]);
      const { ref, townId, towns } = await incidentTownChoices(ctx.domain(), incidentId);
      await ctx.answerCallbackQuery();
      if (towns.length === 0) return void (await ctx.reply(ctx.t("incident-town-none")));
      const keyboard = new InlineKeyboard();
      towns.forEach((town, i) => {
        keyboard.text(town.townId === townId ? `✔️ ${town.name}` : town.name, `it:s:${incidentId}:${town.townId}`);
        if (i % 2 === 1) keyboard.row();
      });
      await ctx.reply(ctx.t("incident-town-ask", { ref }), { reply_markup: keyboard });
    }),
  );

  composer.callbackQuery(/^it:s:(\d{1,9}):(\d{1,9})$/, (ctx) =>
    guarded(ctx, async () => {
      const { ref, town } = await setIncidentTown(ctx.domain(), { incidentId: Number(ctx.match[1]), townId: Number(ctx.match[2]) });
      ctx.deps.nudgeOutbox();
      await ctx.answerCallbackQuery({ text: ctx.t("incident-town-set", { ref, town }) });
    }),
  );

  return composer;
}
