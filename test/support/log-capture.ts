import { setTimeout as sleep } from "node:timers/promises";
import { pino, type Logger } from "pino";

export interface LogLine {
  level: number;
  msg: string;
  [field: string]: unknown;
}

/** A real pino logger whose lines a test can read, for what only the log tells (a retry, a fatal problem). */
export function captureLogs(): { logger: Logger; lines: LogLine[]; waitFor(msg: RegExp, timeoutMs?: number): Promise<LogLine> } {
  const lines: LogLine[] = [];
  const logger = pino({ level: "debug" }, { write: (line: string) => void lines.push(JSON.parse(line) as LogLine) });
  return {
    logger,
    lines,
    async waitFor(msg, timeoutMs = 10_000) {
      const deadline = Date.now() + timeoutMs;
      for (;;) {
        const found = lines.find((line) => msg.test(line.msg));
        if (found) return found;
        if (Date.now() > deadline) throw new Error(`no log line matching ${msg}; the log so far:\n${lines.map((l) => `  ${l.level} ${l.msg}`).join("\n")}`);
        await sleep(20);
      }
    },
  };
}
