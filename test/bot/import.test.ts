import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startBotHarness, type BotHarness } from "../support/bot-harness.js";
import { nextTelegramId } from "../support/world.js";

const ADMIN = 515_151;
let h: BotHarness;
beforeAll(async () => {
  h = await startBotHarness({ admins: [ADMIN] });
});
afterAll(async () => {
  await h?.close();
});

const header = "镇街,村社区,队伍,姓名,手机,角色,巡逻日,单位";
const rows = (n: number, from = 0) =>
  Array.from({ length: n }, (_, i) => `新丰镇,竹林村,竹林村巡防队,队员${from + i},139${String(from + i).padStart(8, "0")},志愿者,一三五,新居民`);

describe("importing a recruitment spreadsheet in the chat", () => {
  it("When a coordinator sends a CSV with bad rows, then good rows are imported and each bad line is reported", async () => {
    const admin = h.fake.user({ id: ADMIN, first_name: "Coordinator", language_code: "en" });
    const csv = [header, ...rows(30), "新丰镇,竹林村,竹林村巡防队,,13900000099,志愿者,一,", "新丰镇,竹林村,竹林村巡防队,坏号码,12345x,志愿者,一,", ...rows(5, 100)].join("\n");
    await admin.sendDocument({ fileName: "roster.csv", mimeType: "text/csv", content: csv });
    const summary = await admin.waitForMessage(/Rows: 37/, { timeoutMs: 15_000 });
    expect(summary.text).toContain("New members: 35");
    expect(summary.text).toMatch(/Line 32: the name is missing/);
    expect(summary.text).toMatch(/Line 33: the phone number "12345x" is not valid/);

    await admin.sendDocument({ fileName: "roster.csv", mimeType: "text/csv", content: csv });
    const again = await admin.waitForMessage((m) => /Rows: 37/.test(m.text ?? "") && m.message_id > summary.message_id, { timeoutMs: 15_000 });
    expect(again.text).toContain("New members: 0");
    expect(again.text).toContain("Unchanged: 35");
  });

  it("When someone who is not a coordinator sends a CSV, then it is refused without reading it", async () => {
    const stranger = h.fake.user({ id: nextTelegramId(), first_name: "Stranger", language_code: "en" });
    await stranger.sendDocument({ fileName: "roster.csv", mimeType: "text/csv", content: [header, ...rows(2, 500)].join("\n") });
    await stranger.waitForMessage(/Only district coordinators/);
    expect(h.fake.calls.some((c) => c.method === "getFile" && JSON.stringify(c.params).includes(String(stranger.id)))).toBe(false);
  });

  it("When an imported volunteer opens the bot and shares their own phone, then they are linked and active at once", async () => {
    const admin = h.fake.user({ id: ADMIN, first_name: "Coordinator", language_code: "en" });
    await admin.sendDocument({ fileName: "more.csv", content: `${header}\n新丰镇,竹林村,竹林村巡防队,李四,13912345678,志愿者,二四,学生` });
    await admin.waitForMessage(/New members: 1/, { timeoutMs: 15_000 });
    const li = h.fake.user({ id: nextTelegramId(), first_name: "Li", language_code: "en", phone: "+8613912345678" });
    await li.send("/start");
    await li.waitForMessage(/share your phone number/);
    await li.shareContact();
    await li.waitForMessage(/linked to your registration/);
    const me = await li.waitForMessage(/Team: 新丰镇 · 竹林村 · 竹林村巡防队 \(patrol days: Tue, Thu\)/);
    expect(me.text).toContain("李四");
  });

  it("When a large file is imported, then the coordinator sees progress before the summary", async () => {
    const admin = h.fake.user({ id: ADMIN, first_name: "Coordinator", language_code: "en" });
    await admin.sendDocument({ fileName: "big.csv", content: [header, ...rows(3000, 10_000)].join("\n") });
    const summary = await admin.waitForMessage(/Rows: 3,000/, { timeoutMs: 60_000 });
    expect(summary.text).toContain("New members: 3,000");
    const progress = h.fake.calls.filter((c) => c.method === "editMessageText" && /Importing… [\d,]+ of 3,000/.test(JSON.stringify(c.params)));
    const finished = h.fake.calls.some((c) => c.method === "editMessageText" && /Import finished/.test(JSON.stringify(c.params)));
    expect(finished).toBe(true);
    expect(progress.length).toBeGreaterThanOrEqual(1);
  }, 90_000);
});
