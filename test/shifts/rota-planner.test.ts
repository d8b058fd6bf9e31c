import { describe, expect, it } from "vitest";
import { nightsFrom, weekOf } from "../../src/shifts/night.js";
import { RotaPlanner, type RotaMember } from "../../src/shifts/rota-planner.js";

const member = (personId: number, over: Partial<RotaMember> = {}): RotaMember => ({ personId, weekdays: 0b1111111, weeklyCap: 7, leave: new Set(), ...over });

function tally(picks: Map<string, number[]>): Map<number, number> {
  const counts = new Map<number, number>();
  for (const ids of picks.values()) for (const id of ids) counts.set(id, (counts.get(id) ?? 0) + 1);
  return counts;
}

describe("the fair rota", () => {
  it("When eight members share four places a night for two weeks, then everyone gets seven nights", () => {
    const planner = new RotaPlanner([1, 2, 3, 4, 5, 6, 7, 8].map((id) => member(id)), []);
    const picks = new Map(nightsFrom("2026-05-04", 14).map((n) => [n, planner.pick(n, 4)]));
    expect([...tally(picks).values()]).toEqual([7, 7, 7, 7, 7, 7, 7, 7]);
  });

  it("When someone patrolled a lot recently, then the others go first", () => {
    const busyHistory = nightsFrom("2026-04-20", 10).map((night) => ({ personId: 1, night }));
    const planner = new RotaPlanner([member(1), member(2), member(3)], busyHistory);
    expect(planner.pick("2026-05-01", 2).sort()).toEqual([2, 3]);
  });

  it("When members state weekdays and leave, then they are only planned on nights they can come", () => {
    const monWedFri = 0b0010101;
    const planner = new RotaPlanner([member(1, { weekdays: monWedFri }), member(2, { leave: new Set(["2026-05-05"]) })], []);
    const picks = new Map(nightsFrom("2026-05-04", 7).map((n) => [n, planner.pick(n, 2)]));
    expect(picks.get("2026-05-04")).toContain(1); // Monday
    expect(picks.get("2026-05-05")).toEqual([]); // Tuesday: 1 cannot, 2 is on leave
    expect(picks.get("2026-05-07")).toEqual([2]); // Thursday
  });

  it("When the weekly cap is two, then nobody is planned more than twice in a week and the rest stays open", () => {
    const planner = new RotaPlanner([1, 2, 3, 4].map((id) => member(id, { weeklyCap: 2 })), []);
    const nights = nightsFrom("2026-05-04", 14);
    const picks = new Map(nights.map((n) => [n, planner.pick(n, 4)]));
    for (const week of ["2026-05-04", "2026-05-11"]) {
      const inWeek = new Map([...picks].filter(([n]) => weekOf(n) === week));
      for (const count of tally(inWeek).values()) expect(count).toBeLessThanOrEqual(2);
    }
    expect([...picks.values()].reduce((sum, ids) => sum + ids.length, 0)).toBe(16);
  });

  it("When one night is planned twice, then nobody is on it twice", () => {
    const planner = new RotaPlanner([member(1), member(2), member(3)], []);
    const first = planner.pick("2026-05-04", 2);
    const second = planner.pick("2026-05-04", 2);
    expect(new Set([...first, ...second]).size).toBe(first.length + second.length);
    expect(second).toHaveLength(1);
  });

  it("When a week-long duty is planned, then one person free all week holds it, and someone on leave one night is passed over", () => {
    const week = nightsFrom("2026-05-04", 7);
    const planner = new RotaPlanner([member(1, { leave: new Set(["2026-05-06"]) }), member(2)], [{ personId: 2, night: "2026-04-30" }]);
    expect(planner.pickWeek(week)).toBe(2);
    expect(planner.pick("2026-05-05", 1)).toEqual([1]);
  });
});
