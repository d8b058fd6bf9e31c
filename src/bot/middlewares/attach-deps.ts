import type { MiddlewareFn } from "grammy";
import type { BotContext, BotDeps, DialogContext } from "../context.js";

/** Puts deps, a per-update child logger and the verb-context factory on every context. */
export function attachDeps(deps: BotDeps): MiddlewareFn<DialogContext | BotContext> {
  return async (ctx, next) => {
    ctx.deps = deps;
    ctx.logger = deps.logger.child({ update_id: ctx.update.update_id, user_id: ctx.from?.id });
    ctx.domain = () => ({
      db: deps.db,
      actor: ctx.person ? { type: "person", personId: ctx.person.personId } : { type: "system", job: "anonymous-update" },
      now: deps.clock(),
      logger: ctx.logger,
    });
    await next();
  };
}
