import type { Conversation } from "@grammyjs/conversations";
import { resolveIncident, RESOLUTION_NOTE_MAX } from "../../incidents/resolve-incident.js";
import type { BotContext, DialogContext } from "../context.js";
import { attempt } from "./attempt.js";
import { nextInput } from "./next-input.js";

/** Resolve on a report card: a short note on what was done, then the report is closed. */
export async function resolveNoteDialog(conversation: Conversation<BotContext, DialogContext>, ctx: DialogContext, incidentId: number, ref: string): Promise<void> {
  await ctx.reply(ctx.t("resolve-ask-note", { ref, max: RESOLUTION_NOTE_MAX }));
  for (;;) {
    // No buttons of its own: every press goes to the card or feature it belongs to.
    const u = await nextInput(conversation, null);
    const note = u.message?.text?.trim();
    if (!note) {
      await u.reply(ctx.t("hint-text-expected"));
      continue;
    }
    if (note.length > RESOLUTION_NOTE_MAX) {
      await u.reply(ctx.t("resolve-note-too-long", { length: note.length, max: RESOLUTION_NOTE_MAX }));
      // The question again, so it is clear the dialog still waits for the note (or /cancel).
      await u.reply(ctx.t("resolve-ask-note", { ref, max: RESOLUTION_NOTE_MAX }));
      continue;
    }
    const result = await attempt(conversation, async (o) => {
      await resolveIncident(o.domain(), { incidentId, note });
      o.deps.nudgeOutbox();
      return ref;
    });
    await u.reply(result.ok ? ctx.t("resolve-done", { ref }) : ctx.t(result.key, result.args));
    return;
  }
}
