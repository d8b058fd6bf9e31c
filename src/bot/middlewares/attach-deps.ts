import type { MiddlewareFn } from "grammy";
import { ForbiddenError } from "../../domain/errors.js";
import type { BotContext, BotDeps, DialogContext } from "../context.js";

/** Puts deps, a per-update child logger and the verb-context factory on every context. */
export function attachDeps(deps: BotDeps): MiddlewareFn<DialogContext | BotContext> {
  return async (ctx, next) => {
    ctx.deps = deps;
    ctx.logger = deps.logger.child({ update_id: ctx.update.update_id, user_id: ctx.from?.id });
    ctx.domain = () => {
      // An update without a sender never acts: the system actor would carry full authority.
      if (!ctx.person) throw new ForbiddenError("anonymous");
      return { db: deps.db, actor: { type: "person", personId: ctx.person.personId }, now: deps.clock(), logger: ctx.logger };
    };
    await next();
  };
}
