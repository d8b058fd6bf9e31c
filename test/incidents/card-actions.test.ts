import { eq, inArray } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { incidents, outbox } from "../../src/storage/schema/index.js";
import type { FakeUser } from "../../src/sandbox/telegram/index.js";
import { startBotHarness, type BotHarness } from "../support/bot-harness.js";
import { buttonLabels, incidentIdOf, pressButton, pressData, sendReport, waitForCard } from "../support/reports.js";
import { activeMember, teamWithLeader, userWithRole } from "../support/world.js";

let h: BotHarness;
beforeAll(async () => {
  h = await startBotHarness();
});
afterAll(async () => {
  await h?.close();
});

async function incidentRow(id: number) {
  const [row] = await h.database.db.select().from(incidents).where(eq(incidents.id, id));
  return row!;
}

/** Outbox rows addressed to these people: a refused press must add none (no card edit, no notice). */
async function outboxCount(...users: FakeUser[]): Promise<number> {
  const rows = await h.database.db.select({ id: outbox.id }).from(outbox).where(inArray(outbox.chatId, users.map((u) => u.id)));
  return rows.length;
}

/** Some bot message in the user's own chat, to forge callback data from. */
async function ownMessage(user: FakeUser) {
  const before = user.cursor();
  await user.send("/me");
  return user.waitForMessage(() => true, { after: before });
}

/** A team in a town of its own (so no other test's supervisor sees it), a volunteer, and their hazard report. */
async function reportedHazard(name: string, photos = 0) {
  const team = await teamWithLeader(h, name, `${name} Town`);
  const { user: reporter } = await activeMember(h, team.teamId, `Reporter ${name}`);
  const ref = await sendReport(reporter, "⚠️ Hazard", `Open manhole on ${name} Road`, photos);
  const card = await waitForCard(team.leader, ref);
  return { team, reporter, ref, card, id: incidentIdOf(card) };
}

describe("forwarding without any police liaison", () => {
  // Must run before any test in this file grants a district-wide police liaison.
  it("When no police liaison exists and a leader presses Forward to police, then a popup says none is set up and the report stays open", async () => {
    const { team, reporter, card, id } = await reportedHazard("Nopolice");
    const before = await outboxCount(team.leader, reporter);

    const popup = await pressButton(team.leader, card, "👮 Forward to police");
    expect(popup.text).toMatch(/No police liaison is set up/);
    expect(popup.show_alert).toBe(true);
    expect((await incidentRow(id)).status).toBe("open");
    expect(await outboxCount(team.leader, reporter)).toBe(before);
  });
});

