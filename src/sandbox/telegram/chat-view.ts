import type { Message, ReplyKeyboardMarkup } from "grammy/types";
import type { StoredMessage } from "./chat-store.js";
import type { FakeState } from "./fake-state.js";
import { describeButtons, findButton, inlineButtons, replyButtons, type ButtonMatcher, type ReplyButton } from "./keyboards.js";
import { waitUntil } from "./waiting.js";

export type MessageMatch = string | RegExp | ((message: Message) => boolean);

/** A point in the fake's history; `after: cursor` ignores messages created or edited before it. */
export interface Cursor {
  readonly seq: number;
}

/** A cursor, a message, or a message id in this chat (meaning: changes since that message appeared). */
export type After = Cursor | Message | number;

export interface WaitForMessageOptions {
  timeoutMs?: number;
  after?: After;
}

export interface ChatLogEntry {
  message: Message;
  fromBot: boolean;
  editCount: number;
  /** Earlier versions, oldest first. */
  history: Message[];
  deleted: boolean;
}

/** What tests see of one chat: the bot's messages, waits on them, and keyboard lookups. */
export class ChatView {
  constructor(
    protected readonly state: FakeState,
    readonly chatId: number,
  ) {}

  /** The bot's messages that still exist, in their current (edited) state. */
  messages(): Message[] {
    return this.botRecords().map((record) => structuredClone(record.message));
  }

  lastMessage(): Message | undefined {
    const last = this.botRecords().at(-1);
    return last && structuredClone(last.message);
  }

  /** Every message of both sides, deleted ones included and flagged. */
  log(): ChatLogEntry[] {
    return this.state.store.records(this.chatId).map((record) =>
      structuredClone({
        message: record.message, fromBot: record.fromBot, editCount: record.editCount,
        history: record.history, deleted: record.deleted,
      }),
    );
  }

  cursor(): Cursor {
    return { seq: this.state.store.currentSeq };
  }

  /**
   * First bot message (in chat order) sent or edited after `after` whose text or caption matches; a
   * predicate finds messages with neither, e.g. `(m) => m.location !== undefined`.
   */
  waitForMessage(match: MessageMatch, options: WaitForMessageOptions = {}): Promise<Message> {
    const since = this.seqOf(options.after);
    const test = toPredicate(match);
    const timeoutMs = options.timeoutMs ?? 5000;
    return waitUntil({
      probe: () => {
        const record = this.botRecords().find((r) => r.changedSeq > since && test(r.message));
        return record && structuredClone(record.message);
      },
      emitter: this.state.store.events,
      event: "change",
      lifecycle: this.state.lifecycle,
      timeoutMs,
      describe: () =>
        `a bot message matching ${describeMatch(match)} in chat ${this.chatId}` +
        `${since > 0 ? ` (changed after seq ${since})` : ""}. Bot messages in this chat:\n${this.describeMessages()}`,
    });
  }

  describeMessages(): string {
    const lines = this.state.store.records(this.chatId).filter((r) => r.fromBot).map((r) => {
      const m = r.message;
      const body = m.text ?? m.caption ?? placeholder(m);
      const flags = [r.editCount ? `edited ${r.editCount}x` : "", r.deleted ? "DELETED" : "", `seq ${r.changedSeq}`].filter(Boolean);
      const buttons = inlineButtons(m.reply_markup);
      return `  #${m.message_id} ${JSON.stringify(body)} (${flags.join(", ")})${buttons.length ? ` ${describeButtons(buttons)}` : ""}`;
    });
    return lines.length ? lines.join("\n") : "  (none)";
  }

  protected botRecords(): StoredMessage[] {
    return this.state.store.records(this.chatId).filter((r) => r.fromBot && !r.deleted);
  }

  protected recordOf(message: Message | number): StoredMessage {
    const id = typeof message === "number" ? message : message.message_id;
    const record = this.state.store.find(this.chatId, id);
    if (!record) throw new Error(`chat ${this.chatId} has no message #${id}`);
    return record;
  }

  /** The message a click lands on: the given one (as it is now), or the latest bot message with buttons. */
  protected clickTarget(target: Message | undefined): StoredMessage {
    if (target) {
      const record = this.recordOf(target);
      if (record.deleted) throw new Error(`cannot click on message #${target.message_id}: it was deleted`);
      return record;
    }
    const record = this.botRecords().findLast((r) => inlineButtons(r.message.reply_markup).length > 0);
    if (!record) throw new Error(`no bot message with an inline keyboard in chat ${this.chatId}:\n${this.describeMessages()}`);
    return record;
  }

  protected callbackDataOf(record: StoredMessage, button: ButtonMatcher): string {
    const buttons = inlineButtons(record.message.reply_markup);
    const found = findButton(buttons, button, `message #${record.message.message_id} ${JSON.stringify(record.message.text ?? record.message.caption ?? "")}`);
    if (!("callback_data" in found)) {
      throw new Error(`button [${found.text}] sends no callback_data (it is a ${Object.keys(found).filter((k) => k !== "text").join("/")} button)`);
    }
    return found.callback_data;
  }

  /** The reply keyboard a client would show now: the last one sent, unless a later message removed it. */
  currentReplyKeyboard(): ReplyKeyboardMarkup | undefined {
    let current: ReplyKeyboardMarkup | undefined;
    for (const record of this.state.store.records(this.chatId)) {
      if (!record.fromBot || !record.replyKeyboard) continue;
      current = "keyboard" in record.replyKeyboard ? record.replyKeyboard : undefined;
    }
    return current;
  }

  protected replyButton(button: ButtonMatcher): ReplyButton {
    const keyboard = this.currentReplyKeyboard();
    if (!keyboard) throw new Error(`no reply keyboard is shown in chat ${this.chatId}`);
    return findButton(replyButtons(keyboard), button, `reply keyboard in chat ${this.chatId}`);
  }

  protected seqOf(after: After | undefined): number {
    if (after === undefined) return 0;
    if (typeof after === "object" && "seq" in after) return after.seq;
    return this.recordOf(after).createdSeq;
  }
}

// Shown in timeout messages, so a wait for text that got a location or an album says what came instead.
function placeholder(m: Message): string {
  const album = m.media_group_id ? ` album ${m.media_group_id}` : "";
  if (m.photo) return `<photo${album}>`;
  if (m.document) return `<document ${m.document.file_name ?? ""}${album}>`;
  if (m.video || m.audio) return `<${m.video ? "video" : "audio"}${album}>`;
  if (m.voice) return `<voice ${m.voice.duration}s>`;
  if (m.venue) return `<venue ${m.venue.title}>`;
  if (m.location) return `<location ${m.location.latitude},${m.location.longitude}${m.location.live_period ? " live" : ""}>`;
  if (m.contact) return `<contact ${m.contact.first_name} ${m.contact.phone_number}>`;
  return "<non-text>";
}

function toPredicate(match: MessageMatch): (message: Message) => boolean {
  if (typeof match === "function") return match;
  const textOf = (m: Message): string | undefined => m.text ?? m.caption;
  if (typeof match === "string") return (m) => textOf(m)?.includes(match) ?? false;
  const re = new RegExp(match.source, match.flags.replace("g", "").replace("y", ""));
  return (m) => {
    const text = textOf(m);
    return text !== undefined && re.test(text);
  };
}

function describeMatch(match: MessageMatch): string {
  if (typeof match === "string") return JSON.stringify(match);
  return typeof match === "function" ? `predicate ${match.name || "(anonymous)"}` : String(match);
}
