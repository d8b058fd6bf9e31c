import { describe, expect, it } from "vitest";
import { parseKitCounts } from "../../src/kit/parse-kit-counts.js";

const FULL = { vest: 8, cap: 8, armband: 8, first_aid_kit: 1, logbook: 1 };

describe("reading kit counts from a leader's message", () => {
  it.each([
    ["背心8 帽子8 袖章8 急救包1 日志本1", FULL],
    ["背心8帽子8袖章8急救包1日志本1", FULL],
    ["反光背心10件，帽子十顶，红袖章8个，急救箱一个，值班记录本一本", { vest: 10, cap: 10, armband: 8, first_aid_kit: 1, logbook: 1 }],
    ["背心、帽子、袖章各8件，急救包、日志本各1个", FULL],
    ["马甲：12\n巡逻帽：12\n红袖标：12\n药箱：2", { vest: 12, cap: 12, armband: 12, first_aid_kit: 2 }],
    ["8件背心，8顶帽子，8个袖章，1个急救包，1本记录本", FULL],
  ])("When a leader writes %j in Chinese, then the counts are read", (text, expected) => {
    expect(parseKitCounts(text)).toEqual(expected);
  });

  it.each([
    ["vests 8, caps 8, armbands 8, first aid 1, logbook 1", FULL],
    ["8 vests, 8 caps, 8 red armbands, 1 first aid kit and 1 log book", FULL],
    ["Vests x8, hats 7, no first aid kit", { vest: 8, cap: 7, first_aid_kit: 0 }],
    ["vests, caps and armbands 8 each; a first-aid kit and two logbooks", { ...FULL, logbook: 2 }],
    ["Hi-vis vests: 10\nCaps: 9", { vest: 10, cap: 9 }],
  ])("When a leader writes %j in English, then the counts are read", (text, expected) => {
    expect(parseKitCounts(text)).toEqual(expected);
  });

  it.each([
    ["5月1日清点：背心8件（其中2件旧了），帽子6顶", { vest: 8, cap: 6 }],
    ["20:00 2队清点 马甲 12", { vest: 12 }],
    ["今晚8人巡逻，背心8件", { vest: 8 }],
    ["背心统一8件", { vest: 8 }],
    ["背心8件，日志写了3页", { vest: 8 }],
    ["急救包没有了", { first_aid_kit: 0 }],
    ["team 3: vests 8", { vest: 8 }],
    ["8 people on patrol tonight, vests 8", { vest: 8 }],
    ["8 vests (2 worn), 6 caps", { vest: 8, cap: 6 }],
    ["背心 帽子8", { cap: 8 }],
  ])("When %j also holds dates, times, headcounts or side remarks, then only the kit counts are read", (text, expected) => {
    expect(parseKitCounts(text)).toEqual(expected);
  });

  it.each(["谢谢，都发了", "thanks, all good", "8", "call me on 13800138000", "whats up", "1000 vests", "vests 600", "2027年5月1日"])(
    "When %j says no count of an item, then nothing is read",
    (text) => {
      expect(parseKitCounts(text)).toEqual({});
    },
  );
});

