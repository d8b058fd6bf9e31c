import { InlineKeyboard } from "grammy";
import { levelAnnouncement } from "../../levels/level-announcement.js";
import { levelChoices } from "../../levels/level-choices.js";
import { levelHeadcount } from "../../levels/level-headcount.js";
import { parseWhen } from "../../levels/parse-when.js";
import { LEVELS } from "../../levels/response-levels.js";
import { setResponseLevel } from "../../levels/set-level.js";
import type { DialogContext } from "../context.js";
import { renderArgs } from "../views/shift.js";
import { attempt } from "./attempt.js";
import { answerPress, choose, nextInput, saysDone, type DialogConversation } from "./next-input.js";

/**
 * /level: the level, the district or a town, when it starts and ends, a message, then a
 * confirmation. Coordinators only: refused at the start, and the verb checks again on confirm.
 */
export async function levelDialog(conversation: DialogConversation, ctx: DialogContext): Promise<void> {
  const choices = await attempt(conversation, (o) => levelChoices(o.domain()));
  if (!choices.ok) return void (await ctx.reply(ctx.t(choices.key, choices.args)));
  const { towns } = choices.value;

  const levels = new InlineKeyboard();
  for (const level of LEVELS) levels.text(ctx.t(`level-${level}`), `lv:l:${level}`).row();
  await ctx.reply(ctx.t("level-ask-level"), { reply_markup: levels });
  const level = (await choose(conversation, "lv:", /^lv:l:(normal|heightened|level1)$/)).match[1] as (typeof LEVELS)[number];

  const scopes = new InlineKeyboard().text(ctx.t("btn-scope-district"), "lv:s:0").row();
  towns.forEach((t, i) => {
    scopes.text(t.name, `lv:s:${t.townId}`);
    if (i % 2 === 1) scopes.row();
  });
  await ctx.reply(ctx.t("level-ask-scope"), { reply_markup: scopes });
  const townId = Number((await choose(conversation, "lv:", /^lv:s:(\d{1,9})$/)).match[1]) || null;
  const area = townId === null ? ctx.t("status-district") : towns.find((t) => t.townId === townId)?.name ?? "?";

  const startsAt = await askWhen(conversation, ctx, "level-ask-start", "btn-level-now");
  const endsAt = await askWhen(conversation, ctx, "level-ask-end", "btn-level-until-changed", startsAt);

  await ctx.reply(ctx.t("level-ask-message"), { reply_markup: new InlineKeyboard().text(ctx.t("btn-skip"), "lv:skip") });
  let message: string | null = null;
  for (;;) {
    const u = await nextInput(conversation, "lv:");
    if (u.callbackQuery) await answerPress(u);
    if (u.callbackQuery?.data === "lv:skip" || saysDone(u.message?.text, ctx.t("btn-skip").toLowerCase())) break;
    const text = u.message?.text?.trim();
    if (text && text.length <= 1000) {
      message = text;
      break;
    }
    if (!u.callbackQuery) await u.reply(ctx.t("err-broadcast-invalid-text", { max: 1000 }));
  }

  // The confirmation shows the notice exactly as everyone in scope will read it.
  const headcount = await attempt(conversation, (o) => levelHeadcount(o.domain().db, level, townId));
  const announcement = levelAnnouncement({
    level,
    area: townId === null ? { key: "status-district" } : area,
    startsAt: startsAt ? new Date(startsAt) : null,
    endsAt: endsAt ? new Date(endsAt) : null,
    headcount: headcount.ok ? headcount.value : null,
    message,
  });
  await ctx.reply(ctx.t("level-confirm", await renderArgs(ctx, { announcement })), {
    reply_markup: new InlineKeyboard().text(ctx.t("btn-level-confirm"), "lv:ok").text(ctx.t("btn-cancel"), "lv:cancel"),
  });
  const { match, u } = await choose(conversation, "lv:", /^lv:(ok|cancel)$/);
  if (match[1] === "cancel") return void (await ctx.reply(ctx.t("cancelled")));
  const dedupeKey = `${u.chat?.id}:${u.callbackQuery?.message?.message_id}`;
  const done = await attempt(conversation, (o) =>
    setResponseLevel(o.domain(), { level, townId, startsAt: startsAt ? new Date(startsAt) : null, endsAt: endsAt ? new Date(endsAt) : null, message, dedupeKey }, o.deps.config.BOT_TIMEZONE),
  );
  if (!done.ok) return void (await ctx.reply(ctx.t(done.key, done.args)));
  const r = done.value;
  await ctx.reply(r.repeated ? ctx.t("level-repeated") : ctx.t("level-done", { level: ctx.t(`level-${level}`), area, shifts: r.shiftsChanged, offered: r.slotsOpened, released: r.released, recipients: r.recipients }));
}

/** A time typed by the coordinator, or the button (now / until changed) as null. ISO, so replays read it back. */
async function askWhen(conversation: DialogConversation, ctx: DialogContext, question: string, button: string, after: string | null = null): Promise<string | null> {
  await ctx.reply(ctx.t(question), { reply_markup: new InlineKeyboard().text(ctx.t(button), "lv:w:none") });
  for (;;) {
    const u = await nextInput(conversation, "lv:");
    if (u.callbackQuery) {
      await answerPress(u);
      if (u.callbackQuery.data === "lv:w:none") return null;
      continue;
    }
    const text = u.message?.text ?? "";
    const parsed = await conversation.external((o): { iso: string } | { problem: string } => {
      const when = parseWhen(text, o.deps.clock(), o.deps.config.BOT_TIMEZONE);
      if (!when) return { problem: "err-level-when" };
      if (when <= (after ? new Date(after) : o.deps.clock())) return { problem: after ? "err-level-end-before-start" : "err-level-start-in-past" };
      return { iso: when.toISOString() };
    });
    if ("iso" in parsed) return parsed.iso;
    await u.reply(ctx.t(parsed.problem));
  }
}
