import type { Message } from "grammy/types";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { FakeUser } from "../../src/sandbox/telegram/index.js";
import { startBotHarness, type BotHarness } from "../support/bot-harness.js";
import { district, member } from "../support/report-world.js";
import { buttonLabels, incidentIdOf, pressButton, pressData, sendReport, waitForCard } from "../support/reports.js";
import { userWithRole } from "../support/world.js";

let h: BotHarness;
beforeAll(async () => {
  h = await startBotHarness();
});
afterAll(async () => {
  await h?.close();
});

const VERDICT = ["💡 Useful tip", "Not useful"];

/** The same card in `user`'s chat once its text matches `status` (it is edited in place). */
const copyOf = (user: FakeUser, card: Message, status: RegExp) =>
  user.waitForMessage((m) => m.message_id === card.message_id && status.test(m.text ?? ""), { after: card });

describe("each copy of a report card has the buttons of its holder", () => {
  it("When a volunteer's tip reaches the team's leader and the town's police liaison, then only the liaison's copy shows Useful / Not useful, and the leader's never does", async () => {
    const d = await district(h, "Holder", "en");
    const { user: reporter } = await member(h, d.teamId, "Reporter Holder", "en");
    const ref = await sendReport(reporter, "🕵️ Tip for police", "A man photographs the bank's back door every night");

    const leaderCard = await waitForCard(d.leader, ref);
    const policeCard = await waitForCard(d.police, ref);
    expect(buttonLabels(leaderCard)).toEqual(["👍 Acknowledge", "⏫ Escalate now", "👮 Forward to police", "✅ Resolve"]);
    expect(buttonLabels(policeCard)).toEqual(expect.arrayContaining(VERDICT));
    expect(buttonLabels(policeCard)).not.toContain("👮 Forward to police");

    await pressButton(d.leader, leaderCard, "👍 Acknowledge");
    const owned = await copyOf(d.leader, leaderCard, /Taken on by Leader Holder/);
    expect(buttonLabels(owned)).toEqual(["👮 Forward to police", "✅ Resolve", "⏫ Escalate now"]);
    const policeOwned = await copyOf(d.police, policeCard, /Taken on by Leader Holder/);
    expect(buttonLabels(policeOwned)).toEqual(expect.arrayContaining(VERDICT));

    // The supervisor gets the card one level up; a supervisor does not judge tips either.
    await pressButton(d.leader, owned, "⏫ Escalate now");
    const supervisorCard = await waitForCard(d.supervisor, ref);
    expect(buttonLabels(supervisorCard)).toContain("👍 Acknowledge");
    for (const label of VERDICT) expect(buttonLabels(supervisorCard)).not.toContain(label);
    const leaderAgain = await copyOf(d.leader, leaderCard, /Waiting for someone to take it on/);
    for (const label of VERDICT) expect(buttonLabels(leaderAgain)).not.toContain(label);
  });

  it("When a report is resolved, then no copy keeps any button, and a late Useful press on it is refused", async () => {
    const d = await district(h, "Closing", "en");
    const { user: reporter } = await member(h, d.teamId, "Reporter Closing", "en");
    const ref = await sendReport(reporter, "👀 Suspicious person or vehicle", "A van without plates circles the school");
    const leaderCard = await waitForCard(d.leader, ref);
    const policeCard = await waitForCard(d.police, ref);
    const id = incidentIdOf(policeCard);

    await d.leader.click(leaderCard, "✅ Resolve");
    await d.leader.waitForMessage(new RegExp(`How was ${ref} resolved`));
    await d.leader.send("The van belongs to the school's caterer");
    const leaderDone = await copyOf(d.leader, leaderCard, /Resolved by Leader Closing/);
    const policeDone = await copyOf(d.police, policeCard, /Resolved by Leader Closing/);
    expect(buttonLabels(leaderDone)).toEqual([]);
    expect(buttonLabels(policeDone)).toEqual([]);

    const late = await pressData(d.police, policeCard, `in:u:${id}`);
    expect(late.text).toMatch(/This report is already resolved/);
  });

  it("When the liaison has judged a tip, then no copy shows the verdict buttons any more", async () => {
    const d = await district(h, "Judged", "en");
    const coordinator = await userWithRole(h, "Coord Judged", { role: "coordinator" });
    const { user: reporter } = await member(h, d.teamId, "Reporter Judged", "en");
    const ref = await sendReport(reporter, "🕵️ Tip for police", "Someone sells phones without boxes at the night market");
    const policeCard = await waitForCard(d.police, ref);
    const leaderCard = await waitForCard(d.leader, ref);

    await pressButton(d.police, policeCard, "💡 Useful tip");
    const judged = await copyOf(d.police, policeCard, /Useful tip \(Police Judged\)/);
    for (const label of VERDICT) expect(buttonLabels(judged)).not.toContain(label);
    expect(buttonLabels(judged)).toContain("✅ Resolve");
    const leaderJudged = await copyOf(d.leader, leaderCard, /Useful tip \(Police Judged\)/);
    for (const label of VERDICT) expect(buttonLabels(leaderJudged)).not.toContain(label);
    expect(coordinator.messages().some((m) => m.text?.includes(ref))).toBe(false);
  });
});
