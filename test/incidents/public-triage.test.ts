import { and, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { auditLog, incidents } from "../../src/storage/schema/index.js";
import type { FakeUser } from "../../src/sandbox/telegram/index.js";
import { startBotHarness, type BotHarness } from "../support/bot-harness.js";
import { cardHolders, district } from "../support/report-world.js";
import { buttonLabels, incidentIdOf, pressButton, pressData, sendReport, waitForCard } from "../support/reports.js";
import { nextTelegramId, userWithRole } from "../support/world.js";

let h: BotHarness;
beforeAll(async () => {
  h = await startBotHarness();
});
afterAll(async () => {
  await h?.close();
});

/** Someone on no team who has never written to the bot. */
const resident = (name: string): FakeUser => h.fake.user({ id: nextTelegramId(), first_name: name, language_code: "en" });

async function incidentRow(id: number) {
  const [row] = await h.database.db.select().from(incidents).where(eq(incidents.id, id));
  return row!;
}

describe("triage of a resident's report", () => {
  it("When the coordinator picks the town of a resident's tip, then that town's police liaison gets the card, marks it useful, and the resident is told", async () => {
    const lakeside = await district(h, "Lakeside", "en");
    const hillside = await district(h, "Hillside", "en");
    const coordinator = await userWithRole(h, "Coord Triage", { role: "coordinator" });
    const wang = resident("Wang Fei");

    const ref = await sendReport(wang, "🕵️ Tip for police", "Two men try car doors on Lakeside Road every evening");
    const card = await waitForCard(coordinator, ref);
    const id = incidentIdOf(card);
    expect(buttonLabels(card)).toContain("📍 Town…");
    expect(await cardHolders(h, id)).toEqual([coordinator.id]);

    // A leader cannot triage, even with forged data; nothing changes.
    const before = lakeside.leader.cursor();
    await lakeside.leader.send("/me");
    const own = await lakeside.leader.waitForMessage(() => true, { after: before });
    const forged = await pressData(lakeside.leader, own, `it:s:${id}:${lakeside.townId}`);
    expect(forged.text).toMatch(/Only district coordinators can say which town a report is in/);
    expect((await incidentRow(id)).townId).toBeNull();

    await coordinator.click(card, "📍 Town…");
    const ask = await coordinator.waitForMessage(new RegExp(`Which town is ${ref} in\\?`));
    expect(buttonLabels(ask)).toEqual(expect.arrayContaining(["Lakeside Town", "Hillside Town"]));
    const picked = await pressButton(coordinator, ask, "Lakeside Town");
    expect(picked.text).toContain(`${ref} is in Lakeside Town now`);
    expect((await incidentRow(id)).townId).toBe(lakeside.townId);

    const policeCard = await waitForCard(lakeside.police, ref);
    expect(policeCard.text).toContain("Public report (resident) · Lakeside Town");
    expect(buttonLabels(policeCard)).toContain("💡 Useful tip");
    await coordinator.waitForMessage((m) => m.message_id === card.message_id && /Lakeside Town/.test(m.text ?? ""), { after: card });

    // The same press delivered again changes nothing and sends no second card.
    const again = await pressData(coordinator, ask, `it:s:${id}:${lakeside.townId}`);
    expect(again.text).toContain(`${ref} is in Lakeside Town now`);
    expect((await cardHolders(h, id)).sort()).toEqual([coordinator.id, lakeside.police.id].sort());
    expect(hillside.police.messages().some((m) => m.text?.includes(ref))).toBe(false);
    expect(lakeside.leader.messages().some((m) => m.text?.includes(ref))).toBe(false);

    await pressButton(lakeside.police, policeCard, "💡 Useful tip");
    await wang.waitForMessage(new RegExp(`The police marked your tip ${ref} as useful`));
    expect((await incidentRow(id)).verdict).toBe("useful");

    const audit = await h.database.db.select().from(auditLog).where(and(eq(auditLog.action, "incident.town"), eq(auditLog.subjectId, String(id))));
    expect(audit).toHaveLength(1);
    expect(audit[0]).toMatchObject({ before: { townId: null }, after: { townId: lakeside.townId } });
  });

  it("When the coordinator moves a resident's report to another town before it is resolved, then the new town's liaison gets it and the first liaison's copy keeps no verdict buttons; once resolved, the town is fixed", async () => {
    const first = await district(h, "Eastgate", "en");
    const second = await district(h, "Westgate", "en");
    const coordinator = await userWithRole(h, "Coord Mover", { role: "coordinator" });
    const li = resident("Li Na");

    const ref = await sendReport(li, "👀 Suspicious person or vehicle", "A car without plates waits by the school every afternoon");
    const card = await waitForCard(coordinator, ref);
    const id = incidentIdOf(card);
    await pressData(coordinator, card, `it:s:${id}:${first.townId}`);
    const firstCard = await waitForCard(first.police, ref);
    expect(buttonLabels(firstCard)).toContain("💡 Useful tip");

    const moved = await pressData(coordinator, card, `it:s:${id}:${second.townId}`);
    expect(moved.text).toContain(`${ref} is in Westgate Town now`);
    const secondCard = await waitForCard(second.police, ref);
    expect(buttonLabels(secondCard)).toContain("💡 Useful tip");
    const firstNow = await first.police.waitForMessage((m) => m.message_id === firstCard.message_id && /Westgate Town/.test(m.text ?? ""), { after: firstCard });
    expect(buttonLabels(firstNow)).toEqual([]);
    const refused = await pressData(first.police, firstCard, `in:u:${id}`);
    expect(refused.text).toMatch(/Only the police liaison can mark tips/);

    await coordinator.click(card, "✅ Resolve");
    await coordinator.waitForMessage(new RegExp(`How was ${ref} resolved`));
    await coordinator.send("The car belongs to a parent");
    await li.waitForMessage(new RegExp(`Your report ${ref} .* is resolved`));
    const late = await pressData(coordinator, card, `it:s:${id}:${first.townId}`);
    expect(late.text).toMatch(/This report is already resolved/);
    expect((await incidentRow(id)).townId).toBe(second.townId);
  });
});
