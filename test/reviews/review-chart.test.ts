import { PNG } from "pngjs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ensureOrgPath } from "../../src/org/ensure-org-path.js";
import type { FakeUser } from "../../src/sandbox/telegram/index.js";
import { startBotHarness, type BotHarness } from "../support/bot-harness.js";
import { userWithRole } from "../support/world.js";

let h: BotHarness;
let supervisor: FakeUser;
const TEAMS = Array.from({ length: 24 }, (_, i) => `新兴街道第${i + 1}社区志愿巡防队（东片区夜间巡防第${i + 1}小组）`);

beforeAll(async () => {
  h = await startBotHarness();
  let townId = 0;
  for (const [i, team] of TEAMS.entries()) townId = (await ensureOrgPath(h.database.db, { town: "新兴街道", community: `第${i + 1}社区`, team })).townId;
  supervisor = await userWithRole(h, "Supervisor Xinxing", { role: "supervisor", townId }, "zh");
  h.setNow("2027-05-14T04:00:00Z");
}, 60_000);
afterAll(async () => {
  await h?.close();
});

/** Where the chart draws in the target line's red (#d62728). */
function redColumns(png: PNG): Map<number, number> {
  const columns = new Map<number, number>();
  for (let y = 0; y < png.height; y++) {
    for (let x = 0; x < png.width; x++) {
      const i = (y * png.width + x) * 4;
      if (Math.abs(png.data[i]! - 0xd6) < 10 && Math.abs(png.data[i + 1]! - 0x27) < 10 && Math.abs(png.data[i + 2]! - 0x28) < 10) columns.set(x, (columns.get(x) ?? 0) + 1);
    }
  }
  return columns;
}

describe("the weekly chart", () => {
  it("When a supervisor of a town with 24 teams of long names asks for the review, then the bars lie down, the chart grows to fit every team, and the 80% attention line runs down it", async () => {
    const { message } = await supervisor.send("/review");
    const chart = supervisor.messages().find((m) => m.message_id > message.message_id && m.photo !== undefined);
    expect(chart, "the chart is sent").toBeDefined();
    const bytes = h.fake.fileBytes(chart!.photo!.at(-1)!.file_id)!;
    const png = PNG.sync.read(bytes);
    expect(png.width).toBe(1600);
    // A row for each team, three bars in each, and the title and legend above.
    expect(png.height).toBeGreaterThan(24 * 60);
    // The dashed line is one vertical run of red, most of the chart's height long.
    const longest = Math.max(...redColumns(png).values());
    expect(longest).toBeGreaterThan(png.height * 0.4);
    // A name too long for its column would run off the left edge; wrapped, none reaches it.
    let edgeInk = 0;
    for (let y = 0; y < png.height; y++) for (let x = 0; x < 6; x++) if (png.data[(y * png.width + x) * 4]! < 200) edgeInk++;
    expect(edgeInk).toBe(0);
  });
});
