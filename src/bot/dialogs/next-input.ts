import type { Conversation } from "@grammyjs/conversations";
import type { BotContext, DialogContext } from "../context.js";

export type DialogConversation = Conversation<BotContext, DialogContext>;

/** Words a waiting dialog takes as answers although they look like commands; any other command ends it. */
export const DIALOG_WORDS: ReadonlySet<string> = new Set(["skip", "done"]);

export const isDialogWord = (text: string | undefined) => text !== undefined && DIALOG_WORDS.has(text.trim().toLowerCase().replace(/^\//, ""));

/**
 * The next update meant for a dialog: a message, or a press of one of its own buttons, those
 * whose callback data starts with `buttons` (its namespace, such as rep:; null for a dialog
 * without buttons; see button-namespaces.ts). Other buttons (a card, a reminder, the roster) pass
 * through to the rest of the bot, so a leader in the middle of a report can still use them, and
 * the dialog keeps waiting where it was. Commands never reach a dialog: they end it first
 * (commandsEndDialogs), except its own words (/skip, /done). The step answers a press it gets
 * (answerPress).
 */
export function nextInput(conversation: DialogConversation, buttons: string | null): Promise<DialogContext> {
  return conversation.waitUntil(
    (u) => {
      if (u.callbackQuery) return buttons !== null && (u.callbackQuery.data?.startsWith(buttons) ?? false);
      if (!u.message) return false;
      return !u.message.text?.startsWith("/") || isDialogWord(u.message.text);
    },
    { next: true },
  );
}

/**
 * Sends what is only a courtesy (an answer to a press, a pointer): a failure is logged and never
 * stops what the step does next, such as paging an emergency or sending a broadcast.
 */
export async function courtesy(ctx: DialogContext, send: () => Promise<unknown>): Promise<void> {
  try {
    await send();
  } catch (error) {
    ctx.logger.warn({ err: error }, "a courtesy message could not be sent");
  }
}

/** The largest size of a photo message, the one worth keeping. */
export const photoFileId = (u: DialogContext): string | undefined => u.message?.photo?.at(-1)?.file_id;

/** A typed "done" or "skip" counts as the button, in either language. */
export const saysDone = (text: string | undefined, ...labels: string[]) =>
  text !== undefined && [...labels, "done", "skip", "完成", "跳过", "/done", "/skip"].includes(text.trim().toLowerCase());

/** Stops the client's spinner on a press, with a toast (or an alert) when `text` is given; never stops the step. */
export const answerPress = (u: DialogContext, text?: string, options: { alert?: boolean } = {}) =>
  courtesy(u, () => u.answerCallbackQuery(text === undefined ? {} : { text, show_alert: options.alert ?? false }));

/** Waits for a press of one of the dialog's buttons matching `pattern`; every press is answered, typing gets a hint. */
export async function choose(conversation: DialogConversation, buttons: string, pattern: RegExp): Promise<{ match: RegExpExecArray; u: DialogContext }> {
  for (;;) {
    const u = await nextInput(conversation, buttons);
    const match = u.callbackQuery?.data ? pattern.exec(u.callbackQuery.data) : null;
    if (u.callbackQuery) await answerPress(u);
    if (match) return { match, u };
    if (!u.callbackQuery) await u.reply(u.t("hint-use-buttons"));
  }
}
