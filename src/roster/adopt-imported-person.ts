import { and, eq, isNull, ne } from "drizzle-orm";
import type { Db } from "../storage/db.js";
import { auditLog, invites, memberships, outbox, people, roleGrants } from "../storage/schema/index.js";

/**
 * When someone registered by spreadsheet shares their own phone, their Telegram account takes
 * over that imported record (which holds their team and approval), and the bare record made at
 * first contact is folded into it. Returns the imported person's id, or null when no single
 * imported record matches.
 */
export async function adoptImportedPerson(tx: Db, personId: number, phone: string, name: string | null, now: Date): Promise<number | null> {
  const candidates = await tx
    .select({ id: people.id, name: people.name })
    .from(people)
    .innerJoin(memberships, and(eq(memberships.personId, people.id), eq(memberships.source, "import")))
    .where(and(eq(people.phone, phone), isNull(people.telegramId), isNull(people.forgottenAt), ne(people.id, personId)));
  const distinct = [...new Map(candidates.map((c) => [c.id, c])).values()];
  // A shared family phone can match several records: take the one with the same name, if any.
  const target = distinct.length === 1 ? distinct[0] : distinct.find((c) => name !== null && c.name === name);
  if (!target) return null;

  const [current] = await tx.select().from(people).where(eq(people.id, personId));
  if (!current) return null;
  await tx.update(people).set({ telegramId: null }).where(eq(people.id, personId));
  await tx
    .update(people)
    .set({
      telegramId: current.telegramId,
      locale: current.locale,
      clientLanguage: current.clientLanguage,
      consentAt: current.consentAt,
      updatedAt: now,
    })
    .where(eq(people.id, target.id));
  // Move whatever the bare record had; a membership the imported record already has wins.
  const own = await tx.select({ teamId: memberships.teamId }).from(memberships).where(eq(memberships.personId, target.id));
  for (const m of await tx.select().from(memberships).where(eq(memberships.personId, personId))) {
    if (own.some((o) => o.teamId === m.teamId)) await tx.delete(memberships).where(eq(memberships.id, m.id));
    else await tx.update(memberships).set({ personId: target.id }).where(eq(memberships.id, m.id));
  }
  await repointReferences(tx, personId, target.id);
  await tx.delete(people).where(eq(people.id, personId));
  return target.id;
}

/** Every column that names a person, so the bare record can be deleted without losing history. */
async function repointReferences(tx: Db, from: number, to: number): Promise<void> {
  await tx.update(roleGrants).set({ personId: to }).where(eq(roleGrants.personId, from));
  await tx.update(roleGrants).set({ grantedBy: to }).where(eq(roleGrants.grantedBy, from));
  await tx.update(roleGrants).set({ revokedBy: to }).where(eq(roleGrants.revokedBy, from));
  await tx.update(memberships).set({ decidedBy: to }).where(eq(memberships.decidedBy, from));
  await tx.update(invites).set({ createdBy: to }).where(eq(invites.createdBy, from));
  await tx.update(invites).set({ revokedBy: to }).where(eq(invites.revokedBy, from));
  await tx.update(outbox).set({ personId: to }).where(eq(outbox.personId, from));
  await tx.update(auditLog).set({ actorPersonId: to }).where(eq(auditLog.actorPersonId, from));
}
