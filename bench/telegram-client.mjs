// The client of bench/telegram-fetch.ts, in its own process so its CPU is its own: grammY's Api
// sending CALLS messages, CONCURRENCY at a time, with grammY's default fetch (FETCH=default) or
// the app's Telegram connections from the build (FETCH=app). Environment: TELEGRAM_BOT_TOKEN,
// TELEGRAM_API_ROOT, CHAT_ID, CALLS, CONCURRENCY, WARMUP. Prints one JSON line.
import { Api } from "grammy";

const env = process.env;
const connections = env.FETCH === "app" ? (await import("../dist/bot/telegram-fetch.js")).telegramConnections(env.TELEGRAM_API_ROOT) : null;
const api = new Api(env.TELEGRAM_BOT_TOKEN, { apiRoot: env.TELEGRAM_API_ROOT, ...(connections ? { fetch: connections.fetch } : {}) });
const chatId = Number(env.CHAT_ID);
// A check-in's reply: a line of text and one button.
const reply = () => api.sendMessage(chatId, "📍 已签到：夜间巡防（20:00-24:00）。谢谢你守护这一夜！结束时请签退。", { reply_markup: { inline_keyboard: [[{ text: "签退", callback_data: "co:123456" }]] } });

async function run(calls, concurrency) {
  let started = 0;
  await Promise.all(Array.from({ length: concurrency }, async () => {
    while (started < calls) {
      started++;
      await reply();
    }
  }));
}

await run(Number(env.WARMUP), Number(env.CONCURRENCY));
const calls = Number(env.CALLS);
const cpu = process.cpuUsage();
const start = performance.now();
await run(calls, Number(env.CONCURRENCY));
const used = process.cpuUsage(cpu);
const seconds = (performance.now() - start) / 1000;
console.log(JSON.stringify({ perSecond: calls / seconds, cpuMsPerCall: (used.user + used.system) / 1000 / calls }));
await connections?.close();
