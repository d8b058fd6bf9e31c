import type { FakeTelegram } from "../telegram/index.js";
import type { SandboxDirectory } from "../directory.js";
import { notFound, queryParams, sendJson, type Route } from "./http-kit.js";
import { chatIdParam, commandsQuery, personIdParam } from "./inputs.js";
import { messageView, replyKeyboardView, type MessageView, type ReplyKeyboardView } from "./message-view.js";

export interface ReadDeps {
  telegram: FakeTelegram;
  directory: SandboxDirectory;
}

export function personOf(directory: SandboxDirectory, raw: unknown) {
  const parsed = personIdParam.safeParse(raw);
  if (!parsed.success) throw notFound(`There is no demo person ${String(raw)}; GET /sandbox/api/people lists them.`);
  const id = parsed.data;
  const found = directory.find(id);
  if (!found) throw notFound(`There is no demo person ${id}; GET /sandbox/api/people lists them.`);
  return found;
}

export function chatOf(deps: ReadDeps, raw: unknown): number {
  const parsed = chatIdParam.safeParse(raw);
  if (!parsed.success) throw notFound(`There is no chat ${String(raw)}.`);
  if (!deps.directory.isKnownChat(parsed.data)) throw notFound(`There is no chat ${parsed.data} in the sandbox; a person's chats are at /sandbox/api/people/<id>/chats.`);
  return parsed.data;
}

/** A chat as a client shows it: the messages that still exist, as they are now, and the reply keyboard. */
export function chatContents(telegram: FakeTelegram, chatId: number): { messages: MessageView[]; replyKeyboard: ReplyKeyboardView | null } {
  const messages = telegram.chatLog(chatId).filter((entry) => !entry.deleted).map((entry) => messageView(entry.message, entry.editCount > 0));
  return { messages, replyKeyboard: replyKeyboardView(telegram.chat(chatId).currentReplyKeyboard()) };
}

export function readRoutes(deps: ReadDeps): Route[] {
  const { telegram, directory } = deps;
  return [
    { method: "GET", path: "/sandbox/api/people", handle: () => ({ people: directory.people() }) },
    {
      method: "GET",
      path: "/sandbox/api/people/:personId",
      handle: ({ params }) => {
        const { person } = personOf(directory, params.personId);
        return { person, chats: directory.chatsOf(person.id) };
      },
    },
    { method: "GET", path: "/sandbox/api/people/:personId/chats", handle: ({ params }) => ({ chats: directory.chatsOf(personOf(directory, params.personId).person.id) }) },
    {
      method: "GET",
      path: "/sandbox/api/people/:personId/commands",
      handle: ({ params, url }) => {
        const { person } = personOf(directory, params.personId);
        const chatId = queryParams(url, commandsQuery).chat ?? person.id;
        if (!directory.chatsOf(person.id).some((c) => c.id === chatId)) throw notFound(`${person.name} (${person.id}) is not in chat ${chatId}.`);
        return { chatId, ...telegram.visibleCommands(chatId, person.id, person.language) };
      },
    },
    {
      method: "GET",
      path: "/sandbox/api/chats/:chatId/messages",
      handle: ({ params }) => {
        const chatId = chatOf(deps, params.chatId);
        return { chat: telegram.chatInfo(chatId), ...chatContents(telegram, chatId) };
      },
    },
    {
      method: "GET",
      path: "/sandbox/api/callbacks/:callbackQueryId",
      handle: ({ params }) => {
        const record = telegram.callbackQuery(params.callbackQueryId!);
        if (!record) throw notFound(`There is no button press ${params.callbackQueryId}.`);
        return { callbackQueryId: params.callbackQueryId, answer: record.answer ? answerView(record.answer) : null };
      },
    },
    {
      method: "GET",
      path: "/sandbox/api/files/:fileId",
      handle: ({ params, res }) => {
        const file = telegram.file(params.fileId!);
        if (!file) throw notFound(`There is no file ${params.fileId}.`);
        if (file.bytes.length === 0) return void sendJson(res, 404, { error: "The bot sent this file by URL; the sandbox does not fetch it." });
        const name = file.fileName ? `; filename*=UTF-8''${encodeURIComponent(file.fileName)}` : "";
        res.writeHead(200, { "content-type": file.mimeType ?? "application/octet-stream", "content-length": file.bytes.length, "content-disposition": `inline${name}`, "cache-control": "private, max-age=3600" });
        res.end(file.bytes);
        return undefined;
      },
    },
  ];
}

/** What a client shows for a button press: a toast, or an alert to dismiss; `url` opens a game or link. */
export function answerView(answer: Record<string, unknown>): { text: string | null; showAlert: boolean; url: string | null } {
  return {
    text: typeof answer.text === "string" && answer.text !== "" ? answer.text : null,
    showAlert: answer.show_alert === true,
    url: typeof answer.url === "string" ? answer.url : null,
  };
}
