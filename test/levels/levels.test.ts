import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { levelsAt } from "../../src/levels/level-at.js";
import { addSpecialDay, removeSpecialDay } from "../../src/levels/special-days.js";
import { generateShifts } from "../../src/shifts/generate-shifts.js";
import type { Database } from "../../src/storage/db.js";
import { auditLog, responseLevels, shifts } from "../../src/storage/schema/index.js";
import { addMember, asPerson, contextFor, makePerson, makeTeam, system } from "../support/domain.js";
import { testPolicy } from "../support/shifts.js";
import { openTestDatabase } from "../support/test-database.js";

let database: Database;
beforeAll(async () => {
  database = await openTestDatabase();
});
afterAll(async () => database?.close());

const at = (iso: string) => new Date(iso);

describe("the level in force", () => {
  it("When the district, a town and the calendar each set a level, then the highest in force at that moment counts, and a town never lowers the district", async () => {
    const db = database.db;
    const here = await makeTeam(db, "lvl");
    const there = await makeTeam(db, "lvl");
    // Fixtures for the levels coordinators set (the /level dialog writes the same rows).
    await db.insert(responseLevels).values([
      { level: "heightened", townId: null, startsAt: at("2027-03-01T00:00:00Z"), endsAt: at("2027-03-03T00:00:00Z"), createdAt: at("2027-02-28T00:00:00Z") },
      { level: "level1", townId: here.townId, startsAt: at("2027-03-02T00:00:00Z"), endsAt: null, createdAt: at("2027-02-28T00:00:00Z") },
      { level: "normal", townId: there.townId, startsAt: at("2027-03-01T00:00:00Z"), endsAt: null, createdAt: at("2027-02-28T00:00:00Z") },
    ]);
    await addSpecialDay(contextFor(db, system), { night: "2027-03-10", kind: "social_patrol_day", name: "Spring patrol day" });
    const moments = [
      { night: "2027-02-28", at: at("2027-02-28T12:00:00Z") },
      { night: "2027-03-01", at: at("2027-03-01T12:00:00Z") },
      { night: "2027-03-02", at: at("2027-03-02T12:00:00Z") },
      { night: "2027-03-05", at: at("2027-03-05T12:00:00Z") },
      { night: "2027-03-10", at: at("2027-03-10T12:00:00Z") },
    ];
    expect(await levelsAt(db, here.townId, moments)).toEqual(["normal", "heightened", "level1", "level1", "level1"]);
    expect(await levelsAt(db, there.townId, moments)).toEqual(["normal", "heightened", "heightened", "normal", "level1"]);
    expect(await levelsAt(db, null, moments)).toEqual(["normal", "heightened", "heightened", "normal", "level1"]);
  });
});

describe("the special-days calendar", () => {
  it("When a holiday is on the calendar, then the nights planned for it need the level-1 headcount, and the other nights the normal one", async () => {
    const db = database.db;
    const team = await makeTeam(db, "holiday");
    await makePerson(db, { role: "leader", teamId: team.teamId });
    for (let i = 0; i < 10; i++) await addMember(db, team.teamId);
    await addSpecialDay(contextFor(db, system), { night: "2027-10-01", kind: "holiday", name: "National Day" });
    await generateShifts(contextFor(db, system, at("2027-09-30T01:00:00Z")), { from: "2027-09-30", days: 2, timeZone: testPolicy.timeZone, defaultWeeklyCap: 7, reminders: testPolicy.reminders });
    const planned = await db.select({ night: shifts.night, required: shifts.required }).from(shifts).where(eq(shifts.teamId, team.teamId)).orderBy(shifts.night);
    expect(planned).toEqual([
      { night: "2027-09-30", required: 4 },
      { night: "2027-10-01", required: 8 },
    ]);
  });

  it("When a volunteer edits the calendar, then it is refused; a coordinator's change and removal are audited", async () => {
    const db = database.db;
    const volunteer = await makePerson(db);
    const coordinator = await makePerson(db, { role: "coordinator" });
    await expect(addSpecialDay(contextFor(db, asPerson(volunteer.personId)), { night: "2027-05-01", kind: "holiday", name: "Labour Day" })).rejects.toMatchObject({ reason: "coordinator_only" });
    await expect(addSpecialDay(contextFor(db, asPerson(coordinator.personId)), { night: "2027-13-01", kind: "holiday", name: "Nowhere" })).rejects.toMatchObject({ reason: "specialday.invalid" });
    await addSpecialDay(contextFor(db, asPerson(coordinator.personId)), { night: "2027-05-01", kind: "holiday", name: "Labour Day" });
    await removeSpecialDay(contextFor(db, asPerson(coordinator.personId)), "2027-05-01");
    await expect(removeSpecialDay(contextFor(db, asPerson(coordinator.personId)), "2027-05-01")).rejects.toMatchObject({ reason: "specialday.not_found" });
    const audited = await db.select({ action: auditLog.action }).from(auditLog).where(eq(auditLog.subjectId, "2027-05-01"));
    expect(audited.map((a) => a.action)).toEqual(["specialday.set", "specialday.remove"]);
  });
});
