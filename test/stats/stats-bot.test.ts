import { eq } from "drizzle-orm";
import type { Message } from "grammy/types";
import { PNG } from "pngjs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { people, serviceStatements } from "../../src/storage/schema/index.js";
import type { FakeUser } from "../../src/sandbox/telegram/index.js";
import { startBotHarness, type BotHarness } from "../support/bot-harness.js";
import { pdfText } from "../support/pdf-text.js";
import { decodeQr } from "../support/qr-decode.js";
import { pressData } from "../support/reports.js";
import { EXPECTED, seedServiceHistory } from "../support/service-history.js";
import { activeMember, teamWithLeader, userWithRole } from "../support/world.js";

let h: BotHarness;
let volunteer: FakeUser;
let volunteerId: number;
let teammate: FakeUser;

beforeAll(async () => {
  h = await startBotHarness({ env: { DISTRICT_NAME: "南湖区", DISTRICT_NAME_EN: "Nanhu District" } });
  const team = await teamWithLeader(h, "Statement");
  const first = await activeMember(h, team.teamId, "张三丰");
  [volunteer, volunteerId] = [first.user, first.personId];
  teammate = (await activeMember(h, team.teamId, "Li Si")).user;
  for (const name of ["Wang Wu", "Zhao Liu"]) await activeMember(h, team.teamId, name);
  await h.database.db.update(people).set({ affiliation: "Jiaxing University" }).where(eq(people.id, volunteerId));
  await seedServiceHistory(h.database.db, team.teamId, volunteerId);
  h.setNow(EXPECTED.now);
}, 60_000);
afterAll(async () => {
  await h?.close();
});

const documentIn = (user: FakeUser) => user.messages().filter((m) => m.document !== undefined);

