import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startBotHarness, type BotHarness } from "../support/bot-harness.js";
import { cardHolders, cardsSentTo, districtWide, hazardTeam, reportsBy } from "../support/report-world.js";
import { BBOX, ids, REF, sendReport, startHazard, UI, waitForCard } from "../support/reports.js";
import { activeMember } from "../support/world.js";

let h: BotHarness;

beforeAll(async () => {
  h = await startBotHarness({ env: { DISTRICT_BBOX: BBOX } });
  // Never sent a card here, but present: "the leader alone holds the card" then also shows a hazard passes them by.
  await districtWide(h);
});
afterAll(async () => {
  await h?.close();
});

describe("a restart in the middle of a report", () => {
  it("When the bot restarts after the description and again at the summary, then the dialog goes on where it was and one report with everything arrives", async () => {
    const { team, reporter, personId } = await hazardTeam(h, "Restart");
    await startHazard(reporter);
    await reporter.send("Gas smell near the Restart Road kindergarten");
    const photos = await reporter.waitForMessage(UI.en.askPhotos);

    await h.restart();
    await reporter.sendPhoto();
    await reporter.waitForMessage(UI.en.photoAdded(1), { after: photos });
    await reporter.sendPhoto();
    await reporter.waitForMessage(UI.en.photoAdded(2), { after: photos });
    await reporter.click(UI.en.done);
    await reporter.waitForMessage(UI.en.askLocation);
    await reporter.press(UI.en.sendLocation);
    const summary = await reporter.waitForMessage(UI.en.summary);
    expect(summary.text).toContain("Gas smell near the Restart Road kindergarten");
    expect(summary.text).toContain("📷 2 · 📍 location");

    await h.restart();
    await reporter.click(summary, UI.en.send);
    const ref = REF.exec((await reporter.waitForMessage(UI.en.received)).text!)![0];
    const card = await waitForCard(team.leader, ref);
    expect(card.text).toContain("Gas smell near the Restart Road kindergarten");
    expect(card.text).toContain("📷 2 · 📍 map pin");
    expect(await reportsBy(h, personId)).toHaveLength(1);
  });
});

describe("/myreports", () => {
  it("When a volunteer sends /myreports, then they see their own reports newest first with where each stands, changing as the leader takes one on and resolves it", async () => {
    const { team, reporter } = await hazardTeam(h, "Ledger");
    const { user: teammate } = await activeMember(h, team.teamId, "Teammate Ledger");

    const none = reporter.cursor();
    await reporter.send("/myreports");
    await reporter.waitForMessage(/You have not sent any reports yet/, { after: none });

    const hazard = await sendReport(reporter, "⚠️ Hazard", "Broken railing on the Ledger canal bridge");
    const help = await sendReport(reporter, "🤝 Help given", "Helped a child find her parents at the Ledger market");
    const foreign = await sendReport(teammate, "⚖️ Dispute", "Shouting match at the Ledger noodle stall");

    const list = async () => {
      const before = reporter.cursor();
      await reporter.send("/myreports");
      const message = await reporter.waitForMessage(/^Your reports:/, { after: before });
      const lines = message.text!.split("\n").slice(1);
      expect(message.text).not.toContain(foreign);
      return lines;
    };
    const line = (ref: string, category: string, state: string) => new RegExp(`^${ref} · ${category} · .+ · ${state}$`);

    let lines = await list();
    expect(lines).toHaveLength(2);
    expect(lines[0]).toMatch(line(help, "🤝 Help given", "waiting"));
    expect(lines[1]).toMatch(line(hazard, "⚠️ Hazard", "waiting"));

    const card = await waitForCard(team.leader, hazard);
    await team.leader.click(card, "👍 Acknowledge");
    await reporter.waitForMessage(new RegExp(`Your report ${hazard} \\(⚠️ Hazard\\) has been taken on`));
    lines = await list();
    expect(lines[0]).toMatch(line(help, "🤝 Help given", "waiting"));
    expect(lines[1]).toMatch(line(hazard, "⚠️ Hazard", "taken on"));

    const owned = await team.leader.waitForMessage(/Taken on by Leader Ledger/, { after: card });
    await team.leader.click(owned, "✅ Resolve");
    await team.leader.waitForMessage(new RegExp(`How was ${hazard} resolved`));
    await team.leader.send("The street office put up a temporary barrier");
    await team.leader.waitForMessage(new RegExp(`${hazard} is resolved\\. The reporter has been told`));
    await reporter.waitForMessage(`Your report ${hazard} (⚠️ Hazard) is resolved: The street office put up a temporary barrier`);
    lines = await list();
    expect(lines[0]).toMatch(line(help, "🤝 Help given", "waiting"));
    expect(lines[1]).toMatch(line(hazard, "⚠️ Hazard", "resolved"));
  });
});

