import { and, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DomainError } from "../../src/domain/errors.js";
import { createInvite, listInvites, resolveInvite, revokeInvite } from "../../src/roster/invites.js";
import type { Database } from "../../src/storage/db.js";
import { auditLog } from "../../src/storage/schema/index.js";
import { asPerson, contextFor, makePerson, makeTeam } from "../support/domain.js";
import { openTestDatabase } from "../support/test-database.js";

let database: Database;
beforeAll(async () => {
  database = await openTestDatabase();
});
afterAll(async () => {
  await database?.close();
});

const reasonOf = (promise: Promise<unknown>) =>
  promise.then(
    () => "resolved",
    (e: unknown) => (e instanceof DomainError ? e.reason : String(e)),
  );

describe("invite links", () => {
  it("When an invite's time is up, then it no longer resolves and no longer lists", async () => {
    const { db } = database;
    const team = await makeTeam(db);
    const leader = await makePerson(db, { role: "leader", teamId: team.teamId });
    const created = new Date("2026-05-01T08:00:00Z");
    const invite = await createInvite(contextFor(db, asPerson(leader.personId), created), { teamId: team.teamId, ttlDays: 7 });

    expect((await resolveInvite(db, invite.code, new Date("2026-05-07T08:00:00Z"))).scope.teamId).toBe(team.teamId);
    expect(await reasonOf(resolveInvite(db, invite.code, new Date("2026-05-08T08:00:01Z")))).toBe("invite.expired");
    expect(await listInvites(contextFor(db, asPerson(leader.personId), new Date("2026-05-09T00:00:00Z")), team.teamId)).toEqual([]);
  });

  it("When an invite is revoked, then it stops working, a second revoke says so, and both acts are audited", async () => {
    const { db } = database;
    const team = await makeTeam(db);
    const leader = await makePerson(db, { role: "leader", teamId: team.teamId });
    const ctx = contextFor(db, asPerson(leader.personId));
    const invite = await createInvite(ctx, { teamId: team.teamId, ttlDays: 30 });
    await revokeInvite(ctx, invite.id);

    expect(await reasonOf(resolveInvite(db, invite.code, ctx.now))).toBe("invite.revoked");
    expect(await reasonOf(revokeInvite(ctx, invite.id))).toBe("invite.already_revoked");
    const audit = await db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.subjectType, "invite"), eq(auditLog.subjectId, String(invite.id))));
    expect(audit.map((a) => a.action).sort()).toEqual(["invite.create", "invite.revoke"]);
    expect(audit.every((a) => a.actorPersonId === leader.personId)).toBe(true);
  });

  it("When a volunteer or another team's leader asks for an invite, then it is forbidden", async () => {
    const { db } = database;
    const team = await makeTeam(db);
    const other = await makeTeam(db);
    const otherLeader = await makePerson(db, { role: "leader", teamId: other.teamId });
    const nobody = await makePerson(db);
    for (const who of [otherLeader, nobody]) {
      expect(await reasonOf(createInvite(contextFor(db, asPerson(who.personId)), { teamId: team.teamId, ttlDays: 1 }))).toBe("team.invite");
    }
  });

  it("When a code is malformed or unknown, then it is simply unknown", async () => {
    expect(await reasonOf(resolveInvite(database.db, "../../etc", new Date()))).toBe("invite.unknown");
    expect(await reasonOf(resolveInvite(database.db, "abcdefghijkm", new Date()))).toBe("invite.unknown");
  });
});
