import { setTimeout as sleep } from "node:timers/promises";
import type { Update } from "grammy/types";
import { ApiError, FakeClosedError } from "./errors.js";
import { deferred, type Deferred } from "./waiting.js";
import { postJson } from "./webhook-client.js";

export type NewUpdate = Omit<Update, "update_id">;

export interface WebhookConfig {
  url: string;
  secretToken?: string;
  maxConnections: number;
}

export interface WebhookFailure {
  updateId: number;
  url: string;
  attempt: number;
  status?: number;
  error: string;
  at: number;
}

export interface QueueOptions {
  retries: number;
  retryDelayMs: number;
  timeoutMs: number;
  /** Runs a method the bot put in its webhook response body (a "webhook reply"). */
  onWebhookReply: (method: string, params: Record<string, unknown>) => Promise<unknown>;
}

interface Queued {
  update: Update;
  delivered: Deferred<Update>;
}

interface HeldPoll {
  limit: number;
  resolve: (updates: Update[]) => void;
  reject: (error: ApiError) => void;
  timer: NodeJS.Timeout;
}

// Telegram leaves these out unless the bot lists them in allowed_updates.
const NOT_DELIVERED_BY_DEFAULT = ["chat_member", "message_reaction", "message_reaction_count"];

const WEBHOOK_CONFLICT =
  "Conflict: can't use getUpdates method while webhook is active; use deleteWebhook to delete the webhook first";

/** Pending updates, handed out by long polling or pushed to a webhook, one at a time and in order. */
export class UpdateQueue {
  readonly webhookFailures: WebhookFailure[] = [];
  lastError?: { date: number; message: string };
  private nextUpdateId = 700_000_001;
  private pending: Queued[] = [];
  private poll?: HeldPoll;
  private hook?: WebhookConfig;
  private allowed?: string[];
  private pumping = false;
  private closed = false;
  private readonly closing = new AbortController();

  constructor(private readonly options: QueueOptions) {}

  get webhook(): WebhookConfig | undefined {
    return this.hook;
  }

  get allowedUpdates(): string[] | undefined {
    return this.allowed;
  }

  get pendingCount(): number {
    return this.pending.length;
  }

  push(partial: NewUpdate): Promise<Update> {
    const update = { ...partial, update_id: this.nextUpdateId++ } as Update;
    const item: Queued = { update, delivered: deferred<Update>() };
    const type = Object.keys(partial)[0] ?? "unknown";
    if (this.closed) {
      item.delivered.reject(new FakeClosedError("pushing an update"));
    } else if (this.allowed ? !this.allowed.includes(type) : NOT_DELIVERED_BY_DEFAULT.includes(type)) {
      item.delivered.reject(new Error(`update ${update.update_id} of type "${type}" is excluded by allowed_updates; Telegram would not deliver it`));
    } else {
      this.pending.push(item);
      this.dispatch();
    }
    return item.delivered.promise;
  }

  async getUpdates(offset: number | undefined, limit: number | undefined, timeoutSeconds: number | undefined,
    allowedUpdates: string[] | undefined, signal: AbortSignal): Promise<Update[]> {
    if (this.hook) throw new ApiError(409, WEBHOOK_CONFLICT);
    if (allowedUpdates) this.allowed = allowedUpdates.length ? allowedUpdates : undefined;
    if (offset !== undefined && offset < 0) this.drop(this.pending.slice(0, Math.max(0, this.pending.length + offset)));
    else if (offset !== undefined) this.drop(this.pending.filter((item) => item.update.update_id < offset));
    this.poll?.reject(new ApiError(409, "Conflict: terminated by other getUpdates request; make sure that only one bot instance is running"));
    const max = Math.min(Math.max(limit ?? 100, 1), 100);
    const ready = this.take(max);
    if (ready.length > 0 || !timeoutSeconds || timeoutSeconds <= 0 || this.closed) return ready;
    return new Promise<Update[]>((resolve, reject) => {
      const finish = (): void => {
        clearTimeout(poll.timer);
        if (this.poll === poll) this.poll = undefined;
      };
      const poll: HeldPoll = {
        limit: max,
        resolve: (updates) => (finish(), resolve(updates)),
        reject: (error) => (finish(), reject(error)),
        timer: setTimeout(() => poll.resolve([]), timeoutSeconds * 1000),
      };
      this.poll = poll;
      // The client gave up (grammY's bot.stop() aborts its request): nothing may be handed to it.
      signal.addEventListener("abort", () => this.poll === poll && poll.resolve([]), { once: true });
    });
  }

