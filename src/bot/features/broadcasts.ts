import type { Composer} from "grammy";
import { InlineKeyboard } from "grammy";
import { LeanComposer } from "../lean-composer.js";
import type { InlineKeyboardButton } from "grammy/types";
import { ledTeamIds, loadAccess } from "../../access/access.js";
import { acknowledgeBroadcast } from "../../broadcasts/acknowledge-broadcast.js";
import { listBroadcasts } from "../../broadcasts/list-broadcasts.js";
import { nudgeTeam, teamReceipts } from "../../broadcasts/team-receipts.js";
import { ForbiddenError } from "../../domain/errors.js";
import { getTeamScope } from "../../org/team-scope.js";
import type { BotContext } from "../context.js";
import { guarded } from "../errors.js";
import { renderArgs } from "../views/shift.js";

/**
 * /level and /broadcast open their dialogs; /broadcasts lists recent ones. The buttons on a
 * broadcast: ✅ Received (recorded once), a leader's team receipts, and one-tap reminders. Every
 * press is checked by the verb against who pressed it.
 */
export function broadcastsFeature(): Composer<BotContext> {
  const composer = new LeanComposer<BotContext>();
  const chat = composer.chatType("private");
  for (const command of ["level", "broadcast"] as const) {
    chat.command(command, async (ctx) => {
      await ctx.conversation.exitAll();
      await ctx.conversation.enter(command);
    });
  }

  chat.command("broadcasts", (ctx) =>
    guarded(ctx, async () => {
      const { broadcasts, teamIds } = await listBroadcasts(ctx.domain());
      if (broadcasts.length === 0) return void (await ctx.reply(ctx.t("broadcasts-none")));
      const lines = [ctx.t("broadcasts-title")];
      const keyboard = new InlineKeyboard();
      for (const b of broadcasts) {
        const what = b.level ? ctx.t("broadcasts-level", { level: ctx.t(`level-${b.level}`) }) : b.text.length > 40 ? `${b.text.slice(0, 39).trimEnd()}…` : b.text;
        const args = await renderArgs(ctx, { when: { datetime: b.createdAt.toISOString() } });
        lines.push(ctx.t("broadcasts-line", { id: b.id, when: args.when!, what, ...b.figures, state: b.finishedAt ? "" : ctx.t("broadcasts-sending") }));
        if (teamIds.length > 0) keyboard.text(`👥 #${b.id}`, `bc:t:${b.id}`);
        if (keyboard.inline_keyboard.at(-1)!.length === 5) keyboard.row();
      }
      await ctx.reply(lines.join("\n"), teamIds.length > 0 ? { reply_markup: keyboard } : {});
    }),
  );

  composer.callbackQuery(/^bc:a:(\d{1,9})$/, (ctx) =>
    guarded(ctx, async () => {
      const result = await acknowledgeBroadcast(ctx.domain(), Number(ctx.match[1]));
      await ctx.answerCallbackQuery(ctx.t(result === "recorded" ? "broadcast-ack-thanks" : "broadcast-ack-already"));
      // The button gives way to a mark; the leader's receipts button stays.
      const rows = (ctx.callbackQuery.message?.reply_markup?.inline_keyboard ?? [])
        .map((row) => row.filter((b: InlineKeyboardButton) => !("callback_data" in b && b.callback_data.startsWith("bc:a:"))))
        .filter((row) => row.length > 0);
      await ctx.editMessageReplyMarkup({ reply_markup: { inline_keyboard: [[{ text: ctx.t("broadcast-received-mark"), callback_data: "bc:done" }], ...rows] } }).catch(() => {});
    }),
  );
  composer.callbackQuery("bc:done", (ctx) => ctx.answerCallbackQuery(ctx.t("broadcast-ack-already")));

  composer.callbackQuery(/^bc:t:(\d{1,9})$/, (ctx) =>
    guarded(ctx, async () => {
      const broadcastId = Number(ctx.match[1]);
      const teams = ledTeamIds(await loadAccess(ctx.deps.db, ctx.person!.personId));
      if (teams.length === 0) throw new ForbiddenError("broadcast.not_your_team");
      await ctx.answerCallbackQuery();
      for (const teamId of teams) {
        const receipts = await teamReceipts(ctx.domain(), broadcastId, teamId);
        const scope = await getTeamScope(ctx.deps.db, teamId);
        const missing =
          receipts.total === 0
            ? ctx.t("broadcast-team-none")
            : receipts.missing.length
              ? ctx.t("broadcast-team-missing", { names: receipts.missing.map((m) => m.name ?? "?").join(", ") })
              : ctx.t("broadcast-team-all");
        const text = ctx.t("broadcast-team-receipts", { id: broadcastId, team: scope.teamName, acknowledged: receipts.acknowledged, total: receipts.total, missing });
        const keyboard = receipts.missing.length ? new InlineKeyboard().text(ctx.t("btn-broadcast-nudge"), `bc:n:${broadcastId}:${teamId}`) : undefined;
        await ctx.reply(text, keyboard ? { reply_markup: keyboard } : {});
      }
    }),
  );

  composer.callbackQuery(/^bc:n:(\d{1,9}):(\d{1,9})$/, (ctx) =>
    guarded(ctx, async () => {
      const count = await nudgeTeam(ctx.domain(), Number(ctx.match[1]), Number(ctx.match[2]));
      await ctx.answerCallbackQuery({ text: count > 0 ? ctx.t("broadcast-nudged", { count }) : ctx.t("broadcast-nudged-none"), show_alert: true });
    }),
  );
  return composer;
}
