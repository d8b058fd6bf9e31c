/** Measuring helpers shared by the benches. */
import { readFileSync, writeFileSync } from "node:fs";
import { Session } from "node:inspector";
import { constants as perfConstants, monitorEventLoopDelay, PerformanceObserver } from "node:perf_hooks";

/** Nearest-rank percentile of a list of numbers (NaN when empty). */
export function percentile(values: number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))] ?? NaN;
}

/**
 * The process's peak RSS. PGlite runs on the main thread and starves timers during long
 * queries, so callers also sample after each step of work (`timed` does).
 */
export const rss = {
  peak: 0,
  sample(): void {
    rss.peak = Math.max(rss.peak, process.memoryUsage.rss());
  },
  peakMiB: () => Math.round(rss.peak / 1024 / 1024),
};

/** Runs `main` with RSS sampled every 100 ms; a failure sets the exit code. */
export function runBench(main: () => Promise<void>): void {
  const sampler = setInterval(rss.sample, 100);
  main()
    .catch((error: unknown) => {
      console.error(error);
      process.exitCode = 1;
    })
    .finally(() => clearInterval(sampler));
}

/** The work's result and how long it took, in milliseconds. */
export async function timed<T>(work: () => Promise<T>): Promise<[T, number]> {
  const start = performance.now();
  const result = await work();
  rss.sample();
  return [result, performance.now() - start];
}

export const round = (n: number, digits = 1) => Number(n.toFixed(digits));

/**
 * Runs `work` under the V8 profiler of this thread when a file is named, writing the profile
 * there (open it in Chrome DevTools or speedscope).
 */
export async function profiled<T>(file: string | undefined, work: () => Promise<T>): Promise<T> {
  const stop = await startProfile(file);
  try {
    return await work();
  } finally {
    await stop();
  }
}

/** Starts the V8 profiler of this thread when a file is named; the function returned writes it there. */
export async function startProfile(file: string | undefined): Promise<() => Promise<void>> {
  if (!file) return async () => {};
  const session = new Session();
  session.connect();
  const post = (method: string) => new Promise<unknown>((resolve, reject) => session.post(method, (error, result) => (error ? reject(error) : resolve(result))));
  await post("Profiler.enable");
  await post("Profiler.start");
  return async () => {
    const { profile } = (await post("Profiler.stop")) as { profile: unknown };
    writeFileSync(file, JSON.stringify(profile));
    session.disconnect();
  };
}

/** User + system CPU seconds from a /proc `stat` file (a process's or a thread's); the clock ticks 100 a second on Linux. */
export function statCpuSeconds(path: string): number {
  const stat = readFileSync(path, "utf8");
  const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
  return (Number(fields[11]) + Number(fields[12])) / 100;
}

/**
 * CPU seconds this process has used so far: its main thread, and all its other threads together
 * (a PGlite worker, V8's garbage collection and compilation, libuv's pool). From /proc, so Linux;
 * elsewhere everything counts as the main thread's.
 */
export function threadCpuSeconds(): { main: number; others: number } {
  const total = process.cpuUsage();
  const all = (total.user + total.system) / 1e6;
  try {
    const main = statCpuSeconds(`/proc/self/task/${process.pid}/stat`);
    return { main, others: Math.max(0, all - main) };
  } catch {
    return { main: all, others: 0 };
  }
}

/**
 * Garbage-collection pauses and event-loop delay over a stretch of work, in ms: what a request
 * arriving meanwhile may have waited for the thread.
 */
export async function pauses<T>(
  work: () => Promise<T>,
): Promise<[T, { gc: { count: number; totalMs: number; maxMs: number; longest: string; over50ms: number }; loopDelayMs: { p99: number; max: number } }]> {
  const gcs: number[] = [];
  let longest = { ms: 0, kind: "none" };
  const observer = new PerformanceObserver((list) => {
    for (const entry of list.getEntries()) {
      gcs.push(entry.duration);
      if (entry.duration > longest.ms) longest = { ms: entry.duration, kind: gcKind((entry as { detail?: { kind?: number } }).detail?.kind) };
    }
  });
  observer.observe({ entryTypes: ["gc"] });
  const histogram = monitorEventLoopDelay({ resolution: 10 });
  histogram.enable();
  try {
    const result = await work();
    return [
      result,
      {
        gc: { count: gcs.length, totalMs: round(gcs.reduce((a, b) => a + b, 0)), maxMs: round(Math.max(0, ...gcs)), longest: longest.kind, over50ms: gcs.filter((d) => d > 50).length },
        loopDelayMs: { p99: round(histogram.percentile(99) / 1e6), max: round(histogram.max / 1e6) },
      },
    ];
  } finally {
    histogram.disable();
    observer.disconnect();
  }
}

/** The kind of a GC entry, as perf_hooks numbers it: scavenges are minor, mark-compacts major. */
function gcKind(kind: number | undefined): string {
  const names: Record<number, string> = {
    [perfConstants.NODE_PERFORMANCE_GC_MINOR]: "minor",
    [perfConstants.NODE_PERFORMANCE_GC_MAJOR]: "major",
    [perfConstants.NODE_PERFORMANCE_GC_INCREMENTAL]: "incremental",
    [perfConstants.NODE_PERFORMANCE_GC_WEAKCB]: "weak callbacks",
  };
  return kind === undefined ? "unknown" : (names[kind] ?? String(kind));
}
