import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { count, eq } from "drizzle-orm";
import writeXlsxFile from "write-excel-file/node";
import type { Database } from "../../src/storage/db.js";
import { assignments, duties, shifts } from "../../src/storage/schema/index.js";
import { cliOn, spawnCli } from "../support/cli.js";
import { openTestDatabase } from "../support/test-database.js";

const text = (run: { code: number | null; stdout: Buffer; stderr: string }) => ({ ...run, stdout: run.stdout.toString("utf8") });

const databases: Database[] = [];
afterAll(() => Promise.all(databases.map((d) => d.close())));

/** The CLI in this process on a fresh store of its own (PGlite or PostgreSQL, as the suite runs). */
async function freshCli() {
  const database = await openTestDatabase();
  databases.push(database);
  const run = cliOn(database);
  return async (args: string[]) => text(await run(args));
}
type Cli = Awaited<ReturnType<typeof freshCli>>;

describe("the operator CLI", () => {
  let dataDir: string;
  let csv: string;
  let cli: Cli;
  beforeAll(async () => {
    cli = await freshCli();
    dataDir = mkdtempSync(join(tmpdir(), "shouye-cli-"));
    csv = join(dataDir, "roster.csv");
    writeFileSync(
      csv,
      ["town,community,team,name,phone,role,weekdays,affiliation", "Daqiao,Yunxi,Yunxi Patrol,Qian Yi,13800000001,leader,1-5,", "Daqiao,Yunxi,Yunxi Patrol,Zhao Er,not-a-phone,volunteer,6,", "Daqiao,Yunxi,Yunxi Patrol,Sun San,1380013800,volunteer,6,"].join("\n"),
    );
  });

  it("When a spreadsheet is imported twice, then bad lines are listed with their number and reason in the default language, and the second run creates nothing", async () => {
    const first = await cli(["import", csv]);
    expect(first.code).toBe(1);
    expect(first.stdout).toContain("新增队员：1");
    // stderr is not a terminal here, as when redirected to a log: progress comes as lines, never "\r".
    expect(first.stderr).toContain("正在导入……已处理 1/1 行\n");
    expect(first.stderr).not.toContain("\r");
    expect(first.stdout).toContain("第 3 行：手机号“not-a-phone”不是有效的手机号码");
    expect(first.stdout).toContain("第 4 行：手机号“1380013800”不是有效的手机号码：大陆手机号为 11 位数字，以 13 至 19 开头");
    const second = await cli(["import", csv]);
    expect(second.stdout).toMatch(/新增队员：0\n已更新：0\n无变化：1\n/);
  }, 60_000);

  it("When the same roster comes as an .xlsx workbook, whatever its name, then it reads as the CSV did; a damaged one gets a sentence", async () => {
    const workbook = join(dataDir, "roster-from-excel");
    const rows = ["town,community,team,name,phone,role,weekdays,affiliation", "Daqiao,Yunxi,Yunxi Patrol,Qian Yi,13800000001,leader,1-5,", "Daqiao,Yunxi,Yunxi Patrol,Zhao Er,not-a-phone,volunteer,6,", "Daqiao,Yunxi,Yunxi Patrol,Sun San,1380013800,volunteer,6,"];
    // Excel keeps a typed phone as a number.
    const sheet = rows.map((r) => r.split(",").map((cell) => (/^\d{10,}$/.test(cell) ? Number(cell) : cell || null)));
    writeFileSync(workbook, await writeXlsxFile(sheet).toBuffer());
    const run = await cli(["import", workbook]);
    expect(run.code).toBe(1);
    expect(run.stdout).toMatch(/新增队员：0\n已更新：0\n无变化：1\n/);
    expect(run.stdout).toContain("第 3 行：手机号“not-a-phone”不是有效的手机号码");
    expect(run.stdout).toContain("第 4 行：手机号“1380013800”不是有效的手机号码");

    const damaged = join(dataDir, "damaged.xlsx");
    writeFileSync(damaged, "PK\u0003\u0004 cut short");
    const refused = await cli(["import", damaged]);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain("无法读取该 Excel 文件：文件可能已损坏，或不是 Excel 工作簿。");
    expect(refused.stdout).toBe("");
  }, 60_000);

  it("When an operator grants a role by phone and team number, then it is done once, and again changes nothing", async () => {
    const teams = await cli(["teams", "Yunxi"]);
    const teamId = /^(\d+)\tDaqiao · Yunxi · Yunxi Patrol$/m.exec(teams.stdout)?.[1];
    expect(teamId).toBeDefined();
    const granted = await cli(["grant", "deputy", "13800000001", "--team", teamId!]);
    expect(granted.stdout).toContain("done: grant deputy for Qian Yi");
    const again = await cli(["grant", "deputy", "13800000001", "--team", teamId!]);
    expect(again.stdout).toContain("no change");
    const wrong = await cli(["grant", "supervisor", "13800000001"]);
    expect(wrong.code).toBe(1);
    expect(wrong.stderr).toBe("镇街督导员须按镇街授予：请加上“--town 镇街名称”，不要指定队伍。\n");
    const nobody = await cli(["grant", "deputy", "13900000009", "--team", teamId!]);
    expect(nobody.stderr).toBe("没有找到此人。\n");
  }, 60_000);

  it("When an operator adds a fixed crossing post held a week at a time, then it is added to the team, and a bad window is refused", async () => {
    const added = await cli(["add-post", "--team", "Yunxi", "--name", "Crossing 3", "--time", "19:00-07:00", "--weekly", "--location", "Road to Shanghai"]);
    expect(added.stdout).toMatch(/^post \d+ added to Daqiao · Yunxi · Yunxi Patrol$/m);
    const bad = await cli(["add-post", "--team", "Yunxi", "--name", "Crossing 4", "--time", "7pm"]);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain("add-post --team");
  }, 60_000);

  it("When the embedded store is held by a running bot, then the CLI says so instead of opening it", async () => {
    writeFileSync(join(dataDir, "shouye.lock"), String(process.pid));
    const blocked = text(await spawnCli(["teams"], dataDir));
    expect(blocked.code).toBe(1);
    expect(blocked.stderr).toMatch(/in use by process \d+/);
  }, 60_000);
});

