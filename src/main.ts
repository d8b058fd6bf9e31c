import { config as loadDotenv } from "dotenv";
import { parseConfig } from "./config/config.js";
import { createLogger } from "./logger.js";
import { describeStartupProblem } from "./startup-problem.js";
import { openConfiguredDatabase } from "./storage/open-configured.js";

/**
 * `npm start`: read configuration (a .env file fills in what the environment lacks), open and
 * migrate the store, run the bot until SIGINT or SIGTERM, then stop cleanly.
 */
loadDotenv({ quiet: true });
const parsed = parseConfig(process.env);
if (!parsed.ok) {
  process.stderr.write(`Shouye cannot start; fix the configuration (see .env.example):\n${parsed.problems.map((p) => `  ${p}\n`).join("")}`);
  process.exit(2);
}
const config = parsed.config;
const logger = createLogger(config.LOG_LEVEL);

try {
  // The bot's modules load while the store opens and migrates; a start is mostly one or the other.
  const [database, { startApp }] = await Promise.all([openConfiguredDatabase(config), import("./app.js")]);
  logger.info({ store: database.kind }, "database ready");
  const app = await startApp(config, database, logger);
  let stopping = false;
  const shutdown = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    logger.info({ signal }, "stopping");
    const force = setTimeout(() => {
      logger.error("stop took too long; exiting");
      process.exit(1);
    }, 20_000).unref();
    await app.stop();
    await database.close();
    clearTimeout(force);
    logger.info("stopped");
    process.exit(0);
  };
  process.once("SIGINT", () => void shutdown("SIGINT"));
  process.once("SIGTERM", () => void shutdown("SIGTERM"));
} catch (error) {
  const problem = describeStartupProblem(error, config);
  if (problem) {
    process.stderr.write(`Shouye cannot start:\n  ${problem}\n`);
    process.exit(2);
  }
  logger.fatal({ err: error }, "could not start");
  setTimeout(() => process.exit(1), 100).unref();
}
