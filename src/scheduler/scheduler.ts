import cron, { type ScheduledTask } from "node-cron";
import type { Logger } from "pino";
import type { Config } from "../config/config.js";
import { shiftPolicyFrom } from "../shifts/policy.js";
import type { Db } from "../storage/db.js";
import { jobs as defaultJobs, type Job } from "./jobs.js";

export interface SchedulerDeps {
  db: Db;
  logger: Logger;
  config: Config;
  clock: () => Date;
  /** Called after a job ran, so messages it enqueued go out at once. */
  nudgeOutbox: () => void;
  /** Told every run's outcome; `items` is the job's result when it is a count (metrics). */
  onJobRan?: (job: string, outcome: "ok" | "error", seconds: number, items: number | null) => void;
}

export interface Scheduler {
  /** Runs one job now (the CLI, tests); resolves when it finished. */
  run(name: string): Promise<void>;
  /** Runs now every job that runs at start, as after downtime (the sandbox, after its clock jumped). */
  catchUp(): Promise<void>;
  /** Resolves when the jobs running now (those run at start, say) have finished. */
  idle(): Promise<void>;
  /** When a job last finished (real time), or when the scheduler started if none has yet: /healthz. */
  lastFinish(): Date;
  stop(): Promise<void>;
}

/**
 * Runs the jobs on node-cron in BOT_TIMEZONE. Jobs never overlap themselves; each one's work is
 * claimed in the database, so several instances may run the same schedule side by side.
 */
export function startScheduler(deps: SchedulerDeps, jobs: Job[] = defaultJobs): Scheduler {
  const running = new Map<string, Promise<void>>();
  const logger = deps.logger.child({ component: "scheduler" });
  const policy = shiftPolicyFrom(deps.config);
  let lastFinish = new Date();
  // node-cron's own notices (a missed tick while the event loop was busy) go to our log, not stderr.
  cron.setLogger({
    info: (message) => logger.debug(message),
    warn: (message) => logger.warn(message),
    error: (message, err) => logger.error({ err }, String(message)),
    debug: (message) => logger.debug(String(message)),
  });

  function run(job: Job): Promise<void> {
    const current = running.get(job.name);
    if (current) return current; // still busy with the previous tick
    const started = Date.now();
    const ctx = { db: deps.db, actor: { type: "system" as const, job: job.name }, now: deps.clock(), logger: logger.child({ job: job.name }) };
    const finished = (outcome: "ok" | "error", result?: unknown) => {
      lastFinish = new Date();
      const ms = Date.now() - started;
      deps.onJobRan?.(job.name, outcome, ms / 1000, typeof result === "number" ? result : null);
      return ms;
    };
    const promise = job
      .run(ctx, policy, deps.config)
      .then((result) => {
        deps.nudgeOutbox();
        const ms = finished("ok", result);
        if (ms > 1000) logger.info({ job: job.name, ms }, "job took long");
      })
      .catch((error: unknown) => {
        finished("error");
        logger.error({ err: error, job: job.name }, "job failed");
      })
      .finally(() => running.delete(job.name));
    running.set(job.name, promise);
    return promise;
  }

  // Without node-cron's noOverlap: run() already lets a tick that finds its job busy wait on it,
  // and node-cron's warning for that names no job (a live-boards run outlasting its 5 s at 20:00
  // is expected, and "job took long" says so with the name).
  const tasks: ScheduledTask[] = jobs.map((job) => cron.schedule(job.cron, () => run(job), { timezone: deps.config.BOT_TIMEZONE, name: job.name }));
  for (const job of jobs.filter((j) => j.atStart)) void run(job);

  return {
    async run(name) {
      const job = jobs.find((j) => j.name === name);
      if (!job) throw new Error(`no job named ${name}`);
      await (running.get(name) ?? Promise.resolve());
      await run(job);
    },
    async catchUp() {
      // A run already under way read the clock before the jump: wait for it, then run again.
      await Promise.all(
        jobs.filter((j) => j.atStart).map(async (job) => {
          await (running.get(job.name) ?? Promise.resolve());
          await run(job);
        }),
      );
    },
    async idle() {
      await Promise.allSettled([...running.values()]);
    },
    lastFinish: () => lastFinish,
    async stop() {
      await Promise.all(tasks.map((t) => t.destroy()));
      await Promise.allSettled([...running.values()]);
    },
  };
}
