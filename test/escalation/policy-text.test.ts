import { and, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DEFAULT_POLICIES } from "../../src/escalation/default-policies.js";
import { loadPolicy } from "../../src/escalation/policies.js";
import { INCIDENT_POLICY_KEYS, POLICY_KEYS } from "../../src/escalation/policy-schema.js";
import { formatPolicyText, parsePolicyText, parseWait, type WrittenPolicy } from "../../src/escalation/policy-text.js";
import { telegramIdsOf, updatePolicy } from "../../src/escalation/update-policy.js";
import { DomainError } from "../../src/domain/errors.js";
import type { Database } from "../../src/storage/db.js";
import { auditLog } from "../../src/storage/schema/index.js";
import { asPerson, contextFor, makePerson, makeTeam } from "../support/domain.js";
import { openTestDatabase } from "../support/test-database.js";
import { reasonOf } from "./support.js";

function parsed(text: string): WrittenPolicy {
  const result = parsePolicyText(text);
  if (!result.ok) throw new Error(`expected ${JSON.stringify(text)} to parse: ${JSON.stringify(result.problems)}`);
  return result.policy;
}

function problems(text: string) {
  const result = parsePolicyText(text);
  if (result.ok) throw new Error(`expected ${JSON.stringify(text)} to be refused`);
  return result.problems;
}

