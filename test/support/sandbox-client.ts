import { EventEmitter } from "node:events";
import { parseConfig } from "../../src/config/config.js";
import { startSandbox, type RunningSandbox } from "../../src/sandbox/sandbox.js";
import type { Database } from "../../src/storage/db.js";
import { silentLogger } from "./domain.js";

/** The sandbox in this process on a test database (PGlite, or PostgreSQL with TEST_DATABASE_URL), on a free loopback port. */
export async function startTestSandbox(database: Database, startAt: Date): Promise<RunningSandbox> {
  const parsed = parseConfig({ PORT: "0", LOG_LEVEL: "silent" });
  if (!parsed.ok) throw new Error(parsed.problems.join("; "));
  const sandbox = await startSandbox({ config: parsed.config, logger: silentLogger, database, startAt });
  // The jobs run at start (planning, reminders) have read the clock; let them finish first.
  await sandbox.app.scheduler.idle();
  return sandbox;
}

export interface ApiAnswer<T = Record<string, unknown>> {
  status: number;
  body: T;
}

/** Calls the sandbox's HTTP API as the page would; `body` is sent as JSON unless it is a Buffer. */
export async function api<T = Record<string, unknown>>(sandbox: RunningSandbox, path: string, init: { method?: string; body?: unknown; contentType?: string } = {}): Promise<ApiAnswer<T>> {
  const raw = Buffer.isBuffer(init.body);
  const response = await fetch(new URL(path, sandbox.url), {
    method: init.method ?? (init.body === undefined ? "GET" : "POST"),
    ...(init.body === undefined ? {} : { body: raw ? (init.body as Buffer) : JSON.stringify(init.body) }),
    headers: { "content-type": init.contentType ?? (raw ? "application/octet-stream" : "application/json") },
  });
  const text = await response.text();
  return { status: response.status, body: (text ? JSON.parse(text) : {}) as T };
}

export interface SandboxEvent {
  name: string;
  data: Record<string, unknown>;
}

/** A reader of /sandbox/api/events: keeps every event since it opened, and waits for one that matches. */
export class EventStream {
  readonly events: SandboxEvent[] = [];
  private readonly emitter = new EventEmitter();

  private constructor(private readonly controller: AbortController) {}

  static async open(sandbox: RunningSandbox, query = ""): Promise<EventStream> {
    const controller = new AbortController();
    const stream = new EventStream(controller);
    const response = await fetch(new URL(`/sandbox/api/events${query}`, sandbox.url), { signal: controller.signal });
    if (response.status !== 200 || !response.body) throw new Error(`events answered ${response.status}`);
    void stream.read(response.body.getReader());
    return stream;
  }

  waitFor(name: string, matches: (data: Record<string, unknown>) => boolean = () => true, timeoutMs = 15_000): Promise<Record<string, unknown>> {
    const found = this.events.find((e) => e.name === name && matches(e.data));
    if (found) return Promise.resolve(found.data);
    return new Promise((resolve, reject) => {
      const onEvent = (event: SandboxEvent) => {
        if (event.name !== name || !matches(event.data)) return;
        clearTimeout(timer);
        this.emitter.off("event", onEvent);
        resolve(event.data);
      };
      const timer = setTimeout(() => {
        this.emitter.off("event", onEvent);
        reject(new Error(`no "${name}" event matched within ${timeoutMs} ms; got: ${this.events.map((e) => e.name).join(", ")}`));
      }, timeoutMs);
      this.emitter.on("event", onEvent);
    });
  }

  close(): void {
    this.controller.abort();
  }

  private async read(reader: ReadableStreamDefaultReader<Uint8Array>): Promise<void> {
    const decoder = new TextDecoder();
    let buffered = "";
    try {
      for (;;) {
        const { value, done } = await reader.read();
        if (done) return;
        buffered += decoder.decode(value, { stream: true });
        let end: number;
        while ((end = buffered.indexOf("\n\n")) >= 0) {
          const block = buffered.slice(0, end);
          buffered = buffered.slice(end + 2);
          const name = /^event: (.*)$/m.exec(block)?.[1];
          const data = /^data: (.*)$/m.exec(block)?.[1];
          if (!name || data === undefined) continue;
          const event = { name, data: JSON.parse(data) as Record<string, unknown> };
          this.events.push(event);
          this.emitter.emit("event", event);
        }
      }
    } catch {
      // Closed by the test or the server.
    }
  }
}
