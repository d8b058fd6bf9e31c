import { randomBytes } from "node:crypto";
import { resolve } from "node:path";
import type { Logger } from "pino";
import { startApp, type RunningApp } from "../app.js";
import type { Config } from "../config/config.js";
import { shiftPolicyFrom } from "../shifts/policy.js";
import type { Database } from "../storage/db.js";
import { openConfiguredDatabase } from "../storage/open-configured.js";
import { sandboxMounts } from "./api/sandbox-api.js";
import { SandboxClock } from "./clock.js";
import { clockFile } from "./clock-file.js";
import { seedDemoDistrict } from "./demo/seed-demo-district.js";
import { SandboxDirectory } from "./directory.js";
import { startFakeTelegram, type FakeTelegram } from "./telegram/index.js";

export interface SandboxOptions {
  config: Config;
  logger: Logger;
  /** A store of the caller's (tests) instead of the one in SANDBOX_DATA_DIR; it stays open on stop. */
  database?: Database;
  /** Where the clock starts instead of real time (tests), unless the store's saved clock is later. */
  startAt?: Date;
}

export interface RunningSandbox {
  /** The page: http://127.0.0.1:8080/ by default. */
  url: string;
  host: string;
  port: number;
  clock: SandboxClock;
  telegram: FakeTelegram;
  directory: SandboxDirectory;
  app: RunningApp;
  /** Whether this start seeded the demo district (an empty store), or found it there. */
  seeded: boolean;
  stop(): Promise<void>;
}

export const SANDBOX_REFUSED =
  "The sandbox does not run while TELEGRAM_BOT_TOKEN is set: with a token Shouye is the real bot. Remove the token (from the environment and .env) to try the sandbox, or run `npm start` for the bot.";

const BOT_ID = 7_000_000;

/**
 * The whole bot without Telegram: a Bot API server of its own on a loopback port, the embedded
 * store in SANDBOX_DATA_DIR with the demo district, and the real app (bot, outbox, scheduler, HTTP
 * server) on the sandbox's clock, serving the page and its API beside /healthz.
 */
export async function startSandbox(options: SandboxOptions): Promise<RunningSandbox> {
  const { config, logger } = options;
  if (config.TELEGRAM_BOT_TOKEN) throw new Error(SANDBOX_REFUSED);
  const ownStore = options.database === undefined;
  const database = options.database ?? (await openConfiguredDatabase({ DATA_DIR: config.SANDBOX_DATA_DIR, DATABASE_URL: undefined }));
  const saved = ownStore ? clockFile(resolve(config.SANDBOX_DATA_DIR)) : null;
  const start = Math.max(options.startAt?.getTime() ?? Date.now(), saved?.read()?.getTime() ?? 0);
  const clock = new SandboxClock(config.BOT_TIMEZONE, new Date(start));
  let telegram: FakeTelegram | undefined;
  let app: RunningApp | undefined;
  try {
    telegram = await startFakeTelegram({
      token: `${BOT_ID}:${randomBytes(24).toString("base64url")}`,
      botId: BOT_ID,
      botUsername: "shouye_sandbox_bot",
      botFirstName: "守夜 Shouye",
      clock: () => clock.now(),
      recordCalls: false,
    });
    const directory = new SandboxDirectory(telegram);
    const seeded = await seedDemoDistrict(database.db, clock.now(), logger, shiftPolicyFrom(config));
    const clockChanged = () => {
      saved?.write(clock.now());
      if (!app) return;
      const running = app;
      // A jump skips the cron ticks in between: run the catch-up jobs now rather than on their next tick.
      void running.scheduler.catchUp().then(() => running.dispatcher.nudge());
    };
    const appConfig: Config = {
      ...config,
      TELEGRAM_BOT_TOKEN: telegram.token,
      TELEGRAM_API_ROOT: telegram.apiRoot,
      WEBHOOK_URL: undefined,
      WEBHOOK_SECRET: undefined,
      DATABASE_URL: undefined,
      HOST: config.SANDBOX_HOST,
      ADMIN_TELEGRAM_IDS: [],
    };
    app = await startApp(appConfig, database, logger, () => clock.now(), { httpMounts: sandboxMounts({ telegram, directory, clock, clockChanged }) });
    const timer = saved ? setInterval(() => saved.write(clock.now()), 10_000).unref() : undefined;
    const host = config.SANDBOX_HOST;
    const running: RunningSandbox = {
      url: pageUrl(host, app.port),
      host,
      port: app.port,
      clock,
      telegram,
      directory,
      app,
      seeded,
      async stop() {
        clearInterval(timer);
        saved?.write(clock.now());
        await running.app.stop();
        await running.telegram.close();
        if (ownStore) await database.close();
      },
    };
    return running;
  } catch (error) {
    await app?.stop().catch(() => {});
    await telegram?.close().catch(() => {});
    if (ownStore) await database.close().catch(() => {});
    throw error;
  }
}

/** The address to open in a browser: an "any interface" host is reached on loopback. */
export function pageUrl(host: string, port: number): string {
  const shown = host === "0.0.0.0" || host === "::" ? "127.0.0.1" : host;
  return `http://${shown.includes(":") ? `[${shown}]` : shown}:${port}/`;
}
