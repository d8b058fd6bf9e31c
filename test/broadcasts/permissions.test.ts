import type { Message } from "grammy/types";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { broadcasts } from "../../src/storage/schema/index.js";
import type { FakeUser } from "../../src/sandbox/telegram/index.js";
import { startBotHarness, type BotHarness } from "../support/bot-harness.js";
import { buttonLabels, pressData } from "../support/reports.js";
import { grantRole } from "../../src/access/grant-role.js";
import { findPerson } from "../../src/people/find-person.js";
import { contextFor, system } from "../support/domain.js";
import { activeMember, teamWithLeader, userWithRole } from "../support/world.js";
import { AUDIENCE, broadcast, composeBroadcast, confirmedCounts, pressSend, receivers, recipientsSettled, sortedIds } from "./support.js";

let h: BotHarness;
const w = {} as {
  coordinator: FakeUser;
  supervisor: FakeUser;
  qingpu: Awaited<ReturnType<typeof teamWithLeader>> & { members: FakeUser[] };
  songjiang: Awaited<ReturnType<typeof teamWithLeader>> & { members: FakeUser[] };
  everybody: FakeUser[];
};

beforeAll(async () => {
  h = await startBotHarness();
  w.coordinator = await userWithRole(h, "Coord Perm", { role: "coordinator" });
  const qingpu = await teamWithLeader(h, "Qingpu", "Qingpu");
  w.qingpu = { ...qingpu, members: [(await activeMember(h, qingpu.teamId, "Ai Qingpu")).user, (await activeMember(h, qingpu.teamId, "Bo Qingpu")).user] };
  const songjiang = await teamWithLeader(h, "Songjiang", "Songjiang");
  w.songjiang = { ...songjiang, members: [(await activeMember(h, songjiang.teamId, "Cai Songjiang")).user] };
  w.supervisor = await userWithRole(h, "Supervisor Qingpu", { role: "supervisor", townId: qingpu.townId });
  w.everybody = [w.coordinator, w.supervisor, w.qingpu.leader, ...w.qingpu.members, w.songjiang.leader, ...w.songjiang.members];
});
afterAll(async () => {
  await h?.close();
});

const personOf = (user: FakeUser) => findPerson(h.database.db, String(user.id));
const broadcastCount = async () => (await h.database.db.select({ id: broadcasts.id }).from(broadcasts)).length;

/** Some bot message in the user's own chat, to forge callback data from. */
async function ownMessage(user: FakeUser): Promise<Message> {
  const before = user.cursor();
  await user.send("/me");
  return user.waitForMessage(() => true, { after: before });
}

