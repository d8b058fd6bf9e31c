import type { Composer} from "grammy";
import { InlineKeyboard, InputFile } from "grammy";
import { LeanComposer } from "../lean-composer.js";
import { localNight } from "../../shifts/night.js";
import { formatTenths } from "../../stats/hours.js";
import { issueStatement } from "../../stats/issue-statement.js";
import { myStats } from "../../stats/my-stats.js";
import { STATS_PERIODS, type StatsPeriod } from "../../stats/period.js";
import { renderStatementPdf } from "../../stats/statement-pdf.js";
import { renderStatementPng } from "../../stats/statement-png.js";
import { verifyStatement } from "../../stats/verify-statement.js";
import type { BotContext } from "../context.js";
import { guarded } from "../errors.js";
import { statementLabels } from "../views/statement.js";

/**
 * /stats: the volunteer's own nights, hours and tips for a period, with buttons for the period
 * and for a service-hours statement (PDF). The buttons carry only the period: whose record it
 * is always comes from who pressed, so a forged button can only ever fetch the presser's own.
 */
export function statsFeature(): Composer<BotContext> {
  const composer = new LeanComposer<BotContext>();
  composer.chatType("private").command("stats", (ctx) => guarded(ctx, () => showStats(ctx, "year")));

  composer.callbackQuery(/^st:p:(year|12m|all)$/, (ctx) =>
    guarded(ctx, async () => {
      await showStats(ctx, ctx.match[1] as StatsPeriod, true);
      await ctx.answerCallbackQuery();
    }),
  );

  composer.callbackQuery(/^st:(pdf|png):(year|12m|all)$/, (ctx) =>
    guarded(ctx, async () => {
      const timeZone = ctx.deps.config.BOT_TIMEZONE;
      // The press names the request: Telegram redelivering it gets the same statement number.
      const statement = await issueStatement(ctx.domain(), { period: ctx.match[2] as StatsPeriod, clientKey: `cb:${ctx.callbackQuery.id}` }, { timeZone, refPrefix: ctx.deps.config.REPORT_PREFIX });
      await ctx.answerCallbackQuery();
      const asImage = ctx.match[1] === "png";
      await ctx.replyWithChatAction(asImage ? "upload_photo" : "upload_document").catch(() => {});
      const labels = await statementLabels(ctx, statement);
      const caption = ctx.t("stats-statement-caption", {
        number: statement.number,
        nights: ctx.t("stats-nights", { nights: statement.totals.nights }),
        hours: formatTenths(statement.totals.tenths),
        from: statement.period.from,
        to: statement.period.to,
      });
      if (asImage) {
        const png = await renderStatementPng(statement, { ...labels, more: (n) => ctx.t("statement-image-more", { n }) });
        await ctx.replyWithPhoto(new InputFile(png, `${statement.number}.png`), { caption });
      } else await ctx.replyWithDocument(new InputFile(await renderStatementPdf(statement, labels), `${statement.number}.pdf`), { caption });
    }),
  );

  // Anyone holding a statement (a school, an employer) checks its number: whether it was issued and
  // what it certified, the name partly hidden unless a coordinator asks.
  composer.chatType("private").command("statement", (ctx) =>
    guarded(ctx, async () => {
      if (!ctx.match.trim()) return void (await ctx.reply(ctx.t("statement-usage")));
      const found = await verifyStatement(ctx.domain(), ctx.match);
      const zh = (await ctx.i18n.getLocale()) === "zh";
      await ctx.reply(
        ctx.t("statement-checked", {
          number: found.number,
          name: found.name,
          teams: found.teams.join(zh ? "、" : ", ") || "-",
          nights: ctx.t("stats-nights", { nights: found.nights }),
          hours: formatTenths(found.tenths),
          from: found.from ?? ctx.t("stats-period-all"),
          to: found.to,
          issued: localNight(found.issuedAt, ctx.deps.config.BOT_TIMEZONE),
        }),
      );
    }),
  );
  return composer;
}

async function showStats(ctx: BotContext, period: StatsPeriod, edit = false): Promise<void> {
  const { person, range, figures } = await myStats(ctx.domain(), period, ctx.deps.config.BOT_TIMEZONE);
  const lines = [
    ctx.t("stats-figures", {
      name: person.name ?? "-",
      period: ctx.t(`stats-period-${period}`),
      from: range.from ?? figures.firstNight ?? range.to,
      to: range.to,
      nights: figures.nights,
      hours: formatTenths(figures.tenths),
      tips: figures.tipsReported,
      verified: figures.tipsVerified,
    }),
  ];
  if (figures.nights === 0) lines.push("", ctx.t("stats-no-nights"));
  const keyboard = new InlineKeyboard();
  for (const p of STATS_PERIODS) keyboard.text(`${p === period ? "✓ " : ""}${ctx.t(`stats-period-${p}`)}`, `st:p:${p}`);
  if (figures.nights > 0) keyboard.row().text(ctx.t("btn-stats-statement"), `st:pdf:${period}`).text(ctx.t("btn-stats-statement-image"), `st:png:${period}`);
  const text = lines.join("\n");
  if (edit) await ctx.editMessageText(text, { reply_markup: keyboard }).catch(() => {});
  else await ctx.reply(text, { reply_markup: keyboard });
}
