import type { Composer } from "grammy";
import { LeanComposer } from "../lean-composer.js";
import { attachCheckInLocation, checkIn, checkOut } from "../../shifts/check-in.js";
import { checkOutButtons } from "../../shifts/shift-buttons.js";
import { shiftArgs } from "../../shifts/shift-facts.js";
import { upcomingShifts } from "../../shifts/upcoming-shifts.js";
import type { BotContext, DialogContext } from "../context.js";
import { guarded } from "../errors.js";
import { keyboardOf, renderArgs } from "../views/shift.js";

/**
 * Check-in and check-out, by the reminder's buttons or /checkin and /checkout, with an optional
 * (live) location; and /shifts, the volunteer's own coming shifts.
 */
export function attendanceFeature(): Composer<BotContext> {
  const composer = new LeanComposer<BotContext>();
  const chat = composer.chatType("private");

  const doCheckIn = (ctx: DialogContext, assignmentId?: number) =>
    guarded(ctx, async () => {
      const location = ctx.message?.location;
      const facts = await checkIn(ctx.domain(), ctx.deps.policy, { ...(assignmentId ? { assignmentId } : {}), ...(location ? { location } : {}) });
      if (ctx.callbackQuery) await ctx.answerCallbackQuery();
      await ctx.reply(ctx.t("checkin-done", await renderArgs(ctx, shiftArgs(facts))), { reply_markup: keyboardOf(ctx, checkOutButtons(facts.assignmentId)) });
    });

  const doCheckOut = (ctx: DialogContext, assignmentId?: number) =>
    guarded(ctx, async () => {
      await checkOut(ctx.domain(), ctx.deps.policy, assignmentId ? { assignmentId } : {});
      if (ctx.callbackQuery) await ctx.answerCallbackQuery();
      await ctx.reply(ctx.t("checkout-done"), { reply_markup: { remove_keyboard: true } });
    });

  chat.command("checkin", (ctx) => doCheckIn(ctx));
  chat.command("checkout", (ctx) => doCheckOut(ctx));
  composer.callbackQuery(/^ci:(\d{1,9})$/, (ctx) => doCheckIn(ctx, Number(ctx.match[1])));
  composer.callbackQuery(/^co:(\d{1,9})$/, (ctx) => doCheckOut(ctx, Number(ctx.match[1])));

  // A location, or a live location's first position, goes onto tonight's check-in.
  chat.on(["message:location", "edited_message:location"], (ctx) =>
    guarded(ctx, async () => {
      const { latitude, longitude } = (ctx.message ?? ctx.editedMessage)!.location!;
      const saved = await attachCheckInLocation(ctx.domain(), ctx.deps.policy, { latitude, longitude });
      if (saved && ctx.message) await ctx.reply(ctx.t("checkin-location-saved"), { reply_markup: { remove_keyboard: true } });
    }),
  );

  chat.command("shifts", async (ctx) => {
    const shifts = await upcomingShifts(ctx.domain());
    if (shifts.length === 0) {
      await ctx.reply(ctx.t("shifts-none"));
      return;
    }
    const lines = [ctx.t("shifts-title")];
    for (const s of shifts) {
      const status = ` ${ctx.t(`shifts-status-${s.reply ?? "none"}`)}`;
      lines.push(ctx.t("shifts-line", { ...(await renderArgs(ctx, shiftArgs(s))), status }));
    }
    await ctx.reply(lines.join("\n"));
  });

  return composer;
}
