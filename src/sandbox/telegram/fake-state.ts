import { EventEmitter } from "node:events";
import type { BotCommand, CallbackQuery, Update, UserFromGetMe } from "grammy/types";
import { ChatStore } from "./chat-store.js";
import { ApiError, type ApiResponse } from "./errors.js";
import { FailureInjector, sendCount } from "./failures.js";
import { FileStore } from "./file-store.js";
import { METHODS, METHOD_NAMES } from "./methods.js";
import { normalizeParams, Params } from "./params.js";
import type { UploadedFile } from "./request-body.js";
import { UpdateQueue, type NewUpdate } from "./update-queue.js";
import { waitUntil } from "./waiting.js";

export interface FakeSettings {
  token: string;
  botId: number;
  botUsername: string;
  botFirstName: string;
  webhookRetries: number;
  webhookRetryDelayMs: number;
  webhookTimeoutMs: number;
  /** What "now" is for message dates; the sandbox runs its own clock. */
  clock: () => Date;
  /** Keep every call in `calls` (tests read them); a long-running sandbox does not. */
  recordCalls: boolean;
}

export interface RecordedCall {
  method: string;
  /** Normalized: JSON-typed values even when the bot sent a form. Uploads appear as `attach://…` strings. */
  params: Record<string, unknown>;
  /** When the request arrived (ms since epoch). */
  at: number;
  response: ApiResponse;
}

export interface CallbackRecord {
  query: CallbackQuery;
  answer?: Record<string, unknown>;
}

/** Everything the fake knows; HTTP, method handlers and test users all work on this. */
export class FakeState {
  readonly botUser: UserFromGetMe;
  readonly store = new ChatStore();
  readonly files = new FileStore();
  readonly failures = new FailureInjector();
  readonly queue: UpdateQueue;
  /** Emits "close" once. */
  readonly lifecycle = new EventEmitter().setMaxListeners(0);
  /** Emits "call" (RecordedCall) and "callbackAnswer" (query id). */
  readonly events = new EventEmitter().setMaxListeners(0);
  readonly calls: RecordedCall[] = [];
  /** Keyed by `commandsKey(scope, languageCode)`. */
  readonly commands = new Map<string, BotCommand[]>();
  readonly callbacks = new Map<string, CallbackRecord>();
  /** Menu buttons and descriptions, keyed by method-specific strings. */
  readonly settings = new Map<string, unknown>();
  closed = false;
  private callbackCounter = 0;

  constructor(readonly options: FakeSettings) {
    this.botUser = {
      id: options.botId, is_bot: true, first_name: options.botFirstName, username: options.botUsername,
      can_join_groups: true, can_read_all_group_messages: false, supports_inline_queries: false,
      can_connect_to_business: false, has_main_web_app: false, has_topics_enabled: false,
      allows_users_to_create_topics: false, can_manage_bots: false, supports_join_request_queries: false,
    };
    this.queue = new UpdateQueue({
      retries: options.webhookRetries,
      retryDelayMs: options.webhookRetryDelayMs,
      timeoutMs: options.webhookTimeoutMs,
      onWebhookReply: (method, params) => this.call(method, params, new Map(), new AbortController().signal),
    });
  }

  async call(rawMethod: string, rawParams: Record<string, unknown>, uploads: Map<string, UploadedFile>,
    signal: AbortSignal): Promise<ApiResponse> {
    const at = Date.now();
    // Method names are case-insensitive on the real server.
    const method = METHOD_NAMES.get(rawMethod.toLowerCase()) ?? rawMethod;
    const handler = METHODS.get(method);
    let params: Record<string, unknown> = rawParams;
    let response: ApiResponse;
    try {
      if (!handler) throw new ApiError(404, "Not Found: method not found");
      params = normalizeParams(rawParams);
      this.failures.check(method, this.chatIdOf(params), sendCount(method, params));
      response = { ok: true, result: await handler(this, new Params(params, uploads), signal) };
    } catch (error) {
      response = error instanceof ApiError ? error.toResponse() : internalError(method, error);
    }
    if (handler) this.failures.record(method, response.ok);
    const call: RecordedCall = { method, params, at, response };
    if (this.options.recordCalls) this.calls.push(call);
    this.events.emit("call", call);
    await this.failures.answerWhenReleased(method);
    return response;
  }

  /** Registers what an update reveals (chats, messages, callback ids), then queues it. */
  pushUpdate(update: NewUpdate): Promise<Update> {
    const message = update.message ?? update.edited_message ?? update.channel_post;
    if (message) {
      if (!this.store.getChat(message.chat.id)) this.store.registerChat(message.chat);
      const known = this.store.find(message.chat.id, message.message_id);
      if (known && update.edited_message) this.store.edit(known, structuredClone(message));
      else if (!known) this.store.addMessage(structuredClone(message), message.from?.id === this.botUser.id);
    }
    const query = update.callback_query;
    if (query && !this.callbacks.has(query.id)) this.callbacks.set(query.id, { query });
    return this.queue.push(update);
  }

  /** Unix seconds, as message dates are. */
  unixNow(): number {
    return Math.floor(this.options.clock().getTime() / 1000);
  }

  nextCallbackQueryId(): string {
    this.callbackCounter += 1;
    return (4_200_000_000_000_000_000n + BigInt(this.callbackCounter)).toString();
  }

  chatInstance(chatId: number): string {
    return (BigInt(chatId) * 7_919n + 1_000_000_007n).toString();
  }

  waitForCall(method: string, predicate: ((call: RecordedCall) => boolean) | undefined, timeoutMs: number): Promise<RecordedCall> {
    const matches = (call: RecordedCall): boolean => call.method === method && (!predicate || predicate(call));
    return waitUntil({
      probe: () => this.calls.find(matches),
      emitter: this.events,
      event: "call",
      lifecycle: this.lifecycle,
      timeoutMs,
      describe: () => {
        const seen = this.calls.filter((call) => call.method === method).map((call) => `  ${JSON.stringify(call.params)}`);
        return `a ${method} call${predicate ? " matching the predicate" : ""}; ${method} calls so far:\n${seen.join("\n") || "  (none)"}`;
      },
    });
  }

  waitForCallbackAnswer(callbackQueryId: string, timeoutMs: number): Promise<Record<string, unknown>> {
    return waitUntil({
      probe: () => structuredClone(this.callbacks.get(callbackQueryId)?.answer),
      emitter: this.events,
      event: "callbackAnswer",
      lifecycle: this.lifecycle,
      timeoutMs,
      describe: () => `answerCallbackQuery for callback query ${callbackQueryId}`,
    });
  }

  close(): void {
    if (this.closed) return;
    this.closed = true;
    this.queue.close();
    this.lifecycle.emit("close");
  }

  private chatIdOf(params: Record<string, unknown>): number | undefined {
    const chatId = params["chat_id"];
    if (typeof chatId === "number") return chatId;
    if (typeof chatId !== "string") return undefined;
    try {
      return this.store.resolveChatId(chatId);
    } catch {
      return undefined;
    }
  }
}

// A bug in the fake must not look like a Telegram answer the bot could handle gracefully.
function internalError(method: string, error: unknown): ApiResponse {
  console.error(`fake Telegram: ${method} crashed`, error);
  const message = error instanceof Error ? error.message : String(error);
  return { ok: false, error_code: 500, description: `Internal Server Error: fake crashed in ${method}: ${message}` };
}
