/**
 * A district-wide broadcast: a coordinator sends to everyone (15,000 members in 106 teams across
 * 10 towns) through the real verb, and the real outbox dispatcher delivers it through the Bot API
 * fake, which answers 429 beyond its limit. The progress job runs every 5 s, as the scheduler
 * runs it, until the broadcast is finished and its report is shown.
 *
 *   npx tsx bench/broadcast.ts [--members 15000] [--rate 400] [--limit 480] [--blocked 0.01] [--paid]
 *   npx tsx bench/broadcast.ts --rate 30 --limit 30 --members 3000
 *   npx tsx bench/broadcast.ts --rate 1000 --limit 1000 --members 15000 --paid
 *   npx tsx bench/broadcast.ts --rate 1000 --limit 1000 --paid --no-recipe --profile broadcast.cpuprofile
 *   DATABASE_URL=postgres://postgres@127.0.0.1:5432/test npx tsx bench/broadcast.ts
 *
 * Uses PGlite, or PostgreSQL when DATABASE_URL is set (a fresh database it creates and drops).
 * A share of the members (`--blocked`) blocked the bot in the fake, so they come back 403 and
 * must count as unreachable. Then, against the same fake, the same recipients get a message from
 * grammY's documented broadcast recipe (bench/grammy-recipe.ts) as the anchor. Prints a JSON
 * summary, and last a line with both ratios.
 */
import { subscribe } from "node:diagnostics_channel";
import { loadavg } from "node:os";
import { parseArgs } from "node:util";
import { count, eq, inArray, isNotNull, sql } from "drizzle-orm";
import { pino } from "pino";
import { createDeliver, createRenderer } from "../src/bot/deliver.js";
import { createOutboxApi } from "../src/bot/outbox-api.js";
import { telegramConnections } from "../src/bot/telegram-fetch.js";
import { createI18n } from "../src/bot/i18n.js";
import { broadcastFigures } from "../src/broadcasts/broadcast-figures.js";
import { refreshBroadcastProgress } from "../src/broadcasts/refresh-progress.js";
import { sendBroadcast } from "../src/broadcasts/send-broadcast.js";
import type { DomainContext } from "../src/domain/context.js";
import { createDispatcher } from "../src/outbox/dispatcher.js";
import type { Db } from "../src/storage/db.js";
import { broadcastRecipients, broadcasts, outbox, people } from "../src/storage/schema/index.js";
import { startFakeTelegram } from "../src/sandbox/telegram/index.js";
import { runGrammyRecipe } from "./grammy-recipe.js";
import { percentile, round, rss, runBench, startProfile, threadCpuSeconds, timed } from "./measure.js";
import { openScratchDatabase } from "./scratch-database.js";

const { values } = parseArgs({
  options: {
    members: { type: "string", default: "15000" },
    rate: { type: "string", default: "400" },
    limit: { type: "string", default: "480" },
    blocked: { type: "string", default: "0.01" },
    paid: { type: "boolean", default: false },
    recipe: { type: "boolean", default: true },
    /** Writes a CPU profile of the main thread from Send to the report (Chrome DevTools, speedscope). */
    profile: { type: "string" },
  },
  allowNegative: true,
});
const MEMBERS = Number(values.members);
const RATE = Number(values.rate);
const LIMIT = Number(values.limit);
const BLOCKED_SHARE = Number(values.blocked);
const PAID = values.paid;
const TZ = "Asia/Shanghai";
const TOWNS = 10;
const TEAMS = 106;
const FIRST_CHAT = 900_000_000;
const COORDINATOR_CHAT = 800_000_000;
const PROGRESS_EVERY_MS = 5000;
/** In every broadcast copy and nowhere else, to tell them from the progress message. */
const MARKER = "BENCH-BROADCAST";

/**
 * The district: 10 towns, 106 teams, MEMBERS active members spread evenly (every fifth reads
 * English), a leader and two deputies per team, and one coordinator who is in no team.
 */
