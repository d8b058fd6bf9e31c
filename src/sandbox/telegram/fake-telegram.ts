import type { BotCommand, BotCommandScope, CallbackQuery, Chat, Message, Update, UserFromGetMe } from "grammy/types";
import { subscribeToChanges, type ServerChange } from "./change-feed.js";
import type { ChatLogEntry } from "./chat-view.js";
import { ChatView } from "./chat-view.js";
import type { InjectedFailure } from "./errors.js";
import type { FakeStats } from "./failures.js";
import type { FakeState, RecordedCall } from "./fake-state.js";
import { FakeGroup, type FakeGroupInit } from "./fake-group.js";
import { FakeUser, type FakeUserInit } from "./fake-user.js";
import { visibleMenu, type VisibleMenu } from "./command-menu.js";
import type { StoredFile } from "./file-store.js";
import { commandsKey } from "./methods-bot.js";
import type { NewUpdate, WebhookFailure } from "./update-queue.js";

/** The test-facing handle on a running fake Bot API. */
export class FakeTelegram {
  private readonly users = new Map<number, FakeUser>();

  constructor(
    private readonly state: FakeState,
    /** Pass as grammY's `client.apiRoot`. */
    readonly apiRoot: string,
    private readonly closeServer: () => Promise<void>,
  ) {}

  get token(): string {
    return this.state.options.token;
  }

  get botInfo(): UserFromGetMe {
    return structuredClone(this.state.botUser);
  }

  /** Every API call the bot made, in arrival order (none kept when started with `recordCalls: false`). */
  get calls(): readonly RecordedCall[] {
    return this.state.calls;
  }

  get webhookFailures(): readonly WebhookFailure[] {
    return this.state.queue.webhookFailures;
  }

  /** Queues an update; resolves once delivered (webhook answered 2xx, or a getUpdates handed it out). */
  pushUpdate(update: NewUpdate): Promise<Update> {
    return this.state.pushUpdate(update);
  }

  /** Creates (or returns the existing) test user and registers their private chat. */
  user(init: FakeUserInit): FakeUser {
    const existing = this.users.get(init.id);
    if (existing) return existing;
    const user = new FakeUser(this.state, init);
    this.users.set(init.id, user);
    return user;
  }

  group(init: FakeGroupInit): FakeGroup {
    return new FakeGroup(this.state, init);
  }

  /** A view on any chat, e.g. one registered by a raw `pushUpdate`. */
  chat(chatId: number): ChatView {
    return new ChatView(this.state, chatId);
  }

  chatLog(chatId: number): ChatLogEntry[] {
    return this.chat(chatId).log();
  }

  botMessages(chatId: number): Message[] {
    return this.chat(chatId).messages();
  }

  /** A chat the server knows (a user's private chat, a group, or one a pushed update revealed). */
  chatInfo(chatId: number): Chat | undefined {
    const chat = this.state.store.getChat(chatId);
    return chat && structuredClone(chat);
  }

  /** A stored file with its bytes, name and type, as `getFile` plus a download would give it. */
  file(fileId: string): Readonly<StoredFile> | undefined {
    return this.state.files.get(fileId);
  }

  fileBytes(fileId: string): Buffer | undefined {
    const bytes = this.state.files.get(fileId)?.bytes;
    return bytes && Buffer.from(bytes);
  }

  commands(scope?: BotCommandScope, languageCode?: string): BotCommand[] {
    return structuredClone(this.state.commands.get(commandsKey(scope, languageCode)) ?? []);
  }

  /** The menu a client shows `userId` in `chatId`, in that user's language (see command-menu.ts). */
  visibleCommands(chatId: number, userId: number, languageCode?: string): VisibleMenu {
    const chat = this.state.store.getChat(chatId);
    if (!chat) throw new Error(`no chat ${chatId}`);
    return visibleMenu(this.state.commands, chat, userId, languageCode);
  }

  /** Every new, edited or deleted message, callback answer and menu change, as it happens. */
  subscribe(listener: (change: ServerChange) => void): () => void {
    return subscribeToChanges(this.state, listener);
  }

  /** From now on every send/edit to this chat fails with 403 "bot was blocked by the user". */
  blockUser(chatId: number): void {
    this.state.failures.block(chatId);
  }

  unblockUser(chatId: number): void {
    this.state.failures.unblock(chatId);
  }

  /** The next `times` calls of `method` fail with this error (429s get `parameters.retry_after`). */
  failNext(method: string, failure: InjectedFailure, times = 1): void {
    this.state.failures.failNext(method, failure, times);
  }

  /** Every call of `method` fails with this error until `clearFailures` (a revoked token: 401 on everything). */
  failAlways(method: string, failure: InjectedFailure): void {
    this.state.failures.failAlways(method, failure);
  }

  clearFailures(method: string): void {
    this.state.failures.clearFailures(method);
  }

  /**
   * Calls of `method` are carried out at once (a sent message is in the chat) but answered only
   * after `release()`, like a slow network: a test can act between Telegram doing something and
   * the bot hearing of it.
   */
  holdAnswers(method: string): { release(): void } {
    return this.state.failures.holdAnswers(method);
  }

  /** Sends beyond `perSecond` in any rolling second get 429 with retry_after 1 (an album counts as its items); null removes the limit. */
  setRateLimit(limit: { perSecond: number } | null): void {
    this.state.failures.setRateLimit(limit);
  }

  stats(): FakeStats {
    return this.state.failures.stats();
  }

  /** First recorded call (past or future) of `method` that satisfies `predicate`. */
  waitForCall(method: string, predicate?: (call: RecordedCall) => boolean, timeoutMs = 5000): Promise<RecordedCall> {
    return this.state.waitForCall(method, predicate, timeoutMs);
  }

  /** A callback query a user sent, with the bot's answer once there is one. */
  callbackQuery(callbackQueryId: string): { query: CallbackQuery; answer?: Record<string, unknown> } | undefined {
    const record = this.state.callbacks.get(callbackQueryId);
    return record && structuredClone(record);
  }

  /** Parameters of the `answerCallbackQuery` for this query, if the bot answered it. */
  callbackAnswer(callbackQueryId: string): Record<string, unknown> | undefined {
    return structuredClone(this.state.callbacks.get(callbackQueryId)?.answer);
  }

  waitForCallbackAnswer(callbackQueryId: string, timeoutMs = 5000): Promise<Record<string, unknown>> {
    return this.state.waitForCallbackAnswer(callbackQueryId, timeoutMs);
  }

  /** Current webhook (URL and secret), or undefined in polling mode. */
  webhook(): { url: string; secretToken?: string } | undefined {
    const hook = this.state.queue.webhook;
    return hook && { url: hook.url, ...(hook.secretToken ? { secretToken: hook.secretToken } : {}) };
  }

  pendingUpdateCount(): number {
    return this.state.queue.pendingCount;
  }

  /** Stops the server; held long polls answer `[]`, pending waits and deliveries reject. */
  close(): Promise<void> {
    return this.closeServer();
  }
}
