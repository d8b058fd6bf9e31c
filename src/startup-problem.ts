import { GrammyError, HttpError } from "grammy";
import type { Config } from "./config/config.js";

/**
 * Turns the failures an operator can fix from the configuration into one readable line; anything
 * else returns null and is logged in full.
 */
export function describeStartupProblem(error: unknown, config: Config): string | null {
  if (error instanceof GrammyError && (error.error_code === 401 || error.error_code === 404)) {
    return `TELEGRAM_BOT_TOKEN: Telegram rejected the token (${error.error_code} ${error.description})`;
  }
  if (error instanceof HttpError) return `TELEGRAM_API_ROOT: cannot reach ${config.TELEGRAM_API_ROOT} (${messageOf(error.error)})`;
  const code = (error as { code?: string } | null)?.code ?? (error as { cause?: { code?: string } } | null)?.cause?.code;
  if (config.DATABASE_URL && code && /^(ECONNREFUSED|ENOTFOUND|ETIMEDOUT|28P01|28000|3D000)$/.test(code)) {
    return `DATABASE_URL: cannot connect to the database (${code}: ${messageOf((error as { cause?: unknown }).cause ?? error)})`;
  }
  if (error instanceof Error && /embedded database .* is in use/.test(error.message)) {
    return `${config.TELEGRAM_BOT_TOKEN ? "DATA_DIR" : "SANDBOX_DATA_DIR"}: ${error.message}`;
  }
  return null;
}

const messageOf = (e: unknown) => (e instanceof Error ? e.message : String(e));
