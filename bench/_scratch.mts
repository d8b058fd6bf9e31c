import { inArray, sql } from "drizzle-orm";
import { openDatabase } from "../src/storage/db.ts";
import { migrateDatabase } from "../src/storage/migrate.ts";
import { people } from "../src/storage/schema/index.ts";
const d = await openDatabase({ kind: "pglite" });
await migrateDatabase({ kind: "pglite" }, d);
const phones = Array.from({ length: 15000 }, (_, i) => `+86138${String(i).padStart(8, "0")}`);
for (let i = 0; i < phones.length; i += 1000) await d.db.insert(people).values(phones.slice(i, i + 1000).map((phone) => ({ phone, name: "x" })));
const q = phones.slice(5000, 5500);
for (let k = 0; k < 3; k++) {
  let t = performance.now();
  await d.db.select({ id: people.id }).from(people).where(inArray(people.phone, q));
  console.log("inArray", performance.now() - t);
  t = performance.now();
  const r = await d.db.select({ id: people.id }).from(people).where(sql`${people.phone} = any(${sql.param(q)}::text[])`);
  console.log("any", performance.now() - t, r.length);
  t = performance.now();
  await d.db.execute(sql`select 1`);
  console.log("select1", performance.now() - t);
}

const plan = await d.db.execute(sql`explain analyze select id from people where phone = any(${sql.param(q)}::text[])`);
console.log(plan);
await d.close();
