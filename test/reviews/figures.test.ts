import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { parseConfig } from "../../src/config/config.js";
import { DEFAULT_WEIGHTS, evaluationWeightsSchema } from "../../src/reviews/criteria.js";
import { emptyFigures, sumFigures, type Figures } from "../../src/reviews/figures.js";
import { rankTeams } from "../../src/reviews/rank-teams.js";
import { byTown, teamFigures, type TeamFigures } from "../../src/reviews/team-figures.js";
import type { Database } from "../../src/storage/db.js";
import { recordSpotCheck } from "../../src/spotchecks/record-spot-check.js";
import { asPerson, contextFor, makePerson } from "../support/domain.js";
import { openTestDatabase } from "../support/test-database.js";
import { MONDAY, nightOf, seedWeek, type SeededTeam } from "./seed-week.js";

let database: Database;
let teams: SeededTeam[];
const TZ = "Asia/Shanghai";
const afterTheWeek = new Date("2027-05-10T00:00:00Z");
const week = { from: MONDAY, to: nightOf(6), asOf: afterTheWeek };

beforeAll(async () => {
  database = await openTestDatabase();
  teams = await seedWeek(database.db, async (ids) => (await makePerson(database.db, { role: "leader", teamId: ids.teamId })).personId);
  // Spot checks at 21:00: Alpha found out twice (4 and 5), Beta found not out once (2).
  const inspector = await makePerson(database.db, { role: "coordinator" });
  const visits: Array<[number, number, boolean, number]> = [[0, 1, true, 4], [0, 3, true, 5], [1, 2, false, 2]];
  for (const [i, [team, day, out, rating]] of visits.entries()) {
    const ctx = contextFor(database.db, asPerson(inspector.personId), new Date(`${nightOf(day)}T13:00:00Z`));
    await recordSpotCheck(ctx, { teamId: teams[team]!.teamId, teamOut: out, presentCount: out ? 4 : 0, findings: "visit", photoFileIds: [], rating, clientKey: `visit-${i}` }, TZ);
  }
}, 60_000);
afterAll(async () => database?.close());

const figuresOf = (rows: TeamFigures[], i: number) => rows.find((r) => r.teamId === teams[i]!.teamId)!.figures;
const zeroIncidents = { tip: 0, hazard: 0, assistance: 0, dispute: 0, suspicious: 0, emergency: 0 };

describe("the week's figures", () => {
  it("When the seeded week is over, then each team's figures are exactly what happened", async () => {
    const rows = await teamFigures(database.db, week, TZ);
    expect(figuresOf(rows, 0)).toEqual<Figures>({
      nights: 7, nightsMet: 6, places: 28, rostered: 28, present: 27, onTime: 26, noShows: 1, shiftsEnded: 7, logsClosed: 7, hazards: 1, helped: 2,
      incidents: { ...zeroIncidents, tip: 1, hazard: 1 }, tipsVerified: 1, spotChecks: 2, spotChecksOut: 2, spotRatingSum: 9,
      byAffiliation: { party: 14, league: 0, newcomer: 0, student: 7, unit: 0, none: 6 },
    });
    expect(figuresOf(rows, 1)).toEqual<Figures>({
      nights: 6, nightsMet: 0, places: 24, rostered: 24, present: 18, onTime: 18, noShows: 6, shiftsEnded: 6, logsClosed: 2, hazards: 0, helped: 0,
      incidents: { ...zeroIncidents, tip: 2 }, tipsVerified: 0, spotChecks: 1, spotChecksOut: 0, spotRatingSum: 2,
      byAffiliation: { party: 0, league: 0, newcomer: 0, student: 0, unit: 18, none: 0 },
    });
    expect(figuresOf(rows, 2)).toEqual<Figures>({
      nights: 7, nightsMet: 7, places: 28, rostered: 28, present: 28, onTime: 28, noShows: 0, shiftsEnded: 7, logsClosed: 7, hazards: 3, helped: 1,
      incidents: { ...zeroIncidents, hazard: 1, dispute: 1 }, tipsVerified: 0, spotChecks: 0, spotChecksOut: 0, spotRatingSum: 0,
      byAffiliation: { party: 0, league: 0, newcomer: 14, student: 0, unit: 0, none: 14 },
    });
    const towns = byTown(rows.filter((r) => teams.some((t) => t.teamId === r.teamId)));
    expect(towns.map((t) => [t.town, t.figures.nights, t.figures.nightsMet, t.figures.noShows, t.figures.logsClosed])).toEqual([
      ["Fengqiao", 13, 6, 7, 9],
      ["新丰镇", 7, 7, 0, 7],
    ]);
    expect(sumFigures(rows).present).toBe(73);
  });

  it("When the review is asked for in the middle of the week, then only the nights begun so far count", async () => {
    // Wednesday 20:45 in Shanghai: Monday and Tuesday are over, Wednesday's patrol is under way.
    const rows = await teamFigures(database.db, { ...week, asOf: new Date(`${nightOf(2)}T12:45:00Z`) }, TZ);
    const alpha = figuresOf(rows, 0);
    expect([alpha.nights, alpha.shiftsEnded, alpha.logsClosed, alpha.noShows, alpha.present]).toEqual([3, 2, 2, 1, 11]);
    expect(figuresOf(rows, 1).incidents.tip).toBe(0); // Wednesday's tip comes at 21:00
  });
});