describe("forged presses on a report card", () => {
  it("When a leader of another team or a volunteer sends Acknowledge, Resolve, Forward or Escalate for a report, then each gets a refusal popup and nothing changes", async () => {
    const { team, reporter, ref, card, id } = await reportedHazard("Forged");
    const other = await teamWithLeader(h, "Elsewhere", "Forged Town");
    const { user: teammate } = await activeMember(h, team.teamId, "Teammate Forged");
    const rowBefore = await incidentRow(id);
    const outboxBefore = await outboxCount(team.leader, reporter);

    for (const presser of [other.leader, teammate]) {
      const from = await ownMessage(presser);
      for (const action of ["a", "r", "f", "e"]) {
        const popup = await pressData(presser, from, `in:${action}:${id}`);
        expect(popup.text, `${presser.user.first_name} pressing in:${action}`).toMatch(/This report is not for you to handle/);
        expect(popup.show_alert).toBe(true);
      }
      // A refused Resolve must not open the note dialog either.
      expect(presser.messages().some((m) => /How was .* resolved/.test(m.text ?? ""))).toBe(false);
    }

    expect(await incidentRow(id)).toEqual(rowBefore);
    expect(await outboxCount(team.leader, reporter)).toBe(outboxBefore);

    // The real leader still can; the reporter's only news is that, and the card was edited once.
    await team.leader.click(card, "👍 Acknowledge");
    await team.leader.waitForMessage(/Taken on by Leader Forged/, { after: card });
    const notice = await reporter.waitForMessage(new RegExp(`Your report ${ref} .* has been taken on`));
    expect(reporter.messages().filter((m) => m.text?.includes(`Your report ${ref}`)).map((m) => m.text)).toEqual([notice.text]);
    const cardLog = team.leader.log().find((e) => e.message.message_id === card.message_id)!;
    expect(cardLog.editCount).toBe(1);
  });

  it("When the team's leader, a coordinator or another town's police liaison presses Useful tip, then each is told only the police liaison can mark tips and no verdict is stored", async () => {
    const team = await teamWithLeader(h, "Tipoff", "Tipoff Town");
    const { user: reporter } = await activeMember(h, team.teamId, "Reporter Tipoff");
    const elsewhere = await teamWithLeader(h, "Faraway", "Faraway Town");
    const coordinator = await userWithRole(h, "Coord Tipoff", { role: "coordinator" });
    const farPolice = await userWithRole(h, "Police Faraway", { role: "police", townId: elsewhere.townId });

    const ref = await sendReport(reporter, "🕵️ Tip for police", "A van unloads boxes at the closed warehouse every night at 2");
    const card = await waitForCard(team.leader, ref);
    const id = incidentIdOf(card);
    // The leader's copy offers no verdict; a stale or forged press is refused all the same.
    expect(buttonLabels(card)).not.toContain("💡 Useful tip");
    const outboxBefore = await outboxCount(team.leader, reporter);

    const fromLeader = await pressData(team.leader, card, `in:u:${id}`);
    expect(fromLeader.text).toMatch(/Only the police liaison can mark tips/);
    const fromCoordinator = await pressData(coordinator, await ownMessage(coordinator), `in:u:${id}`);
    expect(fromCoordinator.text).toMatch(/Only the police liaison can mark tips/);
    const farMessage = await ownMessage(farPolice);
    const fromFarPolice = await pressData(farPolice, farMessage, `in:u:${id}`);
    expect(fromFarPolice.text).toMatch(/Only the police liaison can mark tips/);
    const farAck = await pressData(farPolice, farMessage, `in:a:${id}`);
    expect(farAck.text).toMatch(/This report is not for you to handle/);

    const row = await incidentRow(id);
    expect(row.verdict).toBeNull();
    expect(row.status).toBe("open");
    expect(await outboxCount(team.leader, reporter)).toBe(outboxBefore);
  });
});

describe("forwarding to the police and judging a tip", () => {
  it("When a leader forwards a hazard, then the liaison gets it with its photos and the reporter is told; when the liaison marks it useful, every copy shows it, a second verdict is refused and /tips counts it", async () => {
    const police = await userWithRole(h, "Officer Chen", { role: "police" });
    const coordinator = await userWithRole(h, "Coord Tips", { role: "coordinator" });
    const { team, reporter, ref, card, id } = await reportedHazard("Relay", 2);

    const forwarded = await pressButton(team.leader, card, "👮 Forward to police");
    expect(forwarded.text).toContain(`${ref} forwarded to the police`);
    await reporter.waitForMessage(new RegExp(`Your report ${ref} \\(⚠️ Hazard\\) has been forwarded to the police`));
    await team.leader.waitForMessage(/Forwarded to the police by Leader Relay/, { after: card });

    const policeCard = await waitForCard(police, ref);
    expect(policeCard.text).toContain("Open manhole on Relay Road");
    expect(policeCard.text).toContain("Forwarded to the police by Leader Relay");
    const caption = police.messages().find((m) => m.photo && m.caption?.includes(ref));
    expect(caption, "the photos come with the card").toBeDefined();
    expect(police.messages().filter((m) => m.photo && m.media_group_id === caption!.media_group_id)).toHaveLength(2);

    const verdict = await pressButton(police, policeCard, "💡 Useful tip");
    expect(verdict.text).toContain(`${ref} marked as a useful tip`);
    await reporter.waitForMessage(new RegExp(`The police marked your tip ${ref} as useful`));
    await police.waitForMessage(/💡 Useful tip \(Officer Chen\)/, { after: policeCard });
    await team.leader.waitForMessage(/💡 Useful tip \(Officer Chen\)/, { after: card });

    const again = await pressData(police, policeCard, `in:n:${id}`);
    expect(again.text).toMatch(/Officer Chen has already marked this tip/);
    expect((await incidentRow(id)).verdict).toBe("useful");

    for (const viewer of [police, coordinator]) {
      const before = viewer.cursor();
      await viewer.send("/tips");
      const tips = await viewer.waitForMessage(/Verified useful/, { after: before });
      const [, verified = "", byTeam = "", byVolunteer = ""] = tips.text!.split(/💡 Verified useful|Useful tips per team:|Useful tips per volunteer:/);
      expect(verified).toContain(ref);
      expect(byTeam).toContain("Relay Patrol: 1");
      expect(byVolunteer).toContain("Reporter Relay: 1");
    }

    const refused = reporter.cursor();
    await reporter.send("/tips");
    await reporter.waitForMessage(/Only coordinators and police liaisons can see tips/, { after: refused });
  });
});