describe("who may broadcast", () => {
  it("When a volunteer or a team leader sends /broadcast, then they are refused and nothing is sent", async () => {
    const before = await broadcastCount();
    for (const user of [w.qingpu.members[0]!, w.qingpu.leader]) {
      const start = user.cursor();
      await user.send("/broadcast");
      const refusal = await user.waitForMessage(/can broadcast/, { after: start });
      expect(refusal.text).toBe("Only coordinators, and town supervisors for their town, can broadcast.");
      expect(user.messages().filter((m) => m.text?.includes("Who should receive it"))).toEqual([]);
    }
    const volunteer = w.qingpu.members[0]!;
    const start = volunteer.cursor();
    await volunteer.send("/broadcasts");
    await volunteer.waitForMessage(/^Broadcasts are listed for team leaders, supervisors and coordinators\.$/, { after: start });
    expect(await broadcastCount()).toBe(before);
  });

  it("When a town supervisor broadcasts to everyone and to leaders, then only people of their town receive it", async () => {
    const { qingpu, supervisor } = w;
    const text = "Qingpu: all patrols report to the square at 20:00";
    const confirm = await composeBroadcast(supervisor, { audience: "everyone", text });
    expect(confirm.text).toMatch(/^To: everyone · Qingpu\n/);
    const town = [supervisor, qingpu.leader, ...qingpu.members];
    expect(confirmedCounts(confirm)).toEqual({ recipients: town.length, unreachable: 0 });
    const { id } = await pressSend(supervisor, confirm);
    await recipientsSettled(h.database.db, id);
    expect(receivers(w.everybody, text).sort((a, b) => a - b)).toEqual(sortedIds(town));

    const leadersText = "Qingpu leaders: meet after the patrol";
    const leadersId = await broadcast(supervisor, { audience: "leaders", text: leadersText });
    await recipientsSettled(h.database.db, leadersId);
    expect(receivers(w.everybody, leadersText)).toEqual([qingpu.leader.id]);
  });

  it("When a supervisor picks another town's team, or forges another town's button, then it is refused before anything is sent", async () => {
    const { supervisor, songjiang } = w;
    const before = await broadcastCount();
    const start = supervisor.cursor();
    await supervisor.send("/broadcast");
    await supervisor.click(await supervisor.waitForMessage(/Who should receive it/, { after: start }), AUDIENCE.town);
    const towns = await supervisor.waitForMessage(/Which town\?/, { after: start });
    expect(buttonLabels(towns)).toEqual(["Qingpu"]);
    await supervisor.clickData(towns, `bd:t:${songjiang.townId}`);
    await supervisor.waitForMessage(/^You can only broadcast within the town you supervise\.$/, { after: start });

    const again = supervisor.cursor();
    await supervisor.send("/broadcast");
    await supervisor.click(await supervisor.waitForMessage(/Who should receive it/, { after: again }), AUDIENCE.team);
    await supervisor.waitForMessage(/Which team\?/, { after: again });
    await supervisor.send("Songjiang");
    await supervisor.waitForMessage(/^You can only broadcast within the town you supervise\.$/, { after: again });
    // The dialog is over: typing a message now is not a broadcast.
    await supervisor.send("Songjiang: this must not go out");
    await supervisor.waitForMessage(/./, { after: again });
    expect(await broadcastCount()).toBe(before);
    expect(receivers(w.everybody, "Songjiang: this must not go out")).toEqual([]);
  });

  it("When someone not in the dialog presses forged broadcast buttons, then nothing starts and the sender's own dialog is untouched", async () => {
    const { coordinator } = w;
    const outsider = w.songjiang.members[0]!;
    const before = await broadcastCount();
    const text = "Everyone: this one is cancelled";
    const confirm = await composeBroadcast(coordinator, { audience: "everyone", text });

    const own = await ownMessage(outsider);
    for (const data of ["bd:send", "bd:a:everyone", `bd:t:${w.qingpu.townId}`, "bd:cancel"]) {
      expect(await pressData(outsider, own, data), data).toMatchObject({ text: "This button no longer works." });
    }
    expect(await broadcastCount()).toBe(before);

    const start = coordinator.cursor();
    await coordinator.click(confirm, "Cancel");
    await coordinator.waitForMessage(/^Cancelled\.$/, { after: start });
    expect(await pressData(coordinator, confirm, "bd:send")).toMatchObject({ text: "This button no longer works." });
    expect(await broadcastCount()).toBe(before);
    expect(receivers(w.everybody, text)).toEqual([]);
  });

  it("When a supervisor of two towns broadcasts to everyone, then they are asked which town, and only that town receives it", async () => {
    const { qingpu, songjiang } = w;
    const both = await userWithRole(h, "Supervisor Both", { role: "supervisor", townId: qingpu.townId });
    await grantRole(contextFor(h.database.db, system), { personId: (await personOf(both)).personId, role: "supervisor", townId: songjiang.townId });
    const start = both.cursor();
    await both.send("/broadcast");
    await both.click(await both.waitForMessage(/Who should receive it/, { after: start }), AUDIENCE.everyone);
    const towns = await both.waitForMessage(/Which town\?/, { after: start });
    expect(buttonLabels(towns).sort()).toEqual(["Qingpu", "Songjiang"]);
    await both.click(towns, "Songjiang");
    await both.waitForMessage(/Send the message/, { after: start });
    const text = "Songjiang only: the bridge is closed tonight";
    await both.send(text);
    const confirm = await both.waitForMessage(/^To: everyone · Songjiang\n/, { after: start });
    const { id } = await pressSend(both, confirm);
    await recipientsSettled(h.database.db, id);
    expect(receivers(w.everybody, text).sort((a, b) => a - b)).toEqual(sortedIds([songjiang.leader, ...songjiang.members]));
  });
});
