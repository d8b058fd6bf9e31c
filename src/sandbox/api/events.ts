import type { ServerResponse } from "node:http";
import type { ClockReading, SandboxClock } from "../clock.js";
import type { FakeTelegram, ServerChange } from "../telegram/index.js";
import { queryParams, type Route } from "./http-kit.js";
import { eventsQuery } from "./inputs.js";
import { messageView, replyKeyboardView } from "./message-view.js";
import { answerView } from "./read-routes.js";
import { clockView } from "./clock-routes.js";

const HEARTBEAT_MS = 15_000;

/**
 * GET /sandbox/api/events: Server-Sent Events, so the page shows every change as it happens and
 * never polls. Event names: message, edit, delete, callback-answer, commands, clock (see README).
 * Nothing is replayed on reconnecting: the page reads the chat again.
 */
export function eventRoutes(telegram: FakeTelegram, clock: SandboxClock): Route[] {
  return [
    {
      method: "GET",
      path: "/sandbox/api/events",
      handle: ({ url, res, req }) => {
        const { chats } = queryParams(url, eventsQuery);
        const wanted = (chatId: number | undefined) => !chats || (chatId !== undefined && chats.includes(chatId));
        res.writeHead(200, { "content-type": "text/event-stream; charset=utf-8", "cache-control": "no-store", connection: "keep-alive", "x-accel-buffering": "no" });
        res.write("retry: 2000\n\n");
        send(res, "clock", clockView(clock.read()));
        const unsubscribe = telegram.subscribe((change) => {
          const event = eventOf(telegram, change);
          if (event && (event.name === "commands" || wanted(event.chatId))) send(res, event.name, event.data);
        });
        const onClock = (reading: ClockReading) => send(res, "clock", clockView(reading));
        clock.events.on("change", onClock);
        const heartbeat = setInterval(() => res.write(": still here\n\n"), HEARTBEAT_MS);
        const close = () => {
          clearInterval(heartbeat);
          unsubscribe();
          clock.events.off("change", onClock);
        };
        req.on("close", close);
        res.on("close", close);
        return undefined;
      },
    },
  ];
}

function eventOf(telegram: FakeTelegram, change: ServerChange): { name: string; chatId?: number; data: unknown } | null {
  switch (change.type) {
    case "message":
      return {
        name: "message",
        chatId: change.chatId,
        // A new message may bring or take away the reply keyboard: the chat's current one comes along.
        data: { chatId: change.chatId, message: messageView(change.message, false), replyKeyboard: replyKeyboardView(telegram.chat(change.chatId).currentReplyKeyboard()) },
      };
    case "edit":
      return { name: "edit", chatId: change.chatId, data: { chatId: change.chatId, message: messageView(change.message, true) } };
    case "delete":
      return { name: "delete", chatId: change.chatId, data: { chatId: change.chatId, messageId: change.messageId } };
    case "callbackAnswer":
      if (change.chatId === undefined) return null;
      return {
        name: "callback-answer",
        chatId: change.chatId,
        data: { chatId: change.chatId, messageId: change.messageId, callbackQueryId: change.callbackQueryId, answer: answerView(change.answer) },
      };
    case "commands":
      return { name: "commands", data: {} };
  }
}

function send(res: ServerResponse, name: string, data: unknown): void {
  if (res.writableEnded || res.destroyed) return;
  res.write(`event: ${name}\ndata: ${JSON.stringify(data)}\n\n`);
}
