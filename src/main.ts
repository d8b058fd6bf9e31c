import { config as loadDotenv } from "dotenv";
import type { Logger } from "pino";
import { parseConfig, type Config } from "./config/config.js";
import { createLogger } from "./logger.js";
import { describeStartupProblem } from "./startup-problem.js";
import { openConfiguredDatabase } from "./storage/open-configured.js";

/**
 * `npm start`: read configuration (a .env file fills in what the environment lacks), then run the
 * bot with TELEGRAM_BOT_TOKEN, or the sandbox without one (`npm run sandbox` asks for the sandbox
 * and refuses with a token); stop cleanly on SIGINT or SIGTERM.
 */
loadDotenv({ quiet: true });
const parsed = parseConfig(process.env);
if (!parsed.ok) {
  process.stderr.write(`Shouye cannot start; fix the configuration (see .env.example):\n${parsed.problems.map((p) => `  ${p}\n`).join("")}`);
  process.exit(2);
}
const config = parsed.config;
if (process.argv.includes("--sandbox") && config.TELEGRAM_BOT_TOKEN) {
  process.stderr.write(
    "Shouye cannot start the sandbox: TELEGRAM_BOT_TOKEN is set, and with a token Shouye is the real bot. Remove the token (from the environment and .env) to try the sandbox, or run `npm start` for the bot.\n",
  );
  process.exit(2);
}
const logger = createLogger(config.LOG_LEVEL);

try {
  const { stop, ready } = config.TELEGRAM_BOT_TOKEN ? await startBot(config, logger) : await startSandbox(config, logger);
  let stopping = false;
  const shutdown = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    logger.info({ signal }, "stopping");
    const force = setTimeout(() => {
      logger.error("stop took too long; exiting");
      process.exit(1);
    }, 20_000).unref();
    await stop();
    clearTimeout(force);
    logger.info("stopped");
    process.exit(0);
  };
  process.once("SIGINT", () => void shutdown("SIGINT"));
  process.once("SIGTERM", () => void shutdown("SIGTERM"));
  // Said only now: whoever waits for it (a supervisor, a test) may stop it at once, cleanly.
  ready?.();
} catch (error) {
  const problem = describeStartupProblem(error, config);
  if (problem) {
    process.stderr.write(`Shouye cannot start:\n  ${problem}\n`);
    process.exit(2);
  }
  logger.fatal({ err: error }, "could not start");
  setTimeout(() => process.exit(1), 100).unref();
}

interface Started {
  stop: () => Promise<void>;
  ready?: () => void;
}

async function startBot(config: Config, logger: Logger): Promise<Started> {
  // The bot's modules load while the store opens and migrates; a start is mostly one or the other.
  const [database, { startApp }] = await Promise.all([openConfiguredDatabase(config), import("./app.js")]);
  logger.info({ store: database.kind }, "database ready");
  const app = await startApp(config, database, logger);
  return {
    stop: async () => {
      await app.stop();
      await database.close();
    },
  };
}

/** Loaded only without a token, so the real bot never loads the sandbox's Bot API server. */
async function startSandbox(config: Config, logger: Logger): Promise<Started> {
  const sandbox = await import("./sandbox/sandbox.js");
  logger.info(
    { url: sandbox.pageUrl(config.SANDBOX_HOST, config.PORT), dataDir: config.SANDBOX_DATA_DIR },
    `No TELEGRAM_BOT_TOKEN, so this is the sandbox, not the real bot: the bot with a demo district on a Bot API server of its own; open ${sandbox.pageUrl(config.SANDBOX_HOST, config.PORT)} once it is ready`,
  );
  const running = await sandbox.startSandbox({ config, logger });
  return {
    stop: () => running.stop(),
    ready: () => logger.info({ url: running.url, seeded: running.seeded }, `sandbox ready: open ${running.url}`),
  };
}
