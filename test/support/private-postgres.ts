import { execFile, execFileSync } from "node:child_process";
import { chownSync, existsSync, mkdtempSync, readdirSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import { freePort } from "./bot-harness.js";

const run = promisify(execFile);
const asRoot = process.getuid?.() === 0;

function postgresUserExists(): boolean {
  try {
    execFileSync("id", ["-u", "postgres"], { stdio: "ignore" });
    return true;
  } catch {
    return false;
  }
}

/**
 * A PostgreSQL server of a test's own, in a temporary directory: a test may stop and restart it,
 * which it must never do to the shared server the other tests use.
 */
export interface PrivatePostgres {
  url: string;
  /** Fast shutdown: the server terminates open connections, as in a failover or a restart. */
  stop(): Promise<void>;
  start(): Promise<void>;
  /** Stops the server and removes its files; safe after a failed start and when called twice. */
  destroy(): Promise<void>;
}

/**
 * The directory holding initdb and pg_ctl, newest installed version first; null when there is
 * none, or when running as root without a `postgres` user to own the cluster.
 */
export function postgresBinDir(): string | null {
  if (asRoot && !postgresUserExists()) return null;
  const root = "/usr/lib/postgresql";
  const versions = existsSync(root) ? readdirSync(root).filter((v) => /^\d+$/.test(v)).sort((a, b) => Number(b) - Number(a)) : [];
  const candidates = versions.map((version) => join(root, version, "bin"));
  try {
    candidates.push(execFileSync("pg_config", ["--bindir"], { encoding: "utf8", stdio: ["ignore", "pipe", "ignore"] }).trim());
  } catch {
    // No pg_config on the PATH either.
  }
  return candidates.find((dir) => existsSync(join(dir, "initdb")) && existsSync(join(dir, "pg_ctl"))) ?? null;
}


/** initdb refuses to run as root, so as root the cluster belongs to the `postgres` user. */
async function runAsOwner(command: string, args: string[]): Promise<void> {
  const [file, argv] = asRoot ? ["runuser", ["-u", "postgres", "--", command, ...args]] : [command, args];
  await run(file, argv, { timeout: 60_000 });
}

/** initdb, then start on a free port of 127.0.0.1 with trust authentication for `postgres`. */
export async function startPrivatePostgres(binDir: string): Promise<PrivatePostgres> {
  const root = mkdtempSync(join(tmpdir(), "shouye-pg-"));
  if (asRoot) {
    const id = (flag: string) => Number(execFileSync("id", [flag, "postgres"], { encoding: "utf8" }).trim());
    chownSync(root, id("-u"), id("-g"));
  }
  const dataDir = join(root, "data");
  const port = await freePort();
  const pgCtl = join(binDir, "pg_ctl");
  // The socket goes into the cluster's own directory: the system's may not be writable.
  const serverOptions = `-p ${port} -c listen_addresses=127.0.0.1 -k ${root} -c fsync=off -c full_page_writes=off`;
  // Should the test process end without its afterAll, the server must not outlive it.
  const stopAtExit = () => {
    if (!existsSync(join(dataDir, "postmaster.pid"))) return;
    const stop = [pgCtl, "-D", dataDir, "-m", "immediate", "-w", "stop"];
    if (asRoot) execFileSync("runuser", ["-u", "postgres", "--", ...stop], { stdio: "ignore" });
    else execFileSync(pgCtl, stop.slice(1), { stdio: "ignore" });
  };
  const cluster: PrivatePostgres = {
    url: `postgres://postgres@127.0.0.1:${port}/postgres`,
    async start() {
      await runAsOwner(pgCtl, ["-D", dataDir, "-l", join(root, "server.log"), "-o", serverOptions, "-w", "-t", "30", "start"]);
    },
    async stop() {
      await runAsOwner(pgCtl, ["-D", dataDir, "-m", "fast", "-w", "-t", "30", "stop"]);
    },
    async destroy() {
      process.off("exit", stopAtExit);
      try {
        if (existsSync(join(dataDir, "postmaster.pid"))) await cluster.stop();
      } finally {
        rmSync(root, { recursive: true, force: true });
      }
    },
  };
  process.once("exit", stopAtExit);
  try {
    await runAsOwner(join(binDir, "initdb"), ["-D", dataDir, "-U", "postgres", "-A", "trust", "--no-sync", "-E", "UTF8", "--locale=C"]);
    await cluster.start();
  } catch (error) {
    await cluster.destroy();
    throw error;
  }
  return cluster;
}
