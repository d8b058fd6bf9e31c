/**
 * What one call to Telegram costs the caller: grammY's Api sending a check-in's reply to the Bot
 * API fake, with grammY's default fetch (node-fetch) and with the app's Telegram connections
 * (`src/bot/telegram-fetch.ts`, undici's pool). Every reply and every outbox send is such a call.
 * The fake runs here; each client runs in its own process (bench/telegram-client.mjs, against the
 * build in dist/), the two alternating `--rounds` times. Prints JSON, the saving per call last.
 *
 *   npm run build && npx tsx bench/telegram-fetch.ts [--calls 20000 --concurrency 40 --rounds 3]
 */
import { execFile } from "node:child_process";
import { loadavg } from "node:os";
import { parseArgs, promisify } from "node:util";
import { startFakeTelegram } from "../src/sandbox/telegram/index.js";
import { percentile, round, runBench } from "./measure.js";

const { values } = parseArgs({
  options: {
    calls: { type: "string", default: "20000" },
    concurrency: { type: "string", default: "40" },
    rounds: { type: "string", default: "3" },
  },
});

interface ClientRun {
  perSecond: number;
  cpuMsPerCall: number;
}

runBench(async () => {
  const fake = await startFakeTelegram({ recordCalls: false });
  const chat = fake.user({ id: 4242, first_name: "Bench" });
  const client = async (fetch: "default" | "app"): Promise<ClientRun> => {
    const env = {
      ...process.env,
      FETCH: fetch,
      TELEGRAM_BOT_TOKEN: fake.token,
      TELEGRAM_API_ROOT: fake.apiRoot,
      CHAT_ID: String(chat.id),
      CALLS: values.calls,
      CONCURRENCY: values.concurrency,
      WARMUP: "2000",
    };
    const { stdout } = await promisify(execFile)(process.execPath, ["bench/telegram-client.mjs"], { env, maxBuffer: 1 << 20 });
    return JSON.parse(stdout.trim().split("\n").pop()!) as ClientRun;
  };
  const runs: Record<"default" | "app", ClientRun[]> = { default: [], app: [] };
  for (let i = 0; i < Number(values.rounds); i++) {
    runs.default.push(await client("default"));
    runs.app.push(await client("app"));
  }
  await fake.close();
  const median = (xs: ClientRun[], key: keyof ClientRun) => percentile(xs.map((x) => x[key]), 50);
  const summary = (xs: ClientRun[]) => ({
    perSecond: xs.map((x) => round(x.perSecond, 0)),
    cpuMsPerCall: xs.map((x) => round(x.cpuMsPerCall, 3)),
  });
  const result = {
    calls: Number(values.calls),
    concurrency: Number(values.concurrency),
    loadAverage: loadavg().map((x) => round(x, 2)),
    nodeFetch: summary(runs.default),
    appConnections: summary(runs.app),
    cpuMsSavedPerCall: round(median(runs.default, "cpuMsPerCall") - median(runs.app, "cpuMsPerCall"), 3),
  };
  console.log(JSON.stringify(result, null, 2));
});
