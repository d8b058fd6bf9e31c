import { sql } from "drizzle-orm";
import postgres from "postgres";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startBotHarness, type BotHarness } from "../support/bot-harness.js";
import { onPostgres, openTestDatabase } from "../support/test-database.js";
import { activeMember, teamWithLeader } from "../support/world.js";
import { withDatabase } from "../support/global-setup.js";

/**
 * The scheduler starts several jobs on the same tick. On the bot's pool they could take every
 * connection the bot answers with: behind a lock (a migration, an operator's long transaction) for
 * as long as it is held, and at 20:00 for the moments a wave of check-ins waits. A connection pool
 * is PostgreSQL's; PGlite has one connection for everything.
 */
describe.skipIf(!onPostgres)("scheduler jobs and the bot's connections", () => {
  let h: BotHarness;
  let operator: postgres.Sql;
  beforeAll(async () => {
    // One connection for the bot, so that a job on it would take it all.
    h = await startBotHarness({ database: await openTestDatabase({ maxConnections: 1 }) });
    await h.app.scheduler.idle();
    const [row] = (await h.database.db.execute(sql`select current_database() as name`)) as unknown as Array<{ name: string }>;
    operator = postgres(withDatabase(process.env.TEST_DATABASE_URL!, row!.name), { max: 1, onnotice: () => {} });
  });
  afterAll(async () => {
    await operator?.end();
    await h?.close();
  });

  it("When a job waits on a lock an operator holds, then volunteers' commands are still answered", async () => {
    const team = await teamWithLeader(h, "Locked");
    const { user: volunteer } = await activeMember(h, team.teamId, "Locked One");
    let job: Promise<void> | undefined;
    await operator.begin(async (tx) => {
      await tx`lock table broadcasts in access exclusive mode`;
      // The broadcast-progress job reads broadcasts first, so it waits for the lock on its connection.
      job = h.app.scheduler.run("broadcast-progress");
      await new Promise((resolve) => setTimeout(resolve, 300));
      const since = volunteer.cursor();
      await volunteer.send("/shifts");
      const answer = await volunteer.waitForMessage(() => true, { after: since, timeoutMs: 5_000 });
      expect(answer.text).toMatch(/shift/i);
    });
    // The lock released, the job finishes.
    await job;
  });
});
