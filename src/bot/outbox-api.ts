import { Agent as HttpAgent } from "node:http";
import { Agent as HttpsAgent } from "node:https";
import { Api } from "grammy";

/**
 * The Bot API client the outbox sends with. It has a connection pool of its own, sized for
 * bursts: at 1000 sends a second hundreds of requests are out at once, and the default pool
 * keeps only 256 idle connections, so every burst closed the rest and the next one opened them
 * again (a district's broadcast opened some 2,300 connections for 15,000 copies).
 */
export function createOutboxApi(token: string, apiRoot: string, ratePerSecond: number): Api {
  const options = { keepAlive: true, maxFreeSockets: Math.max(256, Math.ceil(ratePerSecond)) };
  const secure = apiRoot.toLowerCase().startsWith("https");
  const agent = secure ? new HttpsAgent(options) : new HttpAgent(options);
  return new Api(token, { apiRoot, baseFetchConfig: { agent } });
}
