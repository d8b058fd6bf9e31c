import { and, eq, gt, gte, isNull, lt, or } from "drizzle-orm";
import { z } from "zod";
import { requireCoordinator } from "../access/permissions.js";
import { recordAudit } from "../audit/record-audit.js";
import { startBroadcast } from "../broadcasts/start-broadcast.js";
import { actorPersonId, type DomainContext } from "../domain/context.js";
import { ValidationError } from "../domain/errors.js";
import type { TextRef } from "../outbox/payload.js";
import { localNight } from "../shifts/night.js";
import { recomputeStaffing } from "../shifts/recompute-staffing.js";
import { tellStaffingChanges } from "../shifts/tell-staffing-changes.js";
import { broadcasts, responseLevels, towns } from "../storage/schema/index.js";
import { levelAnnouncement } from "./level-announcement.js";
import { levelHeadcount } from "./level-headcount.js";
import { LEVELS } from "./response-levels.js";

const levelInput = z.object({
  level: z.enum(LEVELS as ["normal", "heightened", "level1"]),
  townId: z.number().int().positive().nullable(),
  startsAt: z.date().nullable().default(null),
  endsAt: z.date().nullable().default(null),
  message: z.string().trim().max(1000).nullable().default(null),
  dedupeKey: z.string().min(1).max(128),
});
export type LevelInput = z.input<typeof levelInput>;

/** A start a little in the past is "now" typed slowly; anything older is a mistake. */
const PAST_TOLERANCE_MS = 5 * 60 * 1000;

/**
 * /level: sets the response level of the district or one town, from now or a given time, until a
 * given time or the next change of the same scope (which ends it). In one transaction it
 * recomputes the headcount of every shift from tonight on, calls standby volunteers for the new
 * places or frees people when it falls, tells each team's leads, and broadcasts the change to
 * everyone in scope. Coordinators only; audited; a repeated confirmation changes nothing.
 */
export async function setResponseLevel(ctx: DomainContext, raw: LevelInput, timeZone: string) {
  await requireCoordinator(ctx);
  const parsed = levelInput.safeParse(raw);
  if (!parsed.success) throw new ValidationError("level.invalid");
  const input = parsed.data;
  const startsAt = input.startsAt && input.startsAt > ctx.now ? input.startsAt : ctx.now;
  if (input.startsAt && input.startsAt.getTime() < ctx.now.getTime() - PAST_TOLERANCE_MS) throw new ValidationError("level.start_in_past");
  if (input.endsAt && input.endsAt <= startsAt) throw new ValidationError("level.end_before_start");

  return ctx.db.transaction(async (tx) => {
    const broadcastKey = `level:${input.dedupeKey}`;
    const [done] = await tx.select({ id: broadcasts.id, levelId: broadcasts.responseLevelId, recipients: broadcasts.recipientCount }).from(broadcasts).where(eq(broadcasts.dedupeKey, broadcastKey));
    if (done) return { levelId: done.levelId!, broadcastId: done.id, recipients: done.recipients, shiftsChanged: 0, slotsOpened: 0, released: 0, repeated: true };

    let area: string | TextRef = { key: "status-district" };
    if (input.townId !== null) {
      const [town] = await tx.select({ name: towns.name }).from(towns).where(eq(towns.id, input.townId));
      if (!town) throw new ValidationError("level.town_not_found");
      area = town.name;
    }
    const sameScope = input.townId === null ? isNull(responseLevels.townId) : eq(responseLevels.townId, input.townId);
    // Earlier levels of this scope end where this one starts; ones planned for later never start.
    const ended = await tx
      .update(responseLevels)
      .set({ endsAt: startsAt })
      .where(and(sameScope, lt(responseLevels.startsAt, startsAt), or(isNull(responseLevels.endsAt), gt(responseLevels.endsAt, startsAt))))
      .returning();
    const dropped = await tx
      .update(responseLevels)
      .set({ endsAt: responseLevels.startsAt })
      .where(and(sameScope, gte(responseLevels.startsAt, startsAt), or(isNull(responseLevels.endsAt), gt(responseLevels.endsAt, responseLevels.startsAt))))
      .returning();
    const [row] = await tx
      .insert(responseLevels)
      .values({ level: input.level, townId: input.townId, startsAt, endsAt: input.endsAt, message: input.message, setBy: actorPersonId(ctx.actor), createdAt: ctx.now })
      .returning();
    await recordAudit(tx, ctx.actor, ctx.now, { action: "level.set", subjectType: "response_level", subjectId: row!.id, before: { ended, dropped }, after: row });

    const changes = await recomputeStaffing(tx, ctx.now, { townId: input.townId });
    const cause: TextRef = { key: "staffing-cause-level", args: { level: { key: `level-${input.level}` }, area } };
    await tellStaffingChanges(tx, ctx.now, changes, cause, `level:${row!.id}`);

    // A start within the tolerance of now is announced as "at once", as the coordinator meant it.
    const startsLater = input.startsAt !== null && input.startsAt > ctx.now;
    const headcount = await levelHeadcount(tx, input.level, input.townId);
    const content = levelAnnouncement({ level: input.level, area, startsAt: startsLater ? startsAt : null, endsAt: input.endsAt, headcount, message: input.message });
    const sent = await startBroadcast(tx, ctx.now, {
      target: { audience: input.townId === null ? "everyone" : "town", townId: input.townId, teamId: null },
      text: input.message ?? "",
      content,
      senderId: actorPersonId(ctx.actor),
      responseLevelId: row!.id,
      tonight: localNight(ctx.now, timeZone),
      dedupeKey: broadcastKey,
    });
    return {
      levelId: row!.id,
      broadcastId: sent.broadcastId,
      recipients: sent.recipients,
      shiftsChanged: changes.length,
      slotsOpened: changes.reduce((n, c) => n + c.slotsOpened, 0),
      released: changes.reduce((n, c) => n + c.released, 0),
      repeated: false,
    };
  });
}
