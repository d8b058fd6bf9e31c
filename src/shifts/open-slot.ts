import { eq } from "drizzle-orm";
import { personName } from "../people/display-name.js";
import type { Db } from "../storage/db.js";
import { assignments, openSlots, slotOffers, shifts } from "../storage/schema/index.js";
import { closeSlots, offerClosedLine, offerGroup } from "./close-slots.js";
import { offerLevelWave } from "./offer-level-wave.js";
import { sendSlotOffers } from "./send-slot-offers.js";
import type { ShiftPolicy } from "./policy.js";
import { selectShiftFacts, shiftArgs } from "./shift-facts.js";
import { loadTeamRota } from "./team-rota.js";

export interface SlotRequest {
  shiftId: number;
  /** level: the response level rose and the shift needs more people. */
  reason: "cant" | "substitute" | "short" | "level";
  /** Whose place it is: they are not offered it back, and hear who took it. */
  replacesAssignmentId: number | null;
  offeredOnlyTo?: number | null;
}

/** Opens a place on a shift and asks the first wave of teammates at once, or at `callAt`. */
export async function openSlot(tx: Db, now: Date, request: SlotRequest, policy: ShiftPolicy, callAt = now): Promise<number> {
  const [slot] = await tx
    .insert(openSlots)
    .values({ ...request, offeredOnlyTo: request.offeredOnlyTo ?? null, openedAt: now, nextWaveAt: callAt })
    .returning({ id: openSlots.id });
  if (callAt <= now) await offerNextWave(tx, now, slot!.id, policy);
  return slot!.id;
}

/** An open slot with its shift, or undefined. */
export async function loadSlot(db: Db, slotId: number) {
  const [slot] = await selectShiftFacts(db, {
    slotId: openSlots.id,
    wave: openSlots.wave,
    filledAt: openSlots.filledAt,
    closedAt: openSlots.closedAt,
    replaces: openSlots.replacesAssignmentId,
    onlyTo: openSlots.offeredOnlyTo,
    reason: openSlots.reason,
  })
    .innerJoin(openSlots, eq(openSlots.shiftId, shifts.id))
    .where(eq(openSlots.id, slotId));
  return slot;
}

/**
 * Offers an open slot to the next few eligible teammates: free that night, available that
 * weekday, not on leave, under their weekly cap, and not asked before; fewest recent nights first.
 */
export async function offerNextWave(tx: Db, now: Date, slotId: number, policy: ShiftPolicy): Promise<number> {
  const slot = await loadSlot(tx, slotId);
  if (!slot || slot.filledAt || slot.closedAt) return 0;
  if (slot.reason === "level") return offerLevelWave(tx, now, slot.shiftId, policy);
  if (slot.startsAt <= now || slot.cancelledAt) {
    await closeSlots(tx, now, [slotId], offerClosedLine(now));
    return 0;
  }
  const asked = await tx.select({ personId: slotOffers.personId }).from(slotOffers).where(eq(slotOffers.slotId, slotId));
  const exclude = new Set(asked.map((a) => a.personId));
  let replacedName: string | null = null;
  if (slot.replaces !== null) {
    const [replaced] = await tx.select({ personId: assignments.personId }).from(assignments).where(eq(assignments.id, slot.replaces));
    if (replaced) {
      exclude.add(replaced.personId);
      replacedName = await personName(tx, replaced.personId);
    }
  }
  const { members, planner } = await loadTeamRota(tx, slot.teamId, slot.night, slot.night, policy.weeklyCap);
  const chosen =
    slot.onlyTo !== null
      ? members.filter((m) => m.personId === slot.onlyTo && !exclude.has(m.personId) && planner.isFree(m.personId, slot.night) && !m.leave.has(slot.night)).map((m) => m.personId)
      : planner.pick(slot.night, policy.waveSize, exclude);
  const wave = slot.wave + 1;
  await tx.update(openSlots).set({ wave, nextWaveAt: new Date(now.getTime() + policy.waveMinutes * 60_000) }).where(eq(openSlots.id, slotId));
  if (chosen.length === 0) return 0;
  await tx.insert(slotOffers).values(chosen.map((personId) => ({ slotId, personId, wave, offeredAt: now }))).onConflictDoNothing();
  await sendSlotOffers(tx, now, chosen, {
    // A teammate asked by name hears who asks them (often a family member), not just that someone does.
    text: slot.onlyTo !== null ? { key: "slot-offer-named", args: { ...shiftArgs(slot), name: replacedName ?? "-" } } : { key: "slot-offer", args: shiftArgs(slot) },
    slotId,
    dedupeKey: (personId) => `offer:${slotId}:${personId}`,
    groupKey: offerGroup(slotId),
  });
  return chosen.length;
}