describe("a team imported from the CLI", () => {
  it("When the CLI imports a new team and adds a post to it, then their coming nights are planned at once, tonight too unless it has begun", async () => {
    const database = await openTestDatabase();
    databases.push(database);
    const dataDir = mkdtempSync(join(tmpdir(), "shouye-plan-"));
    const roster = join(dataDir, "roster.csv");
    const names = ["Sun Yi", "Sun Er", "Sun San", "Sun Si"];
    writeFileSync(roster, ["town,community,team,name,phone,role,weekdays,affiliation", ...names.map((n, i) => `Xinfeng,Zhulin,Zhulin Patrol,${n},1380000010${i},volunteer,daily,`)].join("\n"));
    expect((await cliOn(database)(["import", roster])).code).toBe(0);
    const planned = await database.db
      .select({ night: shifts.night, people: count(assignments.id) })
      .from(shifts)
      .leftJoin(assignments, eq(assignments.shiftId, shifts.id))
      .groupBy(shifts.night);
    // Fourteen nights ahead (ROTA_DAYS_AHEAD); tonight only while its 20:00 start is still to come.
    expect(planned.length).toBeGreaterThanOrEqual(13);
    // Four people at most two nights a week each (WEEKLY_CAP): eight places a week are filled.
    expect(planned.reduce((sum, n) => sum + n.people, 0)).toBeGreaterThanOrEqual(8);

    // A post added later is planned at once too.
    const added = await cliOn(database)(["add-post", "--team", "Zhulin", "--name", "Crossing 5", "--time", "07:00-19:00", "--weekly"]);
    expect(added.code).toBe(0);
    const posts = await database.db.select({ id: shifts.id }).from(shifts).innerJoin(duties, eq(duties.id, shifts.dutyId)).where(eq(duties.name, "Crossing 5"));
    expect(posts.length).toBeGreaterThanOrEqual(13);
  }, 60_000);
});

