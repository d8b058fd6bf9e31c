/** Measuring helpers shared by the benches. */
import { monitorEventLoopDelay, PerformanceObserver } from "node:perf_hooks";

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
    rss.peak = Math.max(rss.peak, process.memoryUsage().rss);
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
 * Garbage-collection pauses and event-loop delay over a stretch of work, in ms: what a request
 * arriving meanwhile may have waited for the thread.
 */
export async function pauses<T>(work: () => Promise<T>): Promise<[T, { gc: { count: number; totalMs: number; maxMs: number; over50ms: number }; loopDelayMs: { p99: number; max: number } }]> {
  const gcs: number[] = [];
  const observer = new PerformanceObserver((list) => gcs.push(...list.getEntries().map((e) => e.duration)));
  observer.observe({ entryTypes: ["gc"] });
  const histogram = monitorEventLoopDelay({ resolution: 10 });
  histogram.enable();
  try {
    const result = await work();
    return [
      result,
      {
        gc: { count: gcs.length, totalMs: round(gcs.reduce((a, b) => a + b, 0)), maxMs: round(Math.max(0, ...gcs)), over50ms: gcs.filter((d) => d > 50).length },
        loopDelayMs: { p99: round(histogram.percentile(99) / 1e6), max: round(histogram.max / 1e6) },
      },
    ];
  } finally {
    histogram.disable();
    observer.disconnect();
  }
}
