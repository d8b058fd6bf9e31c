import { EventEmitter } from "node:events";
import type { Chat, Message, ReplyKeyboardMarkup, ReplyKeyboardRemove } from "grammy/types";
import { chatNotFound } from "./errors.js";

/** One message as the fake remembers it: current state plus how it got there. */
export interface StoredMessage {
  message: Message;
  fromBot: boolean;
  /** Global sequence numbers; they order creations and edits across chats for `after:` cursors. */
  createdSeq: number;
  changedSeq: number;
  editCount: number;
  /** Earlier versions, oldest first. */
  history: Message[];
  deleted: boolean;
  /** Reply keyboards never appear in the returned Message, yet clients show them; kept for `shareContact`. */
  replyKeyboard?: ReplyKeyboardMarkup | ReplyKeyboardRemove;
}

export interface MessageChange {
  kind: "new" | "edit" | "delete";
  chatId: number;
  record: StoredMessage;
}

interface ChatState {
  chat: Chat;
  nextMessageId: number;
  records: StoredMessage[];
  byId: Map<number, StoredMessage>;
}

export class ChatStore {
  /** Emits "change" with a MessageChange. */
  readonly events = new EventEmitter().setMaxListeners(0);
  private readonly chats = new Map<number, ChatState>();
  private seq = 0;

  get currentSeq(): number {
    return this.seq;
  }

  registerChat(chat: Chat): void {
    const existing = this.chats.get(chat.id);
    if (existing) existing.chat = chat;
    else this.chats.set(chat.id, { chat, nextMessageId: 1, records: [], byId: new Map() });
  }

  getChat(chatId: number): Chat | undefined {
    return this.chats.get(chatId)?.chat;
  }

  /** Accepts numeric ids and `@username`, failing like the real API for chats it never saw. */
  resolveChatId(chatId: number | string): number {
    if (typeof chatId === "number") {
      if (!this.chats.has(chatId)) throw chatNotFound();
      return chatId;
    }
    const username = chatId.replace(/^@/, "").toLowerCase();
    for (const [id, state] of this.chats) {
      if (state.chat.username?.toLowerCase() === username) return id;
    }
    throw chatNotFound();
  }

  allocateMessageId(chatId: number): number {
    const state = this.state(chatId);
    const id = state.nextMessageId;
    state.nextMessageId += 1;
    return id;
  }

  addMessage(message: Message, fromBot: boolean, replyKeyboard?: StoredMessage["replyKeyboard"]): StoredMessage {
    const state = this.state(message.chat.id);
    const existing = state.byId.get(message.message_id);
    if (existing) return existing;
    state.nextMessageId = Math.max(state.nextMessageId, message.message_id + 1);
    this.seq += 1;
    const record: StoredMessage = {
      message, fromBot, createdSeq: this.seq, changedSeq: this.seq, editCount: 0, history: [], deleted: false,
      ...(replyKeyboard ? { replyKeyboard } : {}),
    };
    state.records.push(record);
    state.byId.set(message.message_id, record);
    this.emit("new", record);
    return record;
  }

  find(chatId: number, messageId: number): StoredMessage | undefined {
    return this.chats.get(chatId)?.byId.get(messageId);
  }

  edit(record: StoredMessage, next: Message): void {
    record.history.push(record.message);
    record.message = next;
    record.editCount += 1;
    this.seq += 1;
    record.changedSeq = this.seq;
    this.emit("edit", record);
  }

  markDeleted(record: StoredMessage): void {
    record.deleted = true;
    this.seq += 1;
    record.changedSeq = this.seq;
    this.emit("delete", record);
  }

  records(chatId: number): readonly StoredMessage[] {
    return this.chats.get(chatId)?.records ?? [];
  }

  private state(chatId: number): ChatState {
    const state = this.chats.get(chatId);
    if (!state) throw chatNotFound();
    return state;
  }

  private emit(kind: MessageChange["kind"], record: StoredMessage): void {
    const change: MessageChange = { kind, chatId: record.message.chat.id, record };
    this.events.emit("change", change);
  }
}
