import { badRequest } from "./errors.js";
import type { UploadedFile } from "./request-body.js";

/** Fields the Bot API documents as JSON-serialized objects; form bodies carry them as strings. */
const JSON_FIELDS: Record<string, string> = {
  reply_markup: "can't parse reply keyboard markup JSON object",
  entities: "can't parse entities JSON object",
  caption_entities: "can't parse caption entities JSON object",
  reply_parameters: "can't parse reply parameters JSON object",
  link_preview_options: "can't parse link preview options JSON object",
  commands: "can't parse commands JSON object",
  scope: "can't parse BotCommandScope JSON object",
  allowed_updates: "can't parse allowed updates JSON object",
  menu_button: "can't parse menu button JSON object",
  media: "can't parse media JSON object",
};

const INT_FIELDS = new Set([
  "chat_id", "message_id", "reply_to_message_id", "message_thread_id", "offset", "limit", "timeout",
  "max_connections", "cache_time", "user_id",
]);

const BOOL_FIELDS = new Set([
  "drop_pending_updates", "show_alert", "disable_notification", "protect_content",
  "allow_sending_without_reply", "disable_web_page_preview", "has_spoiler", "disable_content_type_detection",
]);

/** Makes form-encoded and JSON requests look the same, so handlers and `fake.calls` see one shape. */
export function normalizeParams(raw: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(raw)) {
    if (value === null || value === undefined) continue;
    if (typeof value !== "string") {
      out[key] = value;
    } else if (key in JSON_FIELDS) {
      try {
        out[key] = JSON.parse(value);
      } catch {
        throw badRequest(JSON_FIELDS[key] ?? `can't parse ${key}`);
      }
    } else if (INT_FIELDS.has(key) && /^-?\d+$/.test(value.trim())) {
      out[key] = Number(value.trim());
    } else if (BOOL_FIELDS.has(key) && /^(true|false|1|0)$/i.test(value.trim())) {
      out[key] = /^(true|1)$/i.test(value.trim());
    } else {
      out[key] = value;
    }
  }
  return out;
}

export type FileRef =
  | { kind: "upload"; upload: UploadedFile }
  | { kind: "file_id"; fileId: string }
  | { kind: "url"; url: string };

/** Typed, validating access to one call's parameters. */
export class Params {
  constructor(
    readonly values: Record<string, unknown>,
    private readonly uploads: Map<string, UploadedFile> = new Map(),
  ) {}

  get(name: string): unknown {
    return this.values[name];
  }

  string(name: string): string | undefined {
    const value = this.values[name];
    if (value === undefined) return undefined;
    if (typeof value === "string") return value;
    if (typeof value === "number" || typeof value === "boolean") return String(value);
    throw badRequest(`field "${name}" must be of type String`);
  }

  int(name: string): number | undefined {
    const value = this.values[name];
    if (value === undefined) return undefined;
    if (typeof value === "number" && Number.isInteger(value)) return value;
    if (typeof value === "string" && /^-?\d+$/.test(value)) return Number(value);
    throw badRequest(`field "${name}" must be of type Integer`);
  }

  bool(name: string): boolean {
    const value = this.values[name];
    return value === true || value === "true" || value === 1;
  }

  object<T>(name: string): T | undefined {
    const value = this.values[name];
    if (value === undefined) return undefined;
    if (typeof value !== "object" || value === null) throw badRequest(JSON_FIELDS[name] ?? `field "${name}" must be an object`);
    return value as T;
  }

  /** `@username` chat ids are returned as strings for the caller to resolve. */
  chatId(): number | string {
    const value = this.values["chat_id"];
    if (value === undefined || value === "") throw badRequest("chat_id is empty");
    if (typeof value === "number") return value;
    if (typeof value === "string") return /^-?\d+$/.test(value) ? Number(value) : value;
    throw badRequest("chat_id is empty");
  }

  file(name: string): FileRef | undefined {
    const direct = this.uploads.get(name);
    if (direct) return { kind: "upload", upload: direct };
    const value = this.string(name);
    if (value === undefined || value === "") return undefined;
    const ref = this.fileRef(value);
    if (!ref) throw badRequest(`wrong file identifier/HTTP URL specified`);
    return ref;
  }

  /** A file named inside a JSON value (InputMedia's `media`); undefined when its `attach://` part is missing. */
  fileRef(value: string): FileRef | undefined {
    if (value.startsWith("attach://")) {
      const upload = this.uploads.get(value.slice("attach://".length));
      return upload && { kind: "upload", upload };
    }
    if (/^https?:\/\//i.test(value)) return { kind: "url", url: value };
    return { kind: "file_id", fileId: value };
  }
}
