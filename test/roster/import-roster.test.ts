import { and, eq, inArray, isNull, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { revokeRole } from "../../src/access/grant-role.js";
import { ForbiddenError } from "../../src/domain/errors.js";
import { importRoster } from "../../src/roster/import-roster.js";
import { createInvite } from "../../src/roster/invites.js";
import { removeMember } from "../../src/roster/remove-member.js";
import { submitSignup } from "../../src/roster/submit-signup.js";
import type { Database, Db } from "../../src/storage/db.js";
import { auditLog, communities, memberships, outbox, people, roleGrants, teams, towns } from "../../src/storage/schema/index.js";
import { asPerson, contextFor, makePerson, system } from "../support/domain.js";
import { openTestDatabase } from "../support/test-database.js";

let database: Database;
beforeAll(async () => {
  database = await openTestDatabase();
});
afterAll(async () => {
  await database?.close();
});

const HEADER = "town,community,team,name,phone,role,weekdays,affiliation";
let runs = 0;
/** A town name and a block of phone numbers no other test uses. */
function fresh() {
  runs += 1;
  return { town: `Town ${process.pid}-${runs}`, phone: (n: number) => `139${String(runs).padStart(4, "0")}${String(n).padStart(4, "0")}` };
}

async function membersOf(db: Db, town: string) {
  return db
    .select({ name: people.name, phone: people.phone, telegramId: people.telegramId, kind: people.affiliationKind, team: teams.name, status: memberships.status, source: memberships.source, weekdays: memberships.weekdays })
    .from(memberships)
    .innerJoin(people, eq(people.id, memberships.personId))
    .innerJoin(teams, eq(teams.id, memberships.teamId))
    .innerJoin(communities, eq(communities.id, teams.communityId))
    .innerJoin(towns, and(eq(towns.id, communities.townId), eq(towns.name, town)))
    .orderBy(people.name);
}

/** Everything an import may touch, in a stable order, to compare before and after. */
async function snapshot(db: Db) {
  const [a, b, c, d, e, f, g] = await Promise.all([
    db.select().from(towns).orderBy(towns.id),
    db.select().from(communities).orderBy(communities.id),
    db.select().from(teams).orderBy(teams.id),
    db.select().from(people).orderBy(people.id),
    db.select().from(memberships).orderBy(memberships.id),
    db.select().from(roleGrants).orderBy(roleGrants.id),
    db.select().from(outbox).orderBy(outbox.id),
  ]);
  return { towns: a, communities: b, teams: c, people: d, memberships: e, roleGrants: f, outbox: g };
}

describe("importing a recruitment spreadsheet", () => {
  it("When a coordinator imports a spreadsheet, then its units exist and its people are active members with their roles", async () => {
    const { db } = database;
    const { town, phone } = fresh();
    const csv = [HEADER, `${town},Zhuyuan村,Team A,Wang Fang,${phone(1)},带班,1-5,中共党员`, `${town},Zhuyuan村,Team A,Li Lei,${phone(2)},deputy,周六,嘉兴电力局`,
      `${town},Xinfeng社区,Team B,Han Meimei,,,,学生`].join("\n");

    const result = await importRoster(contextFor(db, system), csv);

    expect(result).toEqual({ total: 3, created: 3, updated: 0, unchanged: 0, skipped: 0, errors: [] });
    const [townRow] = await db.select().from(towns).where(eq(towns.name, town));
    const units = await db.select({ community: communities.name, kind: communities.kind, team: teams.name }).from(teams)
      .innerJoin(communities, eq(communities.id, teams.communityId)).where(eq(communities.townId, townRow!.id)).orderBy(teams.name);
    expect(units).toEqual([{ community: "Zhuyuan村", kind: "village", team: "Team A" }, { community: "Xinfeng社区", kind: "community", team: "Team B" }]);
    expect(await membersOf(db, town)).toEqual([
      { name: "Han Meimei", phone: null, telegramId: null, kind: "student", team: "Team B", status: "active", source: "import", weekdays: 0 },
      { name: "Li Lei", phone: `+86${phone(2)}`, telegramId: null, kind: "unit", team: "Team A", status: "active", source: "import", weekdays: 0b0100000 },
      { name: "Wang Fang", phone: `+86${phone(1)}`, telegramId: null, kind: "party", team: "Team A", status: "active", source: "import", weekdays: 0b0011111 },
    ]);
    const grants = await db.select({ role: roleGrants.role, name: people.name }).from(roleGrants).innerJoin(people, eq(people.id, roleGrants.personId))
      .where(inArray(people.phone, [`+86${phone(1)}`, `+86${phone(2)}`])).orderBy(roleGrants.role);
    expect(grants).toEqual([{ role: "leader", name: "Wang Fang" }, { role: "deputy", name: "Li Lei" }]);
  });

  it("When some rows are bad, then each is reported with its line and reason and every good row is stored", async () => {
    const { db } = database;
    const { town, phone } = fresh();
    const csv = [HEADER, `${town},C,T,Ann,${phone(1)},,,`, `${town},C,T,Bob,12345678901234567,,,`, `${town},C,T,"Cy`, `multi-line",,,,`,
      `${town},C,T,Di,,boss,,`, `${town},C,T,Ed,${phone(1)},,,`, `${town},C,T,Flo,,,,`].join("\n");

    const result = await importRoster(contextFor(db, system), csv, { chunkSize: 2 });

    expect(result.errors).toEqual([
      { line: 3, reason: "import.bad_phone", value: "12345678901234567" },
      { line: 6, reason: "import.bad_role", value: "boss" },
      { line: 7, reason: "import.duplicate_in_file", value: `+86${phone(1)}` },
    ]);
    expect({ ...result, errors: undefined }).toEqual({ total: 6, created: 3, updated: 0, unchanged: 0, skipped: 3, errors: undefined });
    expect((await membersOf(db, town)).map((m) => m.name)).toEqual(["Ann", "Cy\nmulti-line", "Flo"]);
  });

  it("When a row fails in the database, then its chunk is retried row by row and only that row is lost", async () => {
    const { db } = database;
    const { town } = fresh();
    // A trigger refuses this one name: a real database error for this one row.
    await db.execute(sql.raw(`create function refuse_bad_name() returns trigger language plpgsql as $$
      begin if new.name = 'Bad Name' then raise exception 'refused by the test'; end if; return new; end $$`));
    await db.execute(sql.raw("create trigger refuse_bad_name before insert on people for each row execute function refuse_bad_name()"));
    const csv = [HEADER, `${town},C,T,Ann,,,,`, `${town},C,T,Bad Name,,,,`, `${town},C,T,Cy,,,,`].join("\n");
    const progress: Array<[number, number]> = [];

    const result = await importRoster(contextFor(db, system), csv, { chunkSize: 2, onProgress: (done, total) => void progress.push([done, total]) });
    await db.execute(sql.raw("drop trigger refuse_bad_name on people"));
    await db.execute(sql.raw("drop function refuse_bad_name()"));

    expect(result).toMatchObject({ total: 3, created: 2, skipped: 1 });
    expect(result.errors).toMatchObject([{ line: 3, reason: "import.db_error" }]);
    expect((await membersOf(db, town)).map((m) => m.name)).toEqual(["Ann", "Cy"]);
    expect(progress).toEqual([[2, 3], [3, 3]]);
  });

  it("When the same file is imported again, then nothing changes but one summary audit entry", async () => {
    const { db } = database;
    const { town, phone } = fresh();
    const linked = await makePerson(db);
    await db.update(people).set({ phone: `+86${phone(99)}` }).where(eq(people.id, linked.personId));
    const rows = Array.from({ length: 40 }, (_, i) => `${town},C${i % 3},T${i % 4},P${i},${i % 10 === 0 ? "" : phone(i)},${i % 7 === 0 ? "队长" : ""},一三五,单位${i % 5}`);
    // P1 is in a second team too, where the sheet gives another affiliation: the first row's wins.
    const csv = [HEADER, ...rows, `${town},C0,T0,Already On Telegram,${phone(99)},leader,,`, `${town},C1,T9,P1,${phone(1)},,,党员`].join("\n");

    const menusOf = (messages: Array<typeof outbox.$inferSelect>) =>
      messages.filter((m) => m.personId === linked.personId && (m.payload as { kind: string }).kind === "commands").length;
    const menusAtFirstContact = menusOf(await db.select().from(outbox));

    const first = await importRoster(contextFor(db, system), csv, { chunkSize: 16 });
    const before = await snapshot(db);
    const [{ audits }] = (await db.select({ audits: sql<number>`count(*)::int` }).from(auditLog)) as [{ audits: number }];
    const again = await importRoster(contextFor(db, system), csv, { chunkSize: 7 });

    expect(first).toMatchObject({ total: 42, created: 42, skipped: 0 });
    expect(again).toEqual({ total: 42, created: 0, updated: 0, unchanged: 42, skipped: 0, errors: [] });
    expect(await snapshot(db)).toEqual(before);
    const [{ after }] = (await db.select({ after: sql<number>`count(*)::int` }).from(auditLog)) as [{ after: number }];
    expect(after).toBe(audits + 1);
    // The person already on Telegram was matched by phone and told about their new commands once.
    expect(menusOf(before.outbox)).toBe(menusAtFirstContact + 1);
  });

  it("When weekdays or affiliation change in a later file, then those rows count as updated, and empty cells keep what is there", async () => {
    const { db } = database;
    const { town, phone } = fresh();
    const row = (name: string, n: number, weekdays: string, affiliation: string) => `${town},C,T,${name},${phone(n)},,${weekdays},${affiliation}`;
    await importRoster(contextFor(db, system), [HEADER, row("Ann", 1, "1", "学生"), row("Bob", 2, "1", "学生"), row("Cy", 3, "2", "学生")].join("\n"));

    const result = await importRoster(contextFor(db, system), [HEADER, row("Ann", 1, "1 2", "学生"), row("Bob", 2, "1", "新居民"), row("Cy", 3, "", "")].join("\n"));

    expect(result).toMatchObject({ created: 0, updated: 2, unchanged: 1 });
    expect((await membersOf(db, town)).map((m) => [m.name, m.weekdays, m.kind])).toEqual([["Ann", 0b11, "student"], ["Bob", 1, "newcomer"], ["Cy", 0b10, "student"]]);
  });

  it("When a later file names a person once by phone under another name and once by name alone, then the second row is a duplicate", async () => {
    const { db } = database;
    const { town, phone } = fresh();
    await importRoster(contextFor(db, system), [HEADER, `${town},C,T,Ann,${phone(1)},,,`].join("\n"));

    const result = await importRoster(contextFor(db, system), [HEADER, `${town},C,T,Ann Li,${phone(1)},,,`, `${town},C,T,Ann,,,周日,`].join("\n"), { chunkSize: 1 });

    expect(result).toEqual({ total: 2, created: 0, updated: 0, unchanged: 1, skipped: 1, errors: [{ line: 3, reason: "import.duplicate_in_file", value: "Ann" }] });
    expect((await membersOf(db, town)).map((m) => [m.name, m.weekdays])).toEqual([["Ann", 0]]);
  });

  it("When a membership or a role was ended after an import, then importing again does not bring it back", async () => {
    const { db } = database;
    const { town, phone } = fresh();
    const csv = [HEADER, `${town},C,T,Ann,${phone(1)},,,`, `${town},C,T,Bob,${phone(2)},leader,,`].join("\n");
    await importRoster(contextFor(db, system), csv);
    const [ann, bob] = await db.select({ id: memberships.id, personId: memberships.personId, teamId: memberships.teamId }).from(memberships)
      .innerJoin(people, eq(people.id, memberships.personId)).where(inArray(people.phone, [`+86${phone(1)}`, `+86${phone(2)}`])).orderBy(people.phone);
    await removeMember(contextFor(db, system), ann!.id);
    await revokeRole(contextFor(db, system), { personId: bob!.personId, role: "leader", teamId: bob!.teamId });

    const result = await importRoster(contextFor(db, system), csv);

    expect(result).toEqual({
      total: 2, created: 0, updated: 0, unchanged: 1, skipped: 1,
      errors: [{ line: 2, reason: "import.membership_ended", value: "removed" }, { line: 3, reason: "import.role_ended", value: "leader" }],
    });
    expect((await membersOf(db, town)).map((m) => [m.name, m.status])).toEqual([["Ann", "removed"], ["Bob", "active"]]);
    const live = await db.select().from(roleGrants).where(and(eq(roleGrants.personId, bob!.personId), isNull(roleGrants.revokedAt)));
    expect(live).toEqual([]);
  });

  it("When a volunteer who is no coordinator imports, then it is forbidden and nothing is written", async () => {
    const { db } = database;
    const { town } = fresh();
    const volunteer = await makePerson(db);

    const attempt = importRoster(contextFor(db, asPerson(volunteer.personId)), [HEADER, `${town},C,T,Ann,,,,`].join("\n"));

    await expect(attempt).rejects.toBeInstanceOf(ForbiddenError);
    expect(await db.select().from(towns).where(eq(towns.name, town))).toEqual([]);
  });

  it("When an imported volunteer signs up through an invite with the same phone, then they are linked and active at once", async () => {
    const { db } = database;
    const { town, phone } = fresh();
    const coordinator = await makePerson(db, { role: "coordinator" });
    await importRoster(contextFor(db, asPerson(coordinator.personId)), [HEADER, `${town},C,T,Zhao Min,${phone(1)},,周一,`].join("\n"));
    const [team] = await db.select({ id: teams.id }).from(teams).innerJoin(communities, eq(communities.id, teams.communityId))
      .innerJoin(towns, eq(towns.id, communities.townId)).where(eq(towns.name, town));
    const leader = await makePerson(db, { role: "leader", teamId: team!.id });
    const invite = await createInvite(contextFor(db, asPerson(leader.personId)), { teamId: team!.id, ttlDays: 30 });
    const newcomer = await makePerson(db);

    const signup = await submitSignup(contextFor(db, asPerson(newcomer.personId)), { code: invite.code, name: "Zhao Min", phone: `+86${phone(1)}`, weekdays: 1, consent: true });

    expect(signup.outcome).toBe("linked");
    expect(await membersOf(db, town)).toMatchObject([{ name: "Zhao Min", telegramId: newcomer.telegramId, status: "active" }]);
  });
});

describe("a spreadsheet meets a waiting signup", () => {
  it("When the list names someone whose signup waits for a leader, then they become active, the volunteer is told and the leaders' cards stop asking", async () => {
    const { db } = database;
    const { town, phone } = fresh();
    await importRoster(contextFor(db, system), [HEADER, `${town},Lakeside,Lake Team,Old Hand,${phone(1)},,1,`].join("\n"));
    const [team] = await db
      .select({ id: teams.id })
      .from(teams)
      .innerJoin(communities, eq(communities.id, teams.communityId))
      .innerJoin(towns, and(eq(towns.id, communities.townId), eq(towns.name, town)));
    const leader = await makePerson(db, { role: "leader", teamId: team!.id });
    const volunteer = await makePerson(db);
    const invite = await createInvite(contextFor(db, system), { teamId: team!.id, ttlDays: 1 });
    const { membershipId } = await submitSignup(contextFor(db, asPerson(volunteer.personId)), {
      code: invite.code, name: "Wei Na", phone: `86${phone(2)}`, weekdays: 2, consent: true,
    });

    const summary = await importRoster(contextFor(db, system), [HEADER, `${town},Lakeside,Lake Team,Wei Na,${phone(2)},,,`].join("\n"));

    expect(summary.updated).toBe(1);
    const [row] = await db.select({ status: memberships.status }).from(memberships).where(eq(memberships.id, membershipId));
    expect(row?.status).toBe("active");
    const queued = await db.select({ payload: outbox.payload, chatId: outbox.chatId }).from(outbox).where(inArray(outbox.chatId, [volunteer.telegramId]));
    expect(queued.map((q) => (q.payload as { text?: { key: string } }).text?.key)).toContain("notice-signup-approved");
    const toLeader = await db.select({ payload: outbox.payload }).from(outbox).where(eq(outbox.chatId, leader.telegramId));
    const texts = toLeader.map((e) => e.payload as { kind: string; text?: { key: string } }).filter((p) => p.kind !== "commands");
    expect(texts.map((p) => `${p.kind}:${p.text?.key}`)).toEqual(["message:card-signup", "edit:card-signup-imported"]);
  });
});
