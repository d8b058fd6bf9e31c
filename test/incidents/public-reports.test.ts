import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { incidents, outbox } from "../../src/storage/schema/index.js";
import type { FakeUser } from "../../src/sandbox/telegram/index.js";
import { startBotHarness, type BotHarness } from "../support/bot-harness.js";
import { readPoster } from "../support/qr-decode.js";
import { buttonLabels, incidentIdOf, pressButton, sendReport, waitForCard } from "../support/reports.js";
import { activeMember, nextTelegramId, teamWithLeader, userWithRole } from "../support/world.js";

let h: BotHarness;
beforeAll(async () => {
  h = await startBotHarness({ env: { PUBLIC_REPORTS_PER_DAY: "2" } });
});
afterAll(async () => {
  await h?.close();
});

const PUBLIC_CATEGORIES = ["🕵️ Tip for police", "⚠️ Hazard", "👀 Suspicious person or vehicle", "🚨 Emergency"];

/** Someone on no team who has never written to the bot. */
const resident = (name: string): FakeUser => h.fake.user({ id: nextTelegramId(), first_name: name, language_code: "en" });

describe("a resident's report", () => {
  it("When a resident reports a tip, then they see only the public categories, it reaches the coordinators alone marked as public, and they hear of every change to it", async () => {
    const bystander = await teamWithLeader(h, "Bystander");
    const coordinator = await userWithRole(h, "Coord Triage", { role: "coordinator" });
    const second = await userWithRole(h, "Coord Second", { role: "coordinator" });
    const police = await userWithRole(h, "Officer Wu", { role: "police" });
    const liu = resident("Liu Yang");

    await liu.send("/report");
    await liu.waitForMessage(/You are not on a patrol team, so your report goes to the district coordination office/);
    const ask = await liu.waitForMessage(/What are you reporting/);
    expect(buttonLabels(ask)).toEqual([...PUBLIC_CATEGORIES, "Cancel"]);
    await liu.click(ask, "Cancel");

    const ref = await sendReport(liu, "🕵️ Tip for police", "Two men try car doors on Lakeside Road every evening");
    const card = await waitForCard(coordinator, ref);
    expect(card.text).toContain("Public report (resident)");
    expect(card.text).toContain("Reported by a resident");
    await waitForCard(second, ref);
    const id = incidentIdOf(card);
    const [row] = await h.database.db.select().from(incidents).where(eq(incidents.id, id));
    expect(row).toMatchObject({ public: true, teamId: null, townId: null });
    // Every copy of the card is a row of its group: only the coordinators got one.
    const copies = await h.database.db.select({ chatId: outbox.chatId }).from(outbox).where(eq(outbox.groupKey, `incident:${id}`));
    expect(copies.map((c) => c.chatId).sort()).toEqual([coordinator.id, second.id].sort());
    expect(bystander.leader.messages().some((m) => m.text?.includes(ref))).toBe(false);
    expect(police.messages().some((m) => m.text?.includes(ref))).toBe(false);

    await coordinator.click(card, "👍 Acknowledge");
    await liu.waitForMessage(new RegExp(`Your report ${ref} \\(🕵️ Tip for police\\) has been taken on`));
    await second.waitForMessage(/Taken on by Coord Triage/);

    const owned = await coordinator.waitForMessage(/Taken on by Coord Triage/, { after: card });
    const forwarded = await pressButton(coordinator, owned, "👮 Forward to police");
    expect(forwarded.text).toContain(`${ref} forwarded to the police`);
    const policeCard = await waitForCard(police, ref);
    expect(policeCard.text).toContain("Public report (resident)");
    await liu.waitForMessage(new RegExp(`Your report ${ref} .* has been forwarded to the police`));

    await police.click(policeCard, "💡 Useful tip");
    await liu.waitForMessage(new RegExp(`The police marked your tip ${ref} as useful`));

    const withPolice = await coordinator.waitForMessage(/Forwarded to the police by Coord Triage.*Useful tip/s, { after: owned });
    await coordinator.click(withPolice, "✅ Resolve");
    await coordinator.waitForMessage(new RegExp(`How was ${ref} resolved`));
    await coordinator.send("The police caught them on the third night");
    await liu.waitForMessage(new RegExp(`Your report ${ref} .* is resolved: The police caught them on the third night`));

    const notices = liu.messages().flatMap((m) => (m.text?.includes(ref) ? [m.text] : []));
    expect(notices).toHaveLength(5); // received, taken on, forwarded, useful, resolved
  });

  it("When a resident opens the public deep link, then the same report dialog starts with the public categories", async () => {
    const zhou = resident("Zhou Min");
    await zhou.send("/start report");
    await zhou.waitForMessage(/You are not on a patrol team/);
    const ask = await zhou.waitForMessage(/What are you reporting/);
    expect(buttonLabels(ask)).toEqual([...PUBLIC_CATEGORIES, "Cancel"]);
    await zhou.click(ask, "⚠️ Hazard");
    await zhou.waitForMessage(/Describe what you found/);
  });

  it("When a volunteer or a coordinator asks for the report link, then only the coordinator gets it, on an A5 poster: a title above the code, a 4-module quiet zone, the instructions and the bot's name below", async () => {
    const team = await teamWithLeader(h, "Linkless");
    const { user: volunteer } = await activeMember(h, team.teamId, "Volunteer Linkless");
    const coordinator = await userWithRole(h, "Coord Poster", { role: "coordinator" });

    await volunteer.send("/reportlink");
    await volunteer.waitForMessage(/Only district coordinators can do that/);
    expect(volunteer.messages().some((m) => m.document)).toBe(false);

    await coordinator.send("/reportlink");
    const poster = await coordinator.waitForMessage((m) => m.document !== undefined);
    const link = `https://t.me/${h.fake.botInfo.username}?start=report`;
    expect(poster.caption).toContain(link);
    const printed = readPoster(h.fake.fileBytes(poster.document!.file_id)!);
    expect(poster.document!.file_name, "sent as a file, as printed: a photo would be shrunk").toBe("report-link.png");
    expect(printed.link).toBe(link);
    expect(printed.width / printed.height).toBeCloseTo(1 / Math.SQRT2, 2);
    expect(printed.quietModules).toBeGreaterThanOrEqual(4);
    expect(printed.inkAbove, "the title").toBeGreaterThan(5000);
    expect(printed.inkBelow, "the instructions and the bot's name").toBeGreaterThan(5000);
  });

  it("When a resident has sent the day's two reports, then the third is refused with the reason until 24 hours have passed", async () => {
    const sun = resident("Sun Li");
    await sendReport(sun, "⚠️ Hazard", "Loose paving stones outside the market");
    await sendReport(sun, "👀 Suspicious person or vehicle", "A car without plates parked by the school gate");

    const third = sun.cursor();
    await sun.send("/report");
    await sun.waitForMessage(/You have sent 2 reports in the last 24 hours, the most for residents/, { after: third });
    expect(sun.messages().filter((m) => /What are you reporting/.test(m.text ?? ""))).toHaveLength(2);

    h.setNow(new Date(Date.now() + 24 * 60 * 60_000 + 60_000));
    try {
      const ref = await sendReport(sun, "⚠️ Hazard", "The paving stones are still loose");
      expect(ref).toMatch(/^NH-/);
    } finally {
      h.setNow(null);
    }
  });
});
