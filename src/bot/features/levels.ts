import type { Composer } from "grammy";
import { LeanComposer } from "../lean-composer.js";
import { levelStatus } from "../../levels/level-status.js";
import { addSpecialDay, listSpecialDays, removeSpecialDay } from "../../levels/special-days.js";
import { localNight } from "../../shifts/night.js";
import type { BotContext } from "../context.js";
import { guarded } from "../errors.js";
import { renderArgs } from "../views/shift.js";

const KINDS: Record<string, "social_patrol_day" | "holiday"> = { patrol: "social_patrol_day", 巡防日: "social_patrol_day", holiday: "holiday", 节假日: "holiday" };

/**
 * /status: the response level in force where you patrol. /specialdays: the calendar of social
 * patrol days and holidays; coordinators add ("/specialdays add 2027-10-01 holiday National Day")
 * and remove ("/specialdays remove 2027-10-01") nights, checked again by the verbs.
 */
export function levelsFeature(): Composer<BotContext> {
  const composer = new LeanComposer<BotContext>();
  const chat = composer.chatType("private");

  chat.command("status", (ctx) =>
    guarded(ctx, async () => {
      const { level, town } = await levelStatus(ctx.domain(), ctx.deps.config.BOT_TIMEZONE);
      await ctx.reply(ctx.t("status-level", { code: level, level: ctx.t(`level-${level}`), area: town ?? ctx.t("status-district") }));
    }),
  );

  chat.command("specialdays", (ctx) =>
    guarded(ctx, async () => {
      const [verb, night, kind, ...name] = ctx.match.trim().split(/\s+/);
      if (verb === "add" || verb === "添加") {
        if (!night || !kind || !KINDS[kind] || name.length === 0) return void (await ctx.reply(ctx.t("specialdays-usage")));
        await addSpecialDay(ctx.domain(), { night, kind: KINDS[kind], name: name.join(" ") });
      } else if (verb === "remove" || verb === "删除") {
        if (!night) return void (await ctx.reply(ctx.t("specialdays-usage")));
        await removeSpecialDay(ctx.domain(), night);
      } else if (verb) return void (await ctx.reply(ctx.t("specialdays-usage")));
      const days = await listSpecialDays(ctx.domain(), localNight(ctx.deps.clock(), ctx.deps.config.BOT_TIMEZONE));
      if (days.length === 0) return void (await ctx.reply(ctx.t("specialdays-none")));
      const lines = [ctx.t("specialdays-title")];
      for (const d of days) lines.push(ctx.t("specialdays-line", await renderArgs(ctx, { date: { date: d.night }, kind: { key: `specialday-${d.kind}` }, name: d.name, level: { key: `level-${d.level}` } })));
      await ctx.reply(lines.join("\n"));
    }),
  );
  return composer;
}
