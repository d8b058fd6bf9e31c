/**
 * How fast a district-sized recruitment spreadsheet imports: 15,000 volunteers in 106 teams,
 * first into an empty database, then the same file again (which must change nothing).
 *
 *   npx tsx bench/import.ts                     # PGlite, in memory
 *   DATABASE_URL=postgres://… npx tsx bench/import.ts   # also PostgreSQL, in a scratch database
 *   CHUNK_SIZE=1000 npx tsx bench/import.ts             # rows per transaction (default 500)
 */
import { pino } from "pino";
import postgres from "postgres";
import type { DomainContext } from "../src/domain/context.js";
import { importRoster, type ImportSummary } from "../src/roster/import-roster.js";
import { openDatabase, type Database } from "../src/storage/db.js";
import { migrateDatabase } from "../src/storage/migrate.js";
import { withDatabase } from "../test/support/global-setup.js";

const ROWS = 15_000;
const TEAMS = 106;
const TOWNS = ["新丰镇", "凤桥镇", "余新镇", "大桥镇", "七星镇", "解放街道", "建设街道", "新嘉街道", "南湖街道", "城南街道"];
const SURNAMES = [..."王李张刘陈杨黄赵吴周徐孙马朱胡郭何林罗高沈钱"];
const GIVEN = [..."伟芳娜敏静丽强磊军洋勇艳杰娟涛明超秀霞平刚桂英华"];
const WEEKDAYS = ["一三五", "二四六", "1-5", "周末", "每天", "周一、周三", "", "6,7"];
const KINDS = ["中共党员", "共青团员", "新居民", "大学生", ""];

/** Deterministic, so every run imports the same file. */
function random(seed: number): () => number {
  return () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function generateCsv(): string {
  const rand = random(2010);
  const pick = <T>(list: readonly T[]) => list[Math.floor(rand() * list.length)]!;
  const teams = Array.from({ length: TEAMS }, (_, t) => {
    const town = TOWNS[t % TOWNS.length]!;
    const community = t % 3 === 0 ? `${pick(SURNAMES)}家村` : `${pick(GIVEN)}${t}社区`;
    return `${town},${community},第${(t % 2) + 1}巡防队`;
  });
  const lines = ["镇街,村社区,巡防队,姓名,手机,职务,可巡逻日,单位"];
  for (let i = 0; i < ROWS; i++) {
    const team = i % TEAMS;
    const place = Math.floor(i / TEAMS);
    // 5% without a phone: their name (made unique in the team) is all that identifies them.
    const phone = rand() < 0.05 ? "" : `13${String(100_000_000 + i * 7919).slice(-9)}`;
    const name = `${pick(SURNAMES)}${pick(GIVEN)}${phone ? "" : place}`;
    const role = place === 0 ? "带班" : place < 3 ? "副队长" : "";
    const affiliation = rand() < 0.4 ? `"嘉兴第${Math.floor(rand() * 160) + 1}有限公司"` : pick(KINDS);
    lines.push(`${teams[team]},${name},${phone},${role},${pick(WEEKDAYS)},${affiliation}`);
  }
  return lines.join("\r\n");
}

let peakRss = 0;
const sampleRss = () => void (peakRss = Math.max(peakRss, process.memoryUsage().rss));
// PGlite runs on this thread and its queries resolve as microtasks, so a timer alone would not
// fire during an import: progress callbacks sample too.
const sampler = setInterval(sampleRss, 20);

async function run(label: string, database: Database, csv: string): Promise<void> {
  // PGlite's WebAssembly heap alone is most of the RSS; this separates it from the import's share.
  console.log(`${label.padEnd(8)} RSS before importing: ${(process.memoryUsage().rss / 1024 / 1024).toFixed(0)} MiB`);
  const ctx: DomainContext = { db: database.db, actor: { type: "cli", user: "bench" }, now: new Date(), logger: pino({ level: "silent" }) };
  const timed = async (): Promise<[ImportSummary, number]> => {
    const started = performance.now();
    const result = await importRoster(ctx, csv, { chunkSize: Number(process.env.CHUNK_SIZE ?? 500), onProgress: sampleRss });
    return [result, (performance.now() - started) / 1000];
  };
  const [first, firstSeconds] = await timed();
  const [again, againSeconds] = await timed();
  const line = (name: string, r: ImportSummary, s: number) =>
    `${label.padEnd(8)} ${name.padEnd(6)} ${String(r.total).padStart(6)} rows in ${s.toFixed(1).padStart(5)} s = ${String(Math.round(r.total / s)).padStart(6)} rows/s` +
    `  (created ${r.created}, updated ${r.updated}, unchanged ${r.unchanged}, skipped ${r.skipped})`;
  console.log(line("first", first, firstSeconds));
  console.log(line("again", again, againSeconds));
  console.log(`${label.padEnd(8)} peak RSS so far: ${(peakRss / 1024 / 1024).toFixed(0)} MiB`);
  if (again.created + again.updated !== 0) throw new Error("the second import changed something");
}

async function main(): Promise<void> {
  const csv = generateCsv();
  console.log(`CSV: ${ROWS} rows, ${TEAMS} teams, ${(Buffer.byteLength(csv) / 1024).toFixed(0)} KiB`);

  const pglite = await openDatabase({ kind: "pglite" });
  await migrateDatabase({ kind: "pglite" }, pglite);
  await run("pglite", pglite, csv).finally(() => pglite.close());

  const url = process.env.DATABASE_URL;
  if (url) {
    const name = `shouye_bench_${process.pid}`;
    const admin = postgres(url, { max: 1, onnotice: () => {} });
    await admin.unsafe(`create database ${name}`);
    try {
      const target = { kind: "postgres" as const, url: withDatabase(url, name) };
      await migrateDatabase(target);
      const database = await openDatabase(target);
      await run("postgres", database, csv).finally(() => database.close());
    } finally {
      await admin.unsafe(`drop database if exists ${name} with (force)`);
      await admin.end();
    }
  }
}

main()
  .catch((error: unknown) => {
    console.error(error);
    process.exitCode = 1;
  })
  .finally(() => clearInterval(sampler));
