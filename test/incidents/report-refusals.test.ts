import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ensurePatrolDuty } from "../../src/shifts/generate-shifts.js";
import { localNight } from "../../src/shifts/night.js";
import { assignments, duties, shifts } from "../../src/storage/schema/index.js";
import type { FakeUser } from "../../src/sandbox/telegram/index.js";
import { startBotHarness, type BotHarness } from "../support/bot-harness.js";
import { district, districtWide, hazardTeam, member, reportsBy } from "../support/report-world.js";
import { BBOX, BEIJING, buttonLabels, INSIDE, largest, REF, startHazard, UI, waitForCard } from "../support/reports.js";
import { userWithRole } from "../support/world.js";

let h: BotHarness;
/** An emergency also reaches this coordinator; districtWide adds the district-wide officer too, as the other report files have. */
let coordinator: FakeUser;

beforeAll(async () => {
  h = await startBotHarness({ env: { DISTRICT_BBOX: BBOX } });
  ({ coordinator } = await districtWide(h));
});
afterAll(async () => {
  await h?.close();
});

describe("answers the dialog cannot take", () => {
  it("When a volunteer sends a photo where the description is expected, then they are told to describe it first, and the photo is not kept", async () => {
    const { team, reporter } = await hazardTeam(h, "Photofirst");
    const ask = await startHazard(reporter);

    await reporter.sendPhoto();
    const hint = await reporter.waitForMessage(/Please describe it in a message or a voice note first; you can add photos next/, { after: ask });
    await reporter.send("Loose paving slabs at the Photofirst bus stop");
    const photos = await reporter.waitForMessage(UI.en.askPhotos, { after: hint });
    await reporter.click(photos, UI.en.done);
    await reporter.waitForMessage(UI.en.askLocation);
    await reporter.press(UI.en.skip);
    const summary = await reporter.waitForMessage(UI.en.summary);
    expect(summary.text).toContain("Loose paving slabs at the Photofirst bus stop");
    expect(summary.text).toContain("📷 0 · 📍 no location");
    await reporter.click(summary, UI.en.send);
    const ref = REF.exec((await reporter.waitForMessage(UI.en.received)).text!)![0];
    const card = await waitForCard(team.leader, ref);
    expect(card.text).toContain("📷 0");
  });

  it("When the description is longer than 1000 characters, then the volunteer is told how long it is and asked again, and 1000 characters are taken", async () => {
    const { team, reporter } = await hazardTeam(h, "Wordy");
    const ask = await startHazard(reporter);

    await reporter.send("Flooding. ".repeat(120) + "!");
    const tooLong = await reporter.waitForMessage(/That is 1,201 characters; a report can have at most 1,000\. Please shorten it\./, { after: ask });
    await reporter.waitForMessage(UI.en.askDescription, { after: tooLong });
    expect(reporter.messages().some((m) => UI.en.askPhotos.test(m.text ?? ""))).toBe(false);

    const exactly = "Water ".repeat(166) + "done";
    expect(exactly).toHaveLength(1000);
    await reporter.send(exactly);
    await reporter.waitForMessage(UI.en.askPhotos, { after: tooLong });
    await reporter.click(UI.en.done);
    await reporter.waitForMessage(UI.en.askLocation);
    await reporter.press(UI.en.skip);
    const summary = await reporter.waitForMessage(UI.en.summary);
    await reporter.click(summary, UI.en.send);
    const ref = REF.exec((await reporter.waitForMessage(UI.en.received)).text!)![0];
    const card = await waitForCard(team.leader, ref);
    expect(card.text!.split("\n")[3]).toBe(exactly);
  });

  it("When a Chinese description is too long, then the message says how many characters it has, in Chinese, and asks again", async () => {
    const d = await district(h, "Changwen", "zh");
    const { user: reporter } = await member(h, d.teamId, "李长文", "zh");
    await reporter.send("/report");
    await reporter.click(await reporter.waitForMessage(UI.zh.askCategory), UI.zh.category.dispute);
    const ask = await reporter.waitForMessage(UI.zh.askDescription);

    await reporter.send("邻里纠纷".repeat(260));
    const tooLong = await reporter.waitForMessage(/共 1040 字，上报最多 1000 字，请精简。/, { after: ask });
    await reporter.waitForMessage(UI.zh.askDescription, { after: tooLong });
    await reporter.send("楼上漏水引发纠纷，已调解");
    await reporter.waitForMessage(UI.zh.askPhotos, { after: tooLong });
  });

  it("When a sixth photo is sent, then it is refused with the Done button, and the report carries the first five", async () => {
    const { team, reporter } = await hazardTeam(h, "Sixth");
    await startHazard(reporter);
    await reporter.send("Collapsed scaffolding on Sixth Street");
    await reporter.waitForMessage(UI.en.askPhotos);

    const kept: string[] = [];
    for (let i = 1; i <= 5; i++) {
      const { message } = await reporter.sendPhoto();
      kept.push(largest(message)!);
      await reporter.waitForMessage(UI.en.photoAdded(i));
    }
    const { message: sixth } = await reporter.sendPhoto();
    const full = await reporter.waitForMessage(/That makes more than 5 photos, the most a report can carry; the extra one was left out\. Press Done\./);
    expect(buttonLabels(full)).toEqual([UI.en.done]);
    await reporter.click(full, UI.en.done);
    await reporter.waitForMessage(UI.en.askLocation);
    await reporter.press(UI.en.skip);
    const summary = await reporter.waitForMessage(UI.en.summary);
    expect(summary.text).toContain("📷 5 · 📍 no location");
    await reporter.click(summary, UI.en.send);
    const ref = REF.exec((await reporter.waitForMessage(UI.en.received)).text!)![0];

    const card = await waitForCard(team.leader, ref);
    expect(card.text).toContain("📷 5 · 📍 no location");
    const album = team.leader.messages().filter((m) => m.photo);
    expect(album.map(largest).sort()).toEqual([...kept].sort());
    expect(album.map(largest)).not.toContain(largest(sixth));
  });

  it("When text arrives at the photo step, then the volunteer is asked for photos or Done again and the text changes nothing", async () => {
    const { team, reporter } = await hazardTeam(h, "Chatty");
    await startHazard(reporter);
    await reporter.send("Exposed wires at the Chatty Lane substation");
    const ask = await reporter.waitForMessage(UI.en.askPhotos);

    await reporter.send("it is really dangerous");
    const hint = await reporter.waitForMessage(/^Send photos, or press Done\.$/, { after: ask });
    expect(buttonLabels(hint)).toEqual([UI.en.done]);
    await reporter.sendPhoto();
    await reporter.waitForMessage(UI.en.photoAdded(1), { after: hint });
    await reporter.click(UI.en.done);
    await reporter.waitForMessage(UI.en.askLocation);
    await reporter.press(UI.en.skip);
    const summary = await reporter.waitForMessage(UI.en.summary);
    expect(summary.text).not.toContain("really dangerous");
    await reporter.click(summary, UI.en.send);
    const ref = REF.exec((await reporter.waitForMessage(UI.en.received)).text!)![0];
    const card = await waitForCard(team.leader, ref);
    expect(card.text!.split("\n")[3]).toBe("Exposed wires at the Chatty Lane substation");
    expect(card.text).toContain("📷 1");
  });

  it("When a location outside the district is sent, then it is refused with the location button again, and a location inside is taken", async () => {
    const { team, reporter } = await hazardTeam(h, "Faraway");
    await startHazard(reporter);
    await reporter.send("Oil spill across the Faraway roundabout");
    await reporter.waitForMessage(UI.en.askPhotos);
    await reporter.click(UI.en.done);
    const ask = await reporter.waitForMessage(UI.en.askLocation);

    await reporter.send("near the roundabout");
    const hint = await reporter.waitForMessage(/Please send a location with the button below, or press Skip/, { after: ask });
    const calls = h.fake.calls.length;
    await reporter.sendLocation(BEIJING.latitude, BEIJING.longitude);
    const outside = await reporter.waitForMessage(/That location is outside the district\. Please send a location inside it, or press Skip\./, { after: hint });
    // The location keyboard was one-time: the refusal brings it back, or there is no button to press.
    const refusal = h.fake.calls.slice(calls).find((c) => c.method === "sendMessage" && String(c.params.text).includes("outside the district"));
    const keyboard = (refusal?.params.reply_markup as { keyboard?: { text: string; request_location?: boolean }[][] } | undefined)?.keyboard?.flat() ?? [];
    expect(keyboard.find((b) => b.request_location)?.text).toBe(UI.en.sendLocation);
    expect(keyboard.map((b) => b.text)).toContain(UI.en.skip);
    expect(reporter.messages().some((m) => UI.en.summary.test(m.text ?? ""))).toBe(false);

    await reporter.sendLocation(INSIDE.latitude, INSIDE.longitude);
    const summary = await reporter.waitForMessage(UI.en.summary, { after: outside });
    expect(summary.text).toContain("📷 0 · 📍 location");
    await reporter.click(summary, UI.en.send);
    const ref = REF.exec((await reporter.waitForMessage(UI.en.received)).text!)![0];
    const card = await waitForCard(team.leader, ref);
    expect(card.text).toContain("📍 map pin");
    const pins = team.leader.messages().filter((m) => m.location);
    expect(pins.map((m) => m.location)).toEqual([expect.objectContaining(INSIDE)]);
  });

  it("When a volunteer checked in outside the district reports an emergency, then it is paged anyway without that pin, and a later pin outside is refused", async () => {
    const { team, reporter, personId } = await hazardTeam(h, "Offsite");
    const supervisor = await userWithRole(h, "Supervisor Offsite", { role: "supervisor", townId: team.townId });
    const db = h.database.db;
    const now = new Date();
    await ensurePatrolDuty(db, team.teamId, now);
    const [duty] = await db.select({ id: duties.id }).from(duties).where(eq(duties.teamId, team.teamId));
    const night = localNight(now, h.config.BOT_TIMEZONE);
    const [shift] = await db
      .insert(shifts)
      .values({ dutyId: duty!.id, teamId: team.teamId, night, startsAt: new Date(now.getTime() - 10 * 60_000), endsAt: new Date(now.getTime() + 3 * 3_600_000), required: 1, createdAt: now })
      .returning({ id: shifts.id });
    await db.insert(assignments).values({ shiftId: shift!.id, personId, night, source: "manual", reply: "coming", checkedInAt: now, checkInLatitude: BEIJING.latitude, checkInLongitude: BEIJING.longitude, createdAt: now });

    await reporter.send("/report");
    await reporter.click(await reporter.waitForMessage(UI.en.askCategory), UI.en.category.emergency);
    const paged = await reporter.waitForMessage(UI.en.paged);
    const ref = UI.en.paged.exec(paged.text!)![1]!;

    const card = await waitForCard(team.leader, ref);
    expect(card.text).toContain("📷 0 · 📍 no location");
    await waitForCard(supervisor, ref);
    await waitForCard(coordinator, ref);
    const [row] = await reportsBy(h, personId);
    expect(row).toMatchObject({ category: "emergency", shiftId: shift!.id, latitude: null, longitude: null });

    await reporter.sendLocation(BEIJING.latitude, BEIJING.longitude);
    const refused = await reporter.waitForMessage(/That location is outside the district/, { after: paged });
    await reporter.sendLocation(INSIDE.latitude, INSIDE.longitude);
    await reporter.waitForMessage(UI.en.added(ref), { after: refused });
    await team.leader.waitForMessage(/📍 map pin/, { after: card });
    await team.leader.waitForMessage((m) => m.location !== undefined);
    const pins = team.leader.messages().filter((m) => m.location);
    expect(pins.map((m) => m.location)).toEqual([expect.objectContaining(INSIDE)]);
    await reporter.press(UI.en.done);
    await reporter.waitForMessage(UI.en.finished);
  });
});
