import { readFileSync } from "node:fs";
import { join } from "node:path";
import { packagePath } from "../package-path.js";

/** The SQL migrations drizzle-kit generates, applied at start. A file of its own, so reading the folder loads no driver. */
export const migrationsFolder = packagePath("drizzle");

/** The timestamp drizzle-kit gave the newest migration, which drizzle records when it applies it. */
export function newestMigrationMillis(): number {
  const journal = JSON.parse(readFileSync(join(migrationsFolder, "meta/_journal.json"), "utf8")) as { entries: Array<{ when: number }> };
  return Math.max(...journal.entries.map((e) => e.when));
}
