import { createHash } from "node:crypto";
import { and, eq, inArray, isNull } from "drizzle-orm";
import { refreshCommandMenu } from "../access/command-menu.js";
import { requireCoordinator } from "../access/permissions.js";
import { recordAudit } from "../audit/record-audit.js";
import { actorPersonId, type DomainContext } from "../domain/context.js";
import { ensureOrgPath } from "../org/ensure-org-path.js";
import { getTeamScope, teamLabel } from "../org/team-scope.js";
import { editCardCopies } from "../outbox/edit-group.js";
import { enqueueMessages } from "../outbox/enqueue.js";
import { recipientColumns, toRecipient } from "../people/locale.js";
import { planTeamsNow, type PlanPolicy } from "../shifts/generate-shifts.js";
import type { Db } from "../storage/db.js";
import { memberships, people, roleGrants } from "../storage/schema/index.js";
import { parseRosterCsv, parseRosterRecords, type RosterError, type RosterRecords, type RosterRow } from "./roster-csv.js";
import { signupCardGroup } from "./signup-card.js";

export interface ImportOptions {
  /** Rows per transaction. */
  chunkSize?: number;
  /** Called after each chunk with valid rows written so far and valid rows in all. */
  onProgress?: (done: number, total: number) => void | Promise<void>;
  /**
   * Plans at once the teams that gained members, from tonight (if it has not begun), so they do not
   * wait for the nightly run. Every entry point that imports for real passes its shift rules.
   */
  planWith?: PlanPolicy;
}

export interface ImportSummary {
  /** Every data record in the file ends up in exactly one of the four counts. */
  total: number;
  created: number;
  updated: number;
  unchanged: number;
  skipped: number;
  /** Skipped rows, plus notices for rows written without everything they asked for. */
  errors: RosterError[];
}

type Outcome = "created" | "updated" | "unchanged" | RosterError;
/** What later chunks need from earlier ones; a chunk's share is merged only once it committed. */
interface RunState {
  orgIds: Map<string, number>;
  /** A person's affiliation comes from their first row in the file, so a re-run agrees with itself. */
  people: Set<number>;
  /** "person:team" pairs already written, so no two rows fight over one membership. */
  members: Set<string>;
  /** Teams with a member who became active, to plan once the import is written. */
  joined: Set<number>;
}
type ChunkResult = RunState & { outcomes: Outcome[]; notices: RosterError[] };

const ENDED = new Set(["rejected", "removed", "left"]);

/**
 * Registers a recruitment spreadsheet: creates the towns, communities and teams it names, and
 * its people as active, pre-approved members (they link to Telegram later by sharing their
 * phone). Running the same file again changes nothing; memberships that ended stay ended.
 */
export async function importRoster(ctx: DomainContext, roster: string | RosterRecords, options: ImportOptions = {}): Promise<ImportSummary> {
  await requireCoordinator(ctx);
  // CSV text, or the rows of a worksheet (roster-xlsx.ts).
  const { total, rows, errors } = typeof roster === "string" ? parseRosterCsv(roster) : parseRosterRecords(roster);
  const result: ImportSummary = { total, created: 0, updated: 0, unchanged: 0, skipped: total - rows.length, errors };
  const run: RunState = { orgIds: new Map(), people: new Set(), members: new Set(), joined: new Set() };
  // Bounded so one chunk's bulk insert stays under PostgreSQL's 65,535 bind parameters.
  const size = Math.min(Math.max(Math.trunc(options.chunkSize ?? 500), 1), 2000);
  for (let i = 0; i < rows.length; i += size) {
    await writeOrRetry(ctx, rows.slice(i, i + size), run, result);
    await options.onProgress?.(Math.min(i + size, rows.length), rows.length);
  }
  result.errors.sort((a, b) => a.line - b.line);
  const counts = { total, created: result.created, updated: result.updated, unchanged: result.unchanged, skipped: result.skipped, errors: result.errors.length };
  const digest = createHash("sha256").update(typeof roster === "string" ? roster : JSON.stringify(roster.records)).digest("hex").slice(0, 16);
  await ctx.db.transaction((tx) =>
    recordAudit(tx, ctx.actor, ctx.now, { action: "import.roster", subjectType: "roster", subjectId: digest, after: counts }),
  );
  ctx.logger.info(counts, "roster imported");
  if (options.planWith) await planTeamsNow(ctx, [...run.joined], options.planWith, true);
  return result;
}

