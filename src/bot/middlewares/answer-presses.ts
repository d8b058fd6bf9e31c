import type { Middleware, Transformer } from "grammy";
import type { BotContext } from "../context.js";

/**
 * Every button press gets an answer, or the client shows a spinner until it gives up. Handlers and
 * dialog steps answer with their own words; this answers, silently, a press that got none once
 * everything else ran (a refusal that threw is answered by the error handler). It learns of
 * answers from a transformer on every API client, dialogs' own included.
 */
export function pressAnswers(): { noteAnswers: Transformer; answerTheRest: Middleware<BotContext> } {
  const unanswered = new Set<string>();
  return {
    noteAnswers: (prev, method, payload, signal) => {
      if (method === "answerCallbackQuery") unanswered.delete((payload as { callback_query_id: string }).callback_query_id);
      return prev(method, payload, signal);
    },
    answerTheRest: async (ctx, next) => {
      const id = ctx.callbackQuery?.id;
      if (id === undefined) return next();
      unanswered.add(id);
      try {
        await next();
      } catch (error) {
        unanswered.delete(id);
        throw error;
      }
      if (!unanswered.delete(id)) return;
      ctx.logger.warn({ data: ctx.callbackQuery?.data }, "a button press went unanswered");
      await ctx.answerCallbackQuery().catch((error: unknown) => ctx.logger.warn({ err: error }, "answering a press failed"));
    },
  };
}
