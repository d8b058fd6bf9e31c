import type { Message } from "grammy/types";
import type { FakeGroup, FakeUser, Sent } from "../telegram/index.js";
import { badInput, jsonBody, queryParams, readBody, type Route } from "./http-kit.js";
import { contactInput, locationInput, photoQuery, pressButtonInput, replyButtonInput, sendTextInput } from "./inputs.js";
import { inlineRows, messageView } from "./message-view.js";
import { answerView, chatOf, type ReadDeps } from "./read-routes.js";

const MAX_PHOTO_BYTES = 10 * 1024 * 1024;
/** Central Jiaxing, for a location button pressed without a place. */
const DEFAULT_PLACE = { latitude: 30.7522, longitude: 120.7555 };
/** How long a button press waits for the bot's answer before returning without it (it follows as an event). */
const ANSWER_WAIT_MS = 3000;

/**
 * Acting as a person: what a Telegram client sends when they type, press or share. Each answers
 * once the bot has taken the update; what the bot does about it arrives as events.
 */
export function actionRoutes(deps: ReadDeps): Route[] {
  const { telegram, directory } = deps;

  /** The person acting and the chat they act in; they must be in it. */
  function actor(rawChat: unknown, personId: number): { user: FakeUser; chatId: number; group: FakeGroup | null } {
    const chatId = chatOf(deps, rawChat);
    const found = directory.find(personId);
    if (!found) throw badInput(`There is no demo person ${personId}; GET /sandbox/api/people lists them.`);
    if (!directory.chatsOf(personId).some((chat) => chat.id === chatId)) throw badInput(`${found.person.name} (${personId}) is not in chat ${chatId}.`);
    const info = telegram.chatInfo(chatId);
    const group = info && info.type !== "private" ? telegram.group({ id: chatId, title: info.title }) : null;
    return { user: found.user, chatId, group };
  }

  const privateOnly = (group: FakeGroup | null, what: string) => {
    if (group) throw badInput(`${what} works in a private chat with the bot, not in a group.`);
  };

  const messageIn = (chatId: number, messageId: number): Message => {
    const entry = telegram.chatLog(chatId).find((e) => e.message.message_id === messageId && !e.deleted);
    if (!entry) throw badInput(`Chat ${chatId} has no message ${messageId}.`);
    return entry.message;
  };

  const sent = async (sending: Promise<Sent>) => ({ message: messageView((await userAction(sending)).message, false) });

  return [
    {
      method: "POST",
      path: "/sandbox/api/chats/:chatId/messages",
      handle: async ({ req, params }) => {
        const input = await jsonBody(req, sendTextInput);
        const { user, chatId, group } = actor(params.chatId, input.as);
        const target = input.replyTo === undefined ? undefined : messageIn(chatId, input.replyTo);
        if (group) return sent(target ? group.reply(user, target, input.text) : group.send(user, input.text));
        return sent(target ? user.reply(target, input.text) : user.send(input.text));
      },
    },
    {
      method: "POST",
      path: "/sandbox/api/chats/:chatId/buttons",
      handle: async ({ req, params }) => {
        const input = await jsonBody(req, pressButtonInput);
        const { user, chatId, group } = actor(params.chatId, input.as);
        const message = messageIn(chatId, input.messageId);
        const rows = inlineRows(message);
        const button = "text" in input ? input.text : rows[input.row]?.[input.column]?.text;
        if (button === undefined) throw badInput(`Message ${input.messageId} has no button at row ${"row" in input ? input.row : 0}, column ${"column" in input ? input.column : 0}.`);
        const { callbackQuery } = await userAction(group ? group.click(user, message, button) : user.click(message, button));
        const answer = await telegram.waitForCallbackAnswer(callbackQuery.id, ANSWER_WAIT_MS).catch(() => undefined);
        return { callbackQueryId: callbackQuery.id, answer: answer ? answerView(answer) : null };
      },
    },
    {
      method: "POST",
      path: "/sandbox/api/chats/:chatId/reply-keyboard",
      handle: async ({ req, params }) => {
        const input = await jsonBody(req, replyButtonInput);
        const { user, group } = actor(params.chatId, input.as);
        privateOnly(group, "A reply keyboard");
        return sent(user.press(input.text, { latitude: input.latitude ?? DEFAULT_PLACE.latitude, longitude: input.longitude ?? DEFAULT_PLACE.longitude }));
      },
    },
    {
      method: "POST",
      path: "/sandbox/api/chats/:chatId/contact",
      handle: async ({ req, params }) => {
        const input = await jsonBody(req, contactInput);
        const { user, group } = actor(params.chatId, input.as);
        privateOnly(group, "Sharing your contact");
        const { first_name, last_name } = user.user;
        return sent(user.sendContact({ phone_number: user.phone, first_name, ...(last_name ? { last_name } : {}), user_id: user.id }));
      },
    },
    {
      method: "POST",
      path: "/sandbox/api/chats/:chatId/location",
      handle: async ({ req, params }) => {
        const input = await jsonBody(req, locationInput);
        const { user, group } = actor(params.chatId, input.as);
        return sent(group ? group.sendLocation(user, input.latitude, input.longitude) : user.sendLocation(input.latitude, input.longitude));
      },
    },
    {
      method: "POST",
      path: "/sandbox/api/chats/:chatId/photo",
      handle: async ({ req, params, url }) => {
        const query = queryParams(url, photoQuery);
        const { user, group } = actor(params.chatId, query.as);
        const type = req.headers["content-type"] ?? "";
        if (!/^image\/(jpeg|png|webp|gif)\b/.test(type)) throw badInput("Send the photo's bytes as the body, with a Content-Type of image/jpeg, image/png, image/webp or image/gif.");
        const content = await readBody(req, MAX_PHOTO_BYTES);
        if (content.length === 0) throw badInput("The photo is empty.");
        const init = { content, ...(query.caption ? { caption: query.caption } : {}) };
        return sent(group ? group.sendPhoto(user, init) : user.sendPhoto(init));
      },
    },
  ];
}

/** What the Bot API server refuses (no such button, no keyboard shown) is the client's mistake: 400 with its sentence. */
async function userAction<T>(action: Promise<T>): Promise<T> {
  try {
    return await action;
  } catch (error) {
    if (error instanceof Error && !error.name.includes("Closed")) throw badInput(error.message);
    throw error;
  }
}
