import type { Config } from "../config/config.js";

/**
 * The address printed on documents for people to open this server's pages: PUBLIC_URL, else the
 * webhook's origin (the server already reachable from outside), else the address it listens on
 * (the sandbox, a test, a bot behind no proxy). No trailing slash.
 */
export function publicUrl(config: Pick<Config, "PUBLIC_URL" | "WEBHOOK_URL" | "HOST">, port: number): string {
  if (config.PUBLIC_URL) return config.PUBLIC_URL.replace(/\/+$/, "");
  if (config.WEBHOOK_URL) return new URL(config.WEBHOOK_URL).origin;
  const host = config.HOST === "0.0.0.0" || config.HOST === "::" ? "127.0.0.1" : config.HOST;
  return `http://${host.includes(":") ? `[${host}]` : host}:${port}`;
}
