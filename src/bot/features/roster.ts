import type { Composer} from "grammy";
import { InlineKeyboard } from "grammy";
import { LeanComposer } from "../lean-composer.js";
import { teamLabel } from "../../org/team-scope.js";
import { addableMembers, addToShift, removeFromShift, shiftMembers } from "../../shifts/adjust-roster.js";
import { showBoard, shiftsToLead } from "../../shifts/board.js";
import { handOverShift, markPresent, shiftLeadCandidates } from "../../shifts/lead-shift.js";
import type { BotContext } from "../context.js";
import { guarded } from "../errors.js";
import { nightInput, parseInput } from "../parse-input.js";

/**
 * /roster: tonight's live board for the shift leader, edited in place as people answer, check in
 * or fail to; with "mark present" for each person not checked in and a hand-over to a deputy.
 */
export function rosterFeature(): Composer<BotContext> {
  const composer = new LeanComposer<BotContext>();

  composer.chatType("private").command("roster", (ctx) =>
    guarded(ctx, async () => {
      const typed = ctx.match.trim();
      const night = typed ? parseInput(nightInput, typed, "roster.bad_date") : undefined;
      const shifts = await shiftsToLead(ctx.domain(), night);
      if (shifts.length === 0) {
        await ctx.reply(ctx.t("roster-none"));
        return;
      }
      if (shifts.length === 1) {
        await showBoard(ctx.domain(), shifts[0]!.shiftId);
        ctx.deps.nudgeOutbox();
        return;
      }
      const keyboard = new InlineKeyboard();
      for (const s of shifts) keyboard.text(`${s.night} ${s.startTime} · ${teamLabel(s)}`, `rb:${s.shiftId}`).row();
      await ctx.reply(ctx.t("roster-pick"), { reply_markup: keyboard });
    }),
  );

  composer.callbackQuery(/^rb:(\d{1,9})$/, (ctx) =>
    guarded(ctx, async () => {
      await showBoard(ctx.domain(), Number(ctx.match[1]));
      ctx.deps.nudgeOutbox();
      await ctx.answerCallbackQuery();
    }),
  );

  composer.callbackQuery(/^mp:(\d{1,9})$/, (ctx) =>
    guarded(ctx, async () => {
      await markPresent(ctx.domain(), Number(ctx.match[1]));
      await ctx.answerCallbackQuery({ text: ctx.t("present-marked") });
    }),
  );

  composer.callbackQuery(/^hl:(\d{1,9})$/, (ctx) =>
    guarded(ctx, async () => {
      const shiftId = Number(ctx.match[1]);
      const { leads } = await shiftLeadCandidates(ctx.domain(), shiftId);
      const keyboard = new InlineKeyboard();
      for (const l of leads) keyboard.text(l.name ?? "-", `hs:${shiftId}:${l.personId}`).row();
      await ctx.answerCallbackQuery();
      await ctx.reply(ctx.t("handover-who"), { reply_markup: keyboard });
    }),
  );

  composer.callbackQuery(/^hs:(\d{1,9}):(\d{1,9})$/, (ctx) =>
    guarded(ctx, async () => {
      await handOverShift(ctx.domain(), Number(ctx.match[1]), Number(ctx.match[2]));
      ctx.deps.nudgeOutbox();
      await ctx.answerCallbackQuery({ text: ctx.t("handover-done") });
    }),
  );

  composer.callbackQuery(/^ra:(\d{1,9})$/, (ctx) =>
    guarded(ctx, async () => {
      const shiftId = Number(ctx.match[1]);
      const members = await addableMembers(ctx.domain(), shiftId);
      await ctx.answerCallbackQuery();
      if (members.length === 0) {
        await ctx.reply(ctx.t("roster-nobody-free"));
        return;
      }
      const keyboard = new InlineKeyboard();
      for (const m of members) keyboard.text(m.name ?? "-", `rp:${shiftId}:${m.personId}`).row();
      await ctx.reply(ctx.t("roster-add-who"), { reply_markup: keyboard });
    }),
  );

  composer.callbackQuery(/^rp:(\d{1,9}):(\d{1,9})$/, (ctx) =>
    guarded(ctx, async () => {
      await addToShift(ctx.domain(), Number(ctx.match[1]), Number(ctx.match[2]), ctx.deps.policy);
      ctx.deps.nudgeOutbox();
      await ctx.answerCallbackQuery({ text: ctx.t("roster-added") });
    }),
  );

  composer.callbackQuery(/^rr:(\d{1,9})$/, (ctx) =>
    guarded(ctx, async () => {
      const members = await shiftMembers(ctx.domain(), Number(ctx.match[1]));
      const keyboard = new InlineKeyboard();
      for (const m of members) keyboard.text(m.name ?? "-", `rx:${m.assignmentId}`).row();
      await ctx.answerCallbackQuery();
      await ctx.reply(ctx.t("roster-remove-who"), { reply_markup: keyboard });
    }),
  );

  composer.callbackQuery(/^rx:(\d{1,9})$/, (ctx) =>
    guarded(ctx, async () => {
      await removeFromShift(ctx.domain(), Number(ctx.match[1]));
      ctx.deps.nudgeOutbox();
      await ctx.answerCallbackQuery({ text: ctx.t("roster-removed") });
    }),
  );

  return composer;
}
