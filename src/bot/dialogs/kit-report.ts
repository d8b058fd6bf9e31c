import { InlineKeyboard } from "grammy";
import { KIT_ITEMS, KIT_REQUEST_KINDS, QUANTITY_MAX, type KitItem, type KitRequestKind } from "../../kit/kit-items.js";
import { NOTE_MAX, requestKit } from "../../kit/request-kit.js";
import { readNumber } from "../../logs/parse-log-counts.js";
import type { DialogContext } from "../context.js";
import { itemName } from "../views/kit.js";
import { attempt } from "./attempt.js";
import { answerPress, choose, nextInput, saysDone, type DialogConversation } from "./next-input.js";

/**
 * ⚠️ Report missing/worn: which item, missing or worn out, how many, a note (or Skip). The request
 * stays open for the coordinators until one of them marks it handled.
 */
export async function kitReportDialog(conversation: DialogConversation, ctx: DialogContext, teamId: number): Promise<void> {
  const items = new InlineKeyboard();
  KIT_ITEMS.forEach((item, i) => {
    items.text(itemName(ctx, item), `kd:i:${item}`);
    if (i % 2 === 1) items.row();
  });
  await ctx.reply(ctx.t("kit-ask-item"), { reply_markup: items });
  const item = (await choose(conversation, "kd:", /^kd:i:(vest|cap|armband|first_aid_kit|logbook)$/)).match[1] as KitItem;

  const kinds = new InlineKeyboard();
  KIT_REQUEST_KINDS.forEach((kind) => kinds.text(ctx.t(`kit-kind-${kind}`), `kd:k:${kind}`));
  await ctx.reply(ctx.t("kit-ask-kind", { item: itemName(ctx, item) }), { reply_markup: kinds });
  const kind = (await choose(conversation, "kd:", /^kd:k:(missing|worn)$/)).match[1] as KitRequestKind;

  await ctx.reply(ctx.t("kit-ask-quantity", { max: QUANTITY_MAX }));
  let quantity = 0;
  while (quantity === 0) {
    const u = await nextInput(conversation, "kd:");
    if (u.callbackQuery) await answerPress(u);
    const n = readNumber(u.message?.text?.trim().replace(/\s*[件个顶只条本套副盒箱份]$/, "") ?? "");
    if (n !== undefined && n >= 1 && n <= QUANTITY_MAX) quantity = n;
    else if (!u.callbackQuery) await u.reply(ctx.t("kit-quantity-invalid", { max: QUANTITY_MAX }));
  }

  await ctx.reply(ctx.t("kit-ask-note", { max: NOTE_MAX }), { reply_markup: new InlineKeyboard().text(ctx.t("btn-skip"), "kd:skip") });
  let note: string | null = null;
  let key = "";
  for (;;) {
    const u = await nextInput(conversation, "kd:");
    if (u.callbackQuery) await answerPress(u);
    key = `kitreq:${u.chat?.id}:${u.callbackQuery?.message?.message_id ?? u.message?.message_id}`;
    if (u.callbackQuery?.data === "kd:skip" || saysDone(u.message?.text, ctx.t("btn-skip").toLowerCase())) break;
    const text = u.message?.text?.trim();
    if (text && text.length <= NOTE_MAX) {
      note = text;
      break;
    }
    if (!u.callbackQuery) await u.reply(ctx.t(text ? "kit-note-too-long" : "hint-text-expected", { max: NOTE_MAX, length: text?.length ?? 0 }));
  }

  const sent = await attempt(conversation, (o) => requestKit(o.domain(), { teamId, item, kind, quantity, note, clientKey: key }));
  if (!sent.ok) return void (await ctx.reply(ctx.t(sent.key, sent.args)));
  await ctx.reply(ctx.t("kit-request-recorded", { id: sent.value.requestId, quantity, item: itemName(ctx, item), kind: ctx.t(`kit-kind-${kind}`) }));
}
