/**
 * The outbox claim at district scale: 15,000 bulk messages pending (a broadcast), 30,000 already
 * sent and a few hundred pending for later (reminders with a not-before time). Prints the plan of
 * the claim statement and how long claims of 60 and 2,000 rows take (30/s and 1000/s dispatchers).
 *
 *   npx tsx bench/claim-plan.ts
 *   DATABASE_URL=postgres://postgres@127.0.0.1:5432/test npx tsx bench/claim-plan.ts
 */
import { sql } from "drizzle-orm";
import { claimDueMessages, claimStatement, rowsOf } from "../src/outbox/claim.js";
import { percentile, round, runBench } from "./measure.js";
import { openScratchDatabase } from "./scratch-database.js";

async function main(): Promise<void> {
  const { database, drop } = await openScratchDatabase();
  const { db } = database;
  try {
    const now = new Date();
    const at = sql`${now.toISOString()}::timestamptz`;
    const payload = sql`'{"kind":"message","text":{"key":"notice-removed","args":{"team":"T"}}}'::jsonb`;
    await db.execute(sql`insert into outbox (chat_id, locale, payload, priority, status, not_before, created_at, finished_at)
      select 700000000 + g, 'zh', ${payload}, 5, 'sent', ${at}, ${at}, ${at} from generate_series(1, 30000) g`);
    await db.execute(sql`insert into outbox (chat_id, locale, payload, priority, not_before, created_at)
      select 800000000 + g, 'zh', ${payload}, 5, ${at}::timestamptz + interval '1 hour', ${at} from generate_series(1, 400) g`);
    await db.execute(sql`insert into outbox (chat_id, locale, payload, priority, not_before, created_at)
      select 900000000 + g, 'zh', ${payload}, 0, ${at}, ${at} from generate_series(1, 15000) g`);
    await db.execute(sql`analyze outbox`);

    const plan = rowsOf<Record<string, string>>(await db.execute(sql`explain ${claimStatement(now, 2000, 60_000)}`)).map((r) => String(Object.values(r)[0]));
    console.log(plan.join("\n"));

    const timings: Record<string, number[]> = { "60": [], "2000": [] };
    for (const size of [60, 2000]) {
      for (let i = 0; i < 5; i++) {
        const start = performance.now();
        await claimDueMessages(db, now, size, 60_000);
        timings[String(size)]!.push(performance.now() - start);
      }
    }
    const usesIndex = plan.some((line) => line.includes("outbox_claim_idx"));
    const sorts = plan.some((line) => /\bSort\b/.test(line));
    console.log(
      JSON.stringify(
        {
          store: database.kind,
          pending: 15_400,
          usesClaimIndex: usesIndex,
          sortsPendingRows: sorts,
          claim60Ms: { p50: round(percentile(timings["60"]!, 50)), max: round(Math.max(...timings["60"]!)) },
          claim2000Ms: { p50: round(percentile(timings["2000"]!, 50)), max: round(Math.max(...timings["2000"]!)) },
        },
        null,
        2,
      ),
    );
  } finally {
    await drop();
  }
}

runBench(main);
