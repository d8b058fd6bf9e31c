import type { ApiClientOptions } from "grammy";
import { Pool } from "undici";

type GrammyFetch = NonNullable<ApiClientOptions["fetch"]>;

interface CallOptions {
  method?: string;
  headers?: Record<string, string>;
  body?: string | NodeJS.ReadableStream;
  signal?: AbortSignal;
}

export interface TelegramConnections {
  /** grammY's `client.fetch`. */
  fetch: GrammyFetch;
  /** Waits for the calls under way, then closes the connections; closing again does nothing. */
  close(): Promise<void>;
}

/**
 * The connections grammY calls Telegram over, shared by the bot's replies and the outbox: undici's
 * pool rather than grammY's default node-fetch. Every reply and every outbox send is one call, and
 * node-fetch's Request, Headers and body streams cost each about twice the CPU of undici's request
 * (bench/README.md, "Telegram's connections"). The pool keeps every idle connection, so a burst's
 * connections serve the next one instead of being closed and opened again.
 *
 * grammY's own timeout (its abort signal) is the only one: undici's would cut a long upload or a
 * long poll at a moment of its own. grammY reads nothing of an answer but its JSON.
 */
export function telegramConnections(apiRoot: string): TelegramConnections {
  const { origin } = new URL(apiRoot);
  const pool = new Pool(origin, { connections: null, headersTimeout: 0, bodyTimeout: 0 });
  const call = async (url: string, options: CallOptions = {}) => {
    // Never the URL in the message: it holds the bot's token.
    if (!url.startsWith(origin)) throw new Error(`a call outside ${origin}`);
    const { body } = await pool.request({
      path: url.slice(origin.length),
      method: (options.method ?? "GET") as "GET" | "POST",
      ...(options.headers ? { headers: options.headers } : {}),
      ...(options.body !== undefined ? { body: options.body as string } : {}),
      ...(options.signal ? { signal: options.signal } : {}),
    });
    return { json: () => body.json() };
  };
  let closing: Promise<void> | undefined;
  return {
    // grammY's type is node-fetch's whole `fetch`; it calls it with a URL string and reads `json()`.
    fetch: call as unknown as GrammyFetch,
    // undici throws on a second close: a stop repeated (a second signal) must not.
    close: () => (closing ??= pool.close()),
  };
}
