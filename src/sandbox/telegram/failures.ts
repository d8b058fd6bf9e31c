import { blockedByUser, injectedError, tooManyRequests, type InjectedFailure } from "./errors.js";

/** Methods that put a new message into a chat; these are what `setRateLimit` throttles. */
export const SEND_METHODS = new Set([
  "sendMessage", "sendPhoto", "sendDocument", "sendMediaGroup", "sendLocation", "sendVenue", "sendVoice", "sendContact",
]);

/** Telegram's flood limits count an album as the messages it posts, so `setRateLimit` does too. */
export function sendCount(method: string, params: Record<string, unknown>): number {
  const media = params["media"];
  return method === "sendMediaGroup" && Array.isArray(media) ? Math.min(Math.max(media.length, 1), 10) : 1;
}

/** Methods that act on a chat and so fail once its user blocked the bot. */
const CHAT_WRITE_METHODS = new Set([
  ...SEND_METHODS, "editMessageText", "editMessageReplyMarkup", "editMessageCaption", "sendChatAction",
]);

export interface FakeStats {
  /** Successful send calls (any of `SEND_METHODS`; an album is one call). */
  accepted: number;
  /** Send calls answered with any error. */
  rejected: number;
  /** Of the rejected ones, those refused by `setRateLimit`. */
  rateLimited: number;
  byMethod: Record<string, { ok: number; failed: number }>;
}

export class FailureInjector {
  private readonly blocked = new Set<number>();
  private readonly queued = new Map<string, InjectedFailure[]>();
  private readonly standing = new Map<string, InjectedFailure>();
  private readonly held = new Map<string, Promise<void>>();
  private perSecond?: number;
  private sendTimes: number[] = [];
  private readonly counters: FakeStats = { accepted: 0, rejected: 0, rateLimited: 0, byMethod: {} };

  block(chatId: number): void {
    this.blocked.add(chatId);
  }

  unblock(chatId: number): void {
    this.blocked.delete(chatId);
  }

  failNext(method: string, failure: InjectedFailure, times: number): void {
    const queue = this.queued.get(method) ?? [];
    for (let i = 0; i < times; i++) queue.push(failure);
    this.queued.set(method, queue);
  }

  failAlways(method: string, failure: InjectedFailure): void {
    this.standing.set(method, failure);
  }

  /** Ends `failAlways` and drops what `failNext` still had queued for the method. */
  clearFailures(method: string): void {
    this.standing.delete(method);
    this.queued.delete(method);
  }

  holdAnswers(method: string): { release(): void } {
    let release!: () => void;
    const released = new Promise<void>((resolve) => (release = resolve));
    this.held.set(method, released);
    return {
      release: () => {
        if (this.held.get(method) === released) this.held.delete(method);
        release();
      },
    };
  }

  /** Resolves when a call of `method`, already carried out, may be answered. */
  answerWhenReleased(method: string): Promise<void> {
    return this.held.get(method) ?? Promise.resolve();
  }

  setRateLimit(limit: { perSecond: number } | null): void {
    this.perSecond = limit?.perSecond;
    this.sendTimes = [];
  }

  /** Throws the error a call should get before the method itself runs, if any; `count` is from `sendCount`. */
  check(method: string, chatId: number | undefined, count = 1): void {
    const injected = this.queued.get(method)?.shift() ?? this.standing.get(method);
    if (injected) throw injectedError(injected);
    if (SEND_METHODS.has(method) && this.perSecond !== undefined) {
      const now = Date.now();
      this.sendTimes = this.sendTimes.filter((t) => now - t < 1000);
      if (this.sendTimes.length >= this.perSecond) {
        this.counters.rateLimited += 1;
        throw tooManyRequests(1);
      }
      // Taken now, not on success, so concurrent sends cannot all slip through one free slot. An album
      // needs only one free slot and then fills as many as it has items: demanding them all up front
      // would refuse a 10-item album forever under a limit below 10.
      for (let i = 0; i < count; i++) this.sendTimes.push(now);
    }
    if (chatId !== undefined && this.blocked.has(chatId) && CHAT_WRITE_METHODS.has(method)) throw blockedByUser();
  }

  record(method: string, ok: boolean): void {
    const entry = (this.counters.byMethod[method] ??= { ok: 0, failed: 0 });
    if (ok) entry.ok += 1;
    else entry.failed += 1;
    if (SEND_METHODS.has(method)) {
      if (ok) this.counters.accepted += 1;
      else this.counters.rejected += 1;
    }
  }

  stats(): FakeStats {
    return structuredClone(this.counters);
  }
}
