import { asc } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { recordSpotCheck } from "../../src/spotchecks/record-spot-check.js";
import { teamFigures } from "../../src/reviews/team-figures.js";
import type { Database } from "../../src/storage/db.js";
import { spotChecks } from "../../src/storage/schema/index.js";
import { asPerson, contextFor, makePerson, makeTeam } from "../support/domain.js";
import { plannedNight } from "../support/shifts.js";
import { openTestDatabase } from "../support/test-database.js";

const ZONE = "Asia/Shanghai";
let database: Database;
beforeAll(async () => {
  database = await openTestDatabase();
});
afterAll(async () => database?.close());

describe("spot-check figures for the weekly review", () => {
  it("When visits were made over a week, then the review counts each team's visits, visits out and ratings for the nights asked; a visit after midnight counts for the night before", async () => {
    const db = database.db;
    const patrolled = await plannedNight(db, "2027-05-10", 4);
    const quiet = await makeTeam(db);
    const unvisited = await makeTeam(db);
    const coordinator = await makePerson(db, { role: "coordinator" });
    let n = 0;
    const visit = (teamId: number, at: string, teamOut: boolean, rating: number) =>
      recordSpotCheck(contextFor(db, asPerson(coordinator.personId), new Date(at)), { teamId, teamOut, presentCount: teamOut ? 4 : 0, findings: `visit ${++n}`, photoFileIds: [], rating, clientKey: `figures-${n}` }, ZONE);

    await visit(patrolled.team.teamId, "2027-05-10T13:00:00Z", true, 4); // 21:00 during the patrol
    await visit(patrolled.team.teamId, "2027-05-10T16:30:00Z", true, 5); // 00:30, just after its end
    await visit(patrolled.team.teamId, "2027-05-12T13:00:00Z", false, 3); // no shift planned that night
    await visit(quiet.teamId, "2027-05-11T17:30:00Z", true, 2); // 01:30 on the 12th: the night of the 11th
    await visit(quiet.teamId, "2027-05-20T13:00:00Z", false, 1); // outside the week

    const stored = await db.select({ night: spotChecks.night, shiftId: spotChecks.shiftId }).from(spotChecks).orderBy(asc(spotChecks.id));
    expect(stored).toEqual([
      { night: "2027-05-10", shiftId: patrolled.shift.id },
      { night: "2027-05-10", shiftId: patrolled.shift.id },
      { night: "2027-05-12", shiftId: null },
      { night: "2027-05-11", shiftId: null },
      { night: "2027-05-20", shiftId: null },
    ]);

    const figures = async (from: string, to: string) =>
      (await teamFigures(db, { from, to, asOf: new Date("2027-05-30T00:00:00Z") }, ZONE)).map((t) => ({ teamId: t.teamId, visits: t.figures.spotChecks, out: t.figures.spotChecksOut, ratings: t.figures.spotRatingSum }));
    expect(await figures("2027-05-10", "2027-05-16")).toEqual([
      { teamId: patrolled.team.teamId, visits: 3, out: 2, ratings: 12 },
      { teamId: quiet.teamId, visits: 1, out: 1, ratings: 2 },
      { teamId: unvisited.teamId, visits: 0, out: 0, ratings: 0 },
    ]);
    expect(await figures("2027-05-11", "2027-05-11")).toEqual([
      { teamId: patrolled.team.teamId, visits: 0, out: 0, ratings: 0 },
      { teamId: quiet.teamId, visits: 1, out: 1, ratings: 2 },
      { teamId: unvisited.teamId, visits: 0, out: 0, ratings: 0 },
    ]);
    await expect(visit(unvisited.teamId, "2027-05-13T13:00:00Z", true, 6)).rejects.toMatchObject({ reason: "spotcheck.invalid" });
  });
});