describe("the team evaluation", () => {
  it("When the default weights are used, then the scores are the weighted criteria and the ranking follows them", async () => {
    const rows = (await teamFigures(database.db, week, TZ)).filter((r) => teams.some((t) => t.teamId === r.teamId));
    const ranking = rankTeams(rows, DEFAULT_WEIGHTS);
    expect(ranking.size).toBe(3);
    // 巡防一队: 30+15+15+15 + tips 0 + hazards 3/3×10 + helped 1/2×5 = 87.5
    // Alpha: 30×6/7 + 15×26/28 + 15×27/28 + 15 + 10 + 10×1/3 + 5 = 87.44
    // Beta: 0 + 15×18/24 + 15×18/24 + 15×2/6 = 27.5
    expect(ranking.teams.map((r) => [r.teamId, r.rank, r.score])).toEqual([
      [teams[2]!.teamId, 1, 87.5],
      [teams[0]!.teamId, 2, 87.4],
      [teams[1]!.teamId, 3, 27.5],
    ]);
    expect(ranking.teams[1]!.criteria).toEqual({ staffing: 6 / 7, punctuality: 26 / 28, attendance: 27 / 28, logs: 1, tips: 1, hazards: 1 / 3, helped: 1, spotChecks: 0.9 });
  });

  it("When EVALUATION_WEIGHTS favours useful tips, then the team with the useful tip comes first", async () => {
    const parsed = parseConfig({ TELEGRAM_BOT_TOKEN: "1:abc", EVALUATION_WEIGHTS: '{"tips": 100, "staffing": 0}' });
    if (!parsed.ok) throw new Error(parsed.problems.join("; "));
    expect(parsed.config.EVALUATION_WEIGHTS).toEqual({ ...DEFAULT_WEIGHTS, tips: 100, staffing: 0 });
    const rows = (await teamFigures(database.db, week, TZ)).filter((r) => teams.some((t) => t.teamId === r.teamId));
    const ranking = rankTeams(rows, parsed.config.EVALUATION_WEIGHTS);
    // Out of 160: Alpha 151.73, 巡防一队 57.5, Beta 27.5.
    expect(ranking.teams.map((r) => [r.teamId, r.score])).toEqual([
      [teams[0]!.teamId, 94.8],
      [teams[2]!.teamId, 35.9],
      [teams[1]!.teamId, 17.2],
    ]);
  });

  it("When EVALUATION_WEIGHTS weighs only the spot checks, then the ratings decide and an unvisited team scores nothing", async () => {
    const parsed = parseConfig({ TELEGRAM_BOT_TOKEN: "1:abc", EVALUATION_WEIGHTS: JSON.stringify(Object.fromEntries(Object.keys(DEFAULT_WEIGHTS).map((k) => [k, k === "spotChecks" ? 1 : 0]))) });
    if (!parsed.ok) throw new Error(parsed.problems.join("; "));
    const rows = (await teamFigures(database.db, week, TZ)).filter((r) => teams.some((t) => t.teamId === r.teamId));
    expect(rankTeams(rows, parsed.config.EVALUATION_WEIGHTS).teams.map((r) => [r.teamId, r.score])).toEqual([
      [teams[0]!.teamId, 90],
      [teams[1]!.teamId, 40],
      [teams[2]!.teamId, 0],
    ]);
  });

  it("When two teams score the same, then the one with more volunteer-nights, then the lower number, ranks first; a team without a patrol night is not ranked", () => {
    const team = (teamId: number, present: number, nights = 7): TeamFigures => ({
      teamId, team: `T${teamId}`, community: "C", townId: 1, town: "Town",
      figures: { ...emptyFigures(), nights, nightsMet: nights, rostered: present, present, onTime: present, shiftsEnded: nights, logsClosed: nights },
    });
    const ranking = rankTeams([team(9, 28), team(4, 28), team(7, 30), team(2, 0, 0)], DEFAULT_WEIGHTS);
    expect(ranking.teams.map((r) => [r.teamId, r.rank])).toEqual([[7, 1], [4, 2], [9, 3]]);
    expect(ranking.size).toBe(3);
  });

  it("When EVALUATION_WEIGHTS names an unknown criterion, is not JSON or weighs nothing, then the bot refuses to start with a clear line", () => {
    const problems = (raw: string) => {
      const parsed = parseConfig({ TELEGRAM_BOT_TOKEN: "1:abc", EVALUATION_WEIGHTS: raw });
      return parsed.ok ? [] : parsed.problems;
    };
    expect(problems('{"speed": 10}')).toEqual(['EVALUATION_WEIGHTS: "speed" is not a criterion (known: staffing, punctuality, attendance, logs, tips, hazards, helped, spotChecks)']);
    expect(problems("staffing=10")[0]).toMatch(/^EVALUATION_WEIGHTS: is not JSON/);
    expect(problems('{"tips": -1}')).toEqual(['EVALUATION_WEIGHTS: the weight of "tips" must be a number from 0 to 1000']);
    expect(problems(JSON.stringify(Object.fromEntries(Object.keys(DEFAULT_WEIGHTS).map((k) => [k, 0]))))).toEqual(["EVALUATION_WEIGHTS: at least one criterion needs a weight above 0"]);
    expect(evaluationWeightsSchema.parse("{}")).toEqual(DEFAULT_WEIGHTS);
    const moment = parseConfig({ TELEGRAM_BOT_TOKEN: "1:abc", WEEKLY_REVIEW_AT: "Monday 8am" });
    expect(moment.ok ? [] : moment.problems).toEqual(['WEEKLY_REVIEW_AT: "Monday 8am" is not a weekday and a time, like MON 08:00 (weekdays MON TUE WED THU FRI SAT SUN)']);
  });
});