describe("resolving and escalating from the card", () => {
  it("When a leader presses Resolve and sends a note, then a too long note is refused with the question again and the card shows who resolved it and how", async () => {
    const { team, reporter, ref, card, id } = await reportedHazard("Mend");

    await team.leader.click(card, "✅ Resolve");
    const ask = await team.leader.waitForMessage(new RegExp(`How was ${ref} resolved`));
    await team.leader.send("x".repeat(501));
    const tooLong = await team.leader.waitForMessage(/That is 501 characters; at most 500/, { after: ask });
    await team.leader.waitForMessage(new RegExp(`How was ${ref} resolved`), { after: tooLong });
    expect((await incidentRow(id)).status).toBe("open");

    await team.leader.send("Covered it and called the district works office");
    await team.leader.waitForMessage(new RegExp(`${ref} is resolved. The reporter has been told`));
    const resolved = await team.leader.waitForMessage(/Resolved by Leader Mend: Covered it and called the district works office/, { after: card });
    expect(buttonLabels(resolved)).toEqual([]);
    await reporter.waitForMessage(new RegExp(`Your report ${ref} \\(⚠️ Hazard\\) is resolved: Covered it and called the district works office`));
  });

  it("When a leader presses Escalate now on a card they acknowledged, then the card is waiting again and the town supervisor gets it at once", async () => {
    const { team, ref, card } = await reportedHazard("Upward");
    const supervisor = await userWithRole(h, "Supervisor Upward", { role: "supervisor", townId: team.townId });

    await team.leader.click(card, "👍 Acknowledge");
    const owned = await team.leader.waitForMessage(/Taken on by Leader Upward/, { after: card });
    const popup = await pressButton(team.leader, owned, "⏫ Escalate now");
    expect(popup.text).toContain(`${ref} passed up to the next level`);

    const waiting = await team.leader.waitForMessage(/Waiting for someone to take it on/, { after: owned });
    expect(buttonLabels(waiting)).toContain("👍 Acknowledge");
    // The hazard policy gives the leaders 30 minutes; only Escalate now explains the supervisor hearing of it now.
    const supervisorCard = await waitForCard(supervisor, ref);
    expect(supervisorCard.text).toMatch(/Waiting for someone to take it on/);
    expect(buttonLabels(supervisorCard)).toContain("👍 Acknowledge");
  });
});

describe("two leads of one team", () => {
  it("When the leader acknowledges and then the deputy presses Acknowledge on their copy, then the deputy is told who has it and the deputy's card shows the owner", async () => {
    const team = await teamWithLeader(h, "Pair", "Pair Town");
    const deputy = await userWithRole(h, "Deputy Pair", { role: "deputy", teamId: team.teamId });
    const { user: reporter } = await activeMember(h, team.teamId, "Reporter Pair");
    const ref = await sendReport(reporter, "⚠️ Hazard", "Fallen tree blocks the Pair Lane footpath");
    const leaderCard = await waitForCard(team.leader, ref);
    const deputyCard = await waitForCard(deputy, ref);
    const id = incidentIdOf(deputyCard);

    const first = await pressButton(team.leader, leaderCard, "👍 Acknowledge");
    expect(first.text).toContain(`${ref} is yours now`);
    // The deputy's client may still show the old card: the press carries the original data.
    const second = await pressData(deputy, deputyCard, `in:a:${id}`);
    expect(second.text).toMatch(/Leader Pair has already taken this on/);
    expect(second.show_alert).toBe(true);

    await deputy.waitForMessage(/Taken on by Leader Pair/, { after: deputyCard });
    const row = await incidentRow(id);
    expect(row.status).toBe("acknowledged");
  });
});
