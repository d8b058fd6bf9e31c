import { describe, expect, it } from "vitest";
import { parseLogCounts, readNumber } from "../../src/logs/parse-log-counts.js";

describe("reading a duty log's figures", () => {
  it.each([
    ["6人巡逻，发现隐患2处，帮助群众1人", { onPatrol: 6, hazards: 2, helped: 1 }],
    ["6 on patrol, 2 hazards, helped 1", { onPatrol: 6, hazards: 2, helped: 1 }],
    ["今晚8人参加巡逻，排查安全隐患三处，提供线索1条，调解纠纷1起，帮助群众2人次。", { onPatrol: 8, hazards: 3, tips: 1, disputes: 1, helped: 2 }],
    ["巡逻人员：5人。无隐患，无纠纷。", { onPatrol: 5, hazards: 0, disputes: 0 }],
    ["Patrolled with 4. No hazards, 1 tip passed to the police, mediated 1 dispute between neighbours.", { onPatrol: 4, hazards: 0, tips: 1, disputes: 1 }],
    ["two hazards found near the market; helped 3 people home", { hazards: 2, helped: 3 }],
    ["十二人巡逻，发现两处隐患", { onPatrol: 12, hazards: 2 }],
    ["20:00-24:00 巡逻，一切正常", {}],
    ["Met at 20:00 by gate 3, all quiet", {}],
    ["6月1日巡逻正常，联系电话13800138000", {}],
    ["Started 8.30, back at 23:45, nothing to report", {}],
    ["队员电话13800138000人在岗", {}],
  ])("When a leader writes %j, then it reads %j", (text, expected) => {
    expect(parseLogCounts(text)).toEqual(expected);
  });

  it("When Chinese numerals are written, then they are read as numbers", () => {
    expect([readNumber("十"), readNumber("十二"), readNumber("二十"), readNumber("两"), readNumber("一百零五"), readNumber("12"), readNumber("十x")]).toEqual([10, 12, 20, 2, 105, 12, undefined]);
  });
});
