import type { BotCommand, BotCommandScope, WebhookInfo } from "grammy/types";
import { badRequest } from "./errors.js";
import type { FakeState } from "./fake-state.js";
import type { Handler } from "./methods.js";
import type { Params } from "./params.js";

const MAX_DOWNLOAD_BYTES = 20 * 1024 * 1024;
const QUERY_INVALID = "query is too old and response timeout expired or query ID is invalid";

/** Commands are stored per (scope, language); the real getMyCommands does not fall back between them. */
export function commandsKey(scope: BotCommandScope | undefined, languageCode: string | undefined): string {
  const s = (scope ?? { type: "default" }) as { type: string; chat_id?: unknown; user_id?: unknown };
  return JSON.stringify([s.type, s.chat_id ?? null, s.user_id ?? null, languageCode ?? ""]);
}

function scopeOf(state: FakeState, p: Params): BotCommandScope | undefined {
  const scope = p.object<BotCommandScope>("scope");
  if (scope && "chat_id" in scope) {
    // Normalizes "@name" and string ids so the same chat always gives the same key.
    return { ...scope, chat_id: state.store.resolveChatId(scope.chat_id) } as BotCommandScope;
  }
  return scope;
}

function validateCommands(commands: unknown): BotCommand[] {
  if (!Array.isArray(commands)) throw badRequest("can't parse commands JSON object");
  if (commands.length > 100) throw badRequest("too many commands");
  return commands.map((entry: Partial<BotCommand>) => {
    if (typeof entry.command !== "string" || !/^[a-z0-9_]{1,32}$/.test(entry.command)) {
      throw badRequest("BOT_COMMAND_INVALID");
    }
    const description = typeof entry.description === "string" ? entry.description.trim() : "";
    if (description.length < 1 || description.length > 256) throw badRequest("BOT_COMMAND_DESCRIPTION_INVALID");
    return { command: entry.command, description };
  });
}

function webhookInfo(state: FakeState): WebhookInfo {
  const hook = state.queue.webhook;
  const lastError = state.queue.lastError;
  const allowed = state.queue.allowedUpdates;
  return {
    url: hook?.url ?? "",
    has_custom_certificate: false,
    pending_update_count: state.queue.pendingCount,
    ...(hook ? { max_connections: hook.maxConnections, ip_address: "127.0.0.1" } : {}),
    ...(hook && lastError ? { last_error_date: lastError.date, last_error_message: lastError.message } : {}),
    ...(allowed ? { allowed_updates: allowed as NonNullable<WebhookInfo["allowed_updates"]> } : {}),
  };
}

const setWebhook: Handler = (state, p) => {
  const url = p.string("url") ?? "";
  const allowed = p.object<string[]>("allowed_updates");
  const drop = p.bool("drop_pending_updates");
  if (url === "") {
    state.queue.deleteWebhook(drop);
    return true;
  }
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    throw badRequest("bad webhook: invalid URL specified");
  }
  // The real API insists on HTTPS; the fake takes plain HTTP because tests serve on loopback.
  if (parsed.protocol !== "https:" && parsed.protocol !== "http:") {
    throw badRequest("bad webhook: An HTTPS URL must be provided for webhook");
  }
  const secretToken = p.string("secret_token");
  if (secretToken !== undefined && !/^[A-Za-z0-9_-]{1,256}$/.test(secretToken)) {
    throw badRequest("bad webhook: secret token contains unallowed characters");
  }
  const maxConnections = p.int("max_connections") ?? 40;
  state.queue.setWebhook({ url, maxConnections, ...(secretToken ? { secretToken } : {}) }, allowed, drop);
  return true;
};

const answerCallbackQuery: Handler = (state, p) => {
  const id = p.string("callback_query_id") ?? "";
  const record = state.callbacks.get(id);
  if (!record || record.answer) throw badRequest(QUERY_INVALID);
  if ((p.string("text") ?? "").length > 200) throw badRequest("MESSAGE_TOO_LONG");
  record.answer = p.values;
  state.events.emit("callbackAnswer", id);
  return true;
};

const getFile: Handler = (state, p) => {
  const file = state.files.get(p.string("file_id") ?? "");
  if (!file) throw badRequest("invalid file_id");
  if (file.bytes.length > MAX_DOWNLOAD_BYTES) throw badRequest("file is too big");
  return { file_id: file.fileId, file_unique_id: file.fileUniqueId, file_size: file.bytes.length, file_path: file.filePath };
};

const setting = (prefix: string, field: string, fallback: (p: Params) => unknown): [Handler, Handler] => [
  (state, p) => {
    state.settings.set(`${prefix}:${p.string("language_code") ?? ""}`, { [field]: p.string(field) ?? "" });
    return true;
  },
  (state, p) => state.settings.get(`${prefix}:${p.string("language_code") ?? ""}`) ?? fallback(p),
];
const [setMyDescription, getMyDescription] = setting("description", "description", () => ({ description: "" }));
const [setMyShortDescription, getMyShortDescription] = setting("short", "short_description", () => ({ short_description: "" }));

export const BOT_METHODS: Record<string, Handler> = {
  getMe: (state) => structuredClone(state.botUser),
  getUpdates: (state, p, signal) => {
    const timeout = p.int("timeout");
    return state.queue.getUpdates(p.int("offset"), p.int("limit"), timeout, p.object<string[]>("allowed_updates"), signal);
  },
  setWebhook,
  deleteWebhook: (state, p) => (state.queue.deleteWebhook(p.bool("drop_pending_updates")), true),
  getWebhookInfo: (state) => webhookInfo(state),
  answerCallbackQuery,
  getFile,
  setMyCommands: (state, p) => {
    const key = commandsKey(scopeOf(state, p), p.string("language_code"));
    const commands = validateCommands(p.get("commands"));
    if (commands.length) state.commands.set(key, commands);
    else state.commands.delete(key);
    return true;
  },
  getMyCommands: (state, p) => structuredClone(state.commands.get(commandsKey(scopeOf(state, p), p.string("language_code"))) ?? []),
  deleteMyCommands: (state, p) => (state.commands.delete(commandsKey(scopeOf(state, p), p.string("language_code"))), true),
  setChatMenuButton: (state, p) => {
    const chatId = p.get("chat_id") === undefined ? "default" : state.store.resolveChatId(p.chatId());
    state.settings.set(`menu:${chatId}`, p.object("menu_button") ?? { type: "default" });
    return true;
  },
  getChatMenuButton: (state, p) => {
    const chatId = p.get("chat_id") === undefined ? "default" : state.store.resolveChatId(p.chatId());
    return state.settings.get(`menu:${chatId}`) ?? state.settings.get("menu:default") ?? { type: "default" };
  },
  setMyDescription, getMyDescription, setMyShortDescription, getMyShortDescription,
};
