import { describe, expect, it } from "vitest";
import { wrapText } from "../../src/print/wrap-text.js";

/** Every character one unit wide, so the expected lines can be counted by hand. */
const monospace = (s: string) => [...s].length;

describe("wrapping printed text", () => {
  it("When a Chinese sentence would leave one character alone on its last line, then the line before gives it a neighbour", () => {
    // Nine characters into lines of four: greedy breaking leaves "明" alone.
    const lines = wrapText("巡防服务时长证明书", 4, monospace);
    expect(lines).toEqual(["巡防服务", "时长证", "明书"]);
    expect(lines.every((l) => monospace(l) <= 4)).toBe(true);
    expect(lines.every((l) => [...l].length > 1)).toBe(true);
  });

  it("When a line would start with closing punctuation, then the punctuation stays with the character before it", () => {
    const lines = wrapText("服务时长，合计十小时。", 4, (s) => [...s.replace(/[，。]/g, "")].length);
    expect(lines.some((l) => /^[，。]/.test(l))).toBe(false);
    expect(lines.join("")).toBe("服务时长，合计十小时。");
  });

  it("When Latin words are wrapped, then they break at spaces, a word longer than a line is cut, and a no-break space holds two words together", () => {
    expect(wrapText("Nanhu District Volunteer Patrol", 16, monospace)).toEqual(["Nanhu District", "Volunteer Patrol"]);
    expect(wrapText("send /statement\u00a0NH-S-2027-000001-7KQ3MX now", 35, monospace)).toEqual(["send", "/statement\u00a0NH-S-2027-000001-7KQ3MX", "now"]);
    expect(wrapText("https://example.cn/verify/NH-S-2027-000001", 20, monospace).every((l) => l.length <= 20)).toBe(true);
  });
});
