import type { Composer} from "grammy";
import { InlineKeyboard } from "grammy";
import { LeanComposer } from "../lean-composer.js";
import { describePerson } from "../../people/describe-person.js";
import { forgetPerson } from "../../people/forget-person.js";
import { teamLabel } from "../../org/team-scope.js";
import { leaveTeam } from "../../roster/leave-team.js";
import type { BotContext } from "../context.js";
import { guarded } from "../errors.js";

/** /leave and /forgetme: a volunteer's own exits, each behind a confirmation button. */
export function membershipFeature(): Composer<BotContext> {
  const composer = new LeanComposer<BotContext>();
  const chat = composer.chatType("private");

  chat.command("leave", async (ctx) => {
    const profile = await describePerson(ctx.deps.db, ctx.person!.personId);
    if (profile.memberships.length === 0) {
      await ctx.reply(ctx.t("err-leave-not-member"));
      return;
    }
    const keyboard = new InlineKeyboard();
    for (const m of profile.memberships) keyboard.text(ctx.t("btn-leave-team", { team: m.teamName }), `lt:${m.teamId}`).row();
    await ctx.reply(ctx.t("leave-confirm"), { reply_markup: keyboard.text(ctx.t("btn-cancel"), "lt:no") });
  });

  composer.callbackQuery(/^lt:(\d{1,9}|no)$/, (ctx) =>
    guarded(ctx, async () => {
      await ctx.answerCallbackQuery();
      if (ctx.match[1] === "no") {
        await ctx.editMessageText(ctx.t("cancelled"));
        return;
      }
      // The verb only ever ends the presser's own membership, whatever team id was sent.
      const teamId = Number(ctx.match[1]);
      const profile = await describePerson(ctx.deps.db, ctx.person!.personId);
      const membership = profile.memberships.find((m) => m.teamId === teamId);
      await leaveTeam(ctx.domain(), teamId);
      ctx.deps.nudgeOutbox();
      await ctx.editMessageText(ctx.t("leave-done", { team: membership ? teamLabel(membership) : String(teamId) }));
    }),
  );

  chat.command("forgetme", async (ctx) => {
    await ctx.reply(ctx.t("forget-confirm"), {
      reply_markup: new InlineKeyboard().text(ctx.t("btn-forget-yes"), "fg:yes").text(ctx.t("btn-cancel"), "fg:no"),
    });
  });

  composer.callbackQuery(/^fg:(yes|no)$/, (ctx) =>
    guarded(ctx, async () => {
      await ctx.answerCallbackQuery();
      if (ctx.match[1] === "no") {
        await ctx.editMessageText(ctx.t("cancelled"));
        return;
      }
      await ctx.conversation.exitAll();
      await forgetPerson(ctx.domain(), ctx.person!.personId);
      ctx.deps.nudgeOutbox();
      await ctx.editMessageText(ctx.t("forget-done"));
    }),
  );

  return composer;
}
