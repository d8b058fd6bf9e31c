import type { BotCommand, BotCommandScope, Chat } from "grammy/types";
import { commandsKey } from "./methods-bot.js";

export interface VisibleMenu {
  /** The scope whose commands the client shows, and the language they were set for ("" = any). */
  scope: BotCommandScope;
  languageCode: string;
  commands: BotCommand[];
}

/**
 * The command menu a Telegram client shows one user in one chat: the most specific scope that has
 * commands wins, and within a scope the user's language before the commands set for any language
 * (https://core.telegram.org/bots/api#determining-list-of-commands). Administrator scopes are left
 * out: nobody administers the server's groups.
 */
export function visibleMenu(
  commands: ReadonlyMap<string, BotCommand[]>,
  chat: Pick<Chat, "id" | "type">,
  userId: number,
  languageCode: string | undefined,
): VisibleMenu {
  const scopes: BotCommandScope[] = chat.type === "private"
    ? [{ type: "chat", chat_id: chat.id }, { type: "all_private_chats" }, { type: "default" }]
    : [{ type: "chat_member", chat_id: chat.id, user_id: userId }, { type: "chat", chat_id: chat.id }, { type: "all_group_chats" }, { type: "default" }];
  const languages = languageCode ? [languageCode, ""] : [""];
  for (const scope of scopes) {
    for (const language of languages) {
      const found = commands.get(commandsKey(scope, language || undefined));
      if (found?.length) return { scope, languageCode: language, commands: structuredClone(found) };
    }
  }
  return { scope: { type: "default" }, languageCode: "", commands: [] };
}