  setWebhook(config: WebhookConfig, allowedUpdates: string[] | undefined, dropPending: boolean): void {
    this.hook = config;
    if (allowedUpdates) this.allowed = allowedUpdates.length ? allowedUpdates : undefined;
    if (dropPending) this.drop([...this.pending]);
    this.poll?.reject(new ApiError(409, WEBHOOK_CONFLICT));
    this.dispatch();
  }

  deleteWebhook(dropPending: boolean): void {
    this.hook = undefined;
    if (dropPending) this.drop([...this.pending]);
  }

  close(): void {
    this.closed = true;
    this.closing.abort();
    this.poll?.resolve([]);
    for (const item of this.pending) item.delivered.reject(new FakeClosedError(`update ${item.update.update_id} was pending`));
    this.pending = [];
  }

  private dispatch(): void {
    if (this.hook) void this.pump();
    else if (this.poll && this.pending.length > 0) this.poll.resolve(this.take(this.poll.limit));
  }

  // Updates stay pending until confirmed by offset, like Telegram; "delivered" means handed out once.
  private take(limit: number): Update[] {
    const batch = this.pending.slice(0, limit);
    for (const item of batch) item.delivered.resolve(item.update);
    return batch.map((item) => item.update);
  }

  private drop(items: Queued[]): void {
    const dropped = new Set(items);
    this.pending = this.pending.filter((item) => !dropped.has(item));
    for (const item of items) item.delivered.reject(new Error(`update ${item.update.update_id} was dropped before delivery`));
  }

  private async pump(): Promise<void> {
    if (this.pumping) return;
    this.pumping = true;
    try {
      while (!this.closed && this.hook && this.pending.length > 0) {
        const item = this.pending[0] as Queued;
        const hook = this.hook;
        const ok = await this.deliver(item, hook);
        if (this.pending[0] !== item) continue;
        if (ok) {
          this.pending.shift();
          item.delivered.resolve(item.update);
        } else if (this.hook === hook && !this.closed) {
          this.pending.shift();
          item.delivered.reject(new Error(`webhook did not accept update ${item.update.update_id} after ${this.options.retries + 1} attempts: ${this.lastError?.message ?? "?"}`));
        }
      }
    } finally {
      this.pumping = false;
    }
  }

  private async deliver(item: Queued, hook: WebhookConfig): Promise<boolean> {
    const headers: Record<string, string> = hook.secretToken ? { "x-telegram-bot-api-secret-token": hook.secretToken } : {};
    for (let attempt = 1; attempt <= this.options.retries + 1; attempt++) {
      if (attempt > 1) await sleep(this.options.retryDelayMs, undefined, { signal: this.closing.signal }).catch(() => undefined);
      if (this.closed || this.hook !== hook) return false;
      try {
        const signal = AbortSignal.any([this.closing.signal, AbortSignal.timeout(this.options.timeoutMs)]);
        const res = await postJson(hook.url, item.update, headers, signal);
        if (res.status >= 200 && res.status < 300) {
          await this.runWebhookReply(res.body);
          return true;
        }
        this.recordFailure(item, hook, attempt, `Wrong response from the webhook: ${res.status} ${res.statusText}`, res.status);
      } catch (error) {
        if (this.closed) return false;
        this.recordFailure(item, hook, attempt, error instanceof Error ? error.message : String(error));
      }
    }
    return false;
  }

  private recordFailure(item: Queued, hook: WebhookConfig, attempt: number, error: string, status?: number): void {
    const at = Date.now();
    this.webhookFailures.push({ updateId: item.update.update_id, url: hook.url, attempt, error, at, ...(status ? { status } : {}) });
    this.lastError = { date: Math.floor(at / 1000), message: error };
  }

  private async runWebhookReply(body: string): Promise<void> {
    let parsed: unknown;
    try {
      parsed = JSON.parse(body);
    } catch {
      return;
    }
    if (typeof parsed !== "object" || parsed === null || !("method" in parsed) || typeof parsed.method !== "string") return;
    const { method, ...params } = parsed as Record<string, unknown> & { method: string };
    // Telegram never reports the outcome of a webhook reply to the bot.
    await this.options.onWebhookReply(method, params).catch(() => undefined);
  }
}
