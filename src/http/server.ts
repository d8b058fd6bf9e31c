import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { Logger } from "pino";
import type { PollingHealth } from "../bot/polling.js";
import type { WebhookHealth } from "../bot/webhook-health.js";
import type { OutboxBacklog } from "../outbox/backlog.js";

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
  webhook?: { path: string; handle: (req: IncomingMessage, res: ServerResponse) => unknown; health: () => Promise<WebhookHealth> };
  /** When a scheduler job last finished. */
  schedulerLastFinish: () => Date;
  /** What waits in the outbox; when this process last sent one, and the app's time now (the outbox's clock). */
  outbox: { backlog: () => Promise<OutboxBacklog>; lastSent: () => Date; now: () => Date };
  /** Prometheus exposition for GET /metrics. */
  metrics: () => Promise<{ contentType: string; body: string }>;
  mounts?: readonly HttpMount[];
  logger: Logger;
}

/** A database that takes longer than this to answer `select 1` counts as down. */
const PING_TIMEOUT_MS = 5000;
/** Jobs run every few seconds (reminders every 5): this long without one finishing is a stuck scheduler. */
const SCHEDULER_STALL_S = 120;
/**
 * The backlog is read on the database's connection; PGlite has one, which a long transaction can
 * hold. The ping already said the database answers, so a slow read means busy, not down.
 */
const BACKLOG_TIMEOUT_MS = 1000;
/** A message waiting this long while this process sent nothing for as long: the outbox is stuck. */
const OUTBOX_STALL_S = 300;
/**
 * How long a connection may idle before the server closes it. Telegram and a reverse proxy keep
 * their connections to the webhook open and take them again without reading Node's hint of five
 * seconds; one closed by the server just as it is taken loses the request on it, which Telegram
 * then redelivers late, or the proxy answers 502. Longer than the proxies' usual 60 s, so they
 * close first.
 */
const KEEP_ALIVE_MS = 65_000;

/**
 * One small server for both modes: /healthz and /metrics always, the webhook path in webhook mode,
 * and any mounts. grammY's webhook handler checks the secret token itself and answers 401 without it.
 */
export function createHttpServer(options: HttpOptions): Server {
  const server = createServer((req, res) => {
    const path = new URL(req.url ?? "/", "http://localhost").pathname;
    if (req.method === "GET" && path === "/healthz") {
      void health(options).then(({ status, report }) => sendJson(res, status, report));
      return;
    }
    if (req.method === "GET" && path === "/metrics") {
      options.metrics().then(
        ({ contentType, body }) => res.writeHead(200, { "content-type": contentType }).end(body),
        (error: unknown) => {
          options.logger.error({ err: error }, "metrics could not be collected");
          send(res, 500, "metrics could not be collected");
        },
      );
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
  server.keepAliveTimeout = KEEP_ALIVE_MS;
  return server;
}

/**
 * 200 when every part works, else 503; the JSON body says which part is down and why, e.g.
 * `{"status":"down","database":"ok","polling":"conflict","problems":["…"]}`.
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
  const report: Record<string, unknown> = { status: "ok", database };

  const polling = options.polling?.();
  if (polling) {
    report.polling = polling.state;
    if (!polling.ok) problems.push(polling.problem ?? `long polling is ${polling.state}`);
  }
  if (options.webhook) {
    const webhook = await options.webhook.health();
    report.webhook = webhook.state;
    if (!webhook.ok) problems.push(webhook.problem ?? `the webhook is ${webhook.state}`);
  }

  const sinceJob = secondsSince(options.schedulerLastFinish());
  report.scheduler = { lastJobSecondsAgo: sinceJob };
  if (sinceJob > SCHEDULER_STALL_S) problems.push(`the scheduler has finished no job for ${sinceJob} s`);

  if (database === "ok") {
    try {
      const backlog = await withTimeout(options.outbox.backlog(), BACKLOG_TIMEOUT_MS);
      const waiting = Object.values(backlog.waitingByKind).reduce((sum, n) => sum + n, 0);
      const oldest = backlog.oldestWaitingSeconds === null ? null : Math.round(backlog.oldestWaitingSeconds);
      const sinceSent = secondsSince(options.outbox.lastSent(), options.outbox.now());
      report.outbox = { waiting, oldestWaitingSeconds: oldest, lastSentSecondsAgo: sinceSent };
      if (oldest !== null && oldest > OUTBOX_STALL_S && sinceSent > OUTBOX_STALL_S) {
        problems.push(`the outbox is stuck: a message has waited ${oldest} s and nothing was sent for ${sinceSent} s`);
      }
    } catch (error) {
      if (error instanceof TimeoutError) report.outbox = "busy";
      else problems.push(`the outbox backlog could not be read: ${error instanceof Error ? error.message : String(error)}`);
    }
  }

  if (problems.length) Object.assign(report, { status: "down", problems });
  return { status: problems.length ? 503 : 200, report };
}

const secondsSince = (at: Date, now = new Date()) => Math.max(0, Math.round((now.getTime() - at.getTime()) / 1000));

class TimeoutError extends Error {}

function withTimeout<T>(work: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new TimeoutError(`no answer within ${ms} ms`)), ms);
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
