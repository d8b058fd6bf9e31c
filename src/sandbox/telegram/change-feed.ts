import type { Message } from "grammy/types";
import type { MessageChange } from "./chat-store.js";
import type { FakeState, RecordedCall } from "./fake-state.js";

/** What a client watching the server would notice, in the order it happened. */
export type ServerChange =
  | { type: "message" | "edit"; chatId: number; message: Message; fromBot: boolean; editCount: number }
  | { type: "delete"; chatId: number; messageId: number }
  | { type: "callbackAnswer"; chatId: number | undefined; messageId: number | undefined; callbackQueryId: string; answer: Record<string, unknown> }
  /** The bot changed a command menu; clients showing one ask again. */
  | { type: "commands" };

const MENU_METHODS = new Set(["setMyCommands", "deleteMyCommands"]);

/** Calls `listener` for every change until the returned function is called. */
export function subscribeToChanges(state: FakeState, listener: (change: ServerChange) => void): () => void {
  const onMessage = ({ kind, chatId, record }: MessageChange): void => {
    if (kind === "delete") return listener({ type: "delete", chatId, messageId: record.message.message_id });
    listener({ type: kind === "new" ? "message" : "edit", chatId, message: structuredClone(record.message), fromBot: record.fromBot, editCount: record.editCount });
  };
  const onAnswer = (id: string): void => {
    const record = state.callbacks.get(id);
    if (!record?.answer) return;
    const message = record.query.message;
    listener({ type: "callbackAnswer", chatId: message?.chat.id, messageId: message?.message_id, callbackQueryId: id, answer: structuredClone(record.answer) });
  };
  const onCall = (call: RecordedCall): void => {
    if (call.response.ok && MENU_METHODS.has(call.method)) listener({ type: "commands" });
  };
  state.store.events.on("change", onMessage);
  state.events.on("callbackAnswer", onAnswer);
  state.events.on("call", onCall);
  return () => {
    state.store.events.off("change", onMessage);
    state.events.off("callbackAnswer", onAnswer);
    state.events.off("call", onCall);
  };
}
