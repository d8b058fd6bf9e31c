import { describe, expect, it } from "vitest";
import { classifyAffiliation } from "../../src/roster/affiliation.js";
import { decodeSpreadsheet, parseRosterCsv } from "../../src/roster/roster-csv.js";

const EN_HEADER = "town,community,team,name,phone,role,weekdays,affiliation";
const csv = (...lines: string[]) => lines.join("\n");
const reasons = (text: string) => parseRosterCsv(text).errors.map((e) => [e.line, e.reason, e.value]);

describe("reading a recruitment spreadsheet", () => {
  it("When the header is in English, then each row is trimmed, normalised and classified", () => {
    const parsed = parseRosterCsv(csv(EN_HEADER, " Xinfeng , Zhuyuan , Team 1 , Wang Fang , 138 0013 8000 , leader , 1-5 , Party member "));

    expect(parsed.errors).toEqual([]);
    expect(parsed.total).toBe(1);
    expect(parsed.rows).toEqual([
      {
        line: 2, town: "Xinfeng", community: "Zhuyuan", team: "Team 1", name: "Wang Fang",
        phone: "+8613800138000", role: "leader", weekdays: 0b0011111, affiliation: { text: "Party member", kind: "party" },
      },
    ]);
  });

  it("When the header is in Chinese, in another order and after a BOM, then the columns are still found", () => {
    const parsed = parseRosterCsv(
      "\uFEFF" + csv("姓名（必填）, 手机号 ,镇/街道,村（社区）,巡防队,职务,可巡逻日", "李雷,13900139000,新丰镇,竹园村,一队,副队长,一三五", "韩梅梅,,新丰镇,竹园村,一队,,"),
    );

    expect(parsed.errors).toEqual([]);
    expect(parsed.rows.map((r) => [r.line, r.town, r.community, r.team, r.name, r.phone, r.role, r.weekdays, r.affiliation])).toEqual([
      [2, "新丰镇", "竹园村", "一队", "李雷", "+8613900139000", "deputy", 0b10101, null],
      [3, "新丰镇", "竹园村", "一队", "韩梅梅", null, "volunteer", 0, null],
    ]);
  });

  it("When a quoted cell spans lines, then later rows keep their physical line numbers, with LF or CRLF", () => {
    for (const eol of ["\n", "\r\n"]) {
      const text = [EN_HEADER, 'T,C,Team,Ann,,,,"Line one', "line two", 'line three"', "T,C,Team,Bob,,boss,,", "", "T,C,Team,Cy,,,,"].join(eol);

      const parsed = parseRosterCsv(text);

      expect(parsed.rows.map((r) => [r.line, r.name])).toEqual([[2, "Ann"], [7, "Cy"]]);
      expect(parsed.errors).toEqual([{ line: 5, reason: "import.bad_role", value: "boss" }]);
      expect(parsed.total).toBe(3);
    }
  });

  it("When a required column is missing, then there is one error on line 1 and no rows", () => {
    const parsed = parseRosterCsv(csv("town,community,team,name,role", "T,C,Team,Ann,"));

    expect(parsed.rows).toEqual([]);
    expect(parsed.errors).toEqual([{ line: 1, reason: "import.missing_column", value: "phone,weekdays" }]);
  });

  it("When cells are empty, wrong or too long, then each problem has its own stable reason and value", () => {
    const long = "x".repeat(65);
    const text = csv(
      EN_HEADER,
      ",C,Team,Ann,,,,",
      "T,,Team,Ann,,,,",
      "T,C,,Ann,,,,",
      "T,C,Team,,,,,",
      "T,C,Team,Bob,12,,,",
      "T,C,Team,Cy,,,someday,",
      "T,C,Team,Di,,chief,,",
      `T,C,Team,${long},,,,`,
      `T,C,Team,Ed,,,,${"y".repeat(101)}`,
    );

    expect(reasons(text)).toEqual([
      [2, "import.missing_town", undefined],
      [3, "import.missing_community", undefined],
      [4, "import.missing_team", undefined],
      [5, "import.missing_name", undefined],
      [6, "import.bad_phone", "12"],
      [7, "import.bad_weekdays", "someday"],
      [8, "import.bad_role", "chief"],
      [9, "import.too_long", long],
      [10, "import.too_long", "y".repeat(101)],
    ]);
    expect(parseRosterCsv(text).rows).toEqual([]);
  });

  it("When one row has several problems, then each is reported on its line", () => {
    expect(reasons(csv(EN_HEADER, "T,C,Team,,abc,boss,,"))).toEqual([
      [2, "import.missing_name", undefined],
      [2, "import.bad_phone", "abc"],
      [2, "import.bad_role", "boss"],
    ]);
  });

  it("When a phone (or, without one, a name) repeats in one team, then the later row is a duplicate", () => {
    const parsed = parseRosterCsv(
      csv(EN_HEADER, "T,C,One,Ann,13800138000,,,", "T,C,One,Ann B,+86 138 0013 8000,,,", "T,C,Two,Ann,13800138000,,,", "T,C,One,Bob,,,,", "T,C,One,Bob,,,,"),
    );

    expect(parsed.rows.map((r) => r.line)).toEqual([2, 4, 5]);
    expect(parsed.errors).toEqual([
      { line: 3, reason: "import.duplicate_in_file", value: "+8613800138000" },
      { line: 6, reason: "import.duplicate_in_file", value: "Bob" },
    ]);
  });

  it("When a row without a phone has the name of a row with one in the same team, then it is the duplicate, wherever it is", () => {
    const parsed = parseRosterCsv(csv(EN_HEADER, "T,C,One,Wang Wei,,,,", "T,C,One,Wang Wei,13800138000,,,", "T,C,Two,Wang Wei,,,,", "T,C,One,Wang Wei,13900139000,,,"));

    expect(parsed.rows.map((r) => r.line)).toEqual([3, 4, 5]);
    expect(parsed.errors).toEqual([{ line: 2, reason: "import.duplicate_in_file", value: "Wang Wei" }]);
  });

  it("When the file has blank lines and rows of empty cells, then they are not rows at all", () => {
    const parsed = parseRosterCsv(csv(EN_HEADER, "", "T,C,Team,Ann,,,,", ",,,,,,,", "  ", ""));

    expect(parsed.total).toBe(1);
    expect(parsed.rows.map((r) => r.line)).toEqual([3]);
    expect(parsed.errors).toEqual([]);
  });

  it("When a quote is never closed, then that record is reported as broken CSV and earlier rows survive", () => {
    const parsed = parseRosterCsv(csv(EN_HEADER, "T,C,Team,Ann,,,,", 'T,C,Team,"Bob,,,,', "T,C,Team,Cy,,,,"));

    expect(parsed.rows.map((r) => r.name)).toEqual(["Ann"]);
    expect(parsed.errors).toEqual([{ line: 3, reason: "import.bad_csv" }]);
    expect(parsed.total).toBe(2);
  });
});

