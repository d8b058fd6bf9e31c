// The anchor of bench/checkin-throughput.ts: a bare grammY webhook bot that answers /checkin with
// one reply and nothing else, in its own process as the app runs in its own. Plain JavaScript, so
// it runs under node as the app's compiled build does. Environment: TELEGRAM_BOT_TOKEN,
// TELEGRAM_API_ROOT, PORT, WEBHOOK_SECRET. Logs one JSON line, "listening", when ready.
// With BARE_ROUND_TRIPS=n and DATABASE_URL, each check-in first makes n round trips to the app's
// store, as any bot that keeps state must: n-1 reads of the person, then one committed write.
import { createServer } from "node:http";
import { Bot, webhookCallback } from "grammy";
import postgres from "postgres";

const env = process.env;
const bot = new Bot(env.TELEGRAM_BOT_TOKEN, { client: { apiRoot: env.TELEGRAM_API_ROOT } });
const roundTrips = Number(env.BARE_ROUND_TRIPS ?? 0);
const sql = roundTrips > 0 ? postgres(env.DATABASE_URL, { max: 4 }) : null;
bot.command("checkin", async (ctx) => {
  for (let i = 1; i < roundTrips; i++) await sql`select id, locale from people where telegram_id = ${ctx.from.id}`;
  if (sql) await sql`update people set updated_at = now() where telegram_id = ${ctx.from.id}`;
  await ctx.reply("Checked in ✅");
});
await bot.init();
const handle = webhookCallback(bot, "http", { secretToken: env.WEBHOOK_SECRET });
const server = createServer((req, res) => void handle(req, res));
server.listen(Number(env.PORT), "127.0.0.1", () => console.log(JSON.stringify({ level: 30, msg: "listening" })));
process.once("SIGTERM", () => process.exit(0));
