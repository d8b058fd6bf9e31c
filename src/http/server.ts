import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { Logger } from "pino";

export interface HttpOptions {
  /** Resolves when the database answers. */
  ping: () => Promise<void>;
  webhook?: { path: string; handle: (req: IncomingMessage, res: ServerResponse) => unknown };
  logger: Logger;
}

/**
 * One small server for both modes: /healthz always, and the webhook path in webhook mode.
 * grammY's webhook handler checks the secret token itself and answers 401 without it.
 */
export function createHttpServer(options: HttpOptions): Server {
  return createServer((req, res) => {
    const path = new URL(req.url ?? "/", "http://localhost").pathname;
    if (req.method === "GET" && path === "/healthz") {
      options
        .ping()
        .then(() => send(res, 200, "ok"))
        .catch((error: unknown) => {
          options.logger.warn({ err: error }, "health check: database not answering");
          send(res, 503, "database unavailable");
        });
      return;
    }
    if (options.webhook && req.method === "POST" && path === options.webhook.path) {
      Promise.resolve(options.webhook.handle(req, res)).catch((error: unknown) => {
        options.logger.error({ err: error }, "webhook handler failed");
        if (!res.headersSent) send(res, 500, "error");
      });
      return;
    }
    send(res, 404, "not found");
  });
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
