import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DomainError } from "../../src/domain/errors.js";
import { createInvite } from "../../src/roster/invites.js";
import { decideMembership } from "../../src/roster/decide-membership.js";
import { submitSignup } from "../../src/roster/submit-signup.js";
import type { Database } from "../../src/storage/db.js";
import { memberships, outbox } from "../../src/storage/schema/index.js";
import { asPerson, contextFor, makePerson, makeTeam } from "../support/domain.js";
import { openTestDatabase } from "../support/test-database.js";

let database: Database;
beforeAll(async () => {
  database = await openTestDatabase();
});
afterAll(async () => {
  await database?.close();
});

async function rejection(promise: Promise<unknown>): Promise<DomainError> {
  const error = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(DomainError);
  return error as DomainError;
}

describe("signup through an invite", () => {
  it("When a volunteer submits a signup, then the membership is pending and each lead gets one card", async () => {
    const { db } = database;
    const team = await makeTeam(db);
    const leader = await makePerson(db, { role: "leader", teamId: team.teamId });
    const deputy = await makePerson(db, { role: "deputy", teamId: team.teamId });
    const invite = await createInvite(contextFor(db, asPerson(leader.personId)), { teamId: team.teamId, ttlDays: 30 });
    const volunteer = await makePerson(db);

    const input = { code: invite.code, name: "Wang Fang", phone: "8613800138000", weekdays: 0b101, consent: true as const };
    const first = await submitSignup(contextFor(db, asPerson(volunteer.personId)), input);
    const again = await submitSignup(contextFor(db, asPerson(volunteer.personId)), input);

    expect(first.outcome).toBe("pending");
    expect(again.membershipId).toBe(first.membershipId);
    const cards = await db.select().from(outbox).where(eq(outbox.groupKey, `signup:${first.membershipId}`));
    expect(cards.map((c) => c.chatId).sort()).toEqual([leader.telegramId, deputy.telegramId].sort());
  });

  it("When two leads decide at once, then exactly one decision wins and the other is told it was taken", async () => {
    const { db } = database;
    const team = await makeTeam(db);
    const a = await makePerson(db, { role: "leader", teamId: team.teamId });
    const b = await makePerson(db, { role: "deputy", teamId: team.teamId });
    const invite = await createInvite(contextFor(db, asPerson(a.personId)), { teamId: team.teamId, ttlDays: 30 });
    const volunteer = await makePerson(db);
    const { membershipId } = await submitSignup(contextFor(db, asPerson(volunteer.personId)), {
      code: invite.code, name: "Li Lei", phone: null, weekdays: 1, consent: true,
    });

    const results = await Promise.allSettled([
      decideMembership(contextFor(db, asPerson(a.personId)), { membershipId, decision: "approve" }),
      decideMembership(contextFor(db, asPerson(b.personId)), { membershipId, decision: "reject" }),
    ]);

    expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(1);
    const failed = results.find((r) => r.status === "rejected") as PromiseRejectedResult;
    expect((failed.reason as DomainError).reason).toBe("signup.already_decided");
    const [row] = await db.select().from(memberships).where(eq(memberships.id, membershipId));
    expect(["active", "rejected"]).toContain(row!.status);
  });

  it("When a leader of another team tries to approve, then it is forbidden and nothing changes", async () => {
    const { db } = database;
    const team = await makeTeam(db);
    const other = await makeTeam(db);
    const leader = await makePerson(db, { role: "leader", teamId: team.teamId });
    const stranger = await makePerson(db, { role: "leader", teamId: other.teamId });
    const invite = await createInvite(contextFor(db, asPerson(leader.personId)), { teamId: team.teamId, ttlDays: 30 });
    const volunteer = await makePerson(db);
    const { membershipId } = await submitSignup(contextFor(db, asPerson(volunteer.personId)), {
      code: invite.code, name: "Zhao Min", phone: null, weekdays: 3, consent: true,
    });

    const error = await rejection(decideMembership(contextFor(db, asPerson(stranger.personId)), { membershipId, decision: "approve" }));

    expect(error.code).toBe("forbidden");
    const [row] = await db.select().from(memberships).where(eq(memberships.id, membershipId));
    expect(row!.status).toBe("pending");
  });
});

describe("who sees a signup's phone number", () => {
  it("When a team has no leader yet, then the town supervisor gets the card without the phone", async () => {
    const { db } = database;
    const team = await makeTeam(db);
    const supervisor = await makePerson(db, { role: "supervisor", townId: team.townId });
    const invite = await createInvite(contextFor(db, { type: "system", job: "test" }), { teamId: team.teamId, ttlDays: 1 });
    const volunteer = await makePerson(db);
    const { membershipId } = await submitSignup(contextFor(db, asPerson(volunteer.personId)), {
      code: invite.code, name: "Qin Hao", phone: "8613811112222", weekdays: 1, consent: true,
    });
    const cards = await db.select().from(outbox).where(eq(outbox.groupKey, `signup:${membershipId}`));
    expect(cards.map((c) => c.chatId)).toEqual([supervisor.telegramId]);
    expect(JSON.stringify(cards[0]!.payload)).not.toContain("8613811112222");
    expect(JSON.stringify(cards[0]!.payload)).toContain("Qin Hao");
  });
});
