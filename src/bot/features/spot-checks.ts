import type { Composer } from "grammy";
import { LeanComposer } from "../lean-composer.js";
import { listSpotChecks } from "../../spotchecks/list-spot-checks.js";
import { stars } from "../../spotchecks/spot-check-limits.js";
import type { BotContext } from "../context.js";
import { guarded } from "../errors.js";
import { replyInParts } from "../views/long-reply.js";
import { renderArgs } from "../views/shift.js";

/** How much of each visit's findings the weekly list shows. */
const FINDINGS_SHOWN = 80;

/**
 * /spotcheck opens the visit dialog (which refuses anyone but supervisors and coordinators);
 * /spotchecks lists the last seven nights' visits in the caller's towns or the district.
 */
export function spotChecksFeature(): Composer<BotContext> {
  const composer = new LeanComposer<BotContext>();
  const chat = composer.chatType("private");
  chat.command("spotcheck", async (ctx) => {
    await ctx.conversation.exitAll();
    await ctx.conversation.enter("spotcheck");
  });

  chat.command("spotchecks", (ctx) =>
    guarded(ctx, async () => {
      const list = await listSpotChecks(ctx.domain(), ctx.deps.config.BOT_TIMEZONE);
      const range = await renderArgs(ctx, { from: { date: list.from }, to: { date: list.to } });
      if (list.total === 0) return void (await ctx.reply(ctx.t("spotchecks-none", range)));
      const lines = [ctx.t("spotchecks-title", { ...range, total: list.total })];
      for (const c of list.checks) {
        const { when } = await renderArgs(ctx, { when: { datetime: c.visitedAt.toISOString() } });
        const findings = c.findings.length > FINDINGS_SHOWN ? `${c.findings.slice(0, FINDINGS_SHOWN - 1).trimEnd()}…` : c.findings;
        lines.push(
          ctx.t("spotchecks-line", {
            when: when!,
            team: `${c.teamId} · ${c.teamName}`,
            town: c.townName,
            out: ctx.t(c.teamOut ? "spotchecks-out" : "spotchecks-not-out"),
            present: c.presentCount,
            rating: stars(c.rating),
            visitor: c.visitor ?? "-",
            photos: c.photos,
            findings: findings.replace(/\s*\n\s*/g, " / "),
          }),
        );
      }
      if (list.total > list.checks.length) lines.push(ctx.t("spotchecks-more", { count: list.total - list.checks.length }));
      await replyInParts(ctx, lines);
    }),
  );
  return composer;
}
