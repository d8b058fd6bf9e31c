import type { Composer } from "grammy";
import { InlineKeyboard, InputFile } from "grammy";
import { LeanComposer } from "../lean-composer.js";
import { teamLabel } from "../../org/team-scope.js";
import { createInvite, INVITE_PREFIX, listInvites, revokeInvite } from "../../roster/invites.js";
import type { BotContext } from "../context.js";
import { guarded } from "../errors.js";
import { invitePoster } from "../views/posters.js";
import { pickTeam, teamPickPattern } from "../team-picker.js";

/** /invite makes a deep link and a printable QR code for a team; /invites lists and revokes them. */
export function inviteFeature(): Composer<BotContext> {
  const composer = new LeanComposer<BotContext>();
  const chat = composer.chatType("private");

  const sendInvite = (ctx: BotContext, teamId: number) =>
    guarded(ctx, async () => {
      const invite = await createInvite(ctx.domain(), { teamId, ttlDays: ctx.deps.config.INVITE_TTL_DAYS });
      const link = `https://t.me/${ctx.me.username}?start=${INVITE_PREFIX}${invite.code}`;
      const expires = invite.expiresAt!.toLocaleDateString("sv-SE", { timeZone: ctx.deps.config.BOT_TIMEZONE });
      const text = ctx.t("invite-created", { team: teamLabel(invite.scope), link, expires });
      const png = await invitePoster(ctx, invite.scope, link);
      // A file, not a photo: Telegram would shrink and recompress a photo, and this one is printed.
      await ctx.replyWithDocument(new InputFile(png, `invite-${invite.code}.png`), {
        caption: text,
        reply_markup: new InlineKeyboard().text(ctx.t("btn-revoke"), `inv:x:${invite.id}`),
      });
    });

  const sendList = (ctx: BotContext, teamId: number) =>
    guarded(ctx, async () => {
      const invites = await listInvites(ctx.domain(), teamId);
      if (invites.length === 0) {
        await ctx.reply(ctx.t("invites-none"));
        return;
      }
      const keyboard = new InlineKeyboard();
      const lines = [ctx.t("invites-title")];
      for (const invite of invites) {
        const expires = invite.expiresAt?.toLocaleDateString("sv-SE", { timeZone: ctx.deps.config.BOT_TIMEZONE }) ?? "-";
        lines.push(ctx.t("invites-line", { code: invite.code, uses: invite.uses, expires }));
        keyboard.text(`${ctx.t("btn-revoke")} ${invite.code}`, `inv:x:${invite.id}`).row();
      }
      await ctx.reply(lines.join("\n"), { reply_markup: keyboard });
    });

  chat.command("invite", async (ctx) => {
    const teamId = await pickTeam(ctx, "invite", ctx.match);
    if (teamId !== null) await sendInvite(ctx, teamId);
  });
  chat.command("invites", async (ctx) => {
    const teamId = await pickTeam(ctx, "invites", ctx.match);
    if (teamId !== null) await sendList(ctx, teamId);
  });
  composer.callbackQuery(teamPickPattern("invite"), async (ctx) => {
    await ctx.answerCallbackQuery();
    await sendInvite(ctx, Number(ctx.match[1]));
  });
  composer.callbackQuery(teamPickPattern("invites"), async (ctx) => {
    await ctx.answerCallbackQuery();
    await sendList(ctx, Number(ctx.match[1]));
  });
  composer.callbackQuery(/^inv:x:(\d{1,9})$/, (ctx) =>
    guarded(ctx, async () => {
      const invite = await revokeInvite(ctx.domain(), Number(ctx.match[1]));
      await ctx.answerCallbackQuery({ text: ctx.t("invite-revoked", { code: invite.code }) });
      await ctx.editMessageReplyMarkup();
    }),
  );

  return composer;
}
