import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";

/**
 * Where the sandbox's clock stood, kept beside its store: a restart goes on from there (or from
 * real time, if later), so the store never holds times from the clock's future.
 */
export function clockFile(dataDir: string) {
  const file = join(dataDir, "sandbox-clock.json");
  return {
    read(): Date | undefined {
      try {
        const saved = new Date((JSON.parse(readFileSync(file, "utf8")) as { now?: string }).now ?? "");
        return Number.isNaN(saved.getTime()) ? undefined : saved;
      } catch {
        return undefined;
      }
    },
    write(now: Date): void {
      writeFileSync(file, `${JSON.stringify({ now: now.toISOString() })}\n`);
    },
  };
}
