import type { Composer} from "grammy";
import { InlineKeyboard } from "grammy";
import { LeanComposer } from "../lean-composer.js";
import { handleKitRequest } from "../../kit/handle-kit-request.js";
import { kitAudience, requireKitLead } from "../../kit/kit-access.js";
import { findTeams } from "../../org/find-teams.js";
import type { BotContext } from "../context.js";
import { guarded } from "../errors.js";
import { pickTeam, teamPickPattern } from "../team-picker.js";
import { keyboardOfView, kitOverviewView, teamKitView } from "../views/kit.js";
import { replyInParts } from "../views/long-reply.js";

/**
 * /kit: a leader sees their team's kit with ✏️ Update counts and ⚠️ Report missing/worn; a
 * coordinator the district's totals, the teams short of a full set and the open requests with
 * ✅ Handled; a supervisor the same for their towns, without the buttons. `/kit <team>` shows one
 * team to whoever may see it. Every button goes through a verb that checks the presser again.
 */
export function kitFeature(): Composer<BotContext> {
  const composer = new LeanComposer<BotContext>();
  const chat = composer.chatType("private");

  chat.command("kit", (ctx) =>
    guarded(ctx, async () => {
      const audience = await kitAudience(ctx.domain());
      if (ctx.match.trim()) {
        const teamId = await pickTeam(ctx, "kit", ctx.match);
        if (teamId !== null) await showTeam(ctx, teamId);
        return;
      }
      if (audience.teamIds.length === 1) await showTeam(ctx, audience.teamIds[0]!);
      if (audience.teamIds.length > 1) {
        const keyboard = new InlineKeyboard();
        for (const id of audience.teamIds) {
          const [team] = await findTeams(ctx.deps.db, String(id));
          keyboard.text(`${id} · ${team?.teamName ?? "?"}`, `tp:kit:${id}`).row();
        }
        await ctx.reply(ctx.t("kit-pick-team"), { reply_markup: keyboard });
      }
      if (audience.overview) {
        const view = await kitOverviewView(ctx);
        await replyInParts(ctx, view.blocks, keyboardOfView(view));
      }
    }),
  );
  composer.callbackQuery(teamPickPattern("kit"), (ctx) =>
    guarded(ctx, async () => {
      await ctx.answerCallbackQuery();
      await showTeam(ctx, Number(ctx.match[1]));
    }),
  );

  for (const [action, dialog] of [["u", "kitcount"], ["r", "kitreport"]] as const) {
    composer.callbackQuery(new RegExp(`^kt:${action}:(\\d{1,9})$`), (ctx) =>
      guarded(ctx, async () => {
        const teamId = Number(ctx.match[1]);
        await requireKitLead(ctx.domain(), teamId); // a forged team id stops here, before any dialog
        await ctx.answerCallbackQuery();
        await ctx.conversation.exitAll();
        await ctx.conversation.enter(dialog, teamId);
      }),
    );
  }

  composer.callbackQuery(/^kt:h:(\d{1,9})$/, (ctx) =>
    guarded(ctx, async () => {
      await handleKitRequest(ctx.domain(), Number(ctx.match[1]));
      ctx.deps.nudgeOutbox();
      await ctx.answerCallbackQuery(ctx.t("kit-handled-done", { id: Number(ctx.match[1]) }));
      // The overview again, without the handled request; as a new message when it no longer fits one.
      const view = await kitOverviewView(ctx);
      if (view.blocks.join("\n\n").length <= 3800) {
        await ctx.editMessageText(view.blocks.join("\n\n"), { reply_markup: keyboardOfView(view) ?? { inline_keyboard: [] } }).catch(() => {});
      } else await replyInParts(ctx, view.blocks, keyboardOfView(view));
    }),
  );
  return composer;
}

async function showTeam(ctx: BotContext, teamId: number): Promise<void> {
  const view = await teamKitView(ctx, teamId);
  await replyInParts(ctx, view.blocks, keyboardOfView(view));
}
