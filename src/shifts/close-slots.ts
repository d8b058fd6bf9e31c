import { and, eq, inArray, isNull } from "drizzle-orm";
import { closeCopies, queuedCopies } from "../outbox/close-copies.js";
import type { TextRef } from "../outbox/payload.js";
import type { Db } from "../storage/db.js";
import { assignments, openSlots, outbox } from "../storage/schema/index.js";

/** The copies of one place's offer share a group; a raised level's places share one per shift. */
export const offerGroup = (slotId: number) => `offer:${slotId}`;
export const levelOfferGroup = (shiftId: number) => `offer:level:${shiftId}`;

const at = (now: Date) => ({ time: now.toISOString() });
export const offerClosedLine = (now: Date): TextRef => ({ key: "offer-closed", args: { time: at(now) } });
export const offerWithdrawnLine = (now: Date, name: string): TextRef => ({ key: "offer-withdrawn", args: { name, time: at(now) } });

interface Slot {
  id: number;
  shiftId: number;
  reason: string;
}

/**
 * The offer groups these places' end settles: a place's own offer, and a shift's level offer
 * once none of its level places is open any more (until then the offer still holds for the rest).
 */
async function settledGroups(tx: Db, slots: Slot[]): Promise<string[]> {
  const groups = slots.filter((s) => s.reason !== "level").map((s) => offerGroup(s.id));
  const levelShifts = [...new Set(slots.filter((s) => s.reason === "level").map((s) => s.shiftId))];
  for (const part of chunks(levelShifts, 1000)) {
    const stillOpen = await tx
      .selectDistinct({ shiftId: openSlots.shiftId })
      .from(openSlots)
      .where(and(inArray(openSlots.shiftId, part), eq(openSlots.reason, "level"), isNull(openSlots.filledAt), isNull(openSlots.closedAt)));
    const open = new Set(stillOpen.map((s) => s.shiftId));
    groups.push(...part.filter((shiftId) => !open.has(shiftId)).map(levelOfferGroup));
  }
  return groups;
}

async function closeOffers(tx: Db, now: Date, groups: string[], lineFor: Parameters<typeof closeCopies>[3]): Promise<void> {
  for (const part of chunks(groups, 1000)) await closeCopies(tx, now, await queuedCopies(tx, inArray(outbox.groupKey, part)), lineFor);
}

/**
 * Closes places that are still open (the shift began, the volunteer is coming after all, fewer
 * are needed) and edits their offers for everyone who got them: no button, and `line` saying why.
 */
export async function closeSlots(tx: Db, now: Date, slotIds: number[], line: TextRef): Promise<number> {
  const closed: Slot[] = [];
  for (const part of chunks(slotIds, 1000)) {
    closed.push(
      ...(await tx
        .update(openSlots)
        .set({ closedAt: now })
        .where(and(inArray(openSlots.id, part), isNull(openSlots.filledAt), isNull(openSlots.closedAt)))
        .returning({ id: openSlots.id, shiftId: openSlots.shiftId, reason: openSlots.reason })),
    );
  }
  if (closed.length > 0) await closeOffers(tx, now, await settledGroups(tx, closed), () => line);
  return closed.length;
}

/**
 * A place was taken: every copy of its offer says by whom, and the taker's own says it is theirs.
 * Of a raised level's offer, only the taker's copy changes while other places remain open.
 */
export async function showSlotTaken(tx: Db, now: Date, slot: Slot, taker: { personId: number; name: string }): Promise<void> {
  const mine: TextRef = { key: "offer-taken-by-you", args: { time: at(now) } };
  // A raised level's offer was for several places: the last one taken is not the whole story.
  const theirs: TextRef = slot.reason === "level" ? { key: "offer-all-taken", args: { time: at(now) } } : { key: "offer-taken-by", args: { name: taker.name, time: at(now) } };
  const [group] = await settledGroups(tx, [slot]);
  if (group) {
    // Those who took one of a level's places earlier keep "you took this place".
    const tookOne = new Set(slot.reason === "level" ? await levelTakers(tx, slot.shiftId) : []);
    await closeOffers(tx, now, [group], (copy) => (copy.personId === taker.personId ? mine : copy.personId !== null && tookOne.has(copy.personId) ? null : theirs));
    return;
  }
  const own = await queuedCopies(tx, and(eq(outbox.groupKey, levelOfferGroup(slot.shiftId)), eq(outbox.personId, taker.personId)));
  await closeCopies(tx, now, own, () => mine);
}

async function levelTakers(tx: Db, shiftId: number): Promise<number[]> {
  const rows = await tx
    .select({ personId: assignments.personId })
    .from(openSlots)
    .innerJoin(assignments, eq(assignments.id, openSlots.filledByAssignmentId))
    .where(and(eq(openSlots.shiftId, shiftId), eq(openSlots.reason, "level")));
  return rows.map((r) => r.personId);
}

function chunks<T>(items: T[], size: number): T[][] {
  return Array.from({ length: Math.ceil(items.length / size) }, (_, i) => items.slice(i * size, i * size + size));
}
