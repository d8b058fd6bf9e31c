import type { Message } from "grammy/types";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { judgeTip } from "../../src/incidents/judge-tip.js";
import { submitReport } from "../../src/incidents/submit-report.js";
import { ensureOrgPath } from "../../src/org/ensure-org-path.js";
import type { FakeUser } from "../../src/sandbox/telegram/index.js";
import { startBotHarness, type BotHarness } from "../support/bot-harness.js";
import { asPerson, contextFor, system } from "../support/domain.js";
import { outboxSettled } from "../support/outbox-settled.js";
import { buttonLabels, pressButton, pressData } from "../support/reports.js";
import { activeMember, userWithRole } from "../support/world.js";

let h: BotHarness;
beforeAll(async () => {
  h = await startBotHarness();
});
afterAll(async () => {
  await h?.close();
});

const settings = { refPrefix: "NH", timeZone: "Asia/Shanghai", publicPerDay: 5, bbox: null };

/** `count` tips by one volunteer, straight through the domain verb; the first `useful` are marked useful. */
async function tipsBy(personId: number, name: string, count: number, useful: number) {
  for (let i = 1; i <= count; i++) {
    const ctx = contextFor(h.database.db, asPerson(personId), new Date());
    const { incidentId } = await submitReport(ctx, settings, { clientKey: `tips-list:${name}:${i}`, category: "tip", description: `${name} tip number ${i}`, voiceFileId: null, photoFileIds: [], location: null });
    if (i <= useful) await judgeTip(contextFor(h.database.db, system, new Date()), { incidentId, useful: true });
  }
}

const openLines = (m: Message) => (m.text ?? "").split("\n💡")[0]!.split("\n").filter((l) => /^NH-/.test(l));

async function sendTips(user: FakeUser) {
  const before = user.cursor();
  await user.send("/tips");
  return user.waitForMessage(/Open tips/, { after: before });
}

describe("/tips with more than a page of open tips", () => {
  it("When there are 17 open tips and two teams share a name, then /tips shows the real count, pages with ◀ ▶, keeps the teams apart by number, and refuses a volunteer's page press", async () => {
    const north = await ensureOrgPath(h.database.db, { town: "Northtwin Town", community: "Northtwin Community", team: "Twin Patrol" });
    const south = await ensureOrgPath(h.database.db, { town: "Southtwin Town", community: "Southtwin Community", team: "Twin Patrol" });
    const { user: volunteer, personId: northReporter } = await activeMember(h, north.teamId, "Reporter North");
    const { personId: southReporter } = await activeMember(h, south.teamId, "Reporter South");
    const coordinator = await userWithRole(h, "Coord Pages", { role: "coordinator" });
    await tipsBy(northReporter, "North", 14, 3);
    await tipsBy(southReporter, "South", 8, 2);
    await outboxSettled(h.database.db);

    const first = await sendTips(coordinator);
    expect(first.text).toContain("🕵️ Open tips (17):");
    expect(first.text).toContain("Page 1 of 2");
    expect(openLines(first)).toHaveLength(10);
    expect(first.text).toContain("💡 Verified useful (5):");
    expect(first.text).toContain(`${north.teamId} · Twin Patrol: 3`);
    expect(first.text).toContain(`${south.teamId} · Twin Patrol: 2`);
    expect(buttonLabels(first)).toEqual(["▶"]);

    await pressButton(coordinator, first, "▶");
    const second = await coordinator.waitForMessage((m) => m.message_id === first.message_id && /Page 2 of 2/.test(m.text ?? ""), { after: first });
    expect(openLines(second)).toHaveLength(7);
    expect(new Set([...openLines(first), ...openLines(second)]).size).toBe(17);
    expect(buttonLabels(second)).toEqual(["◀"]);

    await pressButton(coordinator, second, "◀");
    const back = await coordinator.waitForMessage((m) => m.message_id === first.message_id && /Page 1 of 2/.test(m.text ?? ""), { after: second });
    // An offset past the end (a stale message after tips were judged) shows the last page.
    await pressData(coordinator, back, "tl:40");
    await coordinator.waitForMessage((m) => m.message_id === first.message_id && /Page 2 of 2/.test(m.text ?? ""), { after: back });

    const before = volunteer.cursor();
    await volunteer.send("/me");
    const own = await volunteer.waitForMessage(() => true, { after: before });
    const refused = await pressData(volunteer, own, "tl:10");
    expect(refused.text).toMatch(/Only coordinators and police liaisons can see tips/);
  });
});
