import { randomBytes } from "node:crypto";
import type { Contact, Location, Message, Venue } from "grammy/types";
import { badRequest } from "./errors.js";
import type { FakeState } from "./fake-state.js";
import type { FileKind, StoredFile } from "./file-store.js";
import { validateMarkup } from "./keyboards.js";
import type { Handler } from "./methods.js";
import { captionOf, compact, deliver, inputFile, storedFile } from "./methods-messages.js";
import { Params, type FileRef } from "./params.js";

const MAX_ALBUM = 10;
const LIVE_FOREVER = 0x7fffffff;
const ALBUM_KINDS = new Map<string, FileKind>([["photo", "photo"], ["video", "video"], ["audio", "audio"], ["document", "document"]]);
// TDLib's is_homogenous_media_group_content: photos and videos mix, these only form albums of their own kind.
const HOMOGENEOUS: Partial<Record<FileKind, string>> = { document: "document", audio: "audio" };

interface AlbumItem {
  item: Params;
  kind: FileKind;
  ref: FileRef;
  caption: Pick<Message, "caption" | "caption_entities">;
}

function required(p: Params, name: string): string {
  const value = p.string(name);
  if (!value) throw badRequest(`parameter "${name}" is required`);
  return value;
}

function fileFields(file: StoredFile): { file_id: string; file_unique_id: string; file_size: number } {
  return { file_id: file.fileId, file_unique_id: file.fileUniqueId, file_size: file.bytes.length };
}

// The first send fixes a file's duration; later sends by file_id without one keep it.
function durationOf(p: Params, file: StoredFile): number {
  const duration = Math.max(0, p.int("duration") ?? file.duration ?? 0);
  file.duration ??= duration;
  return duration;
}

/** Parses one InputMedia the way the real server does, in its order, before any file is looked at. */
function albumItem(p: Params, raw: unknown): AlbumItem {
  const fail = (why: string): Error => badRequest(`can't parse InputMedia: ${why}`);
  if (typeof raw !== "object" || raw === null || Array.isArray(raw)) throw fail("expected an Object");
  const item = new Params(raw as Record<string, unknown>);
  const caption = captionOf(item);
  const type = item.get("type");
  if (type === undefined) throw fail('Can\'t find field "type"');
  if (typeof type !== "string") throw fail('Field "type" must be of type String');
  const media = item.string("media");
  const ref = media ? p.fileRef(media) : undefined;
  if (!ref) throw fail("media not found");
  if (type === "animation") throw fail(`type "${type}" can't be used in sendMediaGroup`);
  const kind = ALBUM_KINDS.get(type);
  if (!kind) throw fail(`type "${type}" is unsupported`);
  return { item, kind, ref, caption };
}

function albumContent(state: FakeState, { item, kind, ref, caption }: AlbumItem): Partial<Message> {
  const file = storedFile(state, ref, kind, `${kind}.dat`);
  const named = { file_name: file.fileName, mime_type: file.mimeType };
  const flags: Pick<Message, "has_media_spoiler" | "show_caption_above_media"> = compact({
    has_media_spoiler: item.bool("has_spoiler") ? (true as const) : undefined,
    show_caption_above_media: item.bool("show_caption_above_media") ? (true as const) : undefined,
  });
  switch (kind) {
    case "photo":
      return { photo: state.files.photoSizes(file), ...caption, ...flags };
    case "video": {
      const size = { width: Math.max(0, item.int("width") ?? 0), height: Math.max(0, item.int("height") ?? 0) };
      return { video: compact({ ...fileFields(file), ...size, duration: durationOf(item, file), ...named }), ...caption, ...flags };
    }
    case "audio": {
      const tags = { performer: item.string("performer") || undefined, title: item.string("title") || undefined };
      return { audio: compact({ ...fileFields(file), duration: durationOf(item, file), ...tags, ...named }), ...caption };
    }
    default:
      return { document: compact({ ...fileFields(file), ...named }), ...caption };
  }
}

