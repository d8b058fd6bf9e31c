/**
 * A bot as its own process, as it runs in production (Telegram is never in the bot's process):
 * the app as `npm start` runs it, or the bare grammY anchor (bench/bare-bot.mjs). The bench's
 * process keeps the Bot API fake and the load; the figures read from the child come from /proc.
 */
import { spawn, type ChildProcess } from "node:child_process";
import { readdirSync, readFileSync } from "node:fs";
import { createInterface } from "node:readline";
import { round, statCpuSeconds } from "./measure.js";

const APP_MAIN = "dist/main.js";
const BARE_MAIN = "bench/bare-bot.mjs";

/** The Node flags `npm start` passes, so the bench measures what it runs. */
export function startFlags(): string[] {
  const start = (JSON.parse(readFileSync("package.json", "utf8")) as { scripts: { start: string } }).scripts.start;
  const m = /^node\s+(.*?)\s*dist\/main\.js$/.exec(start.trim());
  if (!m) throw new Error(`npm start is not "node [flags] ${APP_MAIN}": ${start}`);
  return m[1] ? m[1].split(/\s+/) : [];
}

export interface MemoryStatus {
  rss: number;
  hwm: number;
  anon: number;
  file: number;
}

/** A process's memory from /proc, in MiB; null once it has gone. */
export function memoryStatus(pid: number): MemoryStatus | null {
  try {
    const text = readFileSync(`/proc/${pid}/status`, "utf8");
    const mib = (field: string) => Math.round(Number(new RegExp(`^${field}:\\s+(\\d+) kB`, "m").exec(text)?.[1] ?? NaN) / 1024);
    return { rss: mib("VmRSS"), hwm: mib("VmHWM"), anon: mib("RssAnon"), file: mib("RssFile") };
  } catch {
    return null;
  }
}

/** CPU seconds a process has used (user + system, every thread). */
export const cpuSeconds = (pid: number) => statCpuSeconds(`/proc/${pid}/stat`);

/** Read and write system calls a process has made so far (sockets included), from /proc/<pid>/io. */
export function syscalls(pid: number): { reads: number; writes: number } {
  const text = readFileSync(`/proc/${pid}/io`, "utf8");
  const field = (name: string) => Number(new RegExp(`^${name}: (\\d+)$`, "m").exec(text)?.[1] ?? NaN);
  return { reads: field("syscr"), writes: field("syscw") };
}

/** CPU seconds used so far by every PostgreSQL process on this machine (0 when none runs, as with PGlite). */
export function postgresCpuSeconds(): number {
  let total = 0;
  for (const entry of readdirSync("/proc")) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      if (readFileSync(`/proc/${entry}/comm`, "utf8").trim() === "postgres") total += cpuSeconds(Number(entry));
    } catch {
      // The process ended while being read.
    }
  }
  return total;
}

/** What a child logs: its JSON lines (waited for by `msg`), its --trace-gc pauses, and anything else as a problem. */
export function watchLog(child: ChildProcess) {
  const waiting: Array<{ msg: string; resolve: (line: Record<string, unknown>) => void }> = [];
  const problems: string[] = [];
  const gc: Array<{ kind: string; ms: number }> = [];
  createInterface({ input: child.stdout! }).on("line", (text) => {
    // --trace-gc: "[pid:0x…]   1234 ms: Scavenge 50.1 (60.2) -> 45.3 (62.2) MB, 3.41 / 0.00 ms  (…"
    const pause = /\d+ ms: ([A-Za-z-]+)(?: \(reduce\))? [\d.]+ \([\d.]+\) -> [\d.]+ \([\d.]+\) MB, (?:pooled: [\d.]+ MB, )?([\d.]+) \//.exec(text);
    if (pause) {
      gc.push({ kind: pause[1]!, ms: Number(pause[2]) });
      return;
    }
    let line: Record<string, unknown>;
    try {
      line = JSON.parse(text) as Record<string, unknown>;
    } catch {
      problems.push(text);
      return;
    }
    if (Number(line.level) >= 40) problems.push(`${String(line.msg)} ${JSON.stringify(line.result ?? line.err ?? "")}`);
    for (const w of waiting.filter((w) => w.msg === line.msg)) {
      waiting.splice(waiting.indexOf(w), 1);
      w.resolve(line);
    }
  });
  createInterface({ input: child.stderr! }).on("line", (text) => problems.push(text));
  return {
    problems,
    /** GC pauses logged so far; `gcSince(n)` summarises those after the first n. */
    gcCount: () => gc.length,
    gcSince(n: number) {
      const pauses = gc.slice(n);
      const of = (kind: string) => pauses.filter((p) => p.kind === kind).map((p) => p.ms);
      const sum = (xs: number[]) => round(xs.reduce((a, b) => a + b, 0));
      return Object.fromEntries([...new Set(pauses.map((p) => p.kind))].map((kind) => [kind, { count: of(kind).length, totalMs: sum(of(kind)), maxMs: Math.max(...of(kind)) }]));
    },
    next: (msg: string) => new Promise<Record<string, unknown>>((resolve) => waiting.push({ msg, resolve })),
  };
}

export interface BotProcess {
  child: ChildProcess;
  pid: number;
  log: ReturnType<typeof watchLog>;
  /** Resolves with the line logged with `msg`, or rejects if the process exits first. */
  logged(msg: string): Promise<Record<string, unknown>>;
  /** SIGTERM, and waits for the exit. */
  stop(): Promise<void>;
}

/**
 * Spawns the app (`node [npm start's flags] dist/main.js`) or the bare anchor with `env` on top of
 * this process's environment (less DATABASE_URL, which only `env` may give). `nodeArgs` are flags
 * on trial (`--cpu-prof`, `--trace-gc`).
 */
export function spawnBot(which: "app" | "bare", env: Record<string, string | undefined>, nodeArgs: string[] = []): BotProcess {
  const { DATABASE_URL: _ignored, ...inherited } = process.env;
  const child = spawn(process.execPath, argsOf(which, nodeArgs), { env: { ...inherited, ...env }, stdio: ["ignore", "pipe", "pipe"] });
  const exited = new Promise<number | null>((resolve) => child.once("exit", resolve));
  const log = watchLog(child);
  return {
    child,
    pid: child.pid!,
    log,
    logged: (msg) => Promise.race([log.next(msg), exited.then((code) => Promise.reject(new Error(`the ${which} bot exited (${code}): ${log.problems.join(" | ")}`)))]),
    async stop() {
      if (child.exitCode === null) child.kill("SIGTERM");
      await exited;
    },
  };
}

/** Node's arguments for a bot: npm start's flags (the app's), the flags on trial, the script. */
const argsOf = (which: "app" | "bare", nodeArgs: string[]) => [...(which === "app" ? startFlags() : []), ...nodeArgs, which === "app" ? APP_MAIN : BARE_MAIN];

/** The command line a bot process runs, for the report. */
export const commandOf = (which: "app" | "bare", nodeArgs: string[] = []) => ["node", ...argsOf(which, nodeArgs)].join(" ");
