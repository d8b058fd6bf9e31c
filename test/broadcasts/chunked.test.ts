import { eq, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { CHUNK } from "../../src/broadcasts/queue-copies.js";
import { sendBroadcast } from "../../src/broadcasts/send-broadcast.js";
import { startBroadcast } from "../../src/broadcasts/start-broadcast.js";
import { broadcasts, memberships, people } from "../../src/storage/schema/index.js";
import type { FakeUser } from "../../src/sandbox/telegram/index.js";
import { startBotHarness, type BotHarness } from "../support/bot-harness.js";
import { silentLogger } from "../support/domain.js";
import { teamWithLeader, userWithRole } from "../support/world.js";
import { composeBroadcast, deliveryReport, figuresOf, recipientRows, recipientsSettled, STARTED } from "./support.js";

/** More than two chunks, so the copies are written in three transactions at least. */
const MEMBERS = 2 * CHUNK + 300;
const FIRST_CHAT = 770_000_000;

let h: BotHarness;
let coordinator: FakeUser;
let teamId: number;
let coordinatorId: number;
beforeAll(async () => {
  // Paid broadcasts allow the outbox 1000/s, so a district-sized send takes seconds here.
  h = await startBotHarness({ env: { OUTBOX_RATE_PER_SECOND: "1000", ALLOW_PAID_BROADCAST: "true" } });
  coordinator = await userWithRole(h, "Coord Chunks", { role: "coordinator" });
  const team = await teamWithLeader(h, "Chunks", "Chunks Town");
  teamId = team.teamId;
  const [row] = await h.database.db.select({ id: people.id }).from(people).where(eq(people.telegramId, coordinator.id));
  coordinatorId = row!.id;
  const now = new Date();
  const at = sql`${now.toISOString()}::timestamptz`;
  await h.database.db.execute(sql`insert into ${people} (telegram_id, name, client_language, created_at, updated_at)
    select ${FIRST_CHAT}::bigint + g, 'Chunk member ' || g, 'en', ${at}, ${at} from generate_series(1, ${MEMBERS}::int) g`);
  await h.database.db.execute(sql`insert into ${memberships} (person_id, team_id, status, source, weekdays, created_at, updated_at)
    select id, ${teamId}, 'active', 'import', 127, ${at}, ${at} from ${people} where telegram_id > ${FIRST_CHAT}::bigint and telegram_id <= ${FIRST_CHAT + MEMBERS}::bigint`);
  await h.database.db.execute(sql`analyze`); // as autovacuum would have, after an import this size
  for (let i = 1; i <= MEMBERS; i++) h.fake.user({ id: FIRST_CHAT + i, first_name: `C${i}`, language_code: "en" });
}, 60_000);
afterAll(async () => {
  await h?.close();
});

/** Successful copies of `text` per chat, as the fake saw them. */
function copiesPerChat(text: string): Map<number, number> {
  const copies = new Map<number, number>();
  for (const call of h.fake.calls) {
    if (call.method !== "sendMessage" || !String(call.params["text"] ?? "").endsWith(text) || !(call.response as { ok: boolean }).ok) continue;
    const chat = Number(call.params["chat_id"]);
    copies.set(chat, (copies.get(chat) ?? 0) + 1);
  }
  return copies;
}

async function expectEachOnce(broadcastId: number, text: string) {
  await recipientsSettled(h.database.db, broadcastId, 60_000);
  const rows = await recipientRows(h.database.db, broadcastId);
  expect(rows).toHaveLength(MEMBERS + 1); // and the team's leader
  expect(new Set(rows.map((r) => r.status))).toEqual(new Set(["sent"]));
  const copies = copiesPerChat(text);
  expect(rows.filter((r) => copies.get(r.telegramId!) !== 1).map((r) => [r.telegramId, copies.get(r.telegramId!) ?? 0])).toEqual([]);
}

describe("a broadcast larger than one chunk", () => {
  it("When Send is pressed for more people than a chunk and the press is delivered again, also to a second instance, then everyone gets exactly one copy and the report counts them all", async () => {
    const text = "Chunks: the river is rising, keep away from the embankment";
    const confirm = await composeBroadcast(coordinator, { audience: "team", team: "Chunks", text });
    const before = coordinator.cursor();
    const press = await coordinator.click(confirm, "📢 Send");
    // Telegram redelivers the press, and another instance runs the verb for it at the same time.
    const again = h.fake.pushUpdate({ callback_query: press.callbackQuery });
    const secondInstance = sendBroadcast(
      { db: h.database.db, actor: { type: "person", personId: coordinatorId }, now: new Date(), logger: silentLogger },
      { audience: "team", townId: null, teamId },
      { text, photoFileId: null, dedupeKey: `${coordinator.id}:${confirm.message_id}` },
      h.config.BOT_TIMEZONE,
    );
    const [, other] = await Promise.all([again, secondInstance]);
    const started = await coordinator.waitForMessage(STARTED, { after: before });
    const id = Number(STARTED.exec(started.text!)![1]);
    expect(other.broadcastId).toBe(id);
    expect(other.recipients).toBe(MEMBERS + 1);

    await expectEachOnce(id, text);
    const report = await deliveryReport(h, coordinator, id);
    expect(figuresOf(report)).toEqual({ sent: MEMBERS + 1, failed: 0, unreachable: 0, total: MEMBERS + 1, received: 0 });
  }, 120_000);

  it("When the writer of the copies stops after the first chunk (a crash), then the progress job writes the rest and everyone still gets exactly one copy", async () => {
    const text = "Chunks: the embankment is safe again";
    const now = new Date();
    // What the verb commits before it returns; its writer of the rest then dies with the process.
    const started = await h.database.db.transaction((tx) =>
      startBroadcast(
        tx,
        now,
        {
          target: { audience: "team", townId: null, teamId },
          text,
          content: { key: "broadcast-message", args: { from: "Coord Chunks", text } },
          senderId: coordinatorId,
          tonight: "2027-01-01",
          dedupeKey: "chunked-test:crash",
        },
        { firstChunk: CHUNK },
      ),
    );
    expect(started.queued).toBe(false);
    h.app.dispatcher.nudge();
    // The progress job takes over a broadcast whose copies are still unwritten a minute on.
    await h.database.db.update(broadcasts).set({ createdAt: new Date(now.getTime() - 120_000) }).where(eq(broadcasts.id, started.broadcastId));
    await h.app.scheduler.run("broadcast-progress");
    h.app.dispatcher.nudge();

    await expectEachOnce(started.broadcastId, text);
  }, 120_000);
});