async function seed(db: Db, now: Date): Promise<number> {
  const at = sql`${now.toISOString()}::timestamptz`;
  await db.execute(sql`insert into towns (name) select 'Town ' || g from generate_series(1, ${TOWNS}::int) g`);
  await db.execute(sql`insert into communities (town_id, name)
    select t.id, 'Community ' || g from generate_series(1, ${TEAMS}::int) g join towns t on t.name = 'Town ' || ((g - 1) % ${TOWNS}::int + 1)`);
  await db.execute(sql`insert into teams (community_id, name) select id, replace(name, 'Community', 'Team') from communities`);
  await db.execute(sql`insert into people (telegram_id, name, client_language, created_at, updated_at)
    select ${FIRST_CHAT}::bigint + g, 'Volunteer ' || g, case when g % 5 = 0 then 'en' else 'zh' end, ${at}, ${at}
    from generate_series(1, ${MEMBERS}::int) g`);
  await db.execute(sql`insert into memberships (person_id, team_id, status, source, weekdays, created_at, updated_at)
    select p.id, t.id, 'active', 'import', 127, ${at}, ${at}
    from (select id, row_number() over (order by id) - 1 as i from people) p
    join (select id, row_number() over (order by id) - 1 as i from teams) t on t.i = p.i % ${TEAMS}::int`);
  // The first three members of each team lead it: a leader and two deputies.
  await db.execute(sql`insert into role_grants (person_id, role, team_id, granted_at)
    select person_id, case when rank = 1 then 'leader'::role_name else 'deputy'::role_name end, team_id, ${at}
    from (select person_id, team_id, row_number() over (partition by team_id order by person_id) as rank from memberships) m
    where rank <= 3`);
  const [coordinator] = await db
    .insert(people)
    .values({ telegramId: COORDINATOR_CHAT, name: "Coordinator", clientLanguage: "zh", createdAt: now, updatedAt: now })
    .returning({ id: people.id });
  await db.execute(sql`insert into role_grants (person_id, role, granted_at) values (${coordinator!.id}, 'coordinator', ${at})`);
  await db.execute(sql`analyze`);
  return coordinator!.id;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function main(): Promise<void> {
  const fake = await startFakeTelegram();
  fake.setRateLimit({ perSecond: LIMIT });
  const { database, drop } = await openScratchDatabase();
  const { db } = database;
  const logger = pino({ level: "silent" });
  try {
    const [coordinatorId, seedMs] = await timed(() => seed(db, new Date()));
    // Members blocked the bot since they joined: the database does not know yet, the fake does.
    const blocked = new Set<number>();
    for (let i = 0; i < MEMBERS; i++) {
      const chat = FIRST_CHAT + 1 + i;
      fake.user({ id: chat, first_name: `V${i + 1}` });
      if (Math.floor((i + 1) * BLOCKED_SHARE) > Math.floor(i * BLOCKED_SHARE)) {
        fake.blockUser(chat);
        blocked.add(chat);
      }
    }
    fake.user({ id: COORDINATOR_CHAT, first_name: "Coordinator" });
    rss.sample();
    const rssBefore = rss.peak;

    // The outbox's own client, as the app makes it.
    const telegram = telegramConnections(fake.apiRoot);
    const deliver = createDeliver(createOutboxApi(fake.token, fake.apiRoot, telegram.fetch), createRenderer(createI18n("zh"), "zh", TZ), { allowPaidBroadcast: PAID });
    // Default idle interval, as the app runs it; the bot nudges it after the verb, as here.
    const dispatcher = createDispatcher({ db, logger, deliver, ratePerSecond: RATE });
    dispatcher.start();

    const ctx = (actor: DomainContext["actor"]): DomainContext => ({ db, actor, now: new Date(), logger });
    // Connections opened until the report, by the dispatcher: a pool too small for its bursts reopens them.
    let sockets = 0;
    subscribe("net.client.socket", () => void sockets++);
    const stopProfile = await startProfile(values.profile);
    const cpuBefore = threadCpuSeconds();
    const pressed = Date.now();
    // The rest of the copies are written after the verb returns; the bot nudges after each chunk, as here.
    let lastQueued = pressed;
    const [started, verbMs] = await timed(() =>
      sendBroadcast(
        ctx({ type: "person", personId: coordinatorId }),
        { audience: "everyone", townId: null, teamId: null },
        { text: `${MARKER}: typhoon warning, all patrols tonight are cancelled. Stay indoors and check on elderly neighbours by phone.`, photoFileId: null, dedupeKey: "bench:broadcast" },
        TZ,
        () => {
          lastQueued = Date.now();
          dispatcher.nudge();
        },
      ),
    );
    const committed = Date.now();
    dispatcher.nudge();

    // The progress job on wall-clock multiples of 5 s, never overlapping itself, as node-cron runs it.
    const deadline = committed + (started.recipients / Math.min(RATE, LIMIT)) * 3000 + 60_000;
    const progressMs: number[] = [];
    let edits = 0;
    let finishedAt: number | null = null;
    while (finishedAt === null && Date.now() < deadline) {
      await sleep(PROGRESS_EVERY_MS - (Date.now() % PROGRESS_EVERY_MS));
      const [result, ms] = await timed(() => refreshBroadcastProgress(ctx({ type: "system", job: "broadcast-progress" })));
      progressMs.push(ms);
      edits += result.edited;
      if (result.finished > 0) finishedAt = Date.now();
    }
    // The last edit turns the progress message into the report; wait until it has gone out.
    for (;;) {
      const [open] = await db.select({ n: count() }).from(outbox).where(inArray(outbox.status, ["pending", "sending"]));
      rss.sample();
      if (open!.n === 0 || Date.now() > deadline) break;
      await sleep(200);
    }
    const drainedAt = Date.now();
    const cpuAfter = threadCpuSeconds();
    const socketsOpened = sockets;
    await stopProfile();
    await dispatcher.stop();
    await telegram.close();

    // What the fake saw: each broadcast copy by chat, and when the last one was settled (sent or 403).
    const okCopies = new Map<number, number>();
    let settled = 0;
    let lastSettled = committed;
    for (const call of fake.calls) {
      if (call.method !== "sendMessage" || !String(call.params["text"] ?? "").includes(MARKER)) continue;
      const response = call.response as { ok: boolean; error_code?: number };
      if (!response.ok && response.error_code !== 403) continue;
      settled += 1;
      lastSettled = Math.max(lastSettled, call.at);
      if (response.ok) {
        const chat = Number(call.params["chat_id"]);
        okCopies.set(chat, (okCopies.get(chat) ?? 0) + 1);
      }
    }
    // The dispatcher's pace while the copies went out: gaps between two consecutive sends it made
    // that were not refused with 429 (progress edits are paced apart, see src/outbox/send-cost.ts).
    // Stalls are gaps well beyond the pace; bunched are gaps under half of it, arrivals squeezed together.
    const interval = 1000 / Math.min(RATE, LIMIT);
    const paced = (c: (typeof fake.calls)[number]) => c.method === "sendMessage" && (c.response as { error_code?: number }).error_code !== 429;
    const sendTimes = fake.calls.filter((c) => c.at >= committed && c.at <= lastSettled && paced(c)).map((c) => c.at);
    const gaps = sendTimes.slice(1).map((t, i) => t - sendTimes[i]!);
    const stallGaps = gaps.filter((gap) => gap > Math.max(50, 3 * interval));
    const recipientChats = await db
      .select({ chat: people.telegramId })
      .from(broadcastRecipients)
      .innerJoin(people, eq(people.id, broadcastRecipients.personId))
      .where(eq(broadcastRecipients.broadcastId, started.broadcastId));
    const chats = recipientChats.map((r) => r.chat!);
    const lost = chats.filter((chat) => !blocked.has(chat) && !okCopies.has(chat)).length;
    const duplicates = [...okCopies.values()].reduce((sum, n) => sum + n - 1, 0);
    const figures = (await broadcastFigures(db, [started.broadcastId])).get(started.broadcastId)!;
    const [marked] = await db.select({ n: count() }).from(people).where(isNotNull(people.unreachableAt));
    const [row] = await db.select({ finishedAt: broadcasts.finishedAt }).from(broadcasts).where(eq(broadcasts.id, started.broadcastId));
    const editCalls = fake.calls.filter((c) => c.method === "editMessageText" && Number(c.params["chat_id"]) === COORDINATOR_CHAT);
    const report = fake.botMessages(COORDINATOR_CHAT).find((m) => !m.text?.includes(MARKER));

    const sendSeconds = (lastSettled - committed) / 1000;
    const achieved = settled / sendSeconds;
    const fromPress = settled / ((lastSettled - pressed) / 1000);
    const ours429 = fake.stats().rateLimited;

    // The anchor: grammY's recipe, same fake, same recipients, after a second's quiet.
    fake.setRateLimit({ perSecond: LIMIT });
    await sleep(1100);
    const recipe = values.recipe ? await runGrammyRecipe({ db, fake, broadcastId: started.broadcastId, paid: PAID, limit: LIMIT, blocked }) : null;
    console.log(
      JSON.stringify(
        {
          store: database.kind,
          members: MEMBERS,
          recipients: started.recipients,
          configuredRate: RATE,
          fakeLimit: LIMIT,
          seedSeconds: round(seedMs / 1000),
          writeBroadcastSeconds: round(verbMs / 1000, 2),
          // From the verb's commit to the last copy settled (sent, or 403 from a blocked member).
          sendSeconds: round(sendSeconds),
          achievedPerSecond: round(achieved),
          ratio: round(achieved / Math.min(RATE, LIMIT), 3),
          ratioOfLimit: round(achieved / LIMIT, 3),
          // From the coordinator's Send, so writing the broadcast counts too.
          ratioOfLimitFromPress: round(fromPress / LIMIT, 3),
          allCopiesQueuedAfterSeconds: round((lastQueued - pressed) / 1000, 2),
          // From the coordinator's Send: the progress job marked it finished; the report edit had gone out.
          finishedAfterSeconds: finishedAt === null ? null : round((finishedAt - pressed) / 1000),
          reportShownAfterSeconds: round((drainedAt - pressed) / 1000),
          finishedInDatabase: Boolean(row?.finishedAt),
          lost,
          duplicates,
          blocked: blocked.size,
          unreachable: figures.unreachable,
          markedUnreachable: marked!.n,
          figures,
          rateLimited429: ours429,
          sendGapMs: {
            nominal: round(interval),
            p50: percentile(gaps, 50),
            mean: round(gaps.reduce((sum, gap) => sum + gap, 0) / gaps.length),
            p99: percentile(gaps, 99),
            bunched: gaps.filter((gap) => gap < interval / 2).length,
          },
          stalls: { count: stallGaps.length, lostSeconds: round(stallGaps.reduce((sum, gap) => sum + gap - interval, 0) / 1000, 2), maxMs: stallGaps.length ? Math.max(...stallGaps) : 0 },
          progressEditsEnqueued: edits,
          progressEditsDelivered: editCalls.filter((c) => (c.response as { ok: boolean }).ok).length,
          progressJob: { runs: progressMs.length, p50Ms: round(percentile(progressMs, 50)), maxMs: round(Math.max(...progressMs)) },
          reportText: report?.text ?? null,
          // CPU this process used from Send to the report: the main thread (dispatcher, the fake, the
          // verb) and the others (on PGlite its database thread; V8's collector and compiler).
          cpuSeconds: { main: round(cpuAfter.main - cpuBefore.main, 2), otherThreads: round(cpuAfter.others - cpuBefore.others, 2) },
          socketsOpened,
          loadAverage: loadavg().map((n) => round(n, 2)),
          rssBeforeMiB: Math.round(rssBefore / 1024 / 1024),
          peakRssMiB: rss.peakMiB(),
          grammyRecipe: recipe,
        },
        null,
        2,
      ),
    );
    const ours = `ours ${round(achieved / LIMIT, 3)} of the limit from the commit, ${round(fromPress / LIMIT, 3)} from Send (${ours429} x 429, lost ${lost}, duplicates ${duplicates})`;
    console.log(`${database.kind} ${RATE}/s, limit ${LIMIT}/s, ${started.recipients} recipients${PAID ? ", paid" : ""}: ${ours}; grammY recipe ${recipe ? `${recipe.ratioOfLimit} (${recipe.rateLimited429} x 429, lost ${recipe.lost})` : "not run"}`);
  } finally {
    await fake.close();
    await drop();
  }
}

runBench(main);
