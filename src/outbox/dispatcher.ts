import type { Logger } from "pino";
import type { Db } from "../storage/db.js";
import { claimDueMessages, type ClaimedMessage } from "./claim.js";
import { RateLimiter } from "./rate-limiter.js";
import { resolveEditTarget } from "./resolve-edit-target.js";
import { recordDelivery, releaseClaim, type DeliveryResult } from "./record-result.js";

export interface DispatcherOptions {
  db: Db;
  logger: Logger;
  /** Talks to Telegram and classifies the outcome; supplied by the bot layer. */
  deliver: (message: ClaimedMessage) => Promise<DeliveryResult>;
  ratePerSecond: number;
  /** How long a claim lasts before another instance may take the row over. */
  leaseMs?: number;
  /** How often to look for rows enqueued by other processes when nobody nudges. */
  idleMs?: number;
  clock?: () => Date;
}

export interface Dispatcher {
  start(): void;
  stop(): Promise<void>;
  /** Wakes the loop now; called after a handler enqueued something. */
  nudge(): void;
  /** Sends everything that is due, then resolves with how many were handled (tests, CLI). */
  drain(): Promise<number>;
}

export function createDispatcher(options: DispatcherOptions): Dispatcher {
  const { db, logger, deliver } = options;
  const clock = options.clock ?? (() => new Date());
  const leaseMs = options.leaseMs ?? 60_000;
  const idleMs = options.idleMs ?? 1000;
  const limiter = new RateLimiter(options.ratePerSecond);
  // Claim little more than a couple of seconds' worth, so claimed rows never outlive their lease.
  const batchSize = Math.max(10, Math.ceil(options.ratePerSecond * 2));
  const chains = new Map<number, Promise<void>>();
  const inFlight = new Set<Promise<void>>();
  let stopping = new AbortController();
  let wake: (() => void) | null = null;
  let nudged = false;
  let loop: Promise<void> | null = null;

  async function sendOne(message: ClaimedMessage): Promise<void> {
    if (!(await limiter.take(stopping.signal))) {
      await releaseClaim(db, message); // shutting down before sending: hand it back at once
      return;
    }
    let result: DeliveryResult;
    try {
      result = await deliverResolved(message);
    } catch (error) {
      result = { status: "retry", error: error instanceof Error ? error.message : String(error) };
    }
    if (result.status === "retry" && result.rateLimited && result.retryAfterMs !== undefined) limiter.pauseFor(result.retryAfterMs);
    if (result.status !== "sent") logger.warn({ outboxId: message.id, chatId: message.chatId, result }, "outbox delivery not sent");
    await recordDelivery(db, clock(), message, result);
  }

  /** An edit aimed at another outbox row goes out once that row has a Telegram message id. */
  async function deliverResolved(message: ClaimedMessage): Promise<DeliveryResult> {
    const { payload } = message;
    if (payload.kind !== "edit" || !("outboxId" in payload.target)) return deliver(message);
    const target = await resolveEditTarget(db, payload.target.outboxId);
    if ("wait" in target) return { status: "retry", error: "original not sent yet", retryAfterMs: 2000 };
    if ("gone" in target) return { status: "failed", error: target.gone };
    return deliver({ ...message, payload: { ...payload, target: { messageId: target.messageId } } });
  }

  /** Messages to one chat go out in order; different chats go out side by side. */
  function schedule(message: ClaimedMessage): Promise<void> {
    const previous = chains.get(message.chatId) ?? Promise.resolve();
    const next = previous.then(() => sendOne(message)).catch((error) => logger.error({ err: error, outboxId: message.id }, "outbox send crashed"));
    chains.set(message.chatId, next);
    const tracked = next.finally(() => {
      inFlight.delete(tracked);
      if (chains.get(message.chatId) === next) chains.delete(message.chatId);
    });
    inFlight.add(tracked);
    return tracked;
  }

  async function runOnce(): Promise<number> {
    const room = batchSize - inFlight.size;
    if (room <= 0) {
      await Promise.race(inFlight);
      return 0;
    }
    const batch = await claimDueMessages(db, clock(), room, leaseMs);
    for (const message of batch) void schedule(message);
    return batch.length;
  }

  /** Sleeps until nudged, stopped, or idleMs passed; a nudge during a claim is not lost. */
  function idle(): Promise<void> {
    if (nudged || stopping.signal.aborted) {
      nudged = false;
      return Promise.resolve();
    }
    return new Promise<void>((resolve) => {
      const signal = stopping.signal;
      const timer = setTimeout(finish, idleMs);
      signal.addEventListener("abort", finish, { once: true });
      wake = finish;
      function finish() {
        clearTimeout(timer);
        signal.removeEventListener("abort", finish);
        wake = null;
        nudged = false;
        resolve();
      }
    });
  }

  async function run(): Promise<void> {
    while (!stopping.signal.aborted) {
      let claimed = 0;
      try {
        claimed = await runOnce();
      } catch (error) {
        logger.error({ err: error }, "outbox claim failed");
      }
      if (claimed === 0) await idle();
    }
    await Promise.allSettled([...inFlight]);
  }

  return {
    start() {
      if (loop) return;
      stopping = new AbortController();
      loop = run();
    },
    async stop() {
      stopping.abort();
      wake?.();
      await loop;
      loop = null;
    },
    nudge() {
      if (wake) wake();
      else nudged = true;
    },
    async drain() {
      let total = 0;
      for (;;) {
        const batch = await claimDueMessages(db, clock(), batchSize, leaseMs);
        if (batch.length === 0 && inFlight.size === 0) return total;
        total += batch.length;
        for (const message of batch) void schedule(message);
        await Promise.allSettled([...inFlight]);
      }
    },
  };
}
