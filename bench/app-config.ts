import { parseConfig, type Config } from "../src/config/config.js";
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