describe("reading policies as coordinators type them", () => {
  it("When a policy is typed in English, one level per line, then each line's targets and wait, the repeat count and the switch are read", () => {
    expect(parsed("leaders police 30m\nsupervisors 1h\ncoordinators 2h\nrepeat 1\noff")).toEqual({
      levels: [
        { targets: ["leaders", "police"], waitMinutes: 30 },
        { targets: ["supervisors"], waitMinutes: 60 },
        { targets: ["coordinators"], waitMinutes: 120 },
      ],
      repeat: 1,
      enabled: false,
    });
    expect(parsed("Shift_Leader Leader 15\nSupervisor 45min\nON")).toEqual({ levels: [{ targets: ["shift_leader", "leaders"], waitMinutes: 15 }, { targets: ["supervisors"], waitMinutes: 45 }], enabled: true });
  });

  it("When a policy is typed in Chinese, then the Chinese words for roles, waits, repeat and off are read", () => {
    expect(parsed("队长 民警 30分钟\n督导 2小时\n协调办 90分\n重复 2\n停用")).toEqual({
      levels: [
        { targets: ["leaders", "police"], waitMinutes: 30 },
        { targets: ["supervisors"], waitMinutes: 120 },
        { targets: ["coordinators"], waitMinutes: 90 },
      ],
      repeat: 2,
      enabled: false,
    });
    expect(parsed("带班、队伍负责人 5分钟\n镇街，公安 1小时\n启用")).toEqual({ levels: [{ targets: ["shift_leader", "leaders"], waitMinutes: 5 }, { targets: ["supervisors", "police"], waitMinutes: 60 }], enabled: true });
  });

  it("When levels are separated by semicolons, numbered, commented or joined with commas and plus signs, then they read the same as plain lines", () => {
    const plain = parsed("leaders police 30m\nsupervisors 1h\nrepeat 0");
    expect(parsed("leaders police 30m; supervisors 1h; repeat 0")).toEqual(plain);
    expect(parsed("# tips\n1. leaders, police 30m\n\n2) supervisors 1h\r\nrepeat 0\n")).toEqual(plain);
    expect(parsed("leaders+police 30m;supervisors 60")).toEqual({ levels: plain.levels });
  });

  it("When a wait is written as minutes, hours or bare numbers, then it is read in minutes", () => {
    const cases: Array<[string, number | null]> = [
      ["30", 30], ["30m", 30], ["30min", 30], ["45mins", 45], ["10minutes", 10], ["1minute", 1],
      ["2h", 120], ["1hour", 60], ["3hours", 180], ["30分钟", 30], ["30分", 30], ["2小时", 120],
      ["soon", null], ["1.5h", null], ["h", null], ["-5m", null],
    ];
    for (const [word, minutes] of cases) expect(parseWait(word), word).toBe(minutes);
  });

  it("When a person is named by Telegram id, then the target keeps the id for the store to look up", () => {
    expect(parsed("tg:123456789 leaders 10m\nTG:42 1h")).toEqual({
      levels: [
        { targets: [{ telegramId: 123456789 }, "leaders"], waitMinutes: 10 },
        { targets: [{ telegramId: 42 }], waitMinutes: 60 },
      ],
    });
  });

  it("When a line cannot be read, then each problem names its reason, its line and the word at fault", () => {
    expect(problems("leaders")).toEqual([{ line: 1, reason: "rules.missing_wait", text: "leaders" }]);
    expect(problems("leaders soon")).toEqual([{ line: 1, reason: "rules.missing_wait", text: "leaders soon" }]);
    expect(problems("leaders 0m")).toEqual([{ line: 1, reason: "rules.bad_wait", text: "0m" }]);
    expect(problems("leaders 169h")).toEqual([{ line: 1, reason: "rules.bad_wait", text: "169h" }]);
    expect(parsed("leaders 168h").levels[0]!.waitMinutes).toBe(7 * 24 * 60);
    expect(problems("leaders mayor 30m")).toEqual([{ line: 1, reason: "rules.unknown_target", text: "mayor" }]);
    expect(problems("tg:abc 30m")).toEqual([{ line: 1, reason: "rules.unknown_target", text: "tg:abc" }]);
    for (const bad of ["repeat", "repeat 11", "repeat -1", "repeat x", "repeat 1 2", "重复 1.5"]) {
      expect(problems(`leaders 30m\n${bad}`), bad).toEqual([{ line: 2, reason: "rules.bad_repeat", text: bad }]);
    }
    expect(problems("")).toEqual([{ line: 0, reason: "rules.no_levels", text: "" }]);
    expect(problems("# only a comment\nrepeat 1\noff")).toEqual([{ line: 0, reason: "rules.no_levels", text: "" }]);
    expect(problems(Array.from({ length: 9 }, (_, i) => `leaders ${i + 1}m`).join("\n"))).toEqual([{ line: 0, reason: "rules.too_many_levels", text: "9" }]);
    expect(parsed(Array.from({ length: 8 }, (_, i) => `leaders ${i + 1}m`).join("\n")).levels).toHaveLength(8);
    expect(problems("leaders 30m\nmayor 1h\nrepeat many\nsupervisors")).toEqual([
      { line: 2, reason: "rules.unknown_target", text: "mayor" },
      { line: 3, reason: "rules.bad_repeat", text: "repeat many" },
      { line: 4, reason: "rules.missing_wait", text: "supervisors" },
    ]);
  });

  it("When a policy is written out, then whole hours show as hours, named people as tg ids, off as a line of its own, and it reads back the same", () => {
    expect(formatPolicyText(DEFAULT_POLICIES["incident.tip"])).toBe("leaders police 30m\nsupervisors 1h\ncoordinators 2h\nrepeat 0");
    expect(formatPolicyText({ levels: [{ targets: ["leaders"], waitMinutes: 90 }], enabled: false })).toBe("leaders 90m\noff");
    const ids = new Map([[7, 555_000_111]]);
    expect(formatPolicyText({ levels: [{ targets: [{ person: 7 }, { person: 8 }, { telegramId: 9 }], waitMinutes: 5 }] }, (id) => ids.get(id) ?? null)).toBe("tg:555000111 tg:?8 tg:9 5m");
    for (const key of POLICY_KEYS) {
      const rules = DEFAULT_POLICIES[key];
      const back = parsed(formatPolicyText(rules));
      expect({ levels: back.levels, repeat: back.repeat, enabled: back.enabled ?? true }, key).toEqual(rules);
    }
  });
});

