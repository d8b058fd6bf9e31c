import type { TextRef } from "../../outbox/payload.js";
import type { DialogContext } from "../context.js";
import { resolveArgs } from "../deliver.js";

/**
 * Renders texts as verbs build them for the outbox (nested keys, dates) in this chat's language,
 * for direct replies and for the labels of a chart or a CSV drawn in the handler.
 */
export async function textRenderer(ctx: DialogContext): Promise<(ref: TextRef) => string> {
  const locale = await ctx.i18n.getLocale();
  const translate = (_locale: string, key: string, args?: Record<string, string | number>) => ctx.t(key, args);
  return (ref) => ctx.t(ref.key, resolveArgs(ref.args, locale, translate, ctx.deps.config.BOT_TIMEZONE));
}
