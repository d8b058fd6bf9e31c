import { and, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { assignments, people, serviceStatements, shifts } from "../../src/storage/schema/index.js";
import type { Database } from "../../src/storage/db.js";
import { issueStatement } from "../../src/stats/issue-statement.js";
import { myStats } from "../../src/stats/my-stats.js";
import { renderStatementPdf, type StatementLabels } from "../../src/stats/statement-pdf.js";
import { addMember, asPerson, contextFor, makePerson, makeTeam, system } from "../support/domain.js";
import { pdfText } from "../support/pdf-text.js";
import { EXPECTED, seedServiceHistory } from "../support/service-history.js";
import { openTestDatabase } from "../support/test-database.js";

const TZ = "Asia/Shanghai";
const settings = { timeZone: TZ, refPrefix: "NH" };
let database: Database;
let volunteerId: number;
let teammateId: number;

beforeAll(async () => {
  database = await openTestDatabase();
  const db = database.db;
  const team = await makeTeam(db, "stats");
  const members = [];
  for (let i = 0; i < 4; i++) members.push(await addMember(db, team.teamId));
  await makePerson(db, { role: "leader", teamId: team.teamId });
  volunteerId = members[0]!.personId;
  teammateId = members[1]!.personId;
  await db.update(people).set({ name: "张三丰", affiliation: "嘉兴学院" }).where(eq(people.id, volunteerId));
  await seedServiceHistory(db, team.teamId, volunteerId);
}, 60_000);
afterAll(async () => {
  await database?.close();
});

const asVolunteer = (personId = volunteerId) => contextFor(database.db, asPerson(personId), EXPECTED.now);

describe("a volunteer's own figures", () => {
  it("When a volunteer looks at this year, then checked-in nights count with an auto check-out to the shift's end, and no-shows, nights taken off and last year do not", async () => {
    const { figures, range } = await myStats(asVolunteer(), "year", TZ);
    expect(range).toEqual({ from: "2027-01-01", to: EXPECTED.today });
    const { thisYear } = EXPECTED;
    expect(figures).toMatchObject({ nights: thisYear.nights, minutes: thisYear.minutes, tipsReported: thisYear.tips, tipsVerified: thisYear.verified });
  });

  it("When a volunteer looks at all time or the last 12 months, then last year's night and useful tip are in too", async () => {
    const all = await myStats(asVolunteer(), "all", TZ);
    expect(all.range.from).toBeNull();
    const { allTime } = EXPECTED;
    expect(all.figures).toEqual({ nights: allTime.nights, minutes: allTime.minutes, tenths: 153, tipsReported: allTime.tips, tipsVerified: allTime.verified, firstNight: allTime.first });
    const year = await myStats(asVolunteer(), "12m", TZ);
    expect(year.range).toEqual({ from: "2026-06-13", to: EXPECTED.today });
    expect(year.figures).toEqual(all.figures);
  });

  it("When someone who never joined a team asks, then they are refused; the system has no record of its own", async () => {
    const outsider = await makePerson(database.db);
    await expect(myStats(asVolunteer(outsider.personId), "all", TZ)).rejects.toMatchObject({ reason: "stats.not_member" });
    await expect(myStats(contextFor(database.db, system, EXPECTED.now), "all", TZ)).rejects.toMatchObject({ reason: "stats.not_member" });
  });
});

describe("the service-hours statement", () => {
  it("When a volunteer asks for all time, then each counted night is a row with its times and the rows add up to the totals, under a quotable number", async () => {
    const statement = await issueStatement(asVolunteer(), { period: "all", clientKey: "test:all" }, settings);
    expect(statement.number).toMatch(/^NH-S-2027-\d{6}-[0-9A-HJKMNP-TV-Z]{6}$/);
    expect(statement.period).toEqual({ from: "2026-12-30", to: EXPECTED.today });
    expect(statement.person).toEqual({ name: "张三丰", affiliation: "嘉兴学院" });
    expect(statement.rows.map((r) => [r.night, r.from, r.to, r.minutes, r.duty.kind])).toEqual([
      ["2026-12-30", "19:50", "23:50", 240, "patrol"],
      ["2027-03-01", "20:00", "23:30", 210, "patrol"],
      ["2027-03-02", "19:45", "00:00", 255, "patrol"],
      ["2027-03-05", "20:30", "00:00", 210, "patrol"],
    ]);
    expect(statement.totals).toEqual({ nights: EXPECTED.allTime.nights, minutes: EXPECTED.allTime.minutes, tenths: 153 });
    expect(statement.teams).toHaveLength(1);
    const [stored] = await database.db.select().from(serviceStatements).where(eq(serviceStatements.number, statement.number));
    expect(stored).toMatchObject({ personId: volunteerId, periodFrom: null, periodTo: EXPECTED.today, nights: 4, minutes: 915, hoursTenths: 153, teams: statement.teams, rowsDigest: expect.stringMatching(/^[0-9a-f]{64}$/) });
  });

  it("When the same request arrives twice, or the volunteer asks again for the same period and nights, then one statement is recorded; the next day's period is a new one", async () => {
    const first = await issueStatement(asVolunteer(), { period: "year", clientKey: "test:twice" }, settings);
    const again = await issueStatement(asVolunteer(), { period: "year", clientKey: "test:twice" }, settings);
    const later = await issueStatement(contextFor(database.db, asPerson(volunteerId), new Date(EXPECTED.now.getTime() + 3_600_000)), { period: "year", clientKey: "test:later" }, settings);
    expect([again.number, later.number]).toEqual([first.number, first.number]);
    const rows = await database.db.select().from(serviceStatements).where(eq(serviceStatements.periodFrom, "2027-01-01"));
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ clientKey: "test:twice", nights: 3, minutes: 675 });
    const tomorrow = await issueStatement(contextFor(database.db, asPerson(volunteerId), new Date(EXPECTED.now.getTime() + 86_400_000)), { period: "year", clientKey: "test:tomorrow" }, settings);
    expect(tomorrow.number).not.toBe(first.number);
    expect(tomorrow.issuedNight).toBe("2027-06-13");
  });

  it("When a volunteer with no checked-in night asks, then no statement is issued and no number used", async () => {
    const before = await database.db.select().from(serviceStatements);
    await expect(issueStatement(asVolunteer(teammateId), { period: "all", clientKey: "test:none" }, settings)).rejects.toMatchObject({ reason: "stats.no_nights" });
    expect(await database.db.select().from(serviceStatements)).toHaveLength(before.length);
  });

  it("When a statement is rendered in Chinese, then it is a real A4 PDF whose text has the name, affiliation, nights, total hours and number", async () => {
    const statement = await issueStatement(asVolunteer(), { period: "all", clientKey: "test:pdf" }, settings);
    const pdf = await renderStatementPdf(statement, zhLabels);
    expect(pdf.subarray(0, 5).toString()).toBe("%PDF-");
    expect(pdf.toString("latin1")).toMatch(/\/MediaBox \[0 0 595\.28 841\.89\]/);
    const text = pdfText(pdf);
    expect(text).toEqual(expect.arrayContaining(["南湖区", "志愿巡防服务时长证明", "姓名：张三丰", "单位：嘉兴学院", "2027-03-02", "夜间巡防", "19:45–00:00", "4.3", "合计", "15.3", "共 4 晚，服务 15.3 小时。", "开具日期：2027-06-12", "（盖章）", "经办人签字："]));
    expect(text, "the number is on every page's footer").toContain(`${statement.number} · 第 1 页，共 1 页`);
  });

  it("When nights round up one by one, then the total printed is the sum of the rows printed, not the rounded sum of the minutes", async () => {
    // 2027-03-01 becomes 20:00-00:15, 255 minutes: two nights of 4.25 h, each printed as 4.3.
    const [night] = await database.db
      .select({ id: assignments.id, out: assignments.checkedOutAt })
      .from(assignments)
      .innerJoin(shifts, eq(shifts.id, assignments.shiftId))
      .where(and(eq(assignments.personId, volunteerId), eq(shifts.night, "2027-03-01")));
    await database.db.update(assignments).set({ checkedOutAt: new Date("2027-03-01T16:15:00Z") }).where(eq(assignments.id, night!.id));
    try {
      const statement = await issueStatement(asVolunteer(), { period: "all", clientKey: "test:rounding" }, settings);
      expect(statement.totals.minutes, "960 minutes would print as 16.0").toBe(960);
      expect(statement.rows.map((r) => r.tenths)).toEqual([40, 43, 43, 35]);
      expect(statement.totals.tenths).toBe(161);
      const text = pdfText(await renderStatementPdf(statement, zhLabels));
      const printed = (night: string) => Number(text[text.indexOf(night) + 4]);
      const sum = statement.rows.reduce((total, r) => total + printed(r.night) * 10, 0);
      expect(Math.round(sum)).toBe(161);
      expect(text[text.indexOf("合计") + 1]).toBe("16.1");
      const { figures } = await myStats(asVolunteer(), "all", TZ);
      expect(figures.tenths, "/stats shows the same hours as the statement").toBe(161);
    } finally {
      await database.db.update(assignments).set({ checkedOutAt: night!.out }).where(eq(assignments.id, night!.id));
    }
  });

  it("When team and post names are long, then they wrap inside their cells whole, and no line of the statement is one character alone", async () => {
    const statement = await issueStatement(asVolunteer(), { period: "all", clientKey: "test:long" }, settings);
    const team = "南湖区新兴街道新兴社区第一志愿巡防队（东片区夜间巡防小组）";
    const post = "新兴社区东门治安岗亭及周边停车场";
    const long = { ...statement, rows: statement.rows.map((r) => ({ ...r, team, duty: { kind: "post" as const, name: post, location: "东门" } })) };
    const text = pdfText(await renderStatementPdf(long, { ...zhLabels, totals: "张三丰参加志愿巡防共 4 次，服务时长合计 15.3 小时。本证明用于申请志愿服务时长认定及相关评优材料之用。" }));
    const cells = text.join("\n");
    expect(cells).not.toContain("…");
    const teamRuns = text.slice(text.indexOf("2027-03-01") + 1).slice(0, 4);
    expect(teamRuns.join(""), "the team name is printed in full, over several lines").toContain(team);
    expect(teamRuns.filter((l) => team.includes(l)).length).toBeGreaterThan(1);
    const orphans = text.filter((line) => [...line.replace(/[\s，。、；：？！（）…·]/gu, "")].length === 1 && /[\u4e00-\u9fff]/u.test(line));
    expect(orphans).toEqual([]);
  });
});

const zhLabels: StatementLabels = {
  district: "南湖区",
  issuer: "南湖区志愿巡防协调小组办公室",
  title: "志愿巡防服务时长证明",
  fields: ["姓名：张三丰", "单位：嘉兴学院", "期间：2026-12-30 至 2027-06-12", "证明编号：NH-S-2027-000001"],
  issued: "开具日期：2027-06-12",
  columns: { date: "日期", team: "队伍", duty: "岗位", time: "时间", hours: "小时" },
  patrol: "夜间巡防",
  total: "合计",
  totals: "共 4 晚，服务 15.3 小时。",
  rule: "按签到至签退计算。",
  verify: "验证：扫描二维码或向机器人 @nanhu_bot 发送 /statement NH-S-2027-000001-7KQ3MX",
  verifyUrl: "https://shouye.example.cn/verify/NH-S-2027-000001-7KQ3MX",
  stamp: "（盖章）",
  signature: "经办人签字：",
  page: (page, pages) => `第 ${page} 页，共 ${pages} 页`,
};
