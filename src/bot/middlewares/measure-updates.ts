import type { BotError, Context, MiddlewareFn } from "grammy";
import type { Update } from "grammy/types";
import { isDomainError } from "../../domain/errors.js";
import type { Metrics, UpdateOutcome } from "../../metrics/metrics.js";

/** A bounded label for an update: its type, and for messages what they carry. */
export function updateKind(update: Update): string {
  const message = update.message;
  if (!message) return Object.keys(update).find((key) => key !== "update_id") ?? "unknown";
  if (message.entities?.[0]?.type === "bot_command" && message.entities[0].offset === 0) return "command";
  for (const kind of ["text", "location", "contact", "photo", "voice", "document"] as const) if (message[kind] !== undefined) return kind;
  return "other_message";
}

/**
 * Counts each update and times it from arrival (waits behind the same chat included) to the end
 * of its handling. The error boundary inside tells of a failure it caught; a refusal the user was
 * told of (a domain error) is a handled update, counted by its reason where it is told.
 */
export function measureUpdates(metrics: Metrics | undefined) {
  const outcomes = new WeakMap<Context, UpdateOutcome>();
  const middleware: MiddlewareFn<Context> = async (ctx, next) => {
    if (!metrics) return next();
    const started = performance.now();
    let outcome: UpdateOutcome | undefined;
    try {
      await next();
    } catch (error) {
      outcome = "error";
      throw error;
    } finally {
      metrics.updateHandled(updateKind(ctx.update), outcome ?? outcomes.get(ctx) ?? "ok", (performance.now() - started) / 1000);
    }
  };
  return {
    middleware,
    noteError(error: BotError<Context>) {
      if (!isDomainError(error.error)) outcomes.set(error.ctx, "error");
    },
  };
}
