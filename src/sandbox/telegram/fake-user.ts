import type { Chat, Message, User } from "grammy/types";
import { ChatView } from "./chat-view.js";
import type { FakeState } from "./fake-state.js";
import { guessMimeType } from "./file-store.js";
import type { ButtonMatcher } from "./keyboards.js";
import { compact } from "./methods-messages.js";
import { photoContent, postCallback, postMessage, replySnapshot, textContent, voiceContent, type Clicked, type PhotoInit, type Sent, type VoiceInit } from "./user-actions.js";
import { attempt, quiet } from "./waiting.js";

export interface FakeUserInit {
  id: number;
  first_name: string;
  last_name?: string;
  username?: string;
  language_code?: string;
  is_premium?: true;
  /** Shared by `shareContact()`; defaults to a unique "+86138…" number derived from the id. */
  phone?: string;
}

export interface ContactInit {
  phone_number: string;
  first_name?: string;
  last_name?: string;
  user_id?: number;
}

export interface DocumentInit {
  fileName: string;
  mimeType?: string;
  content: Buffer | string;
  caption?: string;
}

/** A person talking to the bot in their private chat (chat id = user id). */
export class FakeUser extends ChatView {
  readonly user: User;
  readonly chat: Chat.PrivateChat;
  readonly phone: string;

  constructor(state: FakeState, init: FakeUserInit) {
    super(state, init.id);
    const { phone, ...profile } = init;
    this.user = compact({ ...profile, is_bot: false });
    this.chat = compact({ id: init.id, type: "private", first_name: init.first_name, last_name: init.last_name, username: init.username });
    this.phone = phone ?? `+86138${String(Math.abs(init.id) % 100_000_000).padStart(8, "0")}`;
    state.store.registerChat(this.chat);
  }

  get id(): number {
    return this.user.id;
  }

  send(text: string): Promise<Sent> {
    return this.post(textContent(text));
  }

  reply(to: Message, text: string): Promise<Sent> {
    return attempt(() => {
      const target = replySnapshot(this.recordOf(to)) as Message & { reply_to_message: undefined };
      return this.post({ ...textContent(text), reply_to_message: target });
    });
  }

  /** Presses the keyboard's request_contact button; rejects if the bot is not showing one. */
  shareContact(): Promise<Sent> {
    return attempt(() => this.shareContactNow());
  }

  private shareContactNow(): Promise<Sent> {
    const keyboard = this.currentReplyKeyboard();
    const button = keyboard?.keyboard.flat().find((b) => typeof b === "object" && "request_contact" in b && b.request_contact);
    if (!button) {
      throw new Error(`${this.user.first_name}: no reply keyboard with a request_contact button is shown in chat ${this.chatId}.\n${this.describeMessages()}`);
    }
    const { first_name, last_name } = this.user;
    return this.sendContact({ phone_number: this.phone, first_name, ...(last_name ? { last_name } : {}), user_id: this.user.id });
  }

  /** Raw contact message; with someone else's `user_id` it is the forged share real clients allow. */
  sendContact(contact: ContactInit): Promise<Sent> {
    return this.post({ contact: compact({ ...contact, first_name: contact.first_name ?? this.user.first_name }) });
  }

  /** Presses a reply keyboard button as a client would: text, contact or location (`at`, default central Shanghai). */
  press(button: ButtonMatcher, at: { latitude: number; longitude: number } = { latitude: 31.2304, longitude: 121.4737 }): Promise<Sent> {
    return attempt(() => {
      const found = this.replyButton(button);
      if ("request_contact" in found && found.request_contact) return this.shareContact();
      if ("request_location" in found && found.request_location) return this.sendLocation(at.latitude, at.longitude);
      return this.send(found.text);
    });
  }

  sendDocument(init: DocumentInit): Promise<Sent & { fileId: string }> {
    const bytes = typeof init.content === "string" ? Buffer.from(init.content, "utf8") : init.content;
    const mimeType = init.mimeType ?? guessMimeType(init.fileName);
    const file = this.state.files.add("document", bytes, { fileName: init.fileName, mimeType });
    const document = { file_id: file.fileId, file_unique_id: file.fileUniqueId, file_name: init.fileName, mime_type: mimeType, file_size: bytes.length };
    const sent = this.post({ document, ...(init.caption ? { caption: init.caption } : {}) });
    return quiet(sent.then((result) => ({ ...result, fileId: file.fileId })));
  }

  sendPhoto(init: PhotoInit = {}): Promise<Sent> {
    return this.post(photoContent(this.state, init));
  }

  sendLocation(latitude: number, longitude: number): Promise<Sent> {
    return this.post({ location: { latitude, longitude } });
  }

  sendVoice(init: VoiceInit = {}): Promise<Sent> {
    return this.post(voiceContent(this.state, init));
  }

  /** Clicks an inline button on `target` (as it is now) or, without a target, on the latest bot message with buttons. */
  click(button: ButtonMatcher): Promise<Clicked>;
  click(target: Message | undefined, button: ButtonMatcher): Promise<Clicked>;
  click(first: Message | ButtonMatcher | undefined, second?: ButtonMatcher): Promise<Clicked> {
    const [target, button] = second === undefined ? [undefined, first as ButtonMatcher] : [first as Message | undefined, second];
    return attempt(() => {
      const record = this.clickTarget(target);
      return postCallback(this.state, record, this.user, this.callbackDataOf(record, button));
    });
  }

  /** Sends arbitrary (possibly forged) callback data from a message, as a modified client could. */
  clickData(message: Message, data: string): Promise<Clicked> {
    return attempt(() => postCallback(this.state, this.recordOf(message), this.user, data));
  }

  callbackAnswer(callbackQueryId: string): Record<string, unknown> | undefined {
    return structuredClone(this.state.callbacks.get(callbackQueryId)?.answer);
  }

  waitForCallbackAnswer(callbackQueryId: string, timeoutMs = 5000): Promise<Record<string, unknown>> {
    return this.state.waitForCallbackAnswer(callbackQueryId, timeoutMs);
  }

  private post(content: Partial<Message>): Promise<Sent> {
    return postMessage(this.state, this.chat, this.user, content);
  }
}
