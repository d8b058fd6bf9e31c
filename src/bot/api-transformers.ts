import { autoRetry } from "@grammyjs/auto-retry";
import type { Api, Middleware, Transformer } from "grammy";
import type { DialogContext } from "./context.js";
import type { DialogConversation } from "./dialogs/next-input.js";

/** Direct replies wait out short flood limits; long ones fail fast rather than hold the chat. */
const MAX_RETRIES = 3;
const MAX_WAIT_SECONDS = 10;

/**
 * The API transformers of the bot, in one place. grammY conversations build a fresh `Api` for
 * every context inside a dialog, without what `bot.api` has installed, so `createBot` installs
 * these on `bot.api` and `dialogApi` on each dialog context: every reply, in a dialog or not,
 * honours Telegram's retry_after.
 */
export function installApiTransformers(api: Api, ...more: Transformer[]): void {
  api.config.use(autoRetry({ maxRetryAttempts: MAX_RETRIES, maxDelaySeconds: MAX_WAIT_SECONDS }), ...more);
}

/** A dialog plugin: the same transformers on the dialog context's own `Api`. */
export function dialogApi(conversation: DialogConversation, ...more: Transformer[]): Middleware<DialogContext> {
  return async (ctx, next) => {
    ctx.api.config.use(
      waitFromRecordedAnswer(conversation),
      // Only flood limits: a backoff after a server or network error is not measured from a recorded
      // moment, so every replay would sleep it again. Those still end the dialog with an apology.
      autoRetry({ maxRetryAttempts: MAX_RETRIES, maxDelaySeconds: MAX_WAIT_SECONDS, rethrowInternalServerErrors: true, rethrowHttpErrors: true }),
      ...more,
    );
    await next();
  };
}

/**
 * A dialog records each API result and replays them on every later update of the dialog, so a
 * recorded 429 comes back at once on each replay. The wait is measured from when Telegram
 * answered, a moment the dialog records too: the first run waits retry_after, a replay nothing.
 * Sits between autoRetry and the dialog's recorder; a wait too long to retry is left as it is,
 * so a replay decides as the first run did.
 */
function waitFromRecordedAnswer(conversation: DialogConversation): Transformer {
  return async (prev, method, payload, signal) => {
    const result = await prev(method, payload, signal);
    if (result.ok) return result;
    const after = result.parameters?.retry_after;
    if (after === undefined || after > MAX_WAIT_SECONDS) return result;
    const answeredAt = await conversation.now();
    const left = Math.max(0, Math.ceil((answeredAt + after * 1000 - Date.now()) / 1000));
    return { ...result, parameters: { ...result.parameters, retry_after: left } };
  };
}
