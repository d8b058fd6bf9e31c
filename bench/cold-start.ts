/**
 * Cold start: how long `npm start`'s command takes from spawn until GET /healthz answers 200, on
 * an empty store, and how much memory the started bot holds when idle.
 *
 *   npx tsx bench/cold-start.ts                      # PGlite, empty DATA_DIR
 *   DATABASE_URL=postgres://postgres@127.0.0.1:5432/test npx tsx bench/cold-start.ts
 *   npx tsx bench/cold-start.ts --runs 5 --launchers node,npm,tsx
 *
 * Launchers: `node` runs `node dist/main.js` (what `npm start` runs), `npm` runs `npm start` itself
 * (the wrapper's overhead on top), `tsx` runs `tsx src/main.ts` (compiling at start, as before
 * the build step). Each run gets a fresh empty DATA_DIR, or with DATABASE_URL a fresh empty scratch
 * database on that server (the app migrates it), long polling against the Bot API fake on loopback.
 */
import { spawn, type ChildProcess } from "node:child_process";
import { randomBytes } from "node:crypto";
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { setTimeout as sleep } from "node:timers/promises";
import { parseArgs } from "node:util";
import postgres from "postgres";
import { startFakeTelegram, type FakeTelegram } from "../src/sandbox/telegram/index.js";
import { freePort } from "../test/support/bot-harness.js";
import { percentile, round, runBench } from "./measure.js";
import { withDatabase } from "../test/support/global-setup.js";

const root = resolve(import.meta.dirname, "..");
const { values: args } = parseArgs({
  options: {
    runs: { type: "string", default: "3" },
    launchers: { type: "string", default: "node,npm" },
    "idle-seconds": { type: "string", default: "10" },
  },
});
const runs = Number(args.runs);
const idleMs = Number(args["idle-seconds"]) * 1000;
const launchers = args.launchers.split(",") as Launcher[];
const databaseUrl = process.env.DATABASE_URL;

type Launcher = "node" | "npm" | "tsx";
const commands: Record<Launcher, [string, string[]]> = {
  node: ["node", [join(root, "dist/main.js")]],
  npm: ["npm", ["start", "--silent"]],
  tsx: [join(root, "node_modules/.bin/tsx"), [join(root, "src/main.ts")]],
};

interface Run {
  /** Spawn to the first 200 from /healthz. */
  healthyMs: number;
  /** Spawn to the bot's deleteWebhook call at the fake, the last step before it polls for updates. */
  pollingMs: number;
  /** The bot process's VmRSS after idling. */
  idleRssMiB: number;
}

runBench(async () => {
  if (launchers.includes("node") && !existsSync(join(root, "dist/main.js"))) throw new Error("dist/main.js is missing: run `npm run build` first");
  const fake = await startFakeTelegram();
  try {
    const results: Record<string, Run[]> = {};
    for (let i = 0; i < runs; i++) {
      for (const launcher of launchers) {
        const run = await coldStart(fake, launcher);
        (results[launcher] ??= []).push(run);
        console.error(`${launcher} run ${i + 1}: healthy ${round(run.healthyMs)} ms, polling ${round(run.pollingMs)} ms, idle RSS ${run.idleRssMiB} MiB`);
      }
    }
    const median = (xs: number[]) => percentile(xs, 50);
    const summary = Object.fromEntries(
      Object.entries(results).map(([launcher, rs]) => [
        launcher,
        {
          command: [commands[launcher as Launcher][0].replace(root, "."), ...commands[launcher as Launcher][1].map((a) => a.replace(root, "."))].join(" "),
          healthySeconds: round(median(rs.map((r) => r.healthyMs)) / 1000, 2),
          pollingSeconds: round(median(rs.map((r) => r.pollingMs)) / 1000, 2),
          idleRssMiB: median(rs.map((r) => r.idleRssMiB)),
          runs: rs.map((r) => round(r.healthyMs / 1000, 2)),
        },
      ]),
    );
    const load = readFileSync("/proc/loadavg", "utf8").split(" ").slice(0, 3).join(" ");
    console.log(JSON.stringify({ store: databaseUrl ? "postgres" : "pglite", runs, idleSeconds: idleMs / 1000, load, ...summary }, null, 2));
    const first = summary[launchers[0]!]!;
    console.log(`cold start to /healthz (${first.command}, ${databaseUrl ? "PostgreSQL" : "PGlite"}, empty store, median of ${runs}, load ${load}): ${first.healthySeconds} s, idle RSS ${first.idleRssMiB} MiB`);
  } finally {
    await fake.close();
  }
});

