import { createHash } from "node:crypto";
import { copyFileSync, existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { packagePath } from "../package-path.js";
import { migrationsFolder } from "./migrations-folder.js";

/**
 * A new PGlite store starts with initdb, which runs in WebAssembly and takes several seconds,
 * most of a first start. The build makes one new, migrated store in dist/; a first start on an
 * empty DATA_DIR copies it instead, in a fraction of a second. The copy is taken only when the
 * installed PGlite made it from the migrations present now; otherwise the store starts as before.
 */
const seedDir = packagePath("dist/pglite-seed");
const stampFile = packagePath("dist/pglite-seed.json");

/** Which PGlite and which migrations a seed is made from. */
function currentStamp(): string {
  const wasm = createRequire(import.meta.url).resolve("@electric-sql/pglite/pglite.wasm");
  const { version } = JSON.parse(readFileSync(join(dirname(wasm), "..", "package.json"), "utf8")) as { version: string };
  const migrations = createHash("sha256");
  for (const file of ["meta/_journal.json", ...readdirSync(migrationsFolder).filter((f) => f.endsWith(".sql")).sort()]) {
    migrations.update(file).update(readFileSync(join(migrationsFolder, file)));
  }
  return JSON.stringify({ pglite: version, migrations: migrations.digest("hex") });
}

const seedIsCurrent = (stamp: string) => existsSync(seedDir) && existsSync(stampFile) && readFileSync(stampFile, "utf8") === stamp;

/** Makes the seed unless dist/ holds a current one; true when it made one. */
export async function writePgliteSeed(): Promise<boolean> {
  const stamp = currentStamp();
  if (seedIsCurrent(stamp)) return false;
  rmSync(stampFile, { force: true });
  const building = `${seedDir}.${process.pid}`;
  rmSync(building, { recursive: true, force: true });
  // Loaded here, not at the top: the check above runs before every `npm start`, and seldom writes.
  const [{ openDatabase }, { migrateDatabase }] = await Promise.all([import("./db.js"), import("./migrate.js")]);
  const target = { kind: "pglite" as const, dataDir: building };
  const database = await openDatabase(target);
  try {
    await migrateDatabase(target, database);
  } finally {
    await database.close();
  }
  rmSync(seedDir, { recursive: true, force: true });
  renameSync(building, seedDir);
  writeFileSync(stampFile, stamp);
  return true;
}

/**
 * Fills an absent or empty PGlite folder with a copy of the seed, when there is a current one.
 * The copy is renamed into place, so a start killed half way leaves no half-made store behind.
 */
export function copyPgliteSeed(dataDir: string): boolean {
  if (existsSync(dataDir) && readdirSync(dataDir).length > 0) return false;
  if (!seedIsCurrent(currentStamp())) return false;
  const copying = `${dataDir}.seeding`;
  rmSync(copying, { recursive: true, force: true });
  copyTree(seedDir, copying);
  rmSync(dataDir, { recursive: true, force: true });
  renameSync(copying, dataDir);
  return true;
}

/**
 * About a thousand files, mostly small: plain synchronous copies take half the time of fs.cpSync
 * (which also copies modes and times, not needed here) and a third of fs.promises.cp.
 */
function copyTree(from: string, to: string): void {
  mkdirSync(to);
  for (const entry of readdirSync(from, { withFileTypes: true })) {
    if (entry.isDirectory()) copyTree(join(from, entry.name), join(to, entry.name));
    else copyFileSync(join(from, entry.name), join(to, entry.name));
  }
}
