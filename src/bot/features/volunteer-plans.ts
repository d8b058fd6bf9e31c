import type { Composer} from "grammy";
import { InlineKeyboard } from "grammy";
import { LeanComposer } from "../lean-composer.js";
import { addDays, localNight } from "../../shifts/night.js";
import { formatNight } from "../../shifts/format.js";
import { listLeaveDates, setLeaveDates } from "../../shifts/leave-dates.js";
import { joinShortShift, openShifts } from "../../shifts/open-shifts.js";
import { shiftArgs } from "../../shifts/shift-facts.js";
import type { BotContext, DialogContext } from "../context.js";
import { guarded } from "../errors.js";
import { renderArgs } from "../views/shift.js";

const PICKER_DAYS = 28;

/**
 * /open lists short shifts of the volunteer's team to join; /leave_dates marks nights they
 * cannot patrol, by a four-week picker or as dates ("/leave_dates 2027-06-01 2027-06-02").
 */
export function volunteerPlansFeature(): Composer<BotContext> {
  const composer = new LeanComposer<BotContext>();
  const chat = composer.chatType("private");

  chat.command("open", (ctx) =>
    guarded(ctx, async () => {
      const open = await openShifts(ctx.domain());
      if (open.length === 0) {
        await ctx.reply(ctx.t("open-none"));
        return;
      }
      const keyboard = new InlineKeyboard();
      const lines = [ctx.t("open-title")];
      for (const s of open) {
        const args = await renderArgs(ctx, shiftArgs(s));
        lines.push(ctx.t("open-line", { ...args, missing: s.required - s.onShift }));
        keyboard.text(ctx.t("btn-join-shift", args), `jo:${s.shiftId}`).row();
      }
      await ctx.reply(lines.join("\n"), { reply_markup: keyboard });
    }),
  );

  composer.callbackQuery(/^jo:(\d{1,9})$/, (ctx) =>
    guarded(ctx, async () => {
      const { args } = await joinShortShift(ctx.domain(), Number(ctx.match[1]), ctx.deps.policy);
      ctx.deps.nudgeOutbox();
      await ctx.answerCallbackQuery();
      await ctx.reply(ctx.t("slot-yours", await renderArgs(ctx, args)));
    }),
  );

  chat.command("leave_dates", (ctx) =>
    guarded(ctx, async () => {
      const typed = ctx.match.split(/[\s,，]+/).filter(Boolean);
      if (typed.length > 0) {
        const result = await setLeaveDates(ctx.domain(), { add: typed }, ctx.deps.policy);
        ctx.deps.nudgeOutbox();
        await ctx.reply(ctx.t("leave-dates-saved", { added: result.added, released: result.released }));
        return;
      }
      await ctx.reply(ctx.t("leave-dates-pick"), { reply_markup: await picker(ctx) });
    }),
  );

  composer.callbackQuery(/^ld:(\d{4}-\d{2}-\d{2}|done)$/, (ctx) =>
    guarded(ctx, async () => {
      if (ctx.match[1] === "done") {
        await ctx.answerCallbackQuery();
        await ctx.editMessageText(ctx.t("leave-dates-done"));
        return;
      }
      const night = ctx.match[1]!;
      const current = await listLeaveDates(ctx.domain(), ctx.deps.policy);
      const result = await setLeaveDates(ctx.domain(), current.includes(night) ? { remove: [night] } : { add: [night] }, ctx.deps.policy);
      ctx.deps.nudgeOutbox();
      await ctx.answerCallbackQuery(result.released ? { text: ctx.t("leave-dates-released"), show_alert: true } : {});
      await ctx.editMessageReplyMarkup({ reply_markup: await picker(ctx) });
    }),
  );

  return composer;
}

/** Four weeks from tonight; nights on leave are ticked. */
async function picker(ctx: DialogContext): Promise<InlineKeyboard> {
  const locale = await ctx.i18n.getLocale();
  const leave = new Set(await listLeaveDates(ctx.domain(), ctx.deps.policy));
  const first = localNight(ctx.deps.clock(), ctx.deps.policy.timeZone);
  const keyboard = new InlineKeyboard();
  for (let i = 0; i < PICKER_DAYS; i++) {
    const night = addDays(first, i);
    keyboard.text(`${leave.has(night) ? "🏖" : ""}${formatNight(night, locale)}`, `ld:${night}`);
    if (i % 4 === 3) keyboard.row();
  }
  return keyboard.row().text(ctx.t("btn-done"), "ld:done");
}
