import type { BotError} from "grammy";
import { GrammyError, HttpError } from "grammy";
import { isDomainError, type DomainError } from "../domain/errors.js";
import type { BotContext, DialogContext } from "./context.js";
import { messageKeys } from "./i18n.js";
import { excerpt } from "./views/excerpt.js";

const known = messageKeys("en");

/**
 * "invite.expired" → "err-invite-expired" when that message exists, else the message for the
 * error's kind ("err-forbidden"), so a new reason is never shown as a bare key.
 */
export function errorKey(error: DomainError): string {
  const specific = reasonKey(error.reason);
  return known.has(specific) ? specific : `err-${error.code.replace(/_/g, "-")}`;
}

export const reasonKey = (reason: string) => `err-${reason.replace(/[._]/g, "-")}`;

/** An error's details as message arguments; what a user wrote is quoted only in part. */
export function errorArgs(error: DomainError): Record<string, string | number> {
  return Object.fromEntries(Object.entries(error.details).map(([name, value]) => [name, typeof value === "string" ? excerpt(value) : value]));
}

export function describeError(ctx: DialogContext, error: DomainError): string {
  return ctx.t(errorKey(error), errorArgs(error));
}

/** Telegram refuses a popup longer than this, and the refusal would leave the button spinning. */
const POPUP_MAX = 200;

/**
 * Tells the user why their request did nothing. A pressed button gets a popup, so a forged or
 * stale callback is answered without changing the chat.
 */
export async function replyWithError(ctx: DialogContext, error: unknown): Promise<void> {
  if (!isDomainError(error)) throw error;
  const text = describeError(ctx, error);
  ctx.logger.info({ reason: error.reason, code: error.code }, "request refused");
  ctx.deps.metrics?.refused(error.reason);
  if (ctx.callbackQuery) {
    await ctx.answerCallbackQuery({ text: excerpt(text, POPUP_MAX), show_alert: true });
  } else {
    await ctx.reply(text);
  }
}

/** Runs a handler body; domain errors become a clear message, anything else goes to the boundary. */
export async function guarded(ctx: DialogContext, work: () => Promise<void>): Promise<void> {
  try {
    await work();
  } catch (error) {
    await replyWithError(ctx, error);
  }
}

/** The last line of defence: log it, apologise, and keep the bot running. */
export async function handleBotError(error: BotError<BotContext>): Promise<void> {
  const ctx = error.ctx;
  const cause = error.error;
  if (isDomainError(cause)) {
    await replyWithError(ctx, cause).catch(() => {});
    return;
  }
  const log = ctx.logger ?? console;
  if (cause instanceof GrammyError) log.error({ err: cause, method: cause.method }, "Telegram refused a request");
  else if (cause instanceof HttpError) log.error({ err: cause }, "could not reach Telegram");
  else log.error({ err: cause }, "update handler failed");
  try {
    const text = typeof ctx.t === "function" ? ctx.t("err-internal") : "Something went wrong. Please try again.";
    if (ctx.callbackQuery) await ctx.answerCallbackQuery({ text, show_alert: true });
    else if (ctx.chat) await ctx.reply(text);
  } catch {
    // Telegram unreachable too; the log line above is what remains.
  }
}
