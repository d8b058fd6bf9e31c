import { and, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { generateShifts } from "../../src/shifts/generate-shifts.js";
import type { Database } from "../../src/storage/db.js";
import { assignments, duties, shifts } from "../../src/storage/schema/index.js";
import { addMember, contextFor, makePerson, makeTeam, system } from "../support/domain.js";
import { openTestDatabase } from "../support/test-database.js";

let database: Database;
beforeAll(async () => {
  database = await openTestDatabase();
});
afterAll(async () => {
  await database?.close();
});

const options = { days: 14, timeZone: "Asia/Shanghai", defaultWeeklyCap: 2, reminders: { ask: 1440, nudge: 120, checkin: 15 } };
// A Monday; nights far apart per test so plans never overlap.
let nextFrom = new Date("2027-01-04T00:00:00Z");
const from = () => {
  const night = nextFrom.toISOString().slice(0, 10);
  nextFrom = new Date(nextFrom.getTime() + 70 * 86_400_000);
  return night;
};

async function teamShifts(teamId: number) {
  return database.db.select().from(shifts).where(eq(shifts.teamId, teamId)).orderBy(shifts.night);
}

describe("planning the coming nights", () => {
  it("When a team is planned, then each night gets a 20:00-24:00 shift led by the team leader, filled within caps, and a second run changes nothing", async () => {
    const { db } = database;
    const team = await makeTeam(db);
    const leader = await makePerson(db, { role: "leader", teamId: team.teamId });
    for (let i = 0; i < 10; i++) await addMember(db, team.teamId);
    const first = from();

    const summary = await generateShifts(contextFor(db, system), { ...options, from: first });
    const again = await generateShifts(contextFor(db, system), { ...options, from: first });

    const planned = await teamShifts(team.teamId);
    expect(planned).toHaveLength(14);
    expect(planned[0]).toMatchObject({ night: first, required: 4, leaderPersonId: leader.personId });
    expect(planned[0]!.startsAt.toISOString()).toBe(`${first}T12:00:00.000Z`);
    expect(planned[0]!.endsAt.toISOString()).toBe(`${first}T16:00:00.000Z`);
    // 10 members × 2 nights a week = 20 places a week against 28 needed.
    expect(summary.assignmentsCreated).toBe(40);
    expect(summary.shortShifts).toBeGreaterThan(0);
    expect(again).toMatchObject({ shiftsCreated: 0, assignmentsCreated: 0 });
  });

  it("When the window crosses midnight, then the shift ends the next morning and belongs to the night it starts", async () => {
    const { db } = database;
    const team = await makeTeam(db);
    await addMember(db, team.teamId);
    const now = new Date();
    await db.insert(duties).values({ teamId: team.teamId, kind: "patrol", name: "patrol", startTime: "22:00", endTime: "02:00", createdAt: now });
    const first = from();
    await generateShifts(contextFor(db, system), { ...options, from: first, days: 1 });
    const [shift] = await teamShifts(team.teamId);
    expect(shift!.night).toBe(first);
    expect(shift!.startsAt.toISOString()).toBe(`${first}T14:00:00.000Z`);
    expect(shift!.endsAt.getTime() - shift!.startsAt.getTime()).toBe(4 * 3_600_000);
  });

  it("When a team has a week-long crossing post, then one person holds each week, besides the nightly patrol", async () => {
    const { db } = database;
    const team = await makeTeam(db);
    for (let i = 0; i < 6; i++) await addMember(db, team.teamId);
    const [post] = await db
      .insert(duties)
      .values({ teamId: team.teamId, kind: "post", name: "Crossing 3", location: "Road into Shanghai", rota: "weekly", startTime: "19:00", endTime: "07:00", createdAt: new Date() })
      .returning();
    await generateShifts(contextFor(db, system), { ...options, from: from() });
    const onPost = await db
      .select({ night: assignments.night, personId: assignments.personId })
      .from(assignments)
      .innerJoin(shifts, and(eq(shifts.id, assignments.shiftId), eq(shifts.dutyId, post!.id)))
      .orderBy(assignments.night);
    expect(onPost).toHaveLength(14);
    const [week1, week2] = [onPost.slice(0, 7), onPost.slice(7)];
    expect(new Set(week1.map((a) => a.personId)).size).toBe(1);
    expect(new Set(week2.map((a) => a.personId)).size).toBe(1);
    expect(week1[0]!.personId).not.toBe(week2[0]!.personId);
  });
});