describe("changing a policy", () => {
  let database: Database;
  let coordinator: { personId: number; telegramId: number };
  beforeAll(async () => {
    database = await openTestDatabase();
    coordinator = await makePerson(database.db, { role: "coordinator" });
  });
  afterAll(async () => database?.close());

  const asCoordinator = () => contextFor(database.db, asPerson(coordinator.personId), new Date("2027-11-01T08:00:00Z"));
  const audits = (key: string) => database.db.select().from(auditLog).where(and(eq(auditLog.action, "policy.update"), eq(auditLog.subjectId, key)));

  it("When someone who is not a coordinator changes a policy, then it is refused and nothing is stored or audited", async () => {
    const team = await makeTeam(database.db, "rules");
    for (const role of [{ role: "leader" as const, teamId: team.teamId }, { role: "supervisor" as const, townId: team.townId }, undefined]) {
      const person = await makePerson(database.db, role);
      const attempt = updatePolicy(contextFor(database.db, asPerson(person.personId)), { key: "incident.hazard", policy: parsed("leaders 1m") });
      await expect(attempt).rejects.toMatchObject({ code: "forbidden", reason: "coordinator_only" });
    }
    expect(await loadPolicy(database.db, "incident.hazard")).toEqual({ key: "incident.hazard", ...DEFAULT_POLICIES["incident.hazard"] });
    expect(await audits("incident.hazard")).toHaveLength(0);
  });

  it("When a coordinator switches off a report policy, then it is refused for every report kind, while the shift rules may be switched off", async () => {
    for (const key of INCIDENT_POLICY_KEYS) {
      expect(await reasonOf(updatePolicy(asCoordinator(), { key, policy: parsed("leaders 30m\noff") })), key).toBe("rules.cannot_disable");
      expect((await loadPolicy(database.db, key)).enabled, key).toBe(true);
    }
    const off = await updatePolicy(asCoordinator(), { key: "help.request", policy: parsed("shift_leader leaders 3m\noff") });
    expect(off).toMatchObject({ key: "help.request", enabled: false, repeat: DEFAULT_POLICIES["help.request"].repeat });
    expect((await loadPolicy(database.db, "help.request")).enabled).toBe(false);
  });

  it("When a policy names an unknown Telegram id, an unknown key or too many targets, then it is refused with the reason", async () => {
    const unknown = await updatePolicy(asCoordinator(), { key: "incident.tip", policy: parsed("tg:999999999 10m") }).catch((e: unknown) => e);
    expect(unknown).toBeInstanceOf(DomainError);
    expect(unknown).toMatchObject({ reason: "rules.unknown_person", details: { id: 999999999 } });
    expect(await reasonOf(updatePolicy(asCoordinator(), { key: "incident.nonsense", policy: parsed("leaders 10m") }))).toBe("rules.unknown_policy");
    const crowded = { levels: [{ targets: Array.from({ length: 11 }, () => "leaders" as const), waitMinutes: 10 }] };
    expect(await reasonOf(updatePolicy(asCoordinator(), { key: "incident.tip", policy: crowded }))).toBe("rules.invalid");
    expect(await audits("incident.tip")).toHaveLength(0);
  });

  it("When a coordinator names a person and changes the levels, then the person is stored by id, repeat and switch stay unless given, and the audit log has before and after", async () => {
    const named = await makePerson(database.db);
    const saved = await updatePolicy(asCoordinator(), { key: "incident.suspicious", policy: parsed(`tg:${named.telegramId} leaders 5m\ncoordinators 1h`) });
    const after = { levels: [{ targets: [{ person: named.personId }, "leaders"], waitMinutes: 5 }, { targets: ["coordinators"], waitMinutes: 60 }], repeat: 1, enabled: true };
    expect(saved).toEqual({ key: "incident.suspicious", ...after });
    expect(await loadPolicy(database.db, "incident.suspicious")).toEqual(saved);
    expect(await telegramIdsOf(asCoordinator(), [saved])).toEqual(new Map([[named.personId, named.telegramId]]));

    const [row] = await audits("incident.suspicious");
    expect(row).toMatchObject({ actorPersonId: coordinator.personId, actor: "person", subjectType: "escalation_policy", before: DEFAULT_POLICIES["incident.suspicious"], after });
    expect(row!.at.toISOString()).toBe("2027-11-01T08:00:00.000Z");

    await updatePolicy(asCoordinator(), { key: "incident.suspicious", policy: parsed("leaders 5m\nrepeat 3") });
    const rows = await audits("incident.suspicious");
    expect(rows).toHaveLength(2);
    expect(rows.map((r) => (r.after as { repeat: number }).repeat).sort()).toEqual([1, 3]);
  });
});

describe("waits written with a space", () => {
  it("When a wait is written as \"30 min\" or \"2 小时\", then it is read as one wait", () => {
    const parsed = parsePolicyText("leaders 30 min\n镇街 2 小时");
    expect(parsed).toEqual({ ok: true, policy: { levels: [{ targets: ["leaders"], waitMinutes: 30 }, { targets: ["supervisors"], waitMinutes: 120 }] } });
  });
});
