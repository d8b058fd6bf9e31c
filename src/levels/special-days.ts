import { and, asc, eq, gte } from "drizzle-orm";
import { z } from "zod";
import { requireCoordinator } from "../access/permissions.js";
import { recordAudit } from "../audit/record-audit.js";
import { actorPersonId, type DomainContext } from "../domain/context.js";
import { NotFoundError, ValidationError } from "../domain/errors.js";
import type { TextRef } from "../outbox/payload.js";
import { recomputeStaffing } from "../shifts/recompute-staffing.js";
import { tellStaffingChanges } from "../shifts/tell-staffing-changes.js";
import type { Db } from "../storage/db.js";
import { specialDays } from "../storage/schema/index.js";

const specialDaySchema = z.object({
  night: z.iso.date(),
  kind: z.enum(["social_patrol_day", "holiday"]),
  name: z.string().trim().min(1).max(64),
  level: z.enum(["heightened", "level1"]).default("level1"),
});
export type SpecialDayInput = z.input<typeof specialDaySchema>;

/**
 * Marks a night as a social patrol day or a public holiday, which raises the district's level for
 * it (level 1 unless said otherwise). Coordinators only; audited. The same night again updates it.
 */
export async function addSpecialDay(ctx: DomainContext, raw: SpecialDayInput) {
  await requireCoordinator(ctx);
  const parsed = specialDaySchema.safeParse(raw);
  if (!parsed.success) throw new ValidationError("specialday.invalid");
  const day = parsed.data;
  return ctx.db.transaction(async (tx) => {
    const [before] = await tx.select().from(specialDays).where(eq(specialDays.night, day.night));
    const values = { ...day, createdBy: actorPersonId(ctx.actor), createdAt: ctx.now };
    const [row] = await tx.insert(specialDays).values(values).onConflictDoUpdate({ target: specialDays.night, set: values }).returning();
    await recordAudit(tx, ctx.actor, ctx.now, { action: "specialday.set", subjectType: "special_day", subjectId: day.night, before: before ?? null, after: day });
    await restaff(tx, ctx.now, day.night, { key: "staffing-cause-specialday", args: { name: day.name, level: { key: `level-${day.level}` } } });
    return row!;
  });
}

export async function removeSpecialDay(ctx: DomainContext, night: string): Promise<void> {
  await requireCoordinator(ctx);
  if (!specialDaySchema.shape.night.safeParse(night).success) throw new ValidationError("specialday.bad_date", { value: night });
  await ctx.db.transaction(async (tx) => {
    const [removed] = await tx.delete(specialDays).where(eq(specialDays.night, night)).returning();
    if (!removed) throw new NotFoundError("specialday.not_found", { night });
    await recordAudit(tx, ctx.actor, ctx.now, { action: "specialday.remove", subjectType: "special_day", subjectId: night, before: removed });
    await restaff(tx, ctx.now, night, { key: "staffing-cause-specialday-removed", args: { name: removed.name } });
  });
}

/** Nights already planned follow the calendar: their shifts are restaffed and the leads told. */
async function restaff(tx: Db, now: Date, night: string, cause: TextRef): Promise<void> {
  const changes = await recomputeStaffing(tx, now, { townId: null, nights: [night] });
  await tellStaffingChanges(tx, now, changes, cause, `specialday:${night}:${now.getTime()}`);
}

/** The calendar from a night on, for anyone (volunteers like to know when the big nights are). */
export async function listSpecialDays(ctx: DomainContext, from: string) {
  return ctx.db.select().from(specialDays).where(and(gte(specialDays.night, from))).orderBy(asc(specialDays.night)).limit(60);
}
