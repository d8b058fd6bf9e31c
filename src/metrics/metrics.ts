import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from "prom-client";
import type { OutboxBacklog } from "../outbox/backlog.js";

/** How an update's handling ended: handled (a refusal the user was told of included), or failed. */
export type UpdateOutcome = "ok" | "error";

/** What /metrics reads from the rest of the app when it is scraped. */
export interface MetricsSources {
  /** Waiting outbox rows by kind, and the age of the oldest. */
  outboxBacklog: () => Promise<OutboxBacklog>;
  /** Resolves when the database answers. */
  ping: () => Promise<void>;
  /** Connections the process may open to the database (PGlite: one). */
  poolSize: number;
}

export interface Metrics {
  readonly registry: Registry;
  updateHandled(kind: string, outcome: UpdateOutcome, seconds: number): void;
  /** A request refused with a message to the user (a domain error), by its reason. */
  refused(reason: string): void;
  /** One outbox send's result: sent, retry, rate_limited, failed or unreachable. */
  outboxResult(kind: string, result: string): void;
  reminderSent(latenessSeconds: number): void;
  /** A scheduler job's run; `items` is what it handled (escalation steps, reminders queued…) when it says. */
  jobRan(job: string, outcome: "ok" | "error", seconds: number, items: number | null): void;
}

const LATENCY_BUCKETS = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10];
const LATENESS_BUCKETS = [-60, -30, -10, -5, -2, -1, 0, 1, 2, 5, 10, 30, 60, 300];

/**
 * The app's Prometheus metrics on a registry of its own (several apps can run in one process, as
 * in the tests), with Node's process metrics (event-loop lag, heap, GC) beside them.
 */
export function createMetrics(sources: MetricsSources): Metrics {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry });
  const updates = new Counter({ name: "shouye_updates_total", help: "Telegram updates handled, by kind and outcome", labelNames: ["kind", "outcome"], registers: [registry] });
  const updateSeconds = new Histogram({
    name: "shouye_update_duration_seconds",
    help: "Time from an update's arrival to the end of its handling, waits behind the same chat included",
    labelNames: ["kind"],
    buckets: LATENCY_BUCKETS,
    registers: [registry],
  });
  const refusals = new Counter({
    name: "shouye_refusals_total",
    help: "Requests refused with a message to the user, by reason (e.g. invite.expired, access.denied)",
    labelNames: ["reason"],
    registers: [registry],
  });
  const outboxResults = new Counter({
    name: "shouye_outbox_sends_total",
    help: "Outbox sends by this process, by payload kind and result (sent, retry, rate_limited, failed, unreachable)",
    labelNames: ["kind", "result"],
    registers: [registry],
  });
  new Gauge({
    name: "shouye_outbox_pending",
    help: "Outbox rows waiting to be sent (all instances), by payload kind",
    labelNames: ["kind"],
    registers: [registry],
    async collect() {
      const backlog = await sources.outboxBacklog();
      this.reset();
      for (const [kind, count] of Object.entries(backlog.waitingByKind)) this.set({ kind }, count);
      oldestWaiting.set(backlog.oldestWaitingSeconds ?? 0);
    },
  });
  const oldestWaiting = new Gauge({ name: "shouye_outbox_oldest_waiting_seconds", help: "Age of the oldest outbox row still waiting to be sent (0 when none waits)", registers: [registry] });
  const reminderLateness = new Histogram({
    name: "shouye_reminder_lateness_seconds",
    help: "When a reminder reached Telegram relative to its due time (negative: early)",
    buckets: LATENESS_BUCKETS,
    registers: [registry],
  });
  const jobRuns = new Counter({ name: "shouye_job_runs_total", help: "Scheduler job runs, by job and outcome", labelNames: ["job", "outcome"], registers: [registry] });
  const jobSeconds = new Histogram({ name: "shouye_job_duration_seconds", help: "Scheduler job run time", labelNames: ["job"], buckets: LATENCY_BUCKETS, registers: [registry] });
  const jobItems = new Counter({
    name: "shouye_job_items_total",
    help: "What scheduler jobs handled: escalation steps (job=escalations), reminders queued (job=due-reminders), …",
    labelNames: ["job"],
    registers: [registry],
  });
  const jobLastSuccess = new Gauge({ name: "shouye_job_last_success_timestamp_seconds", help: "When each job last finished without error", labelNames: ["job"], registers: [registry] });
  new Gauge({ name: "shouye_db_pool_max_connections", help: "Connections this process may open to the database", registers: [registry] }).set(sources.poolSize);
  new Gauge({
    name: "shouye_db_ping_seconds",
    help: "Time the database took to answer at this scrape (-1: no answer)",
    registers: [registry],
    async collect() {
      const started = performance.now();
      try {
        await sources.ping();
        this.set((performance.now() - started) / 1000);
      } catch {
        this.set(-1);
      }
    },
  });

  return {
    registry,
    updateHandled(kind, outcome, seconds) {
      updates.inc({ kind, outcome });
      updateSeconds.observe({ kind }, seconds);
    },
    refused(reason) {
      refusals.inc({ reason });
    },
    outboxResult(kind, result) {
      outboxResults.inc({ kind, result });
    },
    reminderSent(latenessSeconds) {
      reminderLateness.observe(latenessSeconds);
    },
    jobRan(job, outcome, seconds, items) {
      jobRuns.inc({ job, outcome });
      jobSeconds.observe({ job }, seconds);
      if (items !== null) jobItems.inc({ job }, items);
      if (outcome === "ok") jobLastSuccess.set({ job }, Date.now() / 1000);
    },
  };
}