describe("escalation rules from the CLI", () => {
  let cli: Cli;
  beforeAll(async () => {
    cli = await freshCli();
  });

  it("When an operator lists, changes and mistypes a policy, then the change is stored and a mistake names its level", async () => {
    const before = await cli(["rules", "incident.tip"]);
    expect(before.stdout).toBe("incident.tip\n  leaders police 30m\n  supervisors 1h\n  coordinators 2h\n  repeat 0\n");
    const saved = await cli(["rules", "set", "incident.tip", "leaders police 10m; supervisors 1h; repeat 2"]);
    expect(saved.stdout).toBe("saved incident.tip\n");
    const after = await cli(["rules", "incident.tip"]);
    expect(after.stdout).toBe("incident.tip\n  leaders police 10m\n  supervisors 1h\n  repeat 2\n");
    const wrong = await cli(["rules", "set", "incident.tip", "leaders 10m; sheriffs 1h"]);
    expect(wrong.code).toBe(1);
    expect(wrong.stderr).toContain("第 2 行：“sheriffs”：应为“带班”“队长”“镇街”“民警”“协调办”或“tg:”加用户 ID");
    const off = await cli(["rules", "set", "incident.emergency", "coordinators 5m; off"]);
    expect(off.stderr).toBe("上报必须有人处理，此规则不能停用。\n");
  }, 60_000);
});

describe("response levels from the CLI", () => {
  let cli: Cli;
  beforeAll(async () => {
    cli = await freshCli();
  });
  it("When an operator raises a town until a date, then the list shows it, and a time it cannot read is refused", async () => {
    const dataDir = mkdtempSync(join(tmpdir(), "shouye-level-"));
    const roster = join(dataDir, "roster.csv");
    writeFileSync(roster, ["town,community,team,name,phone,role,weekdays,affiliation", "Yunxi,Yunxi,Yunxi Patrol,Qian Yi,13800000001,leader,1-5,"].join("\n"));
    await cli(["import", roster]);
    const set = await cli(["level", "set", "level1", "--town", "Yunxi", "--until", "2099-10-08 08:00", "--message", "Expo week"]);
    // The import planned the team's coming nights; level 1 needs more people on each.
    expect(set.stdout).toMatch(/^set level1: 1[34] shifts restaffed, \d+ places opened, 0 people freed, announced to 0\n/);
    expect(set.stdout).toMatch(/\nYunxi\tlevel1\t\S+\t2099-10-08T00:00:00.000Z\tExpo week\n$/);
    const bad = await cli(["level", "set", "level1", "--until", "next week"]);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain("cannot read the time");
    const list = await cli(["level"]);
    expect(list.stdout.split("\n").filter(Boolean)).toHaveLength(1);
  }, 60_000);
});

describe("the special-days calendar from the CLI", () => {
  let cli: Cli;
  beforeAll(async () => {
    cli = await freshCli();
  });
  it("When an operator adds a holiday and removes it, then the list shows it in between, and a bad kind shows the usage", async () => {
    const added = await cli(["specialdays", "add", "2099-10-01", "holiday", "National", "Day"]);
    expect(added.stdout).toBe("2099-10-01\tholiday\tlevel1\tNational Day\n");
    const bad = await cli(["specialdays", "add", "2099-10-02", "party", "Nope"]);
    expect(bad.code).toBe(2);
    const removed = await cli(["specialdays", "remove", "2099-10-01"]);
    expect(removed.stdout).toBe("");
    const again = await cli(["specialdays", "remove", "2099-10-01"]);
    expect(again.stderr).toBe("2099-10-01不是特殊日。\n");
  }, 60_000);
});