describe("a confirmation delivered twice", () => {
  it("When Send is pressed twice, redelivered and forged again, then one report is stored and the leader gets one card", async () => {
    const { team, reporter, personId } = await hazardTeam(h, "Twice");
    await startHazard(reporter);
    await reporter.send("Streetlight flickering at Twice Alley");
    await reporter.waitForMessage(UI.en.askPhotos);
    await reporter.click(UI.en.done);
    await reporter.waitForMessage(UI.en.askLocation);
    await reporter.press(UI.en.skip);
    const summary = await reporter.waitForMessage(UI.en.summary);

    const first = await reporter.click(summary, UI.en.send);
    const received = await reporter.waitForMessage(UI.en.received);
    const ref = REF.exec(received.text!)![0];
    const second = await reporter.click(summary, UI.en.send);
    // Telegram redelivering the very same press, and a client sending the data once more.
    await h.fake.pushUpdate({ callback_query: first.callbackQuery });
    const forged = await reporter.clickData(summary, "rep:send");
    for (const press of [second, forged]) {
      const answer = await reporter.waitForCallbackAnswer(press.callbackQuery.id);
      expect(answer.text).toBe("This button no longer works.");
    }

    const stored = await reportsBy(h, personId);
    expect(stored.map((r) => r.ref)).toEqual([ref]);
    expect(await cardHolders(h, stored[0]!.id)).toEqual(ids(team.leader));
    await waitForCard(team.leader, ref);
    expect(team.leader.messages().filter((m) => m.text?.startsWith(`⚠️ Hazard · `))).toHaveLength(1);
    expect(reporter.messages().filter((m) => UI.en.received.test(m.text ?? ""))).toHaveLength(1);
  });
});

describe("leaving a report unsent", () => {
  it("When a volunteer sends /cancel halfway through, then the dialog ends and the leader gets nothing", async () => {
    const { team, reporter, personId } = await hazardTeam(h, "Quitter");
    await startHazard(reporter);
    await reporter.send("Graffiti on the Quitter school wall");
    const photos = await reporter.waitForMessage(UI.en.askPhotos);
    await reporter.sendPhoto();
    await reporter.waitForMessage(UI.en.photoAdded(1), { after: photos });

    await reporter.send("/cancel");
    const cancelled = await reporter.waitForMessage(/^Cancelled\.$/, { after: photos });
    // The dialog no longer listens: a stray photo is not taken as the second one.
    await reporter.sendPhoto();
    await reporter.waitForMessage(/I did not understand that/, { after: cancelled });
    expect(reporter.messages().some((m) => UI.en.photoAdded(2).test(m.text ?? ""))).toBe(false);

    expect(await reportsBy(h, personId)).toEqual([]);
    expect(await cardsSentTo(h, team.leader)).toBe(0);
  });

  it("When a volunteer presses Discard on the summary, then nothing is sent, not even when Send on that summary is pressed afterwards", async () => {
    const { team, reporter, personId } = await hazardTeam(h, "Discard");
    await startHazard(reporter);
    await reporter.send("Abandoned car on Discard Road");
    await reporter.waitForMessage(UI.en.askPhotos);
    await reporter.sendPhoto();
    await reporter.waitForMessage(UI.en.photoAdded(1));
    await reporter.click(UI.en.done);
    await reporter.waitForMessage(UI.en.askLocation);
    await reporter.press(UI.en.sendLocation);
    const summary = await reporter.waitForMessage(UI.en.summary);

    await reporter.click(summary, "✖ Discard");
    await reporter.waitForMessage(/Report discarded\. Nothing was sent\./, { after: summary });
    const late = await reporter.click(summary, UI.en.send);
    expect((await reporter.waitForCallbackAnswer(late.callbackQuery.id)).text).toBe("This button no longer works.");

    expect(await reportsBy(h, personId)).toEqual([]);
    expect(await cardsSentTo(h, team.leader)).toBe(0);
    expect(team.leader.messages().some((m) => m.photo || m.location)).toBe(false);
  });
});
