import { setTimeout as sleep } from "node:timers/promises";
import type { Logger } from "pino";
import type { Db } from "../storage/db.js";
import { claimDueMessages, type ClaimedMessage } from "./claim.js";
import { RateLimiter, type SendSlot } from "./rate-limiter.js";
import { recordDelivery, recordSettledBatch, releaseClaim, type DeliveryResult, type SettledBatch } from "./record-result.js";
import { hasNewerEdit, resolveEditTarget } from "./resolve-edit-target.js";
import { sendCost } from "./send-cost.js";

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
  /** How long a stopping dispatcher keeps trying to write down results before it leaves them to the lease. */
  stopGraceMs?: number;
  clock?: () => Date;
  /** Told every send's result (metrics). */
  onResult?: (message: ClaimedMessage, result: DeliveryResult) => void;
}

export interface Dispatcher {
  start(): void;
  stop(): Promise<void>;
  /** Wakes the loop now; called after a handler enqueued messages. */
  nudge(): void;
  /** Sends everything that is due, then resolves with how many rows it claimed (tests, CLI). */
  drain(): Promise<number>;
}

/** Settled sends are written in batches this often; a crash can repeat only those unwritten. */
const FLUSH_MS = 50;

export function createDispatcher(options: DispatcherOptions): Dispatcher {
  const { db, logger, deliver } = options;
  const clock = options.clock ?? (() => new Date());
  const leaseMs = options.leaseMs ?? 60_000;
  const idleMs = options.idleMs ?? 1000;
  const stopGraceMs = options.stopGraceMs ?? 10_000;
  const limiter = new RateLimiter(options.ratePerSecond);
  // Edits and command menus post no message: they have a budget of their own (see send-cost.ts).
  const otherCalls = new RateLimiter(options.ratePerSecond);
  // Claim about two seconds' worth, so claimed rows go out long before their lease ends.
  const batchSize = Math.max(10, Math.ceil(options.ratePerSecond * 2));
  /** The next batch is claimed while this many are still queued, so sending never waits for a claim. */
  const refillAt = Math.ceil(batchSize / 2);
  let refill: Promise<number> | null = null;
  let claimedCount = 0;
  const chains = new Map<number, Promise<void>>();
  const inFlight = new Set<Promise<void>>();
  let queue: ClaimedMessage[] = [];
  /** Every row this dispatcher claimed and has not written down yet: queued, being sent, or in a batch to write. */
  const held = new Map<number, ClaimedMessage>();
  let settled: SettledBatch = { sent: [], unreachable: [] };
  /** Telegram message ids of sends not yet recorded, so an edit right behind its original can go. */
  const unrecorded = new Map<number, number>();
  /** Rows found unreachable and not yet recorded, so an edit right behind one gives up at once as it would after. */
  const unreachableUnrecorded = new Set<number>();
  let flushing: Promise<void> = Promise.resolve();
  let flushTimer: NodeJS.Timeout | null = null;
  let stopping = new AbortController();
  let givingUp = new AbortController();
  let wake: (() => void) | null = null;
  let nudged = false;
  let loop: Promise<void> | null = null;

  function flushSoon() {
    flushTimer ??= setTimeout(() => void flush(), FLUSH_MS);
  }

  function flush(): Promise<void> {
    if (flushTimer) clearTimeout(flushTimer);
    flushTimer = null;
    const batch = settled;
    settled = { sent: [], unreachable: [] };
    const flushed = [...batch.sent, ...batch.unreachable].map((b) => b.message.id);
    flushing = flushing
      .then(() => untilWritten("recording sent messages", flushed, () => recordSettledBatch(db, clock(), batch)))
      .then(() => {
        for (const id of flushed) {
          unrecorded.delete(id);
          unreachableUnrecorded.delete(id);
          held.delete(id);
        }
      });
    return flushing;
  }

  /**
   * A result not written down is a message sent again once its lease runs out: while the database
   * is away (a restart, a failover) keep trying. Only a stop that outlasts stopGraceMs gives
   * up, and then, as after a crash, the lease decides.
   */
  async function untilWritten(what: string, outboxIds: number[], write: () => Promise<void>): Promise<void> {
    for (let attempt = 1; ; attempt++) {
      try {
        await write();
        if (attempt > 1) logger.info({ outboxIds, attempts: attempt }, `${what}: written after all`);
        return;
      } catch (error) {
        if (givingUp.signal.aborted) {
          logger.error({ err: error, outboxIds }, `${what} failed while stopping; the lease will send them again`);
          return;
        }
        if (attempt === 1 || attempt % 20 === 0) logger.error({ err: error, outboxIds, attempt }, `${what} failed; trying again`);
        await sleep(Math.min(100 * 2 ** attempt, 2000), undefined, { signal: givingUp.signal }).catch(() => {});
      }
    }
  }

  /** An edit aimed at another outbox row goes out once that row has a Telegram message id. */
  async function deliverResolved(message: ClaimedMessage): Promise<DeliveryResult> {
    const { payload } = message;
    if (payload.kind !== "edit" || !("outboxId" in payload.target)) return deliver(message);
    if (await hasNewerEdit(db, message.id, message.groupKey)) return { status: "sent" }; // superseded
    // Sent a moment ago by this dispatcher but not yet written down: its id is known here.
    const known = unrecorded.get(payload.target.outboxId);
    if (known !== undefined) return deliver({ ...message, payload: { ...payload, target: { messageId: known } } });
    if (unreachableUnrecorded.has(payload.target.outboxId)) return { status: "failed", error: "original message was unreachable" };
    const target = await resolveEditTarget(db, payload.target.outboxId);
    if ("wait" in target) return { status: "retry", error: "original not sent yet", retryAfterMs: 2000 };
    if ("gone" in target) return { status: "failed", error: target.gone };
    return deliver({ ...message, payload: { ...payload, target: { messageId: target.messageId } } });
  }

  async function sendOne(message: ClaimedMessage, slot: SendSlot): Promise<void> {
    let result: DeliveryResult;
    try {
      result = await deliverResolved(message);
    } catch (error) {
      result = { status: "retry", error: error instanceof Error ? error.message : String(error) };
    } finally {
      slot.done();
    }
    options.onResult?.(message, result);
    if (result.status === "sent") {
      settled.sent.push({ message, ...(result.messageId ? { messageId: result.messageId } : {}) });
      if (result.messageId) unrecorded.set(message.id, result.messageId);
      flushSoon();
      return;
    }
    if (result.status === "retry" && result.rateLimited && result.retryAfterMs !== undefined) {
      limiter.pauseFor(result.retryAfterMs);
      otherCalls.pauseFor(result.retryAfterMs);
    }
    logger.warn({ outboxId: message.id, chatId: message.chatId, result }, "outbox delivery not sent");
    if (result.status === "unreachable") {
      // A district has a share of people who blocked the bot: written with the sent ones, not one transaction each.
      settled.unreachable.push({ message, error: result.error });
      unreachableUnrecorded.add(message.id);
      flushSoon();
      return;
    }
    await untilWritten("recording a delivery", [message.id], () => recordDelivery(db, clock(), message, result));
    held.delete(message.id);
  }

  /** Messages to one chat go out in order; different chats go out side by side. */
  function launch(message: ClaimedMessage, slot: SendSlot): void {
    const previous = chains.get(message.chatId) ?? Promise.resolve();
    const next = previous.then(() => sendOne(message, slot)).catch((error) => logger.error({ err: error, outboxId: message.id }, "outbox send crashed"));
    chains.set(message.chatId, next);
    const tracked = next.finally(() => {
      inFlight.delete(tracked);
      if (chains.get(message.chatId) === next) chains.delete(message.chatId);
    });
    inFlight.add(tracked);
  }

  /** One pump at a time: `drain()` called while the loop runs shares the loop's pump. */
  let pumping: Promise<void> | null = null;
  function pump(): Promise<void> {
    pumping ??= pumpQueue().finally(() => (pumping = null));
    return pumping;
  }

  /**
   * Takes a place for each queued message before launching it, so waiting costs nothing. The slot
   * stays taken until Telegram answered: a send chained behind another to the same chat holds it
   * while it waits, which only errs on the safe side.
   */
  async function pumpQueue(): Promise<void> {
    while (queue.length > 0) {
      if (queue.length <= refillAt && !stopping.signal.aborted) refill ??= claimMore();
      const cost = sendCost(queue[0]!.payload);
      const slot = cost === null ? await otherCalls.take(stopping.signal) : await limiter.take(stopping.signal, cost);
      if (!slot) break;
      launch(queue.shift()!, slot);
    }
  }

  /** One claim at a time: a refill started by the pump is the claim the loop waits for next. */
  function claimMore(): Promise<number> {
    if (refill) return refill;
    // Rows still held here are left out even when their lease ran out (a long queue, a slow
    // Telegram, a starved or absent database delaying the write, the sandbox's fast clock): taken
    // again, the write under the first claim would find it gone and the row be sent once more.
    const claiming = claimDueMessages(db, clock(), batchSize, leaseMs, [...held.keys()]).then(
      (batch) => {
        for (const message of batch) {
          held.set(message.id, message);
          queue.push(message);
        }
        claimedCount += batch.length;
        return batch.length;
      },
      (error: unknown) => {
        logger.error({ err: error }, "outbox claim failed");
        return 0;
      },
    );
    const tracked: Promise<number> = claiming.finally(() => {
      if (refill === tracked) refill = null;
    });
    refill = tracked;
    return tracked;
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
      const claimed = await claimMore();
      await pump();
      if (claimed === 0 && queue.length === 0) await idle();
    }
    // Shutting down: what was claimed but not sent goes back at once, not after the lease.
    await refill;
    const unsent = queue;
    queue = [];
    await Promise.allSettled([...inFlight]);
    await flush();
    for (const message of unsent) await releaseClaim(db, message).catch(() => {});
    held.clear();
  }

  return {
    start() {
      if (loop) return;
      stopping = new AbortController();
      givingUp = new AbortController();
      loop = run();
    },
    async stop() {
      stopping.abort();
      wake?.();
      const grace = setTimeout(() => givingUp.abort(), stopGraceMs);
      try {
        await loop;
      } finally {
        clearTimeout(grace);
      }
      loop = null;
    },
    nudge() {
      if (wake) wake();
      else nudged = true;
    },
    async drain() {
      const before = claimedCount;
      for (;;) {
        const claimed = await claimMore();
        await pump();
        await refill; // one the pump started: its rows go out in the next round
        if (queue.length > 0) continue;
        await Promise.allSettled([...inFlight]);
        await flush();
        if (claimed === 0 && inFlight.size === 0 && queue.length === 0) return claimedCount - before;
      }
    },
  };
}
