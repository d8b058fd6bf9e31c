import { and, asc, eq, inArray, isNull } from "drizzle-orm";
import type { DomainContext } from "../domain/context.js";
import { enqueueMessages } from "../outbox/enqueue.js";
import type { TextRef } from "../outbox/payload.js";
import type { Db } from "../storage/db.js";
import { escalations, incidents } from "../storage/schema/index.js";
import { resolveTargets } from "./resolve-targets.js";
import type { EscalationRow } from "./subject.js";
import { SUBJECTS } from "./subjects.js";

async function digestLine(tx: Db, escalation: EscalationRow): Promise<TextRef> {
  if (escalation.subject === "incident") {
    const [incident] = await tx.select({ ref: incidents.ref, category: incidents.category }).from(incidents).where(eq(incidents.id, escalation.subjectId));
    return { key: "digest-line-incident", args: { ref: incident?.ref ?? "-", category: { key: `category-${incident?.category ?? "tip"}` }, since: { datetime: escalation.startedAt.toISOString() } } };
  }
  const view = await SUBJECTS[escalation.subject].present(tx, escalation);
  const body = view.text.args?.body;
  return { key: "digest-line", args: { item: body && typeof body === "object" && "key" in body ? body : view.text } };
}

/**
 * Once a day the coordinators get everything whose escalation ran out without an owner since the
 * last digest. Each item is listed once; owning it later still works from its card.
 */
export async function sendEscalationDigest(ctx: DomainContext): Promise<number> {
  return ctx.db.transaction(async (tx) => {
    const unowned = await tx
      .select()
      .from(escalations)
      .where(and(eq(escalations.status, "exhausted"), isNull(escalations.digestedAt)))
      .orderBy(asc(escalations.startedAt))
      .limit(200)
      .for("update", { skipLocked: true });
    if (unowned.length === 0) return 0;
    const lines: TextRef[] = [];
    for (const escalation of unowned) lines.push(await digestLine(tx, escalation));
    const coordinators = await resolveTargets(tx, ["coordinators"], { teamId: null, townId: null, shiftId: null }, null);
    // Nobody to tell yet: keep the items for the first digest that has a reader.
    if (coordinators.length === 0) return 0;
    const stamp = ctx.now.toISOString().slice(0, 10);
    await enqueueMessages(
      tx,
      ctx.now,
      coordinators.map((to) => ({ to, payload: { kind: "message" as const, text: { key: "digest-unowned", args: { count: unowned.length, items: { lines } } } }, dedupeKey: `digest:${stamp}:${unowned[0]!.id}:${to.personId}` })),
    );
    await tx.update(escalations).set({ digestedAt: ctx.now }).where(inArray(escalations.id, unowned.map((e) => e.id)));
    return unowned.length;
  });
}
