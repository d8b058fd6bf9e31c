import type { Api } from "grammy";

export interface WebhookHealth {
  ok: boolean;
  state: "ok" | "elsewhere" | "failing" | "unknown";
  problem?: string;
}

/** Telegram's view of the webhook is asked at most this often, however often /healthz is. */
const ASK_EVERY_MS = 30_000;
/** A delivery error older than this, with nothing waiting, is history. */
const RECENT_ERROR_S = 300;

/**
 * What Telegram says about delivering to our webhook (getWebhookInfo): whether it still posts to
 * our URL (another deployment with the same token may have taken it over) and whether its last
 * deliveries failed while updates wait. Asked at most every 30 s.
 */
export function watchWebhook(api: Api, url: string): () => Promise<WebhookHealth> {
  let last: { at: number; health: WebhookHealth } | null = null;
  return async () => {
    if (last && Date.now() - last.at < ASK_EVERY_MS) return last.health;
    let health: WebhookHealth;
    try {
      const info = await api.getWebhookInfo();
      const nowS = Date.now() / 1000;
      if (info.url !== url) {
        health = { ok: false, state: "elsewhere", problem: `Telegram delivers updates to ${info.url ? "another URL" : "no webhook"} (set: ${info.url || "none"}); restart this instance or check for another deployment with the same token` };
      } else if (info.last_error_date && nowS - info.last_error_date < RECENT_ERROR_S && info.pending_update_count > 0) {
        health = { ok: false, state: "failing", problem: `Telegram cannot deliver updates (${info.pending_update_count} waiting): ${info.last_error_message ?? "no reason given"}` };
      } else {
        health = { ok: true, state: "ok" };
      }
    } catch (error) {
      // Telegram unreachable: say so without calling the instance down for it.
      health = { ok: true, state: "unknown", problem: `could not ask Telegram about the webhook: ${error instanceof Error ? error.message : String(error)}` };
    }
    last = { at: Date.now(), health };
    return health;
  };
}