describe("classifying an affiliation", () => {
  it("When the text names a group of the programme, then that kind; a company or institution is a unit", () => {
    expect(classifyAffiliation("中共党员")).toBe("party");
    expect(classifyAffiliation("Party")).toBe("party");
    expect(classifyAffiliation("共青团员")).toBe("league");
    expect(classifyAffiliation("League member")).toBe("league");
    expect(classifyAffiliation("新居民")).toBe("newcomer");
    expect(classifyAffiliation("newcomer")).toBe("newcomer");
    expect(classifyAffiliation("大学生（暑假）")).toBe("student");
    expect(classifyAffiliation("Student")).toBe("student");
    expect(classifyAffiliation("嘉兴电力局")).toBe("unit");
    expect(classifyAffiliation("Nanhu Youth League Committee")).toBe("unit");
    expect(classifyAffiliation("  ")).toBeNull();
  });
});

describe("control characters in a spreadsheet", () => {
  it("When cells hold a NUL byte or other control characters, then they are read as spaces", () => {
    const parsed = parseRosterCsv(csv(EN_HEADER, "T,C,Team,Li\u0000Lei,138\u00070013 8000,,,"));
    expect(parsed.errors).toEqual([]);
    expect(parsed.rows.map((r) => [r.name, r.phone])).toEqual([["Li Lei", "+8613800138000"]]);
  });
});

describe("spreadsheet encodings", () => {
  it("When a CSV was saved as GBK by Chinese Excel, then it is read correctly; UTF-8 stays UTF-8", () => {
    // "镇街,姓名\n新丰镇,张三" in GBK
    const gbk = Buffer.from("d5f2bdd62cd0d5c3fb0ad0c2b7e1d5f22cd5c5c8fd", "hex");
    expect(decodeSpreadsheet(gbk)).toBe("镇街,姓名\n新丰镇,张三");
    expect(decodeSpreadsheet(Buffer.from("镇街,姓名\n新丰镇,张三", "utf8"))).toBe("镇街,姓名\n新丰镇,张三");
  });
});
