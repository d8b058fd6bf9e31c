import type { InlineKeyboardMarkup, Message, MessageEntity, ReplyParameters, User } from "grammy/types";
import type { StoredMessage } from "./chat-store.js";
import { badRequest, NOT_MODIFIED } from "./errors.js";
import type { FakeState } from "./fake-state.js";
import { guessMimeType, type FileKind, type StoredFile } from "./file-store.js";
import { formatText } from "./formatting.js";
import { validateMarkup, type AnyMarkup } from "./keyboards.js";
import type { Handler } from "./methods.js";
import type { FileRef, Params } from "./params.js";

const MAX_TEXT = 4096;
const MAX_CAPTION = 1024;
const CHAT_ACTIONS = new Set([
  "typing", "upload_photo", "record_video", "upload_video", "record_voice", "upload_voice",
  "upload_document", "choose_sticker", "find_location", "record_video_note", "upload_video_note",
]);
const MEDIA_FIELDS = ["photo", "document", "voice", "video", "audio", "animation"] as const;

/** Drops undefined fields, as a JSON round trip through the real API would. */
export function compact<T extends object>(value: T): T {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as T;
}

function botAuthor(state: FakeState): User {
  const { id, is_bot, first_name, username } = state.botUser;
  return { id, is_bot, first_name, username };
}

function messageText(p: Params): { text: string; entities: MessageEntity[] | undefined } {
  const formatted = formatText(p.string("text") ?? "", p.string("parse_mode"), p.object<MessageEntity[]>("entities"));
  if (!formatted.text) throw badRequest("message text is empty");
  if (formatted.text.length > MAX_TEXT) throw badRequest("message is too long");
  return { text: formatted.text, entities: formatted.entities.length ? formatted.entities : undefined };
}

export function captionOf(p: Params): Pick<Message, "caption" | "caption_entities"> {
  const raw = p.string("caption");
  if (raw === undefined) return { caption: undefined, caption_entities: undefined };
  const formatted = formatText(raw, p.string("parse_mode"), p.object<MessageEntity[]>("caption_entities"));
  if (formatted.text.length > MAX_CAPTION) throw badRequest("message caption is too long");
  return { caption: formatted.text || undefined, caption_entities: formatted.entities.length ? formatted.entities : undefined };
}

// Only inline keyboards are part of a Message; an empty one means "no keyboard".
function inlineMarkup(markup: AnyMarkup | undefined): InlineKeyboardMarkup | undefined {
  return markup && "inline_keyboard" in markup && markup.inline_keyboard.flat().length > 0 ? markup : undefined;
}

function replyTarget(state: FakeState, chatId: number, p: Params): Message | undefined {
  const parameters = p.object<ReplyParameters>("reply_parameters");
  const messageId = parameters?.message_id ?? p.int("reply_to_message_id");
  if (messageId === undefined) return undefined;
  const targetChat = parameters?.chat_id !== undefined ? state.store.resolveChatId(parameters.chat_id) : chatId;
  const record = state.store.find(targetChat, messageId);
  if (!record || record.deleted) {
    if (parameters?.allow_sending_without_reply ?? p.bool("allow_sending_without_reply")) return undefined;
    throw badRequest("message to be replied not found");
  }
  const { reply_to_message: _nested, ...target } = record.message;
  return structuredClone(target) as Message;
}

export function deliver(state: FakeState, chatId: number, p: Params, content: Partial<Message>, markup: AnyMarkup | undefined): Message {
  const reply = replyTarget(state, chatId, p);
  const chat = state.store.getChat(chatId);
  const message = compact({
    message_id: state.store.allocateMessageId(chatId),
    from: botAuthor(state),
    chat: structuredClone(chat),
    date: state.unixNow(),
    reply_to_message: reply,
    ...content,
    reply_markup: inlineMarkup(markup),
    has_protected_content: p.bool("protect_content") ? true : undefined,
  }) as Message;
  const keyboard = markup && ("keyboard" in markup || "remove_keyboard" in markup) ? markup : undefined;
  state.store.addMessage(message, true, keyboard);
  return structuredClone(message);
}

function editable(state: FakeState, p: Params): StoredMessage {
  if (p.get("inline_message_id") !== undefined) throw badRequest("MESSAGE_ID_INVALID");
  const chatId = state.store.resolveChatId(p.chatId());
  const messageId = p.int("message_id");
  if (messageId === undefined) throw badRequest("message identifier is not specified");
  const record = state.store.find(chatId, messageId);
  if (!record || record.deleted) throw badRequest("message to edit not found");
  if (!record.fromBot) throw badRequest("message can't be edited");
  return record;
}

const fingerprint = (m: Message): string =>
  JSON.stringify([m.text, m.entities ?? [], m.caption, m.caption_entities ?? [], m.reply_markup ?? null]);

