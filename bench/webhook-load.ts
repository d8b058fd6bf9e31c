import { Agent, request } from "node:http";
import { setTimeout as sleep } from "node:timers/promises";
import type { FakeUser } from "../src/sandbox/telegram/index.js";
import { BENCH_SECRET } from "./app-config.js";
import { percentile, round, rss } from "./measure.js";

/**
 * Updates posted straight to a bot's webhook as Telegram would, bypassing the fake's one-at-a-time
 * delivery (its chat store still receives the replies): the load of a check-in wave.
 */

export interface Load {
  seconds: number;
  perSecond: number;
  latencyMs: { p50: number; p99: number; max: number };
  /**
   * p99 latency of the updates arriving in each second of the wall clock's five-second cycle, on
   * which the scheduler's frequent jobs (live boards, due reminders) start: a job that holds up
   * check-ins shows as a tail in the seconds at and after its start.
   */
  p99ByCycleSecondMs: number[];
  failures: number;
  /** CPU time of this process (every thread: bench, fake, bot, database) per update, which the machine's load moves less than wall time. */
  cpuMsPerUpdate: number;
  /** The first failure's message, if any. */
  failure?: string;
}

let nextUpdateId = 900_000_001;

/** What Telegram would POST for a user typing a command (`/checkin`, `/roster 2027-06-01`). */
export function commandUpdate(user: FakeUser, text: string): string {
  const length = text.split(" ")[0]!.length;
  const message = { message_id: 1, from: user.user, chat: user.chat, date: Math.floor(Date.now() / 1000), text, entities: [{ type: "bot_command", offset: 0, length }] };
  return JSON.stringify({ update_id: nextUpdateId++, message });
}

/**
 * Kept-alive connections, as Telegram keeps them to a webhook. Plain `http.request` rather than
 * `fetch`: on the bench's side of the loopback, fetch's streams, abort signals and transferables
 * cost about as much CPU as the bot's own handling, on the same two cores.
 */
const agent = new Agent({ keepAlive: true, maxSockets: 256 });

/**
 * One update posted. A kept-alive connection the bot's server closes for idleness just as it is
 * taken again (Node's five seconds, after a pause between phases) resets before any answer: the
 * update is posted again on a new connection, as Telegram redelivers it.
 */
export async function post(url: string, body: string): Promise<void> {
  for (let attempt = 1; ; attempt++) {
    const posted = await postOnce(url, body);
    if (posted === "sent") return;
    if (attempt === 3) throw new Error(`webhook connection ${posted}, ${attempt} times`);
  }
}

function postOnce(url: string, body: string): Promise<"sent" | "closed before answering"> {
  return new Promise((resolve, reject) => {
    const req = request(url, { method: "POST", agent, headers: { "content-type": "application/json", "content-length": Buffer.byteLength(body), "x-telegram-bot-api-secret-token": BENCH_SECRET } }, (res) => {
      res.resume();
      res.once("end", () => (res.statusCode !== undefined && res.statusCode < 300 ? resolve("sent") : reject(new Error(`webhook answered ${res.statusCode}`))));
      res.once("error", reject);
    });
    req.once("error", (error: NodeJS.ErrnoException) => {
      if (req.reusedSocket && error.code === "ECONNRESET") resolve("closed before answering");
      else reject(error);
    });
    req.end(body);
  });
}

const describe = (error: unknown) => (error instanceof Error ? `${error.message} ${String((error as { cause?: unknown }).cause ?? "")}` : String(error));

/**
 * Every user's command once, at most `concurrency` posted at once as Telegram does (its default
 * max_connections is 40). Closed loop (no rate): each worker posts the next as soon as its last
 * was answered, and latency runs from sending. Open loop: updates arrive at `rate` per second
 * whether or not the bot keeps up, the rest wait their turn, and latency runs from arrival, so
 * time spent waiting counts.
 */
export async function drive(url: string, users: FakeUser[], options: { concurrency: number; rate?: number; command?: string }): Promise<Load> {
  const { concurrency, rate, command = "/checkin" } = options;
  const latencies: number[] = [];
  const byCycleSecond: number[][] = [[], [], [], [], []];
  let failures = 0;
  let failure: string | undefined;
  let next = 0;
  const start = performance.now();
  const cpu = process.cpuUsage();
  const worker = async () => {
    while (next < users.length) {
      const i = next++;
      const arrives = rate ? start + (i * 1000) / rate : performance.now();
      const wait = arrives - performance.now();
      if (wait > 1) await sleep(wait);
      try {
        await post(url, commandUpdate(users[i]!, command));
        const latency = performance.now() - arrives;
        latencies.push(latency);
        byCycleSecond[Math.floor((performance.timeOrigin + arrives) / 1000) % 5]!.push(latency);
      } catch (error) {
        failure ??= describe(error);
        failures += 1;
      }
    }
  };
  await Promise.all(Array.from({ length: concurrency }, worker));
  rss.sample();
  const seconds = (performance.now() - start) / 1000;
  const used = process.cpuUsage(cpu);
  return {
    ...(failure ? { failure } : {}),
    seconds: round(seconds, 2),
    perSecond: round(latencies.length / seconds),
    latencyMs: { p50: round(percentile(latencies, 50)), p99: round(percentile(latencies, 99)), max: round(Math.max(...latencies)) },
    p99ByCycleSecondMs: byCycleSecond.map((xs) => round(percentile(xs, 99))),
    failures,
    cpuMsPerUpdate: round((used.user + used.system) / 1000 / (latencies.length + failures), 2),
  };
}