// Mirrors TDLib's check order: parse every item, refuse an empty list, read the files, then check size and mix.
const sendMediaGroup: Handler = (state, p) => {
  const chatId = state.store.resolveChatId(p.chatId());
  const raw = p.object<unknown>("media");
  if (raw === undefined) throw badRequest('parameter "media" is required');
  if (!Array.isArray(raw)) throw badRequest("expected an Array of InputMedia");
  const items = raw.map((entry) => albumItem(p, entry));
  if (items.length === 0) throw badRequest("there are no messages to send");
  const contents = items.map((item) => albumContent(state, item));
  if (items.length > MAX_ALBUM) throw badRequest("too many messages to send as an album");
  const kinds = new Set(items.map((item) => item.kind));
  const lonely = [...kinds].find((kind) => HOMOGENEOUS[kind]);
  if (kinds.size > 1 && lonely) throw badRequest(`${lonely} can't be mixed with other media types`);
  // A single item goes out as an ordinary message, outside any album, as TDLib's send_message_group does.
  const media_group_id = items.length > 1 ? (BigInt.asUintN(63, randomBytes(8).readBigUInt64BE()) + 1n).toString() : undefined;
  // reply_markup is not read by the real server for albums, so a keyboard passed here silently never appears.
  return contents.map((content) => deliver(state, chatId, p, { ...content, media_group_id }, undefined));
};

function coordinate(p: Params, name: string): number {
  const raw = p.get(name);
  if (raw === undefined || (typeof raw === "string" && raw.trim() === "")) throw badRequest(`${name} is empty`);
  return typeof raw === "number" ? raw : typeof raw === "string" ? Number(raw.trim()) : Number.NaN;
}

function locationOf(p: Params, invalid: string): Location {
  const latitude = coordinate(p, "latitude");
  const longitude = coordinate(p, "longitude");
  if (!(Math.abs(latitude) <= 90 && Math.abs(longitude) <= 180)) throw badRequest(invalid);
  const rawAccuracy = p.get("horizontal_accuracy");
  const accuracy = Math.min(rawAccuracy === undefined ? 0 : Number(rawAccuracy), 1500);
  return compact({ latitude, longitude, horizontal_accuracy: accuracy > 0 ? accuracy : undefined });
}

const sendLocation: Handler = (state, p) => {
  const chatId = state.store.resolveChatId(p.chatId());
  const location = locationOf(p, "wrong location specified");
  const livePeriod = p.int("live_period") ?? 0;
  if (livePeriod !== 0 && livePeriod !== LIVE_FOREVER && (livePeriod < 60 || livePeriod > 86_400)) {
    throw badRequest("wrong live location period specified");
  }
  const heading = p.int("heading") ?? 0;
  if (heading !== 0 && (heading < 1 || heading > 360)) throw badRequest("wrong live location heading specified");
  const radius = p.int("proximity_alert_radius") ?? 0;
  if (radius < 0 || radius > 100_000) throw badRequest("wrong live location proximity alert radius specified");
  // Heading and alert radius are accepted on any location but only shown on live ones, like the real server.
  const live = livePeriod > 0 ? compact({ live_period: livePeriod, heading: heading || undefined, proximity_alert_radius: radius || undefined }) : {};
  const markup = validateMarkup(p.get("reply_markup"), false);
  return deliver(state, chatId, p, { location: { ...location, ...live } }, markup);
};

const sendVenue: Handler = (state, p) => {
  const chatId = state.store.resolveChatId(p.chatId());
  const location = locationOf(p, "wrong venue location specified");
  const title = required(p, "title");
  const address = required(p, "address");
  const optional = (name: string): string | undefined => p.string(name) || undefined;
  const google = compact({ google_place_id: optional("google_place_id"), google_place_type: optional("google_place_type") });
  const foursquare = compact({ foursquare_id: optional("foursquare_id"), foursquare_type: optional("foursquare_type") });
  // Foursquare wins when both are given, as in the real server's argument handling.
  const venue: Venue = { location, title, address, ...(Object.keys(foursquare).length ? foursquare : google) };
  // Venue messages also carry `location`, which the Bot API keeps for older clients.
  return deliver(state, chatId, p, { venue, location }, validateMarkup(p.get("reply_markup"), false));
};

const sendVoice: Handler = (state, p) => {
  const chatId = state.store.resolveChatId(p.chatId());
  const caption = captionOf(p);
  const markup = validateMarkup(p.get("reply_markup"), false);
  const file = inputFile(state, p, "voice", "voice");
  const voice = compact({ ...fileFields(file), duration: durationOf(p, file), mime_type: file.mimeType });
  return deliver(state, chatId, p, { voice, ...caption }, markup);
};

const sendContact: Handler = (state, p) => {
  const chatId = state.store.resolveChatId(p.chatId());
  const contact: Contact = compact({
    phone_number: required(p, "phone_number"),
    first_name: required(p, "first_name"),
    last_name: p.string("last_name") || undefined,
    vcard: p.string("vcard") || undefined,
  });
  return deliver(state, chatId, p, { contact }, validateMarkup(p.get("reply_markup"), false));
};

export const MEDIA_METHODS: Record<string, Handler> = { sendMediaGroup, sendLocation, sendVenue, sendVoice, sendContact };