/** A chunk is one transaction; if it fails, its rows go one by one so one bad row loses only itself. */
async function writeOrRetry(ctx: DomainContext, rows: RosterRow[], run: RunState, result: ImportSummary): Promise<void> {
  let chunk: ChunkResult;
  try {
    chunk = await ctx.db.transaction((tx) => writeChunk(tx, ctx, rows, run));
  } catch (error) {
    // Drizzle's own message repeats the whole query and its parameters; the cause says what failed.
    const message = ((error as Error).cause as Error | undefined)?.message ?? String(error);
    if (rows.length > 1) {
      ctx.logger.warn({ error: message, fromLine: rows[0]!.line }, "roster chunk failed; retrying row by row");
      for (const row of rows) await writeOrRetry(ctx, [row], run, result);
      return;
    }
    result.skipped += 1;
    result.errors.push({ line: rows[0]!.line, reason: "import.db_error", value: message.slice(0, 200) });
    return;
  }
  // Only a committed chunk's ids may be reused: a rolled-back one's never existed.
  run.orgIds = chunk.orgIds;
  chunk.people.forEach((id) => run.people.add(id));
  chunk.members.forEach((key) => run.members.add(key));
  chunk.joined.forEach((teamId) => run.joined.add(teamId));
  for (const outcome of chunk.outcomes) {
    if (typeof outcome === "string") result[outcome] += 1;
    else result.errors.push(outcome);
  }
  result.skipped += chunk.outcomes.filter((o) => typeof o !== "string").length;
  result.errors.push(...chunk.notices);
}

/** Set-based: a few bulk reads and inserts per chunk, and single-row writes only for changes. */
async function writeChunk(tx: Db, ctx: DomainContext, rows: RosterRow[], run: RunState): Promise<ChunkResult> {
  const mine: RunState = { orgIds: new Map(run.orgIds), people: new Set(), members: new Set(), joined: new Set() };
  const teamIds: number[] = [];
  for (const row of rows) teamIds.push((await ensureOrgPath(tx, row, mine.orgIds)).teamId);
  const personIds = await resolvePeople(tx, ctx.now, rows, teamIds);

  const distinctIds = [...new Set(personIds)];
  const [persons, existing, grants] = await Promise.all([
    tx.select({ id: people.id, telegramId: people.telegramId, affiliation: people.affiliation, affiliationKind: people.affiliationKind }).from(people).where(inArray(people.id, distinctIds)),
    tx.select().from(memberships).where(inArray(memberships.personId, distinctIds)),
    tx.select().from(roleGrants).where(and(inArray(roleGrants.personId, distinctIds), inArray(roleGrants.role, ["leader", "deputy"]))),
  ]);
  const personById = new Map(persons.map((p) => [p.id, p]));
  const membershipOf = new Map(existing.map((m) => [`${m.personId}:${m.teamId}`, m]));
  const grantKey = (g: { personId: number; role: string; teamId: number | null }) => `${g.personId}:${g.role}:${g.teamId}`;
  const liveGrants = new Set(grants.filter((g) => !g.revokedAt).map(grantKey));
  const endedGrants = new Set(grants.filter((g) => g.revokedAt).map(grantKey));

  const decidedBy = actorPersonId(ctx.actor);
  const stamp = { updatedAt: ctx.now };
  const newMemberships: (typeof memberships.$inferInsert)[] = [];
  const newGrants: (typeof roleGrants.$inferInsert)[] = [];
  const menus = new Set<number>();
  const outcomes: Outcome[] = [];
  const notices: RosterError[] = [];
  for (const [i, row] of rows.entries()) {
    const personId = personIds[i]!;
    const teamId = teamIds[i]!;
    const person = personById.get(personId)!;
    const key = `${personId}:${teamId}`;
    // Rows the parser cannot pair can still meet here: a phone row whose name differs from its
    // person's, and a phone-less row with that person's name.
    if (run.members.has(key) || mine.members.has(key)) {
      outcomes.push({ line: row.line, reason: "import.duplicate_in_file", value: row.phone ?? row.name });
      continue;
    }
    mine.members.add(key);
    const membership = membershipOf.get(key);
    if (membership && ENDED.has(membership.status)) {
      outcomes.push({ line: row.line, reason: "import.membership_ended", value: membership.status });
      continue;
    }
    let outcome: Outcome = "unchanged";
    if (!membership) {
      newMemberships.push({ personId, teamId, status: "active", source: "import", weekdays: row.weekdays, decidedBy, decidedAt: ctx.now, createdAt: ctx.now, ...stamp });
      mine.joined.add(teamId);
      outcome = "created";
    } else if (membership.status === "pending") {
      // The coordinator's list approves a signup that is still waiting for a leader.
      const weekdays = row.weekdays || membership.weekdays;
      await tx.update(memberships).set({ status: "active", weekdays, decidedBy, decidedAt: ctx.now, ...stamp }).where(eq(memberships.id, membership.id));
      await announceApprovedByImport(tx, ctx.now, membership.id, personId, teamId, row.name);
      mine.joined.add(teamId);
      outcome = "updated";
    } else if (row.weekdays !== 0 && row.weekdays !== membership.weekdays) {
      // An empty weekdays cell keeps what the volunteer chose; only a stated change counts.
      await tx.update(memberships).set({ weekdays: row.weekdays, ...stamp }).where(eq(memberships.id, membership.id));
      outcome = "updated";
    }
    const firstRow = !run.people.has(personId) && !mine.people.has(personId);
    mine.people.add(personId);
    if (firstRow && row.affiliation && (row.affiliation.text !== person.affiliation || row.affiliation.kind !== person.affiliationKind)) {
      await tx.update(people).set({ affiliation: row.affiliation.text, affiliationKind: row.affiliation.kind, ...stamp }).where(eq(people.id, personId));
      if (outcome === "unchanged") outcome = "updated";
    }
    const grant = grantKey({ personId, role: row.role, teamId });
    if (row.role !== "volunteer" && !liveGrants.has(grant)) {
      // A role someone took away after an earlier import is not handed back by the old list.
      if (endedGrants.has(grant)) {
        notices.push({ line: row.line, reason: "import.role_ended", value: row.role });
      } else {
        newGrants.push({ personId, role: row.role, teamId, grantedBy: decidedBy, grantedAt: ctx.now });
        liveGrants.add(grant);
        if (outcome === "unchanged") outcome = "updated";
      }
    }
    if (outcome !== "unchanged" && person.telegramId !== null) menus.add(personId);
    outcomes.push(outcome);
  }
  if (newMemberships.length > 0) await tx.insert(memberships).values(newMemberships);
  if (newGrants.length > 0) await tx.insert(roleGrants).values(newGrants).onConflictDoNothing();
  for (const personId of menus) await refreshCommandMenu(tx, personId, ctx.now);
  return { ...mine, outcomes, notices };
}

