import { Api, type ApiClientOptions } from "grammy";

/**
 * The Bot API client the outbox sends with: no transformers, so the dispatcher sees every 429
 * and slows every send, not just the one (see createDeliver). It calls over the app's Telegram
 * connections, which keep a burst's connections open for the next one.
 */
export function createOutboxApi(token: string, apiRoot: string, fetch: ApiClientOptions["fetch"]): Api {
  return new Api(token, { apiRoot, ...(fetch ? { fetch } : {}) });
}
