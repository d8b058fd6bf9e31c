/**
 * Outbox throughput: N messages to N different chats, sent by one or more dispatchers (as
 * several bot instances would) through the Bot API fake, which enforces a rate limit with 429s.
 *
 *   npx tsx bench/outbox.ts [--messages 15000] [--rate 400] [--limit 480] [--instances 2]
 *
 * Uses PGlite, or PostgreSQL when DATABASE_URL is set (a fresh database it creates and drops).
 * Prints achieved messages/s as a ratio of the configured rate, lost and duplicate messages.
 */
import { parseArgs } from "node:util";
import { Api } from "grammy";
import { pino } from "pino";
import { createDeliver, createRenderer } from "../src/bot/deliver.js";
import { createI18n } from "../src/bot/i18n.js";
import { createDispatcher } from "../src/outbox/dispatcher.js";
import { enqueueMessages } from "../src/outbox/enqueue.js";
import { startFakeTelegram } from "../src/sandbox/telegram/index.js";
import { openScratchDatabase } from "./scratch-database.js";

const { values } = parseArgs({
  options: { messages: { type: "string", default: "15000" }, rate: { type: "string", default: "400" }, limit: { type: "string", default: "480" }, instances: { type: "string", default: "2" } },
});
const total = Number(values.messages);
const rate = Number(values.rate);
const instances = Number(values.instances);

const fake = await startFakeTelegram();
fake.setRateLimit({ perSecond: Number(values.limit) });
const { database, drop } = await openScratchDatabase();
const logger = pino({ level: "silent" });
const firstChat = 900_000_000;
for (let i = 0; i < total; i++) fake.user({ id: firstChat + i, first_name: `V${i}` });

const enqueueStart = performance.now();
await enqueueMessages(
  database.db,
  new Date(),
  Array.from({ length: total }, (_, i) => ({
    to: { personId: null, chatId: firstChat + i, locale: i % 2 ? "en" : "zh" },
    payload: { kind: "message" as const, text: { key: "notice-removed", args: { team: `Team ${i % 106}` } } },
    dedupeKey: `bench:${i}`,
    priority: 0,
  })),
);
const enqueueMs = performance.now() - enqueueStart;

const deliver = createDeliver(new Api(fake.token, { apiRoot: fake.apiRoot }), createRenderer(createI18n("zh"), "zh", "Asia/Shanghai"));
// Each instance gets its share of the rate, as an operator would configure several instances.
const dispatchers = Array.from({ length: instances }, () => createDispatcher({ db: database.db, logger, deliver, ratePerSecond: rate / instances, idleMs: 200 }));
let peakRss = 0;
const sampler = setInterval(() => (peakRss = Math.max(peakRss, process.memoryUsage().rss)), 250);
const start = performance.now();
dispatchers.forEach((d) => d.start());
for (;;) {
  const delivered = new Set(fake.calls.filter((c) => c.method === "sendMessage" && (c.response as { ok: boolean }).ok).map((c) => (c.params as { chat_id: number }).chat_id));
  if (delivered.size >= total || performance.now() - start > (total / rate) * 3000 + 30_000) break;
  await new Promise((r) => setTimeout(r, 200));
}
const seconds = (performance.now() - start) / 1000;
await Promise.all(dispatchers.map((d) => d.stop()));
clearInterval(sampler);

const okSends = fake.calls.filter((c) => c.method === "sendMessage" && (c.response as { ok: boolean }).ok);
const perChat = new Map<number, number>();
for (const c of okSends) {
  const chat = (c.params as { chat_id: number }).chat_id;
  perChat.set(chat, (perChat.get(chat) ?? 0) + 1);
}
const lost = total - perChat.size;
const duplicates = [...perChat.values()].reduce((sum, n) => sum + n - 1, 0);
const achieved = total / seconds;
console.log(
  JSON.stringify(
    {
      store: database.kind,
      messages: total,
      instances,
      configuredRate: rate,
      fakeLimit: Number(values.limit),
      enqueueSeconds: +(enqueueMs / 1000).toFixed(2),
      sendSeconds: +seconds.toFixed(1),
      achievedPerSecond: +achieved.toFixed(1),
      ratioOfRate: +(achieved / rate).toFixed(3),
      rateLimited429: fake.stats().rateLimited,
      lost,
      duplicates,
      peakRssMb: Math.round(peakRss / 1e6),
    },
    null,
    2,
  ),
);
await fake.close();
await drop();
process.exit(0);
