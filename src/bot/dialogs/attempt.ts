import type { Conversation } from "@grammyjs/conversations";
import { isDomainError } from "../../domain/errors.js";
import type { BotContext, DialogContext } from "../context.js";
import { errorArgs, errorKey } from "../errors.js";

export type Outcome<T> = { ok: true; value: T } | { ok: false; key: string; args: Record<string, string | number> };

/**
 * Runs a verb outside the replayed dialog; its result is stored, so it runs once per step even
 * when the dialog is replayed after a restart. A refusal comes back as a message key to show.
 */
export async function attempt<T>(conversation: Conversation<BotContext, DialogContext>, work: (ctx: BotContext) => Promise<T>): Promise<Outcome<T>> {
  return conversation.external(async (ctx) => {
    try {
      return { ok: true as const, value: await work(ctx) };
    } catch (error) {
      if (!isDomainError(error)) throw error;
      return { ok: false as const, key: errorKey(error), args: errorArgs(error) };
    }
  });
}
