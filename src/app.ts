import type { Server } from "node:http";
import { webhookCallback } from "grammy";
import type { Logger } from "pino";
import { ensureCoordinators } from "./access/ensure-coordinators.js";
import { ensureDefaultPolicies } from "./escalation/policies.js";
import { createBot } from "./bot/index.js";
import { startPolling, type Polling } from "./bot/polling.js";
import { publishDefaultCommands } from "./bot/commands.js";
import { createDeliver, createRenderer } from "./bot/deliver.js";
import { createOutboxApi } from "./bot/outbox-api.js";
import { telegramConnections } from "./bot/telegram-fetch.js";
import { createI18n } from "./bot/i18n.js";
import { botToken, type Config } from "./config/config.js";
import { publicUrl } from "./http/public-url.js";
import { createHttpServer, listen, type HttpMount } from "./http/server.js";
import { verifyPage } from "./http/verify-page.js";
import { watchWebhook } from "./bot/webhook-health.js";
import { createMetrics } from "./metrics/metrics.js";
import { readOutboxBacklog } from "./outbox/backlog.js";
import { createDispatcher, type Dispatcher } from "./outbox/dispatcher.js";
import { watchEnqueues } from "./outbox/enqueue-notice.js";
import { startScheduler, type Scheduler } from "./scheduler/scheduler.js";
import { reportSettingsFrom } from "./incidents/report-settings.js";
import { shiftPolicyFrom } from "./shifts/policy.js";
import { recheckingReminders } from "./shifts/reminder-recheck.js";
import { JOB_CONNECTIONS, pingDatabase, type Database } from "./storage/db.js";

const ALLOWED_UPDATES: Array<"message" | "edited_message" | "callback_query" | "my_chat_member"> = ["message", "edited_message", "callback_query", "my_chat_member"];

/** What a caller adds to the app: the sandbox serves its page and API on the app's HTTP server. */
export interface AppExtras {
  httpMounts?: readonly HttpMount[];
}

export interface RunningApp {
  /** The port /healthz (and the webhook) listen on. */
  port: number;
  dispatcher: Dispatcher;
  scheduler: Scheduler;
  stop(): Promise<void>;
}

/**
 * Wires the parts together: the bot (polling with the runner, or a webhook), the outbox
 * dispatcher, the scheduler and the HTTP server. The database is opened and migrated by the caller.
 */
