import { spawn } from "node:child_process";
import { join, resolve } from "node:path";
import { Writable } from "node:stream";
import { runCli } from "../../src/cli/run-cli.js";
import type { Database } from "../../src/storage/db.js";

const root = resolve(import.meta.dirname, "../..");

export interface CliRun {
  code: number | null;
  stdout: Buffer;
  stderr: string;
}

/** `npm run cli -- …` as an operator runs it, on its own embedded store in `dataDir`. */
export function spawnCli(args: string[], dataDir: string): Promise<CliRun> {
  return new Promise((done) => {
    const child = spawn(join(root, "node_modules/.bin/tsx"), [join(root, "src/cli/main.ts"), ...args], {
      cwd: dataDir,
      env: { PATH: process.env.PATH ?? "", HOME: process.env.HOME ?? "", DATA_DIR: dataDir, LOG_LEVEL: "warn", USER: "ops" },
    });
    const stdout: Buffer[] = [];
    let stderr = "";
    child.stdout.on("data", (d: Buffer) => stdout.push(d));
    child.stderr.on("data", (d) => (stderr += d));
    child.on("close", (code) => done({ code, stdout: Buffer.concat(stdout), stderr }));
  });
}

/** The same commands in this process on an open test database (either store), output captured; `env` adds settings such as DEFAULT_LOCALE. */
export function cliOn(database: Database, env: Record<string, string> = {}): (args: string[]) => Promise<CliRun> {
  return async (args) => {
    const out: Buffer[] = [];
    const err: Buffer[] = [];
    const sink = (into: Buffer[]) => new Writable({ write: (chunk: Buffer, _encoding, done) => void (into.push(Buffer.from(chunk)), done()) });
    const code = await runCli(args, { out: sink(out), err: sink(err), env: { LOG_LEVEL: "warn", USER: "ops", ...env }, database });
    return { code, stdout: Buffer.concat(out), stderr: Buffer.concat(err).toString("utf8") };
  };
}
