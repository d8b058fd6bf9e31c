import type { Message, MessageEntity, ReplyKeyboardMarkup, User } from "grammy/types";
import { entitiesToHtml } from "./entities-html.js";

export interface InlineButtonView {
  text: string;
  /** "callback" buttons are pressed through the API; "url" ones open `url`; others are shown only. */
  action: "callback" | "url" | "other";
  url?: string;
}

export interface FileView {
  fileId: string;
  /** Where the page fetches the bytes: `/sandbox/api/files/<fileId>`. */
  url: string;
}

export interface MessageView {
  id: number;
  chatId: number;
  /** Unix seconds on the sandbox's clock, as Telegram dates messages. */
  date: number;
  from: { id: number; name: string; isBot: boolean } | null;
  /** The text, or a media message's caption; `html` is the same with its entities as HTML. */
  text?: string;
  entities?: MessageEntity[];
  html?: string;
  replyTo?: { id: number; text?: string };
  photo?: FileView & { width: number; height: number };
  document?: FileView & { fileName?: string; mimeType?: string; size?: number };
  voice?: FileView & { duration: number };
  location?: { latitude: number; longitude: number; livePeriod?: number };
  venue?: { title: string; address: string };
  contact?: { phoneNumber: string; firstName: string; lastName?: string; userId?: number };
  /** Messages of one album share this. */
  albumId?: string;
  inlineKeyboard?: InlineButtonView[][];
  edited: boolean;
}

export interface ReplyKeyboardView {
  rows: Array<Array<{ text: string; request: "text" | "contact" | "location" }>>;
  resize: boolean;
  oneTime: boolean;
  placeholder?: string;
}

export const fileUrl = (fileId: string) => `/sandbox/api/files/${encodeURIComponent(fileId)}`;

/** The rows a client shows: keyboards built row by row often end in an empty one, which shows as nothing. */
export const inlineRows = (message: Message) => (message.reply_markup?.inline_keyboard ?? []).filter((row) => row.length > 0);

const nameOf = (user: User) => [user.first_name, user.last_name].filter(Boolean).join(" ");

/** A message as a Telegram client shows it, in plain JSON for the page. */
export function messageView(message: Message, edited: boolean): MessageView {
  const text = message.text ?? message.caption;
  const entities = message.entities ?? message.caption_entities;
  const view: MessageView = {
    id: message.message_id,
    chatId: message.chat.id,
    date: message.date,
    from: message.from ? { id: message.from.id, name: nameOf(message.from), isBot: message.from.is_bot } : null,
    edited: edited || message.edit_date !== undefined,
  };
  if (text !== undefined) Object.assign(view, { text, html: entitiesToHtml(text, entities), ...(entities ? { entities } : {}) });
  const reply = message.reply_to_message;
  if (reply) view.replyTo = { id: reply.message_id, ...((reply.text ?? reply.caption) !== undefined ? { text: reply.text ?? reply.caption } : {}) };
  const photo = message.photo?.at(-1);
  if (photo) view.photo = { fileId: photo.file_id, url: fileUrl(photo.file_id), width: photo.width, height: photo.height };
  const doc = message.document;
  if (doc) view.document = { fileId: doc.file_id, url: fileUrl(doc.file_id), ...defined({ fileName: doc.file_name, mimeType: doc.mime_type, size: doc.file_size }) };
  if (message.voice) view.voice = { fileId: message.voice.file_id, url: fileUrl(message.voice.file_id), duration: message.voice.duration };
  const location = message.location;
  if (location) view.location = { latitude: location.latitude, longitude: location.longitude, ...defined({ livePeriod: location.live_period }) };
  if (message.venue) view.venue = { title: message.venue.title, address: message.venue.address };
  const contact = message.contact;
  if (contact) view.contact = { phoneNumber: contact.phone_number, firstName: contact.first_name, ...defined({ lastName: contact.last_name, userId: contact.user_id }) };
  if (message.media_group_id) view.albumId = message.media_group_id;
  const rows = inlineRows(message);
  if (rows.length > 0) {
    view.inlineKeyboard = rows.map((row) =>
      row.map((button): InlineButtonView => {
        if ("callback_data" in button) return { text: button.text, action: "callback" };
        if ("url" in button) return { text: button.text, action: "url", url: button.url };
        return { text: button.text, action: "other" };
      }),
    );
  }
  return view;
}

export function replyKeyboardView(markup: ReplyKeyboardMarkup | undefined): ReplyKeyboardView | null {
  if (!markup) return null;
  return {
    rows: markup.keyboard.map((row) =>
      row.map((button) => {
        if (typeof button === "string") return { text: button, request: "text" as const };
        const request = "request_contact" in button && button.request_contact ? "contact" : "request_location" in button && button.request_location ? "location" : "text";
        return { text: button.text, request };
      }),
    ),
    resize: markup.resize_keyboard ?? false,
    oneTime: markup.one_time_keyboard ?? false,
    ...defined({ placeholder: markup.input_field_placeholder }),
  };
}

function defined<T extends object>(value: T): Partial<T> {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as Partial<T>;
}
