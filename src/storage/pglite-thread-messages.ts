/** What the main thread and the PGlite worker thread say to each other (structured-cloned). */

export interface PGliteThreadOptions {
  /** On disk; in memory when unset. */
  dataDir?: string;
  /** A tarball from dumpDataDir to start an in-memory database from. */
  loadDataDir?: Uint8Array;
  /** Appended to PGlite's own start parameters (`-c name=value` pairs). */
  startParams: string[];
  /** Create the database in dataDir (initdb), then close it. */
  initOnly?: boolean;
}

export type Request = { id: number } & (
  /** `named`: run as a named prepared statement, parsed and planned once per text (pglite-named-statements.ts). */
  | { op: "query"; sql: string; params: unknown[]; rowMode: "array" | "object"; rawTypes: number[]; tx?: number; named?: boolean }
  | { op: "exec"; sql: string; tx?: number }
  | { op: "begin" }
  | { op: "end"; tx: number; commit: boolean }
  | { op: "dump" }
  /** Answered at once, between statements, without waiting for the connection. */
  | { op: "ping" }
  | { op: "close" }
);

export interface SerializedError {
  name: string;
  message: string;
  /** The database's fields (code, detail, constraint, …): primitives only. */
  fields: Record<string, unknown>;
}

export type Reply = { id: number; ok: true; result: unknown } | { id: number; ok: false; error: SerializedError };

/** The worker's first message: open, or why not. */
export type Started = { started: true } | { started: false; error: SerializedError };
