/**
 * The PGlite worker thread: PGlite's WebAssembly Postgres runs here, so a long query never holds
 * the bot's event loop. It answers the requests of pglite-thread.ts one at a time per connection,
 * exactly as PGlite itself queues them, and keeps a transaction open between requests until the
 * main thread ends it. Result values are parsed here with PGlite's own parsers, except the types
 * the caller parses itself (drizzle keeps dates and intervals as text), which come back raw.
 */
import { parentPort, workerData } from "node:worker_threads";
import { PGlite, type Transaction } from "@electric-sql/pglite";
import { NamedStatements, rawParsers } from "./pglite-named-statements.js";
import type { PGliteThreadOptions, Reply, Request, SerializedError, Started } from "./pglite-thread-messages.js";

const port = parentPort!;
const options = workerData as PGliteThreadOptions;
const rollback = Symbol("rollback");

interface OpenTransaction {
  tx: Transaction;
  finish(commit: boolean): void;
  done: Promise<void>;
}

async function open(): Promise<PGlite> {
  return PGlite.create({
    ...(options.dataDir ? { dataDir: options.dataDir } : {}),
    ...(options.loadDataDir ? { loadDataDir: new Blob([options.loadDataDir]) } : {}),
    startParams: [...PGlite.defaultStartParams, ...options.startParams],
  });
}

function serialize(error: unknown): SerializedError {
  if (!(error instanceof Error)) return { name: "Error", message: String(error), fields: {} };
  const fields: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(error)) {
    if (value === null || ["string", "number", "boolean", "bigint"].includes(typeof value)) fields[key] = value;
  }
  return { name: error.name, message: error.message, fields };
}

function serve(pg: PGlite): void {
  const transactions = new Map<number, OpenTransaction>();
  const named = new NamedStatements(pg);
  let nextTransaction = 0;
  const reply = (message: Reply, transfer: ArrayBuffer[] = []) => port.postMessage(message, transfer);
  const on = (tx: number | undefined) => {
    if (tx === undefined) return pg;
    const open = transactions.get(tx);
    if (!open) throw new Error("the transaction has already ended");
    return open.tx;
  };

  function begin(id: number): void {
    const tx = ++nextTransaction;
    let finish!: (commit: boolean) => void;
    const decided = new Promise<boolean>((resolve) => (finish = resolve));
    let started = false;
    const done = pg.transaction(async (handle) => {
      started = true;
      transactions.set(tx, { tx: handle, finish, done });
      reply({ id, ok: true, result: tx });
      if (!(await decided)) throw rollback;
    });
    done.catch((error: unknown) => {
      if (!started) reply({ id, ok: false, error: serialize(error) });
    });
  }

  async function handle(request: Request): Promise<unknown> {
    switch (request.op) {
      case "query": {
        const connection = on(request.tx);
        if (request.named) return named.query(request.sql, request.params, request.rowMode, request.rawTypes, connection !== pg);
        return connection.query(request.sql, request.params, { rowMode: request.rowMode, parsers: rawParsers(request.rawTypes) });
      }
      case "exec":
        return on(request.tx).exec(request.sql);
      case "end": {
        const open = transactions.get(request.tx);
        if (!open) throw new Error("the transaction has already ended");
        transactions.delete(request.tx);
        open.finish(request.commit);
        await open.done.catch((error: unknown) => {
          if (error !== rollback) throw error;
        });
        return null;
      }
      case "dump":
        return new Uint8Array(await (await pg.dumpDataDir("none")).arrayBuffer());
      case "close":
        await pg.close();
        return null;
      case "ping":
        if (pg.closed) throw new Error("the embedded database is closed");
        return null;
      case "begin":
        throw new Error("unreachable");
    }
  }

  port.on("message", (request: Request) => {
    if (request.op === "begin") return begin(request.id);
    handle(request).then(
      (result) => reply({ id: request.id, ok: true, result }, result instanceof Uint8Array ? [result.buffer as ArrayBuffer] : []),
      (error: unknown) => reply({ id: request.id, ok: false, error: serialize(error) }),
    );
  });
}

async function start(): Promise<void> {
  let pg: PGlite;
  try {
    pg = await open();
  } catch (error) {
    port.postMessage({ started: false, error: serialize(error) } satisfies Started);
    return;
  }
  if (!options.initOnly) {
    port.postMessage({ started: true } satisfies Started);
    serve(pg);
    return;
  }
  // The caller ends this thread, and with it what initdb left behind, and opens the folder anew.
  await pg.close();
  port.postMessage({ started: true } satisfies Started);
}

await start();