/**
 * The person each row is about: an existing one with the phone (Telegram-linked or not), else an
 * imported one of the same name in the team, else a new one (one per phone across the chunk).
 */
async function resolvePeople(tx: Db, now: Date, rows: RosterRow[], teamIds: number[]): Promise<number[]> {
  const phones = [...new Set(rows.flatMap((r) => (r.phone ? [r.phone] : [])))];
  const names = [...new Set(rows.filter((r) => !r.phone).map((r) => r.name))];
  const [byPhone, byName] = await Promise.all([
    phones.length === 0 ? [] : tx.select({ id: people.id, name: people.name, phone: people.phone }).from(people)
      .where(and(inArray(people.phone, phones), isNull(people.forgottenAt))).orderBy(people.id),
    names.length === 0 ? [] : tx.selectDistinct({ id: people.id, name: people.name, teamId: memberships.teamId }).from(people)
      .innerJoin(memberships, and(eq(memberships.personId, people.id), eq(memberships.source, "import")))
      .where(and(inArray(people.name, names), inArray(memberships.teamId, [...new Set(teamIds)]), isNull(people.forgottenAt))),
  ]);
  const ids = rows.map((row, i) => {
    if (!row.phone) return byName.find((p) => p.teamId === teamIds[i] && p.name === row.name)?.id;
    const sharing = byPhone.filter((p) => p.phone === row.phone);
    // A family phone can belong to several people: the one with this name, else the first.
    return (sharing.find((p) => p.name === row.name) ?? sharing[0])?.id;
  });

  // One new person per unknown phone, made from the phone's first row in the chunk.
  const firstOfPhone = new Map<string, number>();
  rows.forEach((row, i) => row.phone && !firstOfPhone.has(row.phone) && firstOfPhone.set(row.phone, i));
  const fresh = [...rows.keys()].filter((i) => ids[i] === undefined && (!rows[i]!.phone || firstOfPhone.get(rows[i]!.phone!) === i));
  if (fresh.length === 0) return ids as number[];
  const inserted = await tx
    .insert(people)
    .values(fresh.map((i) => ({ name: rows[i]!.name, phone: rows[i]!.phone, affiliation: rows[i]!.affiliation?.text, affiliationKind: rows[i]!.affiliation?.kind, createdAt: now, updatedAt: now })))
    .returning({ id: people.id });
  // Identity values are drawn in VALUES order, so ascending ids line up with `fresh`.
  const newIds = inserted.map((r) => r.id).sort((a, b) => a - b);
  fresh.forEach((rowIndex, n) => (ids[rowIndex] = newIds[n]));
  return rows.map((row, i) => ids[i] ?? ids[firstOfPhone.get(row.phone!)!]!);
}

/** A signup the list approved: its card stops asking the leaders, and the volunteer is told. */
async function announceApprovedByImport(tx: Db, now: Date, membershipId: number, personId: number, teamId: number, name: string): Promise<void> {
  const team = teamLabel(await getTeamScope(tx, teamId));
  await editCardCopies(tx, now, signupCardGroup(membershipId), { key: "card-signup-imported", args: { name, team } });
  const [person] = await tx.select(recipientColumns).from(people).where(eq(people.id, personId));
  const to = person ? toRecipient(person) : null;
  if (to) {
    await enqueueMessages(tx, now, [
      { to, payload: { kind: "message", text: { key: "notice-signup-approved", args: { team } } }, dedupeKey: `signup-decision:${membershipId}:import` },
    ]);
  }
}
