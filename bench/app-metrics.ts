/**
 * What the app's own /metrics say about a stretch of work: which scheduler jobs ran beside it and
 * for how long, the longest hold of its event loop, and how soon it finished the updates itself.
 */
import { setTimeout as sleep } from "node:timers/promises";
import { jobs } from "../src/scheduler/jobs.js";
import { round } from "./measure.js";

/** The app's /metrics text (reading it restarts prom-client's event-loop lag window). */
export const metricsOf = async (port: string) => (await fetch(`http://127.0.0.1:${port}/metrics`)).text();

/** Each scheduler job's runs and seconds so far, from /metrics. */
function jobTimes(metrics: string): Map<string, { runs: number; seconds: number }> {
  const times = new Map<string, { runs: number; seconds: number }>();
  for (const m of metrics.matchAll(/^shouye_job_duration_seconds_(sum|count)\{job="([^"]+)"\} (\S+)$/gm)) {
    const entry = times.get(m[2]!) ?? { runs: 0, seconds: 0 };
    entry[m[1] === "sum" ? "seconds" : "runs"] = Number(m[3]);
    times.set(m[2]!, entry);
  }
  return times;
}

/** The app's own count of command updates it finished within each bucket of seconds, from /metrics. */
function handled(metrics: string): Map<string, number> {
  return new Map([...metrics.matchAll(/^shouye_update_duration_seconds_bucket\{le="([^"]+)",kind="command"\} (\S+)$/gm)].map((m) => [m[1]!, Number(m[2])]));
}

/**
 * What ran in the app beside `work`: the scheduler's jobs (runs, seconds) and the longest hold of
 * its event loop, read from its /metrics before and after.
 */
export async function besideInApp<T>(port: string, work: () => Promise<T>): Promise<[T, { jobs: Record<string, string>; loopLagMaxMs: number; handledWithin: Record<string, string> }]> {
  const first = await metricsOf(port);
  const [before, handledBefore] = [jobTimes(first), handled(first)];
  const result = await work();
  const after = await metricsOf(port);
  const jobs: Record<string, string> = {};
  for (const [job, { runs, seconds }] of jobTimes(after)) {
    const was = before.get(job) ?? { runs: 0, seconds: 0 };
    if (runs > was.runs) jobs[job] = `${runs - was.runs} × ${round(((seconds - was.seconds) * 1000) / (runs - was.runs))} ms`;
  }
  const lag = Number(/^nodejs_eventloop_lag_max_seconds (\S+)$/m.exec(after)?.[1] ?? NaN);
  // The share of updates the app itself finished within each bound, arrival to reply queued:
  // beside the bench's latency, which also counts the loopback, says where a tail was spent.
  const handledAfter = handled(after);
  const total = (handledAfter.get("+Inf") ?? 0) - (handledBefore.get("+Inf") ?? 0);
  const handledWithin = Object.fromEntries(
    [...handledAfter].filter(([le]) => ["0.025", "0.05", "0.1", "0.25"].includes(le)).map(([le, n]) => [`${Number(le) * 1000} ms`, `${round((100 * (n - (handledBefore.get(le) ?? 0))) / total, 2)}%`]),
  );
  return [result, { jobs, loopLagMaxMs: round(lag * 1000), handledWithin }];
}

/**
 * Until every job the scheduler runs at start has run once and the outbox has nothing waiting:
 * the start-up's catching up (a year of history's escalations) is over, as by 20:00 it would be.
 */
export async function untilSettled(port: string): Promise<void> {
  const atStart = jobs.filter((j) => j.atStart).map((j) => j.name);
  const began = performance.now();
  while (performance.now() - began < 180_000) {
    const text = await metricsOf(port);
    const ran = atStart.every((job) => text.includes(`shouye_job_runs_total{job="${job}"`));
    if (ran && /^shouye_outbox_oldest_waiting_seconds 0$/m.test(text)) return;
    await sleep(250);
  }
  throw new Error("the app did not settle within 3 minutes of starting");
}