// Omitting reply_markup in an edit removes the inline keyboard, exactly like the real API.
function applyEdit(state: FakeState, record: StoredMessage, changes: Partial<Message>, markup: AnyMarkup | undefined): Message {
  const next = compact({ ...record.message, ...changes, reply_markup: inlineMarkup(markup), edit_date: state.unixNow() }) as Message;
  if (fingerprint(next) === fingerprint(record.message)) throw badRequest(NOT_MODIFIED);
  state.store.edit(record, next);
  return structuredClone(next);
}

// A voice note is OGG/Opus unless its name says it is other audio, whatever the upload was called.
function mimeTypeFor(kind: FileKind, fileName: string): string {
  const guessed = guessMimeType(fileName);
  return kind === "voice" && !guessed.startsWith("audio/") ? "audio/ogg" : guessed;
}

export function storedFile(state: FakeState, ref: FileRef, kind: FileKind, fallbackName: string): StoredFile {
  if (ref.kind === "file_id") {
    const file = state.files.get(ref.fileId);
    if (!file) throw badRequest("wrong file identifier/HTTP URL specified");
    if (file.kind !== kind) throw badRequest(`can't use file of type ${file.kind} as ${kind}`);
    return file;
  }
  if (ref.kind === "url") {
    const fileName = new URL(ref.url).pathname.split("/").pop() || fallbackName;
    return state.files.add(kind, Buffer.alloc(0), { fileName, mimeType: mimeTypeFor(kind, fileName) });
  }
  if (ref.upload.bytes.length === 0) throw badRequest("file must be non-empty");
  const { fileName, bytes } = ref.upload;
  return state.files.add(kind, bytes, { fileName, mimeType: mimeTypeFor(kind, fileName) });
}

export function inputFile(state: FakeState, p: Params, field: string, kind: FileKind): StoredFile {
  const ref = p.file(field);
  if (!ref) throw badRequest(`there is no ${field} in the request`);
  return storedFile(state, ref, kind, `${field}.dat`);
}

const sendMessage: Handler = (state, p) => {
  const chatId = state.store.resolveChatId(p.chatId());
  const content = messageText(p);
  return deliver(state, chatId, p, content, validateMarkup(p.get("reply_markup"), false));
};

const sendPhoto: Handler = (state, p) => {
  const chatId = state.store.resolveChatId(p.chatId());
  const caption = captionOf(p);
  const markup = validateMarkup(p.get("reply_markup"), false);
  const file = inputFile(state, p, "photo", "photo");
  return deliver(state, chatId, p, { photo: state.files.photoSizes(file), ...caption }, markup);
};

const sendDocument: Handler = (state, p) => {
  const chatId = state.store.resolveChatId(p.chatId());
  const caption = captionOf(p);
  const markup = validateMarkup(p.get("reply_markup"), false);
  const file = inputFile(state, p, "document", "document");
  const document = compact({
    file_id: file.fileId, file_unique_id: file.fileUniqueId, file_name: file.fileName,
    mime_type: file.mimeType, file_size: file.bytes.length,
  });
  return deliver(state, chatId, p, { document, ...caption }, markup);
};

const editMessageText: Handler = (state, p) => {
  const record = editable(state, p);
  if (record.message.text === undefined) throw badRequest("there is no text in the message to edit");
  const content = messageText(p);
  return applyEdit(state, record, content, validateMarkup(p.get("reply_markup"), true));
};

const editMessageCaption: Handler = (state, p) => {
  const record = editable(state, p);
  if (!MEDIA_FIELDS.some((field) => record.message[field] !== undefined)) {
    throw badRequest("there is no caption in the message to edit");
  }
  return applyEdit(state, record, captionOf(p), validateMarkup(p.get("reply_markup"), true));
};

const editMessageReplyMarkup: Handler = (state, p) => {
  const record = editable(state, p);
  return applyEdit(state, record, {}, validateMarkup(p.get("reply_markup"), true));
};

const deleteMessage: Handler = (state, p) => {
  const chatId = state.store.resolveChatId(p.chatId());
  const messageId = p.int("message_id");
  const record = messageId === undefined ? undefined : state.store.find(chatId, messageId);
  if (!record || record.deleted) throw badRequest("message to delete not found");
  state.store.markDeleted(record);
  return true;
};

const sendChatAction: Handler = (state, p) => {
  state.store.resolveChatId(p.chatId());
  if (!CHAT_ACTIONS.has(p.string("action") ?? "")) throw badRequest("wrong parameter action in request");
  return true;
};

export const MESSAGE_METHODS: Record<string, Handler> = {
  sendMessage, sendPhoto, sendDocument, editMessageText, editMessageCaption, editMessageReplyMarkup,
  deleteMessage, sendChatAction,
};