describe("/stats", () => {
  it("When a volunteer asks, then they see this year's nights, hours and tips, can switch to all time, and get a PDF statement with the totals", async () => {
    const start = volunteer.cursor();
    await volunteer.send("/stats");
    const shown = await volunteer.waitForMessage(/Patrol record of 张三丰/, { after: start });
    const { thisYear, allTime } = EXPECTED;
    expect(shown.text).toContain(`This year: 2027-01-01 – ${EXPECTED.today}`);
    expect(shown.text).toContain(`Nights on patrol: ${thisYear.nights}\n⏱ Hours: ${thisYear.hours}\n💡 Tips reported: ${thisYear.tips}, verified useful: ${thisYear.verified}`);

    await volunteer.click(shown, "All time");
    const all = await volunteer.waitForMessage((m) => m.message_id === shown.message_id && /All time/.test(m.text ?? ""));
    expect(all.text).toContain(`All time: ${allTime.first} – ${EXPECTED.today}`);
    expect(all.text).toContain(`Nights on patrol: ${allTime.nights}\n⏱ Hours: ${allTime.hours}\n💡 Tips reported: ${allTime.tips}, verified useful: ${allTime.verified}`);

    await volunteer.click(all, /Service-hours statement/);
    const sent = await volunteer.waitForMessage((m) => m.document !== undefined, { after: start });
    expect(sent.caption).toMatch(new RegExp(`^📄 Statement NH-S-2027-\\d{6}-[0-9A-Z]{6}: 4 nights, ${allTime.hours} hours \\(${allTime.first} – ${EXPECTED.today}\\)\\.$`));
    const number = /NH-S-2027-\d{6}-[0-9A-Z]{6}/.exec(sent.caption!)![0];
    expect(sent.document).toMatchObject({ file_name: `${number}.pdf`, mime_type: "application/pdf" });
    const pdf = h.fake.fileBytes(sent.document!.file_id)!;
    expect(pdf.subarray(0, 5).toString()).toBe("%PDF-");
    const text = pdfText(pdf);
    expect(text).toEqual(expect.arrayContaining(["Nanhu District", "Volunteer Patrol Service-Hours Statement", "Name: 张三丰", "Affiliation: Jiaxing University", `Period: ${allTime.first} – ${EXPECTED.today}`, `Statement no.: ${number}`, allTime.hours, `Issued: ${EXPECTED.today}`]));
    expect(text).toContain(`张三丰 served 4 nights of volunteer night patrol, ${allTime.hours} hours in all.`);
    const foot = text.join("\n");
    expect(foot).toContain("Verify: scan the QR code or send");
    expect(text.some((line) => new RegExp(`/statement[ \u00a0]${number}`).test(line)), "the command and the number on one line, to be typed as one").toBe(true);
    expect(foot).toContain(`http://127.0.0.1:${h.app.port}/verify/${number}`);
    expect(text).toEqual(expect.arrayContaining(["(Official stamp)", "Signed:"]));
    const [stored] = await h.database.db.select().from(serviceStatements).where(eq(serviceStatements.number, number));
    expect(stored).toMatchObject({ personId: volunteerId, nights: allTime.nights, minutes: allTime.minutes });
  });

  it("When the volunteer asks for the statement as an image, then it is a PNG with the same number and totals", async () => {
    const start = volunteer.cursor();
    await volunteer.send("/stats");
    const shown = await volunteer.waitForMessage(/Patrol record of 张三丰/, { after: start });
    await volunteer.click(shown, "All time");
    const all = await volunteer.waitForMessage((m) => m.message_id === shown.message_id && /All time/.test(m.text ?? ""));
    await volunteer.click(all, /As an image/);
    const sent = await volunteer.waitForMessage((m) => m.photo !== undefined, { after: start });
    const number = /NH-S-2027-\d{6}-[0-9A-Z]{6}/.exec(sent.caption ?? "")?.[0];
    const [pdfStatement] = await h.database.db.select().from(serviceStatements).where(eq(serviceStatements.personId, volunteerId)).limit(1);
    expect(number, "the same figures the same day keep their number").toBe(pdfStatement!.number);
    const png = PNG.sync.read(h.fake.fileBytes(sent.photo!.at(-1)!.file_id)!);
    expect(png.width).toBe(1240);
    let ink = 0;
    for (let i = 0; i < png.data.length; i += 4) if (png.data[i]! < 128) ink++;
    expect(ink / (png.width * png.height), "text was drawn").toBeGreaterThan(0.005);
  });

  it("When a volunteer who reads Chinese asks for this year's statement, then the caption and the PDF are in Chinese, under the district's Chinese name", async () => {
    await h.database.db.update(people).set({ locale: "zh" }).where(eq(people.id, volunteerId));
    const start = volunteer.cursor();
    await volunteer.send("/stats");
    const shown = await volunteer.waitForMessage(/张三丰的巡防记录/, { after: start });
    expect(shown.text).toContain(`今年：2027-01-01至${EXPECTED.today}`);
    await volunteer.click(shown, /服务时长证明/);
    const sent = await volunteer.waitForMessage((m) => m.document !== undefined, { after: start });
    expect(sent.caption).toMatch(new RegExp(`^📄 证明编号 NH-S-2027-\\d{6}-[0-9A-Z]{6}：巡防 3 次，共 ${EXPECTED.thisYear.hours} 小时（2027-01-01至${EXPECTED.today}）。$`));
    const text = pdfText(h.fake.fileBytes(sent.document!.file_id)!);
    expect(text).toEqual(expect.arrayContaining(["南湖区", "志愿巡防服务时长证明", "姓名：张三丰", `期间：2027-01-01至${EXPECTED.today}`, "夜间巡防", EXPECTED.thisYear.hours, "南湖区志愿巡防协调小组办公室"]));
    await h.database.db.update(people).set({ locale: null }).where(eq(people.id, volunteerId));
  });

  it("When a teammate with no checked-in night asks, then they see zeros, no statement button, and a forged statement press issues nothing", async () => {
    const start = teammate.cursor();
    await teammate.send("/stats");
    const shown = await teammate.waitForMessage(/Patrol record of Li Si/, { after: start });
    expect(shown.text).toContain("Nights on patrol: 0");
    expect(shown.text).toContain("No nights on patrol in this period yet");
    expect(shown.reply_markup?.inline_keyboard.flat().map((b) => b.text)).toEqual(["✓ This year", "Last 12 months", "All time"]);

    const answer = await pressData(teammate, shown, "st:pdf:all");
    expect(answer).toMatchObject({ show_alert: true, text: expect.stringMatching(/no checked-in nights/) });
    // Someone else's person id in the data is no way in: the buttons carry none, so it is not a statement press.
    const forged = await pressData(teammate, shown, `st:pdf:all:${volunteerId}`);
    expect(forged.show_alert).toBe(true);
    expect(documentIn(teammate)).toEqual([]);
  });

  it("When someone who is on no team asks or presses a forged statement button, then they are told to join a team and get nothing", async () => {
    const outsider = await userWithRole(h, "Passer-by");
    const start = outsider.cursor();
    await outsider.send("/stats");
    const refused: Message = await outsider.waitForMessage(/Your patrol record starts when you join a team/, { after: start });
    const answer = await pressData(outsider, refused, "st:pdf:year");
    expect(answer).toMatchObject({ show_alert: true, text: expect.stringMatching(/join a team/) });
    expect(documentIn(outsider)).toEqual([]);
    const statements = await h.database.db.select({ personId: serviceStatements.personId }).from(serviceStatements);
    expect(statements.every((s) => s.personId === volunteerId)).toBe(true);
  });
});

