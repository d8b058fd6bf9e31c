import { pino, type Logger } from "pino";

/** JSON lines for machines; pretty lines when a person watches a terminal and pino-pretty is there. */
export function createLogger(level: string): Logger {
  const pretty = process.stdout.isTTY && process.env.NODE_ENV !== "production";
  if (pretty) {
    try {
      return pino({ level, transport: { target: "pino-pretty", options: { translateTime: "SYS:HH:MM:ss" } } });
    } catch {
      // pino-pretty is a dev dependency; without it, plain JSON is fine.
    }
  }
  return pino({ level });
}
