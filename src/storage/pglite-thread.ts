/**
 * PGlite in a worker thread, behind the part of PGlite's interface drizzle-orm/pglite uses:
 * `query` (with rowMode and parsers), `exec` and `transaction`. A transaction holds the worker's
 * one connection for its whole duration, as in PGlite itself, and its statements go to it.
 * Parsers are functions, which cannot cross threads: the worker returns the values of the types
 * they cover as raw text and they run here, so results are what PGlite would have returned.
 */
import { existsSync, readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { pathToFileURL } from "node:url";
import { Worker } from "node:worker_threads";
import type { PGlite, QueryOptions, Results } from "@electric-sql/pglite";
import { isPreparedStatement } from "./prepared.js";
import type { PGliteThreadOptions, Reply, Request, SerializedError, Started } from "./pglite-thread-messages.js";

type Parser = (value: string, type: number) => unknown;
type DistributiveOmit<T, K extends PropertyKey> = T extends unknown ? Omit<T, K> : never;

/** What a transaction callback gets, as from PGlite. */
export interface PGliteThreadTransaction {
  query<T>(sql: string, params?: unknown[], options?: QueryOptions): Promise<Results<T>>;
  exec(sql: string): Promise<Results[]>;
}

export class PGliteThread implements PGliteThreadTransaction {
  private readonly pending = new Map<number, { resolve(result: unknown): void; reject(error: Error): void }>();
  private nextId = 0;
  private stopped: Error | null = null;

  constructor(readonly worker: Worker) {
    worker.on("message", (reply: Reply) => this.settle(reply));
    worker.on("error", (error) => this.stop(new Error(`the embedded database stopped: ${error.message}`, { cause: error })));
    worker.on("exit", (code) => this.stop(new Error(`the embedded database stopped (exit code ${code})`)));
    worker.unref();
  }

  query<T>(sql: string, params: unknown[] = [], options?: QueryOptions, tx?: number): Promise<Results<T>> {
    const parsers = (options?.parsers ?? {}) as Record<number, Parser>;
    const rowMode = options?.rowMode ?? "object";
    const rawTypes = Object.keys(parsers).map(Number);
    const named = isPreparedStatement(sql);
    return this.call({ op: "query", sql, params, rowMode, rawTypes, tx, ...(named ? { named } : {}) }).then((result) => applyParsers(result as Results<T>, parsers, rowMode));
  }

  exec(sql: string, tx?: number): Promise<Results[]> {
    return this.call({ op: "exec", sql, tx }) as Promise<Results[]>;
  }

  async transaction<T>(callback: (tx: PGliteThreadTransaction) => Promise<T>): Promise<T> {
    const tx = (await this.call({ op: "begin" })) as number;
    let result: T;
    try {
      result = await callback({
        query: (sql, params, options) => this.query(sql, params, options, tx),
        exec: (sql) => this.exec(sql, tx),
      });
    } catch (error) {
      await this.call({ op: "end", tx, commit: false }).catch(() => {});
      throw error;
    }
    await this.call({ op: "end", tx, commit: true });
    return result;
  }

  /**
   * Whether the database thread is alive and answering. It does not wait for the connection: a
   * transaction holding it (the start-up planning takes seconds) is the database working.
   */
  async ping(): Promise<void> {
    await this.call({ op: "ping" });
  }

  async dumpDataDir(): Promise<Blob> {
    return new Blob([(await this.call({ op: "dump" })) as Uint8Array]);
  }

  async close(): Promise<void> {
    if (this.stopped) return;
    await this.call({ op: "close" });
    this.stop(new Error("the embedded database is closed"));
    await this.worker.terminate();
  }

  /** As drizzle-orm/pglite wants it; it calls only what this class implements. */
  asPGlite(): PGlite {
    return this as unknown as PGlite;
  }

  private call(request: DistributiveOmit<Request, "id">): Promise<unknown> {
    if (this.stopped) return Promise.reject(this.stopped);
    const id = ++this.nextId;
    // Referenced only while a request is out, as PGlite in this thread would be: an idle open
    // database does not keep the process alive, a query being answered does.
    if (this.pending.size === 0) this.worker.ref();
    return new Promise((resolve, reject) => {
      this.pending.set(id, { resolve, reject });
      this.worker.postMessage({ ...request, id } as Request);
    });
  }

  private settle(reply: Reply): void {
    const waiting = this.pending.get(reply.id);
    if (!waiting) return;
    this.pending.delete(reply.id);
    if (this.pending.size === 0) this.worker.unref();
    if (reply.ok) waiting.resolve(reply.result);
    else waiting.reject(revive(reply.error));
  }

  private stop(reason: Error): void {
    if (this.stopped) return;
    this.stopped = reason;
    for (const waiting of this.pending.values()) waiting.reject(reason);
    this.pending.clear();
  }
}

function applyParsers<T>(result: Results<T>, parsers: Record<number, Parser>, rowMode: "array" | "object"): Results<T> {
  const columns = result.fields.flatMap((field, index) => {
    const parse = parsers[field.dataTypeID];
    return parse ? [{ key: rowMode === "array" ? index : field.name, type: field.dataTypeID, parse }] : [];
  });
  if (columns.length === 0) return result;
  for (const row of result.rows as Record<string | number, unknown>[]) {
    for (const { key, type, parse } of columns) {
      const value = row[key];
      if (typeof value === "string") row[key] = parse(value, type);
    }
  }
  return result;
}

/** The database's error with its fields (code, constraint, …), raised where the query was made. */
function revive(serialized: SerializedError): Error {
  const error = new Error(serialized.message);
  error.name = serialized.name;
  return Object.assign(error, serialized.fields);
}

/**
 * Opens the database in a worker thread. A folder with no database yet gets one (initdb) from a
 * worker of its own first, which then ends: initdb leaves about 450 MB behind that PGlite never
 * frees, and ending the thread is the one way to give it back. (An in-memory database, for tests
 * and benches, skips that: moving it to a fresh thread would take a dump and a load, seconds.)
 */
export async function openPGliteThread(target: { dataDir?: string; loadDataDir?: Uint8Array }, startParams: string[]): Promise<PGliteThread> {
  if (target.dataDir && !target.loadDataDir && !existsSync(join(target.dataDir, "PG_VERSION"))) {
    const { worker } = await startPGliteWorker({ dataDir: target.dataDir, startParams, initOnly: true });
    await worker.terminate();
  }
  const { worker } = await startPGliteWorker({ ...target, startParams });
  return new PGliteThread(worker);
}

/** Starts a worker and waits until its database is open (or has failed to open). */
async function startPGliteWorker(options: PGliteThreadOptions): Promise<{ worker: Worker }> {
  const worker = spawn(options);
  let onMessage!: (started: Started) => void, onError!: (error: Error) => void, onExit!: (code: number) => void;
  const started = await new Promise<Started>((resolve, reject) => {
    onMessage = resolve;
    onError = reject;
    onExit = (code) => reject(new Error(`the embedded database did not start (exit code ${code})`));
    worker.once("message", onMessage).once("error", onError).once("exit", onExit);
  });
  // Only these: removeAllListeners would also take Node's own, which keep the message port going.
  worker.off("message", onMessage).off("error", onError).off("exit", onExit);
  if (!started.started) {
    await worker.terminate();
    throw revive(started.error);
  }
  return { worker };
}

/**
 * Compiled, the worker is the .js file next to this one. From TypeScript sources (tsx, vitest) a
 * raw Worker has no loader, so a two-line bootstrap loads the .ts entry through tsx's API.
 */
function spawn(workerData: PGliteThreadOptions): Worker {
  const fromSources = import.meta.url.endsWith(".ts");
  const entry = new URL(`./pglite-thread-worker.${fromSources ? "ts" : "js"}`, import.meta.url);
  if (!fromSources) return new Worker(entry, { workerData });
  const tsx = tsxApi();
  const bootstrap = `import(${JSON.stringify(tsx)}).then((tsx) => (tsx.tsImport ?? tsx.default.tsImport)(${JSON.stringify(entry.href)}, ${JSON.stringify(entry.href)}));`;
  return new Worker(bootstrap, { eval: true, workerData });
}

/** tsx's ESM API as the `import` condition resolves it (its CommonJS twin breaks when imported). */
function tsxApi(): string {
  const manifest = createRequire(import.meta.url).resolve("tsx/package.json");
  const exports = (JSON.parse(readFileSync(manifest, "utf8")) as { exports: Record<string, { import: { default: string } }> }).exports;
  return pathToFileURL(join(dirname(manifest), exports["./esm/api"]!.import.default)).href;
}
