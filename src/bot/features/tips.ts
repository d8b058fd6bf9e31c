import { Composer } from "grammy";
import { listTips } from "../../incidents/list-tips.js";
import type { BotContext } from "../context.js";
import { guarded } from "../errors.js";

/** /tips: open and verified tips, and useful tips per team and per volunteer (coordinators, police liaisons). */
export function tipsFeature(): Composer<BotContext> {
  const composer = new Composer<BotContext>();
  composer.chatType("private").command("tips", (ctx) =>
    guarded(ctx, async () => {
      const tips = await listTips(ctx.domain());
      const line = (t: (typeof tips.open)[number]) =>
        ctx.t("tips-line", { ref: t.ref, category: ctx.t(`category-${t.category}`), team: t.team ?? ctx.t("incident-public"), text: (t.description ?? "🎤").slice(0, 80) });
      const count = (c: { name?: string | null; team?: string | null; n: number }) => `${c.name ?? c.team ?? "-"}: ${c.n}`;
      const sections = [
        ctx.t("tips-open", { count: tips.open.length }),
        ...tips.open.map(line),
        "",
        ctx.t("tips-verified", { count: tips.verified.length }),
        ...tips.verified.map(line),
        "",
        ctx.t("tips-by-team"),
        ...(tips.byTeam.length ? tips.byTeam.map(count) : ["-"]),
        "",
        ctx.t("tips-by-volunteer"),
        ...(tips.byVolunteer.length ? tips.byVolunteer.map(count) : ["-"]),
      ];
      await ctx.reply(sections.join("\n"));
    }),
  );
  return composer;
}
