/** Measuring helpers shared by the benches. */

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
