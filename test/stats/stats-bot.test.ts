import { eq } from "drizzle-orm";
import type { Message } from "grammy/types";
import { PNG } from "pngjs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { people, serviceStatements } from "../../src/storage/schema/index.js";
import type { FakeUser } from "../../src/sandbox/telegram/index.js";
import { startBotHarness, type BotHarness } from "../support/bot-harness.js";
import { pdfText } from "../support/pdf-text.js";
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
    expect(sent.caption).toMatch(new RegExp(`^📄 Statement NH-S-2027-\\d{6}: 4 nights, ${allTime.hours} hours \\(${allTime.first} – ${EXPECTED.today}\\)\\.$`));
    const number = /NH-S-2027-\d{6}/.exec(sent.caption!)![0];
    expect(sent.document).toMatchObject({ file_name: `${number}.pdf`, mime_type: "application/pdf" });
    const pdf = h.fake.fileBytes(sent.document!.file_id)!;
    expect(pdf.subarray(0, 5).toString()).toBe("%PDF-");
    const text = pdfText(pdf);
    expect(text).toEqual(expect.arrayContaining(["Nanhu District", "Volunteer Patrol Service-Hours Statement", "Name: 张三丰", "Affiliation: Jiaxing University", `Period: ${allTime.first} – ${EXPECTED.today}`, `Statement no.: ${number}`, allTime.hours, `Issued: ${EXPECTED.today}`]));
    expect(text).toContain(`张三丰 served 4 nights of volunteer night patrol, ${allTime.hours} hours in all.`);
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
    const number = /NH-S-2027-\d{6}/.exec(sent.caption ?? "")?.[0];
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
    expect(sent.caption).toMatch(new RegExp(`^📄 证明编号 NH-S-2027-\\d{6}：巡防 3 次，共 ${EXPECTED.thisYear.hours} 小时（2027-01-01至${EXPECTED.today}）。$`));
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

describe("/statement", () => {
  it("When a coordinator checks a quoted number, then it shows whose statement it is and what it certified; a volunteer, a bad or an unknown number is refused", async () => {
    const [issued] = await h.database.db.select().from(serviceStatements).where(eq(serviceStatements.personId, volunteerId)).limit(1);
    expect(issued, "an earlier test issued a statement").toBeDefined();
    const coordinator = await userWithRole(h, "Checker", { role: "coordinator" });
    await coordinator.send(`/statement ${issued!.number.toLowerCase()}`);
    const checked = await coordinator.waitForMessage(/^📄 Statement NH-S-/);
    expect(checked.text).toContain(`Statement ${issued!.number} was issued on`);
    expect(checked.text).toContain(`to 张三丰: ${issued!.nights} nights,`);

    await coordinator.send("/statement NH-S-2027-999999");
    await coordinator.waitForMessage(/No statement NH-S-2027-999999 was issued/);
    await coordinator.send("/statement 42");
    await coordinator.waitForMessage(/That is not a statement number/);
    const before = volunteer.cursor();
    await volunteer.send(`/statement ${issued!.number}`);
    const refused = await volunteer.waitForMessage(() => true, { after: before });
    expect(refused.text).not.toContain(issued!.number);
  });
});
