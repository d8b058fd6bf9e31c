import { parse } from "csv-parse/sync";
import { inArray } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import writeXlsxFile from "write-excel-file/node";
import { people } from "../../src/storage/schema/index.js";
import { startBotHarness, type BotHarness } from "../support/bot-harness.js";
import { nextTelegramId, userWithRole } from "../support/world.js";

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

/** A workbook as Excel saves one: phones typed as numbers, empty rows left empty. */
const workbook = (sheet: Array<Array<string | number | null>>) => writeXlsxFile(sheet).toBuffer();
const XLSX_MIME = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

describe("importing a recruitment spreadsheet in the chat", () => {
  it("When a coordinator sends a CSV with bad rows, then good rows are imported and each bad line is reported", async () => {
    const admin = h.fake.user({ id: ADMIN, first_name: "Coordinator", language_code: "en" });
    const csv = [header, ...rows(30), "新丰镇,竹林村,竹林村巡防队,,13900000099,志愿者,一,", "新丰镇,竹林村,竹林村巡防队,坏号码,12345x,志愿者,一,", ...rows(5, 100)].join("\n");
    await admin.sendDocument({ fileName: "roster.csv", mimeType: "text/csv", content: csv });
    const summary = await admin.waitForMessage(/Rows: 37/, { timeoutMs: 15_000 });
    expect(summary.text).toContain("New members: 35");
    expect(summary.text).toMatch(/Line 32: the name is missing/);
    expect(summary.text).toMatch(/Line 33: the phone number "12345x" is not a mobile number/);

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

  it("When a CSV has phones that are not mobiles, then those rows are reported with the reason and only real mobiles are imported", async () => {
    const admin = h.fake.user({ id: ADMIN, first_name: "Coordinator", language_code: "en" });
    const csv = [
      header,
      "新丰镇,竹林村,手机队,十位数,1380013800,志愿者,一,",
      "新丰镇,竹林村,手机队,大陆手机,139 0000 7001,志愿者,一,",
      "新丰镇,竹林村,手机队,国际区号,+86 139-0000-7002,志愿者,一,",
      "新丰镇,竹林村,手机队,英国手机,+44 7911 123456,志愿者,一,",
      "新丰镇,竹林村,手机队,座机,0573-82345678,志愿者,一,",
      "新丰镇,竹林村,手机队,无加号,447911123457,志愿者,一,",
    ].join("\n");
    await admin.sendDocument({ fileName: "phones.csv", mimeType: "text/csv", content: csv });
    const summary = await admin.waitForMessage(/Rows: 6/, { timeoutMs: 15_000 });
    expect(summary.text).toContain("New members: 3");
    expect(summary.text).toContain('Line 2: the phone number "1380013800" is not a mobile number');
    expect(summary.text).toMatch(/Line 6: the phone number "0573-82345678" is not a mobile number: a mainland mobile has 11 digits starting with 13 to 19/);
    expect(summary.text).toMatch(/Line 7: the phone number "447911123457" is not a mobile number: .*start with \+ and the country code/);
    const phones = await h.database.db.select({ phone: people.phone }).from(people).where(inArray(people.name, ["十位数", "大陆手机", "国际区号", "英国手机", "座机", "无加号"]));
    expect(phones.map((p) => p.phone).sort()).toEqual(["+447911123456", "+8613900007001", "+8613900007002"]);
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

  it("When a coordinator sends a roster as .xlsx, then it is imported and its problems reported by spreadsheet row exactly as the same CSV", async () => {
    const admin = h.fake.user({ id: ADMIN, first_name: "Coordinator", language_code: "en" });
    const sheet = (team: string): Array<Array<string | number | null>> => [
      header.split(","),
      ["新丰镇", "竹林村", team, "王一", 13955500001, "志愿者", "一三五", "学生"],
      [null, null, null, null, null, null, null, null],
      ["新丰镇", "竹林村", team, "", 13955500002, "志愿者", "一", null],
      ["新丰镇", "竹林村", team, "王三", "12345x", "队长", "二", null],
      ["新丰镇", "竹林村", team, "王四", 13955500004, "组长", "二", null],
      ["新丰镇", "竹林村", team, "王五", 13955500005, "副队长", "六日", "退休"],
    ];
    const asCsv = (rows: Array<Array<string | number | null>>) => rows.map((r) => r.map((c) => c ?? "").join(",")).join("\n");
    const summaryOf = async (send: () => Promise<unknown>) => {
      const start = admin.cursor();
      await send();
      return (await admin.waitForMessage(/Rows: 5/, { after: start, timeoutMs: 15_000 })).text!;
    };
    const fromXlsx = await summaryOf(async () => admin.sendDocument({ fileName: "名单.xlsx", mimeType: XLSX_MIME, content: await workbook(sheet("表格队")) }));
    const fromCsv = await summaryOf(() => admin.sendDocument({ fileName: "名单.csv", mimeType: "text/csv", content: asCsv(sheet("逗号队")) }));
    expect(fromXlsx).toBe(fromCsv);
    expect(fromXlsx).toContain("New members: 2");
    expect(fromXlsx).toMatch(/Line 4: the name is missing\nLine 5: the phone number "12345x" is not a mobile number.*\nLine 6: the role "组长" is unknown/);
    // Known by the bytes' MIME type alone, too, as some phones send it without the name's ending.
    const byMime = await summaryOf(async () => admin.sendDocument({ fileName: "roster", mimeType: XLSX_MIME, content: await workbook(sheet("表格队")) }));
    expect(byMime).toContain("Unchanged: 2");
    const phones = await h.database.db.select({ phone: people.phone }).from(people).where(inArray(people.name, ["王一", "王五"]));
    expect(phones.map((p) => p.phone).sort()).toEqual(["+8613955500001", "+8613955500005"]);
  });

  it("When an .xlsx is damaged or its first worksheet empty, then it is refused with a sentence in the coordinator's language and nothing starts", async () => {
    const admin = h.fake.user({ id: ADMIN, first_name: "Coordinator", language_code: "en" });
    let start = admin.cursor();
    await admin.sendDocument({ fileName: "roster.xlsx", content: Buffer.from("PK\u0003\u0004 not really a workbook") });
    await admin.waitForMessage(/^That Excel file could not be read: it may be damaged, or not an \.xlsx workbook\./, { after: start });

    const zhCoordinator = await userWithRole(h, "协调员", { role: "coordinator" }, "zh");
    start = zhCoordinator.cursor();
    await zhCoordinator.sendDocument({ fileName: "名单.xlsx", content: await workbook([[null, null], [null, null]]) });
    await zhCoordinator.waitForMessage(/^该 Excel 文件的第一个工作表是空的。/, { after: start });
    for (const user of [admin, zhCoordinator]) expect(user.messages().filter((m) => /Importing|正在导入/.test(m.text ?? ""))).toEqual([]);
  });

  it("When an import has more than 20 problem rows, then the chat lists the first 20 and a CSV in the coordinator's language lists all of them; 20 or fewer come without a file", async () => {
    const admin = h.fake.user({ id: ADMIN, first_name: "Coordinator", language_code: "en" });
    const bad = (n: number) => Array.from({ length: n }, (_, i) => `新丰镇,竹林村,问题队,坏号${i},12345${i},志愿者,一,`);
    let start = admin.cursor();
    await admin.sendDocument({ fileName: "bad.csv", content: [header, ...bad(25), ...rows(2, 700)].join("\n") });
    const summary = await admin.waitForMessage(/Rows: 27/, { after: start, timeoutMs: 15_000 });
    expect(summary.text!.split("\n").filter((l) => l.startsWith("Line "))).toHaveLength(20);
    expect(summary.text).toContain("…and 5 more.");
    const sent = await admin.waitForMessage((m) => m.document !== undefined, { after: start });
    expect(sent.document!.file_name).toBe("import-problems.csv");
    expect(sent.caption).toBe("All 25 rows with problems, to fix in the spreadsheet before sending it again.");
    const bytes = h.fake.fileBytes(sent.document!.file_id)!;
    expect([...bytes.subarray(0, 3)], "UTF-8 with a byte order mark").toEqual([0xef, 0xbb, 0xbf]);
    const problems = parse(bytes, { bom: true, columns: true }) as Array<{ Row: string; Problem: string }>;
    expect(problems).toHaveLength(25);
    expect(problems.map((p) => p.Row)).toEqual(Array.from({ length: 25 }, (_, i) => String(i + 2)));
    expect(problems[24]!.Problem).toMatch(/^the phone number "1234524" is not a mobile number/);

    start = admin.cursor();
    await admin.sendDocument({ fileName: "bad.csv", content: [header, ...bad(20)].join("\n") });
    const few = await admin.waitForMessage(/Rows: 20/, { after: start, timeoutMs: 15_000 });
    expect(few.text!.split("\n").filter((l) => l.startsWith("Line "))).toHaveLength(20);
    // A file would follow the summary at once; the answer to a later command shows none came in between.
    await admin.send("/import");
    await admin.waitForMessage(/Send me the CSV or Excel/, { after: few });
    expect(admin.messages().filter((m) => m.message_id > few.message_id && m.document !== undefined)).toEqual([]);
  });

  it("When Telegram refuses the first try at sending the problems file, then the outbox tries again after the wait it asked for and the coordinator gets the file once, after the summary", async () => {
    const admin = h.fake.user({ id: ADMIN, first_name: "Coordinator", language_code: "en" });
    const bad = (n: number) => Array.from({ length: n }, (_, i) => `新丰镇,竹林村,重试队,坏号${i},54321${i},志愿者,一,`);
    const start = admin.cursor();
    // Longer than a direct reply waits out (10 s): only a send that is written down survives it.
    h.fake.failNext("sendDocument", { error_code: 429, retry_after: 11 });
    await admin.sendDocument({ fileName: "again.csv", content: [header, ...bad(22)].join("\n") });
    const summary = await admin.waitForMessage(/Rows: 22/, { after: start, timeoutMs: 15_000 });
    const sent = await admin.waitForMessage((m) => m.document !== undefined, { after: start, timeoutMs: 25_000 });
    expect(sent.message_id).toBeGreaterThan(summary.message_id);
    expect(sent.caption).toBe("All 22 rows with problems, to fix in the spreadsheet before sending it again.");
    const problems = parse(h.fake.fileBytes(sent.document!.file_id)!, { bom: true, columns: true }) as Array<{ Row: string }>;
    expect(problems).toHaveLength(22);
    // Nothing else is queued for it: a later answer shows no second copy came in between.
    await admin.send("/import");
    await admin.waitForMessage(/Send me the CSV or Excel/, { after: sent });
    expect(admin.messages().filter((m) => m.message_id > summary.message_id && m.document !== undefined)).toHaveLength(1);
  }, 40_000);
});
