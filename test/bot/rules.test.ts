import { and, eq } from "drizzle-orm";
import type { Message } from "grammy/types";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { auditLog, people } from "../../src/storage/schema/index.js";
import type { FakeUser } from "../../src/sandbox/telegram/index.js";
import { startBotHarness, type BotHarness } from "../support/bot-harness.js";
import { buttonLabels, pressData } from "../support/reports.js";
import { activeMember, teamWithLeader, userWithRole } from "../support/world.js";

let h: BotHarness;
let coordinator: FakeUser;
beforeAll(async () => {
  h = await startBotHarness();
  coordinator = await userWithRole(h, "Coord Rules", { role: "coordinator" });
});
afterAll(async () => {
  await h?.close();
});

const POLICY_NAMES = ["Tips", "Hazards", "Help given", "Disputes", "Suspicious sightings", "Emergencies", "Residents' reports", "Understaffed shifts", "Missing duty logs", "Calls for help"];

async function showRules(user: FakeUser): Promise<Message> {
  const before = user.cursor();
  await user.send("/rules");
  return user.waitForMessage(/Escalation rules\. Each line is a level/, { after: before });
}

/** One policy's block of /rules: its name line and its rules, as a coordinator would type them. */
function blockOf(rules: Message, name: string): string | undefined {
  return rules.text!.split("\n\n").find((b) => b.split("\n")[0]!.replace(/ \(off\)$/, "") === name);
}

async function auditRows(key: string) {
  return h.database.db.select().from(auditLog).where(and(eq(auditLog.action, "policy.update"), eq(auditLog.subjectId, key)));
}

/** /rules, then the policy's button: the dialog shows the current rules and asks for new ones. */
async function editPolicy(name: string): Promise<Message> {
  const rules = await showRules(coordinator);
  const before = coordinator.cursor();
  await coordinator.click(rules, name);
  return coordinator.waitForMessage(new RegExp(`^${name}, now:[\\s\\S]*Send the new rules in the same form`), { after: before });
}