export async function startApp(
  config: Config,
  database: Database,
  logger: Logger,
  clock: () => Date = () => new Date(),
  extras: AppExtras = {},
): Promise<RunningApp> {
  const { db } = database;
  const startedAt = new Date();
  // Outbox times are the app's (its rows are written at clock()); the scheduler's are real (cron).
  const outboxBacklog = () => readOutboxBacklog(db, clock());
  const metrics = createMetrics({
    outboxBacklog,
    ping: () => pingDatabase(db),
    poolSize: database.kind === "postgres" ? config.DATABASE_POOL_SIZE + JOB_CONNECTIONS : 1,
  });
  let lastSent = clock();
  await ensureCoordinators({ db, actor: { type: "system", job: "config" }, now: clock(), logger }, config.ADMIN_TELEGRAM_IDS);
  await ensureDefaultPolicies(db, clock());

  const i18n = createI18n(config.DEFAULT_LOCALE);
  const renderer = createRenderer(i18n, config.DEFAULT_LOCALE, config.BOT_TIMEZONE);
  const telegram = telegramConnections(config.TELEGRAM_API_ROOT);
  const outboxApi = createOutboxApi(botToken(config), config.TELEGRAM_API_ROOT, telegram.fetch);
  const dispatcher = createDispatcher({
    db,
    logger: logger.child({ component: "outbox" }),
    deliver: recheckingReminders(
      { db, logger: logger.child({ component: "outbox" }), clock, onSent: (latenessMs) => metrics.reminderSent(latenessMs / 1000) },
      createDeliver(outboxApi, renderer, { allowPaidBroadcast: config.ALLOW_PAID_BROADCAST }),
    ),
    ratePerSecond: config.OUTBOX_RATE_PER_SECOND,
    clock,
    onResult: (message, result) => {
      if (result.status === "sent") lastSent = clock();
      metrics.outboxResult(message.payload.kind, result.status === "retry" && result.rateLimited ? "rate_limited" : result.status);
    },
  });

  const tasks = new Set<Promise<void>>();
  // Known once the server listens (PORT 0 picks a free port); nothing prints a link before that.
  let ownUrl = publicUrl(config, config.PORT);
  const bot = createBot({
    config,
    telegramFetch: telegram.fetch,
    policy: shiftPolicyFrom(config),
    reports: reportSettingsFrom(config),
    db,
    logger,
    i18n,
    clock,
    metrics,
    publicUrl: () => ownUrl,
    nudgeOutbox: () => dispatcher.nudge(),
    background: (name, work) => {
      // Wakes the dispatcher for what the task queued: it runs on after the update's own nudge.
      const task = watchEnqueues(work)
        .then((enqueued) => {
          if (enqueued) dispatcher.nudge();
        })
        .catch((error: unknown) => logger.error({ err: error, task: name }, "background task failed"))
        .finally(() => tasks.delete(task));
      tasks.add(task);
    },
  });
  await bot.init();
  if (config.SYNC_COMMANDS) await publishDefaultCommands(bot.api, renderer, config.DEFAULT_LOCALE);

  const webhookPath = config.WEBHOOK_URL ? new URL(config.WEBHOOK_URL).pathname : null;
  let polling: Polling | null = null;
  let scheduler: Scheduler | null = null;
  const server: Server = createHttpServer({
    ping: () => pingDatabase(db),
    logger,
    schedulerLastFinish: () => scheduler?.lastFinish() ?? startedAt,
    outbox: { backlog: outboxBacklog, lastSent: () => lastSent, now: clock },
    metrics: async () => ({ contentType: metrics.registry.contentType, body: await metrics.registry.metrics() }),
    mounts: [verifyPage({ db, logger, clock, i18n, defaultLocale: config.DEFAULT_LOCALE, timeZone: config.BOT_TIMEZONE, district: { zh: config.DISTRICT_NAME, en: config.DISTRICT_NAME_EN ?? config.DISTRICT_NAME } }), ...(extras.httpMounts ?? [])],
    ...(webhookPath ? {} : { polling: () => polling?.health() ?? { ok: true, state: "ok" as const } }),
    ...(webhookPath
      ? {
          webhook: {
            path: webhookPath,
            handle: webhookCallback(bot, "http", { secretToken: config.WEBHOOK_SECRET!, onTimeout: "return" }),
            health: watchWebhook(bot.api, config.WEBHOOK_URL!),
          },
        }
      : {}),
  });
  const port = await listen(server, config.PORT, config.HOST);
  ownUrl = publicUrl(config, port);
  dispatcher.start();

  if (config.WEBHOOK_URL) {
    await bot.api.setWebhook(config.WEBHOOK_URL, { secret_token: config.WEBHOOK_SECRET!, allowed_updates: ALLOWED_UPDATES });
    logger.info({ url: config.WEBHOOK_URL, port }, "webhook mode");
  } else {
    await bot.api.deleteWebhook();
    polling = startPolling(bot, logger.child({ component: "polling" }), ALLOWED_UPDATES);
    logger.info({ port, bot: bot.botInfo.username }, "long polling");
  }

  // Last: its catch-up run at start (planning the coming nights) is long, and on the embedded store
  // it would hold up registering the webhook or starting to poll.
  const running = startScheduler({ db: database.jobsDb, logger, config, clock, nudgeOutbox: () => dispatcher.nudge(), onJobRan: metrics.jobRan });
  scheduler = running;

  return {
    port,
    dispatcher,
    scheduler: running,
    async stop() {
      await polling?.stop();
      await running.stop();
      const closed = new Promise<void>((resolve) => server.close(() => resolve()));
      server.closeAllConnections();
      await closed;
      await Promise.allSettled([...tasks]);
      await dispatcher.stop();
      await telegram.close();
    },
  };
}
