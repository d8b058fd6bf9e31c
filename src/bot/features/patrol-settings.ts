import type { Composer } from "grammy";
import { LeanComposer } from "../lean-composer.js";
import { parsePatrolSettings, patrolSettings, updatePatrolSettings } from "../../shifts/duty-settings.js";
import type { BotContext } from "../context.js";
import { guarded } from "../errors.js";
import { pickTeam } from "../team-picker.js";

/**
 * /patrol shows the team's patrol window and headcounts; "/patrol 20:00-24:00 4 8 8" changes them
 * (normal, heightened, level 1). Leaders for their team, supervisors and coordinators by team.
 */
export function patrolSettingsFeature(): Composer<BotContext> {
  const composer = new LeanComposer<BotContext>();
  composer.chatType("private").command("patrol", (ctx) =>
    guarded(ctx, async () => {
      // "/patrol 12 20:00-24:00 4 8 8" names the team first, for those who lead several.
      const text = ctx.match.trim();
      const teamFirst = /^(\d+)(?:\s+(.+))?$/.exec(text);
      const teamArg = teamFirst ? teamFirst[1]! : "";
      const settingsText = teamFirst ? (teamFirst[2] ?? "") : text;
      const settings = settingsText ? parsePatrolSettings(settingsText) : null;
      if (settingsText && !settings) {
        await ctx.reply(ctx.t("patrol-usage"));
        return;
      }
      const teamId = await pickTeam(ctx, "patrol", teamArg);
      if (teamId === null) return;
      if (settings) await updatePatrolSettings(ctx.domain(), teamId, settings, ctx.deps.policy);
      const current = await patrolSettings(ctx.domain(), teamId);
      await ctx.reply(ctx.t(settings ? "patrol-updated" : "patrol-current", { ...current, team: current.teamName }));
    }),
  );
  return composer;
}
