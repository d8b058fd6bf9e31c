import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startBotHarness, type BotHarness } from "../support/bot-harness.js";
import { activeMember, teamWithLeader } from "../support/world.js";

let h: BotHarness;
beforeAll(async () => {
  h = await startBotHarness();
});
afterAll(async () => {
  await h?.close();
});

const REF = /NH-\d{4}-\d{6}/;

describe("reporting through the bot", () => {
  it("When a volunteer reports a hazard with photos and a location, then the leader gets the photos, the pin and the card, and acknowledging it tells the reporter", async () => {
    const team = await teamWithLeader(h, "Hazard");
    const { user: wang } = await activeMember(h, team.teamId, "Wang Fang");

    await wang.send("/report");
    await wang.waitForMessage(/What are you reporting/);
    await wang.click("⚠️ Hazard");
    await wang.waitForMessage(/Describe what you found/);
    await wang.sendPhoto();
    await wang.waitForMessage(/describe it in a message or a voice note first/);
    await wang.send("Broken street light at the east gate of Nanhu Lane");
    await wang.waitForMessage(/Send up to 5 photos/);
    await wang.sendPhoto();
    await wang.waitForMessage(/Photo 1 of 5 added/);
    await wang.sendPhoto();
    await wang.waitForMessage(/Photo 2 of 5 added/);
    await wang.send("done");
    await wang.waitForMessage(/Where is it/);
    await wang.send("somewhere");
    await wang.waitForMessage(/send a location with the button/);
    await wang.press("📍 Send location");
    const summary = await wang.waitForMessage(/Your report:/);
    expect(summary.text).toContain("Broken street light");
    expect(summary.text).toMatch(/📷 2 · 📍 location/);
    await wang.click(summary, "✅ Send");
    const received = await wang.waitForMessage(/Report received/);
    const ref = REF.exec(received.text!)![0];

    const card = await team.leader.waitForMessage(new RegExp(`⚠️ Hazard · ${ref}`));
    expect(card.text).toContain("Reported by Wang Fang");
    expect(card.text).toContain("Hazard Patrol");
    expect(card.text).toMatch(/📷 2 · 📍 map pin/);
    expect(card.text).toMatch(/Waiting for someone to take it on/);
    const album = team.leader.messages().filter((m) => m.photo);
    expect(album).toHaveLength(2);
    expect(album[0]!.media_group_id).toBeDefined();
    expect(team.leader.messages().some((m) => m.location)).toBe(true);

    await team.leader.click(card, "👍 Acknowledge");
    await team.leader.waitForMessage(/Taken on by Leader Hazard/, { after: card });
    await wang.waitForMessage(new RegExp(`Your report ${ref} \\(⚠️ Hazard\\) has been taken on`));
  });
});

describe("an emergency", () => {
  it("When a volunteer reports an emergency, then 110 is offered at once, everyone is paged before any question, and what they send next reaches those paged", async () => {
    const team = await teamWithLeader(h, "Emergency");
    const { user: li } = await activeMember(h, team.teamId, "Li Lei");
    const { userWithRole } = await import("../support/world.js");
    const coordinator = await userWithRole(h, "Coord Emergency", { role: "coordinator" });

    await li.send("/report");
    await li.click("🚨 Emergency");
    await li.waitForMessage(/call 110 now/);
    await li.waitForMessage((m) => m.contact?.phone_number === "110");
    const paged = await li.waitForMessage(/have been paged: report NH-/);
    const ref = REF.exec(paged.text!)![0];
    const card = await team.leader.waitForMessage(new RegExp(`🚨 Emergency · ${ref}`));
    expect(card.text).toContain("(no description yet)");
    await coordinator.waitForMessage(new RegExp(`🚨 Emergency · ${ref}`));

    await li.send("Two men fighting near the bus stop, one is bleeding");
    await li.waitForMessage(/Added to NH-/);
    await team.leader.waitForMessage(/one is bleeding/, { after: card });
    await li.press("📍 Send location");
    await li.waitForMessage(/Added to NH-/, { after: paged });
    await team.leader.waitForMessage((m) => m.location !== undefined);
    await li.send("Done");
    await li.waitForMessage(/Stay safe/);
  });

  it("When the \"call 110\" contact cannot be sent, then the emergency is paged all the same and the dialog goes on", async () => {
    const team = await teamWithLeader(h, "NoContact");
    const { user: zhao } = await activeMember(h, team.teamId, "Zhao Min");
    await zhao.waitForMessage(/You are now a member/);
    await zhao.send("/report");
    const ask = await zhao.waitForMessage(/What are you reporting/);
    h.fake.failNext("sendContact", { error_code: 400, description: "Bad Request: phone number is invalid" });
    await zhao.click(ask, "🚨 Emergency");

    const card = await team.leader.waitForMessage(/🚨 Emergency · NH-/);
    const ref = REF.exec(card.text!)![0];
    await zhao.waitForMessage(new RegExp(`have been paged: report ${ref}`));
    await zhao.send("A car is on fire in the car park");
    await zhao.waitForMessage(/Added to NH-/);
    await team.leader.waitForMessage(/car is on fire/, { after: card });
  });
});
