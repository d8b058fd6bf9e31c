import { existsSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";

/**
 * PGlite is a database inside this process: a second process opening the same directory would
 * corrupt it. The lock file names the owner, and a stale one (its process gone) is taken over.
 */
export function lockDataDir(dataDir: string): () => void {
  const file = join(dataDir, "shouye.lock");
  if (existsSync(file)) {
    const owner = Number(readFileSync(file, "utf8").trim());
    if (Number.isInteger(owner) && owner !== process.pid && isAlive(owner)) {
      throw new Error(`the embedded database in ${dataDir} is in use by process ${owner}; stop it first, or use DATABASE_URL for several processes`);
    }
  }
  writeFileSync(file, String(process.pid));
  return () => rmSync(file, { force: true });
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === "EPERM";
  }
}
