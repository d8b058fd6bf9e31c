// The anchor of bench/checkin-throughput.ts: a bare grammY webhook bot that answers /checkin with
// one reply and nothing else, in its own process as the app runs in its own. Plain JavaScript, so
// it runs under node as the app's compiled build does. Environment: TELEGRAM_BOT_TOKEN,
// TELEGRAM_API_ROOT, PORT, WEBHOOK_SECRET. Logs one JSON line, "listening", when ready.
import { createServer } from "node:http";
import { Bot, webhookCallback } from "grammy";

const env = process.env;
const bot = new Bot(env.TELEGRAM_BOT_TOKEN, { client: { apiRoot: env.TELEGRAM_API_ROOT } });
bot.command("checkin", (ctx) => ctx.reply("Checked in ✅"));
await bot.init();
const handle = webhookCallback(bot, "http", { secretToken: env.WEBHOOK_SECRET });
const server = createServer((req, res) => void handle(req, res));
server.listen(Number(env.PORT), "127.0.0.1", () => console.log(JSON.stringify({ level: 30, msg: "listening" })));
process.once("SIGTERM", () => process.exit(0));
