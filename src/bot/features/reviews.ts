import type { Composer} from "grammy";
import { InputFile } from "grammy";
import { LeanComposer } from "../lean-composer.js";
import { reviewSettingsFrom } from "../../reviews/review-settings.js";
import { teamRanking } from "../../reviews/team-ranking.js";
import { reviewWeek } from "../../reviews/weekly-review.js";
import type { BotContext } from "../context.js";
import { guarded } from "../errors.js";
import { chartPng } from "../render/chart-png.js";
import { tableXlsx } from "../render/table-xlsx.js";
import { textRenderer } from "../views/text-ref.js";

/** "/review 2027-05-04" names a night of the week wanted; nothing means the last complete week. */
const dateOf = (match: string) => (match.trim() ? { date: match.trim() } : {});

/**
 * /review: the week's review as the weekly job sends it (message, chart, CSV), for the district
 * (coordinators) or the supervisor's towns. /ranking: the team evaluation, in full for
 * coordinators, a team's own place for its leaders. The verbs check who asks.
 */
export function reviewsFeature(): Composer<BotContext> {
  const composer = new LeanComposer<BotContext>();
  const chat = composer.chatType("private");

  chat.command("review", (ctx) =>
    guarded(ctx, async () => {
      const review = await reviewWeek(ctx.domain(), reviewSettingsFrom(ctx.deps.config), dateOf(ctx.match));
      const text = await textRenderer(ctx);
      await ctx.reply(text(review.text));
      await ctx.replyWithPhoto(new InputFile(await chartPng(review.chart, text), `${review.fileStem}.png`));
      await ctx.replyWithDocument(new InputFile(await tableXlsx(review.table, text), `${review.fileStem}.xlsx`), { caption: text({ key: "review-csv-caption" }) });
    }),
  );

  chat.command("ranking", (ctx) =>
    guarded(ctx, async () => {
      const ranking = await teamRanking(ctx.domain(), reviewSettingsFrom(ctx.deps.config), dateOf(ctx.match));
      const text = await textRenderer(ctx);
      if (ranking.kind === "own") {
        await ctx.reply(ranking.texts.map(text).join("\n"));
        return;
      }
      await ctx.reply(text(ranking.text));
      await ctx.replyWithDocument(new InputFile(await tableXlsx(ranking.table, text), `${ranking.fileStem}.xlsx`), { caption: text({ key: "review-csv-caption" }) });
    }),
  );
  return composer;
}