describe("checking a statement", () => {
  const issuedStatement = async () => {
    const [issued] = await h.database.db.select().from(serviceStatements).where(eq(serviceStatements.personId, volunteerId)).limit(1);
    expect(issued, "an earlier test issued a statement").toBeDefined();
    return issued!;
  };
  /** The same running number with another check part: what someone guessing numbers would try. */
  const forged = (number: string) => number.replace(/-([0-9A-Z]{6})$/, (_, check: string) => `-${check === "000000" ? "111111" : "000000"}`);
  const page = (number: string, language?: string) => fetch(`http://127.0.0.1:${h.app.port}/verify/${number}`, { headers: language ? { "accept-language": language } : {} });

  it("When the statement image's QR code is scanned, then it opens the statement's own verification page, which says in Chinese that it is genuine, whose (name partly hidden), the team, period, nights and hours", async () => {
    const start = volunteer.cursor();
    await volunteer.send("/stats");
    const shown = await volunteer.waitForMessage(/Patrol record of 张三丰/, { after: start });
    await volunteer.click(shown, /As an image/);
    const sent = await volunteer.waitForMessage((m) => m.photo !== undefined, { after: start });
    const number = /NH-S-2027-\d{6}-[0-9A-Z]{6}/.exec(sent.caption ?? "")![0];
    const url = decodeQr(h.fake.fileBytes(sent.photo!.at(-1)!.file_id)!);
    expect(url).toBe(`http://127.0.0.1:${h.app.port}/verify/${number}`);

    const answer = await fetch(url!, { headers: { "accept-language": "zh-CN,zh;q=0.9,en;q=0.5" } });
    expect(answer.status).toBe(200);
    const html = await answer.text();
    expect(html).toContain(`证明 ${number} 真实有效`);
    for (const shown of ["张*丰", "Statement Patrol", "2027-01-01至2027-06-12", `<dd>${EXPECTED.thisYear.nights}</dd>`, `<dd>${EXPECTED.thisYear.hours}</dd>`, `<dd>${EXPECTED.today}</dd>`]) expect(html).toContain(shown);
    expect(html).not.toContain("张三丰");
    expect(html, "no phone number").not.toMatch(/86139\d{8}/);
  });

  it("When the page is opened by an English browser, then it reads in English; an unknown, forged or malformed number is a 404 with a sentence", async () => {
    const issued = await issuedStatement();
    const english = await page(issued.number, "en-GB,en;q=0.9");
    expect(english.status).toBe(200);
    const html = await english.text();
    expect(html).toContain(`Statement ${issued.number} is genuine`);
    expect(html).toContain("<dd>张*丰</dd>");

    for (const [number, sentence] of [
      [forged(issued.number), `没有开具过编号为 ${forged(issued.number)} 的证明`],
      ["NH-S-2027-999999-ABCDEF", "没有开具过编号为 NH-S-2027-999999-ABCDEF 的证明"],
      ["not-a-number", "这不是证明编号"],
    ] as const) {
      const refused = await page(number, "zh-CN");
      expect(refused.status, number).toBe(404);
      const body = await refused.text();
      expect(body).toContain(sentence);
      expect(body).not.toContain("张");
    }
    const unknownInEnglish = await page(forged(issued.number), "en");
    expect(await unknownInEnglish.text()).toContain(`No statement ${forged(issued.number)} was issued`);
  });

  it("When anyone sends /statement with a quoted number, then they are told it is genuine and what it says, the name partly hidden; a coordinator sees the whole name; a forged, unknown or bad number is refused", async () => {
    const issued = await issuedStatement();
    const stranger = await userWithRole(h, "Employer");
    const start = stranger.cursor();
    await stranger.send(`/statement ${issued.number.toLowerCase()}`);
    const checked = await stranger.waitForMessage(/^✅ Statement NH-S-/, { after: start });
    expect(checked.text).toBe(`✅ Statement ${issued.number} is genuine: issued on ${EXPECTED.today} to 张*丰 (Statement Patrol) for ${issued.nights} nights, ${(issued.hoursTenths / 10).toFixed(1)} hours, nights ${issued.periodFrom ?? "All time"} – ${issued.periodTo}.`);

    const coordinator = await userWithRole(h, "Checker", { role: "coordinator" });
    await coordinator.send(`/statement ${issued.number}`);
    const full = await coordinator.waitForMessage(/^✅ Statement NH-S-/);
    expect(full.text).toContain("to 张三丰 (Statement Patrol)");

    await stranger.send(`/statement ${forged(issued.number)}`);
    await stranger.waitForMessage(new RegExp(`No statement ${forged(issued.number)} was issued`));
    await stranger.send("/statement NH-S-2027-999999-ABCDEF");
    await stranger.waitForMessage(/No statement NH-S-2027-999999-ABCDEF was issued/);
    await stranger.send("/statement 42");
    await stranger.waitForMessage(/That is not a statement number/);
    expect(stranger.messages().filter((m) => /is genuine:/.test(m.text ?? ""))).toHaveLength(1);
  });
});
