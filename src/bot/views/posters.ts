import type { TeamScope } from "../../org/team-scope.js";
import type { DialogContext } from "../context.js";
import { posterPng } from "../render/poster-png.js";

/**
 * The Chinese line goes on every poster: it hangs where residents and volunteers read Chinese,
 * whoever printed it. Someone reading the bot in English also gets the line in English under it.
 */
const CHINESE = "zh";

async function instructions(ctx: DialogContext, key: string): Promise<string[]> {
  const zh = ctx.deps.i18n.t(CHINESE, key);
  return (await ctx.i18n.getLocale()) === "zh" ? [zh] : [zh, ctx.t(key)];
}

/** A team's invite link as a poster: the team's name, where it is, how to sign up. */
export async function invitePoster(ctx: DialogContext, scope: Pick<TeamScope, "teamName" | "communityName" | "townName">, link: string): Promise<Buffer> {
  return posterPng({
    title: scope.teamName,
    subtitle: `${scope.townName} · ${scope.communityName}`,
    instructions: await instructions(ctx, "poster-invite-line"),
    bot: ctx.me.username,
    link,
  });
}

/** The public report link as a poster for notice boards. */
export async function reportPoster(ctx: DialogContext, link: string): Promise<Buffer> {
  const district = ctx.deps.config.DISTRICT_NAME;
  return posterPng({
    title: ctx.deps.i18n.t(CHINESE, "poster-report-title", { district }),
    instructions: await instructions(ctx, "poster-report-line"),
    bot: ctx.me.username,
    link,
  });
}
