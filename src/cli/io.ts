import type { Database } from "../storage/db.js";

/** Where a CLI run reads its settings and writes its output: the process, or a test. */
export interface CliIo {
  out: NodeJS.WritableStream;
  err: NodeJS.WritableStream;
  env: Record<string, string | undefined>;
  /** An open store to use instead of the configured one (tests); it is left open. */
  database?: Database;
}
