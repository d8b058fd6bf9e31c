/**
 * The anchor of bench/broadcast.ts: grammY's documented way to broadcast (grammy.dev, "Scaling Up
 * IV: Flood Limits", How to Broadcast Messages), written for this bench. Send one message after
 * another with no artificial delay; on a 429 wait `retry_after` and try again, which the
 * auto-retry plugin does; read the chats from the database a page at a time. It keeps nothing
 * durable (a crash forgets who got it), so its time runs from its first read to its last copy.
 */
import { autoRetry } from "@grammyjs/auto-retry";
import { and, eq, gt } from "drizzle-orm";
import { Api, GrammyError } from "grammy";
import type { Db } from "../src/storage/db.js";
import { broadcastRecipients, people } from "../src/storage/schema/index.js";
import type { FakeTelegram } from "../src/sandbox/telegram/index.js";
import { round, threadCpuSeconds } from "./measure.js";

const RECIPE_MARKER = "BENCH-RECIPE";
const PAGE = 1000;

export interface RecipeRun {
  db: Db;
  fake: FakeTelegram;
  /** Its recipients are the recipe's chats too. */
  broadcastId: number;
  paid: boolean;
  limit: number;
  /** Chats that blocked the bot: a 403 there is an answer, not a loss. */
  blocked: Set<number>;
}

export async function runGrammyRecipe(run: RecipeRun) {
  const api = new Api(run.fake.token, { apiRoot: run.fake.apiRoot });
  api.config.use(autoRetry());
  const rateLimitedBefore = run.fake.stats().rateLimited;
  const callsBefore = run.fake.calls.length;
  const cpuBefore = threadCpuSeconds();
  const start = Date.now();
  let settled = 0;
  let lastSettled = start;
  let afterPerson = 0;
  const chats: number[] = [];
  for (;;) {
    const page = await run.db
      .select({ personId: people.id, chat: people.telegramId })
      .from(broadcastRecipients)
      .innerJoin(people, eq(people.id, broadcastRecipients.personId))
      .where(and(eq(broadcastRecipients.broadcastId, run.broadcastId), gt(people.id, afterPerson)))
      .orderBy(people.id)
      .limit(PAGE);
    if (page.length === 0) break;
    for (const { chat } of page) {
      chats.push(chat!);
      try {
        await api.sendMessage(chat!, `${RECIPE_MARKER}: typhoon warning, all patrols tonight are cancelled.`, run.paid ? { allow_paid_broadcast: true } : {});
      } catch (error) {
        if (!(error instanceof GrammyError && error.error_code === 403)) throw error;
      }
      settled += 1;
      lastSettled = Date.now();
    }
    afterPerson = page.at(-1)!.personId;
  }

  const cpuAfter = threadCpuSeconds();
  const copies = new Map<number, number>();
  for (const call of run.fake.calls.slice(callsBefore)) {
    if (call.method !== "sendMessage" || !String(call.params["text"] ?? "").includes(RECIPE_MARKER) || !(call.response as { ok: boolean }).ok) continue;
    const chat = Number(call.params["chat_id"]);
    copies.set(chat, (copies.get(chat) ?? 0) + 1);
  }
  const seconds = (lastSettled - start) / 1000;
  return {
    copies: settled,
    seconds: round(seconds),
    achievedPerSecond: round(settled / seconds),
    ratioOfLimit: round(settled / seconds / run.limit, 3),
    rateLimited429: run.fake.stats().rateLimited - rateLimitedBefore,
    cpuSeconds: { main: round(cpuAfter.main - cpuBefore.main, 2), otherThreads: round(cpuAfter.others - cpuBefore.others, 2) },
    lost: chats.filter((chat) => !run.blocked.has(chat) && !copies.has(chat)).length,
    duplicates: [...copies.values()].reduce((sum, n) => sum + n - 1, 0),
  };
}
