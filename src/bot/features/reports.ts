import type { Composer } from "grammy";
import { InlineKeyboard, InputFile } from "grammy";
import { LeanComposer } from "../lean-composer.js";
import { requireCoordinator } from "../../access/permissions.js";
import { myReports } from "../../incidents/my-reports.js";
import type { BotContext } from "../context.js";
import { guarded } from "../errors.js";
import { reportPoster } from "../views/posters.js";
import { renderArgs } from "../views/shift.js";

/** The payload of the public deep link: t.me/<bot>?start=report opens the report dialog. */
export const REPORT_START = "report";

/**
 * /report (also the check-in message's Report button and the public deep link) opens the report
 * dialog; /myreports lists one's own reports; /reportlink gives coordinators the printable link.
 */
export function reportsFeature(): Composer<BotContext> {
  const composer = new LeanComposer<BotContext>();
  const chat = composer.chatType("private");

  const open = async (ctx: BotContext) => {
    await ctx.conversation.exitAll();
    await ctx.conversation.enter("report");
  };
  chat.command("report", open);
  // In a group a report would be read by everyone there; the button opens the dialog in private.
  composer.chatType(["group", "supergroup"]).command("report", (ctx) =>
    ctx.reply(ctx.t("report-in-private"), { reply_markup: new InlineKeyboard().url(ctx.t("btn-report-in-private"), `https://t.me/${ctx.me.username}?start=${REPORT_START}`) }),
  );
  chat.command("start", async (ctx, next) => (ctx.match.trim() === REPORT_START ? open(ctx) : next()));
  composer.callbackQuery("rn", async (ctx) => {
    // The report may be an emergency: a press too old to answer must not keep the dialog shut.
    await ctx.answerCallbackQuery().catch((error: unknown) => ctx.logger.warn({ err: error }, "answering a press failed"));
    await open(ctx);
  });

  chat.command("myreports", async (ctx) =>
    guarded(ctx, async () => {
      const reports = await myReports(ctx.domain());
      if (reports.length === 0) return void (await ctx.reply(ctx.t("myreports-none")));
      const lines: string[] = [];
      for (const r of reports) {
        const status = ctx.t(`report-state-${r.status}`) + (r.verdict === "useful" ? ` · ${ctx.t("report-state-useful")}` : "");
        lines.push(ctx.t("myreports-line", await renderArgs(ctx, { ref: r.ref, category: { key: `category-${r.category}` }, date: { datetime: r.createdAt.toISOString() }, status })));
      }
      await ctx.reply([ctx.t("myreports-title"), ...lines].join("\n"));
    }),
  );

  chat.command("reportlink", async (ctx) =>
    guarded(ctx, async () => {
      await requireCoordinator(ctx.domain());
      const link = `https://t.me/${ctx.me.username}?start=${REPORT_START}`;
      const png = await reportPoster(ctx, link);
      // A file, not a photo: Telegram would shrink and recompress a photo, and this one is printed.
      await ctx.replyWithDocument(new InputFile(png, "report-link.png"), { caption: ctx.t("reportlink-caption", { link }) });
    }),
  );

  return composer;
}