describe("/rules for a coordinator", () => {
  it("When a coordinator sends /rules, then every policy is shown with its levels and a button to change it", async () => {
    const rules = await showRules(coordinator);
    for (const name of POLICY_NAMES) expect(blockOf(rules, name), name).toBeDefined();
    expect(blockOf(rules, "Help given")).toBe("Help given\nleaders 1h\nsupervisors 4h\nrepeat 0");
    expect(blockOf(rules, "Missing duty logs")).toBe("Missing duty logs\nshift_leader 1h\nsupervisors 2h\ncoordinators 4h\nrepeat 0");
    expect(buttonLabels(rules)).toEqual(POLICY_NAMES);
  });

  it("When a coordinator sends new rules for Tips and saves, then /rules shows them and the change is audited", async () => {
    const ask = await editPolicy("Tips");
    expect(ask.text).toContain("leaders police 30m\nsupervisors 1h\ncoordinators 2h\nrepeat 0");
    await coordinator.send("leaders police 10m\nsupervisors 1h\nrepeat 2");
    const confirm = await coordinator.waitForMessage(/New rules for Tips:/, { after: ask });
    expect(confirm.text).toBe("New rules for Tips:\nleaders police 10m\nsupervisors 1h\nrepeat 2");
    expect(await auditRows("incident.tip")).toHaveLength(0);
    await coordinator.click(confirm, "💾 Save");
    await coordinator.waitForMessage(/✅ Saved: Tips\./, { after: confirm });

    expect(blockOf(await showRules(coordinator), "Tips")).toBe("Tips\nleaders police 10m\nsupervisors 1h\nrepeat 2");
    const [person] = await h.database.db.select({ id: people.id }).from(people).where(eq(people.telegramId, coordinator.id));
    const audit = await auditRows("incident.tip");
    expect(audit).toHaveLength(1);
    expect(audit[0]).toMatchObject({
      actorPersonId: person!.id,
      subjectType: "escalation_policy",
      before: { repeat: 0, enabled: true },
      after: { levels: [{ targets: ["leaders", "police"], waitMinutes: 10 }, { targets: ["supervisors"], waitMinutes: 60 }], repeat: 2, enabled: true },
    });
  });

  it("When a coordinator sends rules with mistakes, then each problem is listed with its line number, the question comes again, and cancelling keeps the old rules", async () => {
    const ask = await editPolicy("Hazards");
    await coordinator.send("leaders 30m\nneighbours 1h\nsupervisors soon\nrepeat many");
    const problems = await coordinator.waitForMessage(/I could not read that/, { after: ask });
    expect(problems.text).toContain('line 2: "neighbours": not one of shift_leader, leaders, supervisors, police, coordinators');
    expect(problems.text).toContain('line 3: "supervisors soon": end the line with how long to wait');
    expect(problems.text).toContain('line 4: "repeat many": write "repeat" and a number from 0 to 10');
    expect(problems.text).not.toContain("line 1");
    await coordinator.waitForMessage(/Send the new rules in the same form/, { after: problems });

    await coordinator.send("leaders 15m\ncoordinators 1h");
    const confirm = await coordinator.waitForMessage(/New rules for Hazards:/, { after: problems });
    await coordinator.click(confirm, "Cancel");
    await coordinator.waitForMessage(/^Cancelled\.$/, { after: confirm });
    expect(blockOf(await showRules(coordinator), "Hazards")).toBe("Hazards\nleaders 30m\nsupervisors 1h\ncoordinators 2h\nrepeat 0");
    expect(await auditRows("incident.hazard")).toHaveLength(0);
  });

  it("When a coordinator writes the rules in Chinese, then they are understood and saved", async () => {
    const ask = await editPolicy("Disputes");
    await coordinator.send("队长 民警 30分钟\n督导 2小时\n重复 1");
    const confirm = await coordinator.waitForMessage(/New rules for Disputes:/, { after: ask });
    expect(confirm.text).toBe("New rules for Disputes:\nleaders police 30m\nsupervisors 2h\nrepeat 1");
    await coordinator.click(confirm, "💾 Save");
    await coordinator.waitForMessage(/✅ Saved: Disputes\./, { after: confirm });
    expect(blockOf(await showRules(coordinator), "Disputes")).toBe("Disputes\nleaders police 30m\nsupervisors 2h\nrepeat 1");
  });

  it("When a coordinator switches off the Emergencies rules, then it is refused with the reason before any confirmation, and they stay on", async () => {
    const ask = await editPolicy("Emergencies");
    await coordinator.send("leaders supervisors police coordinators 5m\nrepeat 3\noff");
    await coordinator.waitForMessage(/Reports always escalate; their rules cannot be switched off/, { after: ask });
    await coordinator.waitForMessage(/Emergencies, now:/, { after: ask });
    expect(coordinator.messages().some((m) => /New rules for Emergencies/.test(m.text ?? ""))).toBe(false);
    await coordinator.send("/cancel");
    const rules = await showRules(coordinator);
    expect(blockOf(rules, "Emergencies")).toBe("Emergencies\nleaders supervisors police coordinators 5m\nrepeat 3");
    expect(await auditRows("incident.emergency")).toHaveLength(0);
  });
});

describe("/rules for anyone else", () => {
  it("When a volunteer or a leader sends /rules, then it is refused and no rules are shown", async () => {
    const team = await teamWithLeader(h, "Norules");
    const { user: volunteer } = await activeMember(h, team.teamId, "Volunteer Norules");
    for (const user of [volunteer, team.leader]) {
      const before = user.cursor();
      await user.send("/rules");
      await user.waitForMessage(/Only district coordinators can do that/, { after: before });
      expect(user.messages().some((m) => /Escalation rules/.test(m.text ?? ""))).toBe(false);
    }
  });

  it("When a leader forges the button of a policy, then a popup refuses it and no dialog starts", async () => {
    const team = await teamWithLeader(h, "Forger");
    const before = team.leader.cursor();
    await team.leader.send("/me");
    const own = await team.leader.waitForMessage(() => true, { after: before });

    const popup = await pressData(team.leader, own, "ru:e:incident.tip");
    expect(popup.text).toMatch(/Only district coordinators can do that/);
    expect(popup.show_alert).toBe(true);
    // Were a dialog waiting, this would be read as the new rules.
    await team.leader.send("leaders 1m");
    expect(team.leader.messages().some((m) => /Tips, now:|New rules for/.test(m.text ?? ""))).toBe(false);
  });
});
