import type { CallbackQuery, Chat, Message, MessageEntity, Update, User } from "grammy/types";
import type { StoredMessage } from "./chat-store.js";
import type { FakeState } from "./fake-state.js";
import { compact } from "./methods-messages.js";
import { quiet } from "./waiting.js";

export interface PhotoInit {
  content?: Buffer;
  caption?: string;
}

export interface VoiceInit {
  duration?: number;
  content?: Buffer;
}

/** A PNG header is all the fake reads to report photo dimensions. */
function placeholderPng(width: number, height: number): Buffer {
  const bytes = Buffer.alloc(33);
  bytes.writeUInt32BE(0x89504e47, 0);
  bytes.writeUInt32BE(0x0d0a1a0a, 4);
  bytes.writeUInt32BE(13, 8);
  bytes.write("IHDR", 12, "ascii");
  bytes.writeUInt32BE(width, 16);
  bytes.writeUInt32BE(height, 20);
  return bytes;
}

/** A photo message's content, its file stored as a client's upload would be. */
export function photoContent(state: FakeState, init: PhotoInit): Partial<Message> {
  const file = state.files.add("photo", init.content ?? placeholderPng(1280, 960), { mimeType: "image/jpeg" });
  return { photo: state.files.photoSizes(file), ...(init.caption ? { caption: init.caption } : {}) };
}

/** A voice note's content. */
export function voiceContent(state: FakeState, init: VoiceInit): Partial<Message> {
  const bytes = init.content ?? Buffer.from("OggS-fake-voice");
  const file = state.files.add("voice", bytes, { mimeType: "audio/ogg" });
  return { voice: { file_id: file.fileId, file_unique_id: file.fileUniqueId, duration: init.duration ?? 2, mime_type: "audio/ogg", file_size: bytes.length } };
}

/** What a user action returns: the update as delivered and the user's message. */
export interface Sent {
  update: Update;
  message: Message;
}

export interface Clicked {
  update: Update;
  callbackQuery: CallbackQuery;
}

/** Text as a real client sends it: a leading `/command` (or `/command@bot`) carries a bot_command entity. */
export function textContent(text: string): Pick<Message, "text" | "entities"> {
  const command = /^\/[^\s]+/.exec(text)?.[0];
  const entities: MessageEntity[] | undefined = command
    ? [{ type: "bot_command", offset: 0, length: command.length }]
    : undefined;
  return compact({ text, entities });
}

export function postMessage(state: FakeState, chat: Chat, from: User, content: Partial<Message>): Promise<Sent> {
  const message = compact({
    message_id: state.store.allocateMessageId(chat.id),
    from,
    chat,
    date: state.unixNow(),
    ...content,
  }) as Message & Update.NonChannel;
  const snapshot = structuredClone(message);
  return quiet(state.pushUpdate({ message }).then((update) => ({ update, message: snapshot })));
}

export function postCallback(state: FakeState, record: StoredMessage, from: User, data: string): Promise<Clicked> {
  const callbackQuery: CallbackQuery = {
    id: state.nextCallbackQueryId(),
    from,
    message: structuredClone(record.message),
    chat_instance: state.chatInstance(record.message.chat.id),
    data,
  };
  return quiet(state.pushUpdate({ callback_query: callbackQuery }).then((update) => ({ update, callbackQuery })));
}

/** What a reply looks like inside the replying message: the target without its own reply. */
export function replySnapshot(record: StoredMessage): Message {
  const { reply_to_message: _nested, ...target } = record.message;
  return structuredClone(target) as Message;
}
