import { createServer } from "node:net";
import { startApp, type RunningApp } from "../../src/app.js";
import { parseConfig, type Config } from "../../src/config/config.js";
import type { Database } from "../../src/storage/db.js";
import { startFakeTelegram, type FakeTelegram } from "../../src/sandbox/telegram/index.js";
import { pino, type Logger } from "pino";
import { openTestDatabase } from "./test-database.js";

export interface BotHarness {
  fake: FakeTelegram;
  /** Pins the app's clock (verbs, scheduler, outbox) to an instant; null goes back to real time. */
  setNow(instant: string | Date | null): void;
  database: Database;
  config: Config;
  app: RunningApp;
  /** Stops the bot and starts a new one on the same database, as a process restart would. */
  restart(): Promise<void>;
  close(): Promise<void>;
}

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const address = server.address();
      server.close(() => resolve(typeof address === "object" && address ? address.port : 0));
    });
  });
}

/**
 * The real app (bot, outbox dispatcher, HTTP server) on a fresh database, talking over HTTP to
 * the local Bot API fake. Webhook mode by default: the fake's pushUpdate then resolves once the
 * bot has answered the webhook request, i.e. handled the update. A test's own `database` is
 * closed with the harness; a test's own `logger` lets it read the app's log.
 */
export async function startBotHarness(
  options: { mode?: "webhook" | "polling"; admins?: number[]; env?: Record<string, string>; database?: Database; logger?: Logger } = {},
): Promise<BotHarness> {
  const fake = await startFakeTelegram();
  const database = options.database ?? (await openTestDatabase());
  const port = await freePort();
  const parsed = parseConfig({
    TELEGRAM_BOT_TOKEN: fake.token,
    TELEGRAM_API_ROOT: fake.apiRoot,
    HOST: "127.0.0.1",
    PORT: String(port),
    DEFAULT_LOCALE: "en",
    LOG_LEVEL: "silent",
    ADMIN_TELEGRAM_IDS: (options.admins ?? []).join(","),
    ...((options.mode ?? "webhook") === "webhook"
      ? { WEBHOOK_URL: `http://127.0.0.1:${port}/telegram`, WEBHOOK_SECRET: "test-secret-0123456789" }
      : {}),
    ...options.env,
  });
  if (!parsed.ok) throw new Error(parsed.problems.join("; "));
  const config = parsed.config;
  // TEST_LOG_LEVEL=debug shows the app's logs when a test needs explaining.
  const logger = options.logger ?? pino({ level: process.env.TEST_LOG_LEVEL ?? "silent" });
  let pinned: Date | null = null;
  const clock = () => pinned ?? new Date();
  const harness: BotHarness = {
    fake,
    setNow(instant) {
      pinned = instant === null ? null : new Date(instant);
    },
    database,
    config,
    app: await startApp(config, database, logger, clock),
    async restart() {
      await harness.app.stop();
      harness.app = await startApp(config, database, logger, clock);
      await harness.app.scheduler.idle();
    },
    async close() {
      await harness.app.stop();
      await fake.close();
      await database.close();
    },
  };
  // The jobs run at start read the clock when they begin: done before a test pins the clock and
  // seeds, they cannot plan the seeded teams' real-time nights halfway through it.
  await harness.app.scheduler.idle();
  return harness;
}
