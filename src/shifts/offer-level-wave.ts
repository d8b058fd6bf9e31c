import { and, asc, eq, inArray, isNull, lte } from "drizzle-orm";
import { levelAt } from "../levels/level-at.js";
import type { Db } from "../storage/db.js";
import { openSlots, shifts, slotOffers } from "../storage/schema/index.js";
import { closeSlots, levelOfferGroup, offerClosedLine } from "./close-slots.js";
import { sendSlotOffers } from "./send-slot-offers.js";
import type { ShiftPolicy } from "./policy.js";
import { selectShiftFacts, shiftArgs } from "./shift-facts.js";
import { loadTeamRota } from "./team-rota.js";

/**
 * The places a raised level (or a raised headcount) opened on one shift are offered together:
 * each wave asks a wave's worth of teammates per place, none asked before for this shift, with one
 * message each; any of the places can be taken from it. Called for the whole shift whichever of
 * its places came due.
 */
export async function offerLevelWave(tx: Db, now: Date, shiftId: number, policy: ShiftPolicy): Promise<number> {
  const open = and(eq(openSlots.shiftId, shiftId), eq(openSlots.reason, "level"), isNull(openSlots.filledAt), isNull(openSlots.closedAt));
  const due = await tx.select({ id: openSlots.id, wave: openSlots.wave }).from(openSlots).where(and(open, lte(openSlots.nextWaveAt, now))).orderBy(asc(openSlots.id));
  if (due.length === 0) return 0;
  const ids = due.map((d) => d.id);
  const [shift] = await selectShiftFacts(tx).where(eq(shifts.id, shiftId));
  if (!shift || shift.startsAt <= now || shift.cancelledAt) {
    await closeSlots(tx, now, ids, offerClosedLine(now));
    return 0;
  }
  const asked = await tx
    .selectDistinct({ personId: slotOffers.personId })
    .from(slotOffers)
    .innerJoin(openSlots, eq(openSlots.id, slotOffers.slotId))
    .where(and(eq(openSlots.shiftId, shiftId), eq(openSlots.reason, "level")));
  const { planner } = await loadTeamRota(tx, shift.teamId, shift.night, shift.night, policy.weeklyCap);
  const chosen = planner.pick(shift.night, policy.waveSize * due.length, new Set(asked.map((a) => a.personId)));
  const wave = Math.max(...due.map((d) => d.wave)) + 1;
  await tx.update(openSlots).set({ wave, nextWaveAt: new Date(now.getTime() + policy.waveMinutes * 60_000) }).where(inArray(openSlots.id, ids));
  if (chosen.length === 0) return 0;
  const offers = ids.flatMap((slotId) => chosen.map((personId) => ({ slotId, personId, wave, offeredAt: now })));
  for (let i = 0; i < offers.length; i += 1000) await tx.insert(slotOffers).values(offers.slice(i, i + 1000)).onConflictDoNothing();
  // The places may come from a raised level or from the team's own headcounts (/patrol).
  const level = await levelAt(tx, shift.townId, { night: shift.night, at: shift.startsAt });
  const key = level === "normal" ? "slot-offer-more-people" : "slot-offer-level";
  await sendSlotOffers(tx, now, chosen, { text: { key, args: shiftArgs(shift) }, slotId: ids[0]!, dedupeKey: (personId) => `offer:level:${shiftId}:${personId}`, groupKey: levelOfferGroup(shiftId) });
  return chosen.length;
}
