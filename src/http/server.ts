import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { Logger } from "pino";
import type { PollingHealth } from "../bot/polling.js";

/**
 * More routes on the same server, for parts that are not always there (the sandbox): `path`
 * itself, and with `subtree` every path under it too. The handler answers in full.
 */
export interface HttpMount {
  path: string;
  subtree?: boolean;
  handle: (req: IncomingMessage, res: ServerResponse) => unknown;
}

export interface HttpOptions {
  /** Resolves when the database answers. */
  ping: () => Promise<void>;
  /** Long polling's health; absent in webhook mode. */
  polling?: () => PollingHealth;
  webhook?: { path: string; handle: (req: IncomingMessage, res: ServerResponse) => unknown };
  mounts?: readonly HttpMount[];
  logger: Logger;
}

/** A database that takes longer than this to answer `select 1` counts as down. */
const PING_TIMEOUT_MS = 5000;

/**
 * One small server for both modes: /healthz always, the webhook path in webhook mode, and any
 * mounts. grammY's webhook handler checks the secret token itself and answers 401 without it.
 */
export function createHttpServer(options: HttpOptions): Server {
  return createServer((req, res) => {
    const path = new URL(req.url ?? "/", "http://localhost").pathname;
    if (req.method === "GET" && path === "/healthz") {
      void health(options).then(({ status, report }) => sendJson(res, status, report));
      return;
    }
    if (options.webhook && req.method === "POST" && path === options.webhook.path) {
      Promise.resolve(options.webhook.handle(req, res)).catch((error: unknown) => {
        options.logger.error({ err: error }, "webhook handler failed");
        if (!res.headersSent) send(res, 500, "error");
      });
      return;
    }
    const mount = options.mounts?.find((m) => path === m.path || (m.subtree && path.startsWith(`${m.path.replace(/\/$/, "")}/`)));
    if (mount) {
      Promise.resolve(mount.handle(req, res)).catch((error: unknown) => {
        options.logger.error({ err: error, path }, "request failed");
        if (!res.headersSent) send(res, 500, "error");
        else res.destroy();
      });
      return;
    }
    send(res, 404, "not found");
  });
}

/**
 * 200 when the database answers and updates come in, else 503; the JSON body says which part is
 * down and why: `{"status":"down","database":"ok","polling":"conflict","problems":["…"]}`.
 */
async function health(options: HttpOptions): Promise<{ status: number; report: Record<string, unknown> }> {
  const problems: string[] = [];
  let database = "ok";
  try {
    await withTimeout(options.ping(), PING_TIMEOUT_MS);
  } catch (error) {
    options.logger.warn({ err: error }, "health check: database not answering");
    database = "unavailable";
    problems.push(`the database does not answer: ${error instanceof Error ? error.message : String(error)}`);
  }
  const polling = options.polling?.();
  if (polling && !polling.ok) problems.push(polling.problem ?? `long polling is ${polling.state}`);
  const report = { status: problems.length ? "down" : "ok", database, ...(polling ? { polling: polling.state } : {}), ...(problems.length ? { problems } : {}) };
  return { status: problems.length ? 503 : 200, report };
}

function withTimeout(work: Promise<void>, ms: number): Promise<void> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`no answer within ${ms} ms`)), ms);
  });
  return Promise.race([work, timeout]).finally(() => clearTimeout(timer));
}

function sendJson(res: ServerResponse, status: number, body: unknown) {
  res.writeHead(status, { "content-type": "application/json; charset=utf-8" }).end(JSON.stringify(body));
}

function send(res: ServerResponse, status: number, body: string) {
  res.writeHead(status, { "content-type": "text/plain; charset=utf-8" }).end(body);
}

export function listen(server: Server, port: number, host: string): Promise<number> {
  return new Promise((resolve, reject) => {
    server.once("error", reject);
    server.listen(port, host, () => {
      server.off("error", reject);
      const address = server.address();
      resolve(typeof address === "object" && address ? address.port : port);
    });
  });
}
