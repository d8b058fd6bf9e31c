import { z } from "zod";
import { actorPersonId, type DomainContext } from "../domain/context.js";
import { ValidationError } from "../domain/errors.js";
import { recordAudit } from "../audit/record-audit.js";
import { personName } from "../people/display-name.js";
import { listTowns } from "../org/list-towns.js";
import { getTeamScope, teamLabel } from "../org/team-scope.js";
import { localNight } from "../shifts/night.js";
import { audienceMembers, type BroadcastTarget } from "./audience.js";
import { authorizeBroadcast } from "./authorize-broadcast.js";
import { CHUNK, queueRemainingCopies } from "./queue-copies.js";
import { startBroadcast } from "./start-broadcast.js";

/** A photo caption holds 1,024 characters; a message 4,096, less the header we add. */
export const MAX_TEXT = 3500;
export const MAX_CAPTION = 900;

const inputSchema = z.object({
  text: z.string().trim().min(1).max(MAX_TEXT),
  photoFileId: z.string().min(1).max(256).nullable().default(null),
  dedupeKey: z.string().min(1).max(128),
});

/** Who would receive it, before the sender confirms: the count and how many are known unreachable. */
export async function previewBroadcast(ctx: DomainContext, target: BroadcastTarget, timeZone: string) {
  const allowed = await authorizeBroadcast(ctx, target);
  const members = await audienceMembers(ctx.db, allowed, localNight(ctx.now, timeZone), ctx.now);
  const area = allowed.teamId !== null ? teamLabel(await getTeamScope(ctx.db, allowed.teamId)) : allowed.townId !== null ? (await listTowns(ctx.db, [allowed.townId]))[0]?.name ?? null : null;
  return { target: allowed, area, recipients: members.length, unreachable: members.filter((m) => m.unreachable).length };
}

/**
 * /broadcast: free text, optionally with a photo, to a scope. Coordinators anywhere, supervisors
 * in their town (checked again here, whatever the dialog showed). Audited.
 *
 * The broadcast, its recipients and the first chunk of copies commit together and the verb
 * returns, so the outbox starts sending at once; the other copies are written after it, a chunk
 * per transaction, with `onQueued` called after each (the bot nudges the outbox). A redelivered
 * Send finds the broadcast by its key and only writes copies still missing, if any.
 */
export async function sendBroadcast(
  ctx: DomainContext,
  target: BroadcastTarget,
  raw: z.input<typeof inputSchema>,
  timeZone: string,
  onQueued?: () => void,
): Promise<{ broadcastId: number; recipients: number; created: boolean }> {
  const allowed = await authorizeBroadcast(ctx, target);
  const parsed = inputSchema.safeParse(raw);
  if (!parsed.success) throw new ValidationError("broadcast.invalid_text", { max: MAX_TEXT });
  const input = parsed.data;
  if (input.photoFileId && input.text.length > MAX_CAPTION) throw new ValidationError("broadcast.caption_too_long", { max: MAX_CAPTION, length: input.text.length });
  const senderId = actorPersonId(ctx.actor);
  const from = senderId === null ? "-" : ((await personName(ctx.db, senderId)) ?? "-");
  const started = await ctx.db.transaction(async (tx) => {
    const started = await startBroadcast(tx, ctx.now, {
      target: allowed,
      text: input.text,
      content: { key: "broadcast-message", args: { from, text: input.text } },
      photoFileId: input.photoFileId,
      senderId,
      tonight: localNight(ctx.now, timeZone),
      dedupeKey: input.dedupeKey,
    }, { firstChunk: CHUNK });
    if (started.created) {
      await recordAudit(tx, ctx.actor, ctx.now, { action: "broadcast.send", subjectType: "broadcast", subjectId: started.broadcastId, after: { ...allowed, recipients: started.recipients } });
    }
    return started;
  });
  if (!started.queued) {
    queueRemainingCopies({ db: ctx.db }, started.broadcastId, onQueued).catch((error: unknown) =>
      ctx.logger.error({ err: error, broadcastId: started.broadcastId }, "writing the broadcast's copies stopped; the progress job resumes it"),
    );
  }
  return { broadcastId: started.broadcastId, recipients: started.recipients, created: started.created };
}
