import http from "node:http";
import type { AddressInfo } from "node:net";
import { setTimeout as sleep } from "node:timers/promises";
import { ApiError, type ApiResponse } from "./errors.js";
import { FakeState } from "./fake-state.js";
import { FakeTelegram } from "./fake-telegram.js";
import { parseRequest, readBody } from "./request-body.js";

export interface FakeTelegramOptions {
  token?: string;
  botId?: number;
  botUsername?: string;
  botFirstName?: string;
  /** Redeliveries after a failed webhook POST before the update is dropped (default 3). */
  webhookRetries?: number;
  webhookRetryDelayMs?: number;
  /** How long one webhook POST may take before it counts as failed (default 15000). */
  webhookTimeoutMs?: number;
  /** The time message dates are stamped with (default: real time). */
  clock?: () => Date;
  /** Keep every API call for `calls` and `waitForCall` (default true); a long-running server would only grow. */
  recordCalls?: boolean;
}

/** Starts the fake Bot API on 127.0.0.1 with a random port; point grammY at `fake.apiRoot`. */
export async function startFakeTelegram(options: FakeTelegramOptions = {}): Promise<FakeTelegram> {
  const state = new FakeState({
    token: options.token ?? "123456:TEST-TOKEN",
    botId: options.botId ?? 123456,
    botUsername: options.botUsername ?? "shouye_test_bot",
    botFirstName: options.botFirstName ?? "Shouye",
    webhookRetries: options.webhookRetries ?? 3,
    webhookRetryDelayMs: options.webhookRetryDelayMs ?? 50,
    webhookTimeoutMs: options.webhookTimeoutMs ?? 15_000,
    clock: options.clock ?? (() => new Date()),
    recordCalls: options.recordCalls ?? true,
  });
  const inflight = new Set<Promise<void>>();
  const server = http.createServer((req, res) => {
    const task: Promise<void> = handle(state, req, res)
      .catch((error: unknown) => {
        console.error("fake Telegram: request failed", error);
        if (!res.headersSent) sendJson(res, 500, { ok: false, error_code: 500, description: "Internal Server Error" });
        else res.destroy();
      })
      .finally(() => inflight.delete(task));
    inflight.add(task);
  });
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  const closeServer = async (): Promise<void> => {
    state.close();
    const closed = new Promise<void>((resolve) => server.close(() => resolve()));
    // Let released long polls write their empty answers before the sockets go.
    await Promise.race([Promise.allSettled([...inflight]), sleep(1000)]);
    server.closeAllConnections();
    await closed;
  };
  return new FakeTelegram(state, `http://127.0.0.1:${port}`, closeServer);
}

async function handle(state: FakeState, req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
  const url = new URL(req.url ?? "/", "http://127.0.0.1");
  const api = /^\/bot([^/]*)\/([^/]*)$/.exec(url.pathname);
  const download = /^\/file\/bot([^/]*)\/(.+)$/.exec(url.pathname);
  const token = api?.[1] ?? download?.[1];
  if (token === undefined) return sendJson(res, 404, { ok: false, error_code: 404, description: "Not Found" });
  if (decodeURIComponent(token) !== state.options.token) {
    return sendJson(res, 401, { ok: false, error_code: 401, description: "Unauthorized" });
  }
  if (download) {
    const file = state.files.getByPath(decodeURIComponent(download[2] as string));
    if (!file) return sendJson(res, 404, { ok: false, error_code: 404, description: "Not Found: file not found" });
    res.writeHead(200, { "content-type": file.mimeType ?? "application/octet-stream", "content-length": file.bytes.length });
    res.end(file.bytes);
    return;
  }
  // A held getUpdates must notice when grammY aborts it (bot.stop()), or it would swallow updates.
  const controller = new AbortController();
  res.on("close", () => {
    if (!res.writableFinished) controller.abort();
  });
  const body = await readBody(req);
  let response: ApiResponse;
  try {
    const { params, uploads } = parseRequest(req.headers["content-type"], body, url.searchParams);
    response = await state.call(decodeURIComponent(api?.[2] ?? ""), params, uploads, controller.signal);
  } catch (error) {
    if (!(error instanceof ApiError)) throw error;
    response = error.toResponse();
  }
  sendJson(res, response.ok ? 200 : response.error_code, response);
}

function sendJson(res: http.ServerResponse, status: number, body: unknown): void {
  if (res.destroyed) return;
  const payload = JSON.stringify(body);
  res.writeHead(status, { "content-type": "application/json", "content-length": Buffer.byteLength(payload) });
  res.end(payload);
}
