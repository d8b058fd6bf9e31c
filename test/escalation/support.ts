import { and, asc, eq, like } from "drizzle-orm";
import { afterAll, beforeAll } from "vitest";
import { DomainError } from "../../src/domain/errors.js";
import type { ReportSettings } from "../../src/incidents/report-settings.js";
import { submitReport, type ReportInput } from "../../src/incidents/submit-report.js";
import type { OutboxPayload } from "../../src/outbox/payload.js";
import type { Db } from "../../src/storage/db.js";
import { escalationSteps, escalations, outbox, people } from "../../src/storage/schema/index.js";
import type { Database } from "../../src/storage/db.js";
import { runEscalations } from "../../src/escalation/run-escalations.js";
import { asPerson, contextFor, makePerson, system } from "../support/domain.js";
import { openTestDatabase } from "../support/test-database.js";

export const settings: ReportSettings = { refPrefix: "NH", timeZone: "Asia/Shanghai", publicPerDay: 5, bbox: null };

/**
 * The file's own database with one coordinator: coordinators serve the whole district, so every
 * walk in the file ends with this one. `run` is the scheduler's escalation job at a pinned time.
 */
export function escalationWorld() {
  const world = {
    database: undefined as unknown as Database,
    coordinator: { personId: 0 },
    run: (at: Date) => runEscalations(contextFor(world.database.db, system, at)),
    outboxSize: async () => (await world.database.db.select({ id: outbox.id }).from(outbox)).length,
  };
  beforeAll(async () => {
    world.database = await openTestDatabase();
    world.coordinator = await makePerson(world.database.db, { role: "coordinator" });
  });
  afterAll(async () => world.database?.close());
  return world;
}

export const minutesAfter = (t: Date, minutes: number) => new Date(t.getTime() + minutes * 60_000);

/** The reason of a domain error, "ok" when the call succeeded, or the message of anything else. */
export const reasonOf = (p: Promise<unknown>) => p.then(() => "ok", (e: unknown) => (e instanceof DomainError ? e.reason : String(e)));

/** A person with a name, since "who owns it" answers are only checkable with one. */
export async function namedPerson(db: Db, name: string, role?: Parameters<typeof makePerson>[1]) {
  const person = await makePerson(db, role);
  await db.update(people).set({ name }).where(eq(people.id, person.personId));
  return { ...person, name };
}

let clientKeys = 0;
/** A report by `personId` at `now`, as the dialog would confirm it. */
export async function report(db: Db, personId: number, now: Date, input: Partial<ReportInput> = {}) {
  clientKeys += 1;
  return submitReport(contextFor(db, asPerson(personId), now), settings, {
    clientKey: `esc-test-${process.pid}-${clientKeys}`,
    category: "hazard",
    description: "Loose cable over the footpath",
    voiceFileId: null,
    photoFileIds: [],
    location: null,
    ...input,
  });
}

type OutboxRow = typeof outbox.$inferSelect & { payload: OutboxPayload };

async function rowsOf(db: Db, groupKey: string): Promise<OutboxRow[]> {
  return (await db.select().from(outbox).where(eq(outbox.groupKey, groupKey)).orderBy(asc(outbox.id))) as OutboxRow[];
}

/** Who got a copy of the card, in the order they were told; a person told twice appears twice. */
export async function cardRecipients(db: Db, groupKey: string): Promise<number[]> {
  return (await rowsOf(db, groupKey)).filter((r) => r.payload.kind === "message").map((r) => r.personId!);
}

/** Edits aimed at copies of the card (each copy's edits carry the group `edit:<outbox id>`). */
export async function cardEdits(db: Db, groupKey: string): Promise<OutboxRow[]> {
  const copies = (await rowsOf(db, groupKey)).filter((r) => r.payload.kind === "message");
  const edits: OutboxRow[] = [];
  for (const copy of copies) edits.push(...(await rowsOf(db, `edit:${copy.id}`)));
  return edits;
}

/** Attachments an escalation sent before its cards (photos, voice, map pins), as [person, kind]. */
export async function attachmentsSent(db: Db, escalationId: number): Promise<Array<[number, string]>> {
  const rows = (await db.select().from(outbox).where(like(outbox.dedupeKey, `esc:${escalationId}:%`)).orderBy(asc(outbox.id))) as OutboxRow[];
  return rows.filter((r) => r.payload.kind !== "message").map((r) => [r.personId!, r.payload.kind]);
}

export async function escalationFor(db: Db, subject: (typeof escalations.$inferSelect)["subject"], subjectId: number) {
  return db.select().from(escalations).where(and(eq(escalations.subject, subject), eq(escalations.subjectId, subjectId))).orderBy(asc(escalations.id));
}

export async function stepsOf(db: Db, escalationId: number) {
  return db.select().from(escalationSteps).where(eq(escalationSteps.escalationId, escalationId)).orderBy(asc(escalationSteps.seq));
}

/** Messages (not edits) to one person whose text key is `key`. */
export async function messagesWithKey(db: Db, personId: number, key: string): Promise<OutboxRow[]> {
  const rows = (await db.select().from(outbox).where(eq(outbox.personId, personId)).orderBy(asc(outbox.id))) as OutboxRow[];
  return rows.filter((r) => r.payload.kind === "message" && r.payload.text.key === key);
}
