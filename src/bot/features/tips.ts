import type { Composer} from "grammy";
import { InlineKeyboard } from "grammy";
import { LeanComposer } from "../lean-composer.js";
import { listTips } from "../../incidents/list-tips.js";
import type { BotContext } from "../context.js";
import { guarded } from "../errors.js";

/**
 * /tips: open tips a page at a time (◀ ▶ carry the offset, and each press is checked again like
 * the command), the latest verified ones, and useful tips per team and per volunteer.
 */
export function tipsFeature(): Composer<BotContext> {
  const composer = new LeanComposer<BotContext>();
  composer.chatType("private").command("tips", (ctx) => guarded(ctx, () => showTips(ctx, 0, false)));
  composer.callbackQuery(/^tl:(\d{1,6})$/, (ctx) =>
    guarded(ctx, async () => {
      await showTips(ctx, Number(ctx.match[1]), true);
      await ctx.answerCallbackQuery();
    }),
  );
  return composer;
}

async function showTips(ctx: BotContext, offset: number, edit: boolean): Promise<void> {
  const tips = await listTips(ctx.domain(), { offset });
  const line = (t: (typeof tips.open.rows)[number]) =>
    ctx.t("tips-line", { ref: t.ref, category: ctx.t(`category-${t.category}`), team: t.team ?? ctx.t("incident-public"), text: (t.description ?? "🎤").slice(0, 80) });
  const pages = Math.max(1, Math.ceil(tips.open.total / tips.pageSize));
  const page = Math.floor(tips.open.offset / tips.pageSize) + 1;
  const moreVerified = tips.verified.total - tips.verified.rows.length;
  const sections = [
    ctx.t("tips-open", { count: tips.open.total }),
    ...tips.open.rows.map(line),
    ...(pages > 1 ? [ctx.t("tips-page", { page, pages })] : []),
    "",
    ctx.t("tips-verified", { count: tips.verified.total }),
    ...tips.verified.rows.map(line),
    ...(moreVerified > 0 ? [ctx.t("tips-more", { count: moreVerified })] : []),
    "",
    ctx.t("tips-by-team"),
    ...(tips.byTeam.length ? tips.byTeam.map((c) => `${c.teamId} · ${c.team}: ${c.n}`) : ["-"]),
    "",
    ctx.t("tips-by-volunteer"),
    ...(tips.byVolunteer.length ? tips.byVolunteer.map((c) => `${c.name ?? "-"}: ${c.n}`) : ["-"]),
  ];
  const keyboard = new InlineKeyboard();
  if (page > 1) keyboard.text(ctx.t("btn-tips-prev"), `tl:${tips.open.offset - tips.pageSize}`);
  if (page < pages) keyboard.text(ctx.t("btn-tips-next"), `tl:${tips.open.offset + tips.pageSize}`);
  const text = sections.join("\n");
  if (!edit) return void (await ctx.reply(text, { reply_markup: keyboard }));
  // Pressing onto the page already shown changes nothing; Telegram says so, and that is fine.
  await ctx.editMessageText(text, { reply_markup: keyboard }).catch((error: unknown) => {
    if (!String(error).includes("message is not modified")) throw error;
  });
}