async function coldStart(fake: FakeTelegram, launcher: Launcher): Promise<Run> {
  const port = await freePort();
  const store = await emptyStore();
  const callsBefore = fake.calls.length;
  const [command, argv] = commands[launcher];
  const started = performance.now();
  const startedAt = Date.now();
  const child = spawn(command, argv, {
    cwd: root,
    // Its own process group, so npm and everything it started stop together.
    detached: true,
    env: {
      PATH: process.env.PATH ?? "",
      HOME: process.env.HOME ?? "",
      TELEGRAM_BOT_TOKEN: fake.token,
      TELEGRAM_API_ROOT: fake.apiRoot,
      PORT: String(port),
      HOST: "127.0.0.1",
      LOG_LEVEL: "warn",
      ...store.env,
    },
    stdio: ["ignore", "ignore", "inherit"],
  });
  const exited = new Promise<number | null>((done) => child.once("exit", (code) => done(code)));
  try {
    const healthyMs = await firstHealthy(port, child, started);
    const polling = await waitFor(() => fake.calls.slice(callsBefore).find((c) => c.method === "deleteWebhook"), 30_000);
    await sleep(idleMs);
    const idleRssMiB = Math.round(vmRssKiB(appPid(child.pid!)) / 1024);
    return { healthyMs, pollingMs: polling.at - startedAt, idleRssMiB };
  } finally {
    process.kill(-child.pid!, "SIGTERM");
    const stop = await Promise.race([exited, sleep(20_000).then(() => "timeout" as const)]);
    if (stop === "timeout") process.kill(-child.pid!, "SIGKILL");
    await store.drop();
  }
}

async function firstHealthy(port: number, child: ChildProcess, started: number): Promise<number> {
  while (performance.now() - started < 60_000) {
    if (child.exitCode !== null) throw new Error(`the bot exited with code ${child.exitCode} before /healthz answered`);
    const ok = await fetch(`http://127.0.0.1:${port}/healthz`).then((r) => r.status === 200, () => false);
    if (ok) return performance.now() - started;
    await sleep(10);
  }
  throw new Error("/healthz did not answer 200 within 60 s");
}

async function waitFor<T>(probe: () => T | undefined, timeoutMs: number): Promise<T> {
  for (const until = Date.now() + timeoutMs; Date.now() < until; await sleep(10)) {
    const found = probe();
    if (found !== undefined) return found;
  }
  throw new Error("timed out");
}

/** An empty DATA_DIR, or with DATABASE_URL an empty scratch database: the app migrates it. */
async function emptyStore(): Promise<{ env: Record<string, string>; drop: () => Promise<void> }> {
  if (!databaseUrl) {
    const dir = mkdtempSync(join(tmpdir(), "shouye-cold-"));
    return { env: { DATA_DIR: dir }, drop: async () => rmSync(dir, { recursive: true, force: true }) };
  }
  const name = `shouye_bench_${randomBytes(3).toString("hex")}`;
  const admin = postgres(databaseUrl, { max: 1, onnotice: () => {} });
  await admin.unsafe(`create database ${name}`);
  return {
    env: { DATABASE_URL: withDatabase(databaseUrl, name) },
    async drop() {
      await admin.unsafe(`drop database if exists ${name} with (force)`);
      await admin.end();
    },
  };
}

/** The bot's own process: `npm start` runs it as a child of a shell under npm, so take the deepest descendant. */
function appPid(pid: number): number {
  const children = readdirSync("/proc")
    .filter((entry) => /^\d+$/.test(entry))
    .filter((entry) => {
      try {
        // Field 4 of /proc/<pid>/stat is the parent; the command name in field 2 may contain spaces.
        const stat = readFileSync(`/proc/${entry}/stat`, "utf8");
        return Number(stat.slice(stat.lastIndexOf(")") + 2).split(" ")[1]) === pid;
      } catch {
        return false;
      }
    })
    .map(Number);
  return children.length > 0 ? appPid(children[0]!) : pid;
}

function vmRssKiB(pid: number): number {
  const line = readFileSync(`/proc/${pid}/status`, "utf8").match(/^VmRSS:\s+(\d+) kB/m);
  if (!line) throw new Error(`no VmRSS for ${pid}`);
  return Number(line[1]);
}
