import { existsSync, readdirSync, statSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import type * as AppModule from "../src/app.js";
import { parseConfig, type Config } from "../src/config/config.js";
import type * as DbModule from "../src/storage/db.js";
import type { FakeTelegram } from "../src/sandbox/telegram/index.js";
import { freePort } from "../test/support/bot-harness.js";

/** The secret the benches' webhook requests carry. */
export const BENCH_SECRET = "bench-secret-0123456789";

/**
 * The app's environment for a bench: webhook mode on `port` on loopback, the Bot API fake,
 * English by default and no logs; `env` adds or overrides settings.
 */
export function benchEnv(fake: FakeTelegram, port: number, env: Record<string, string | undefined> = {}): Record<string, string | undefined> {
  return {
    TELEGRAM_BOT_TOKEN: fake.token,
    TELEGRAM_API_ROOT: fake.apiRoot,
    HOST: "127.0.0.1",
    PORT: String(port),
    DEFAULT_LOCALE: "en",
    LOG_LEVEL: "silent",
    WEBHOOK_URL: `http://127.0.0.1:${port}/telegram`,
    WEBHOOK_SECRET: BENCH_SECRET,
    ...env,
  };
}

/** `benchEnv` on a free port, parsed as the app parses its environment. */
export async function benchConfig(fake: FakeTelegram, env: Record<string, string | undefined> = {}): Promise<Config> {
  const parsed = parseConfig(benchEnv(fake, await freePort(), env));
  if (!parsed.ok) throw new Error(parsed.problems.join("; "));
  return parsed.config;
}

const root = fileURLToPath(new URL("..", import.meta.url));

/** The newest modification time of the files under `dir`. */
const newest = (dir: string): number =>
  Math.max(0, ...readdirSync(dir, { withFileTypes: true }).map((e) => (e.isDirectory() ? newest(join(dir, e.name)) : statSync(join(dir, e.name)).mtimeMs)));

/**
 * The app as `npm start` runs it, compiled by `npm run build`: `startApp`, and `openDatabase` for
 * the database it is given (the PGlite thread names the statements its own build prepared). Run
 * from `src/` through tsx, every closure the app creates also gets its name set (esbuild's kept
 * names), several percent of a check-in's CPU that the shipped code does not spend.
 */
export async function shippedApp(): Promise<{ startApp: typeof AppModule.startApp; openDatabase: typeof DbModule.openDatabase }> {
  const built = (file: string) => join(root, "dist", file);
  if (!existsSync(built("app.js"))) throw new Error("dist/app.js is missing: run `npm run build` first");
  if (newest(join(root, "src")) > statSync(built(".tsbuildinfo")).mtimeMs) throw new Error("src/ is newer than dist/: run `npm run build` first");
  const [{ startApp }, { openDatabase }] = await Promise.all([import(built("app.js")) as Promise<typeof AppModule>, import(built("storage/db.js")) as Promise<typeof DbModule>]);
  return { startApp, openDatabase };
}
