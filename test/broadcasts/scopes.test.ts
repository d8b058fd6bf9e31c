import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Db } from "../../src/storage/db.js";
import { assignments, broadcasts, people, shifts } from "../../src/storage/schema/index.js";
import type { FakeUser } from "../../src/sandbox/telegram/index.js";
import { startBotHarness, type BotHarness } from "../support/bot-harness.js";
import { plannedNight } from "../support/shifts.js";
import { activeMember, teamWithLeader, userWithRole } from "../support/world.js";
import { broadcast, composeBroadcast, confirmedCounts, copiesOf, deliveryReport, figuresOf, pressSend, receivers, recipientRows, recipientsSettled, sortedIds, STARTED } from "./support.js";
import { moveClock } from "../support/outbox-settled.js";

let h: BotHarness;
let coordinator: FakeUser;
/** Two towns: Anting with two teams and a supervisor, Baihe with one team. */
const world = {} as {
  north: { leader: FakeUser; members: FakeUser[] };
  south: { leader: FakeUser; members: FakeUser[] };
  baihe: { leader: FakeUser; members: FakeUser[] };
  supervisor: FakeUser;
  everybody: FakeUser[];
};

/** Everyone with a place on a shift of that night, as the shift planner left it. */
const peopleOnShift = (db: Db, night: string) =>
  db.selectDistinct({ telegramId: people.telegramId }).from(assignments).innerJoin(people, eq(people.id, assignments.personId)).where(eq(assignments.night, night));

async function team(name: string, town: string) {
  const t = await teamWithLeader(h, name, town);
  const members = [(await activeMember(h, t.teamId, `${name} One`)).user, (await activeMember(h, t.teamId, `${name} Two`)).user];
  return { ...t, members };
}

beforeAll(async () => {
  h = await startBotHarness();
  h.setNow("2027-06-01T04:00:00Z");
  coordinator = await userWithRole(h, "Coord Scopes", { role: "coordinator" });
  const north = await team("Anting North", "Anting");
  world.north = north;
  world.south = await team("Anting South", "Anting");
  world.baihe = await team("Baihe East", "Baihe");
  world.supervisor = await userWithRole(h, "Supervisor Anting", { role: "supervisor", townId: north.townId });
  const { north: n, south: s, baihe: b } = world;
  world.everybody = [coordinator, world.supervisor, n.leader, s.leader, b.leader, ...n.members, ...s.members, ...b.members];
});
afterAll(async () => {
  await h?.close();
});

describe("a coordinator's /broadcast reaches exactly its scope", () => {
  it("When a coordinator sends to one town and presses Send twice, then the town's volunteers, leaders and supervisor get it once each, and nobody else", async () => {
    const text = "Typhoon warning: Anting patrols stay indoors tonight";
    const confirm = await composeBroadcast(coordinator, { audience: "town", town: "Anting", text });
    expect(confirm.text).toMatch(/^To: a town · Anting\n/);
    expect(confirm.text).toContain(text);
    const { north, south } = world;
    const town = [world.supervisor, north.leader, south.leader, ...north.members, ...south.members];
    expect(confirmedCounts(confirm)).toEqual({ recipients: town.length, unreachable: 0 });

    // A double tap: both presses are on their way before the first is handled.
    const before = coordinator.cursor();
    const presses = await Promise.all([coordinator.click(confirm, "📢 Send"), coordinator.click(confirm, "📢 Send")]);
    const answers = await Promise.all(presses.map((p) => coordinator.waitForCallbackAnswer(p.callbackQuery.id)));
    expect(answers.map((a) => a.text ?? "")).toEqual(["", "This button no longer works."]);
    const started = await coordinator.waitForMessage(/is on its way/, { after: before });
    const [, idText, recipients] = STARTED.exec(started.text!)!;
    const id = Number(idText);
    expect(Number(recipients)).toBe(town.length);

    const report = figuresOf(await deliveryReport(h, coordinator, id));
    expect(report).toEqual({ sent: town.length, failed: 0, unreachable: 0, total: town.length, received: 0 });
    expect(receivers(world.everybody, text).sort((a, b) => a - b)).toEqual(sortedIds(town));
    for (const user of town) expect(copiesOf(user, text), `copies to ${user.user.first_name}`).toHaveLength(1);
    expect(await h.database.db.select({ id: broadcasts.id }).from(broadcasts).where(eq(broadcasts.text, text))).toHaveLength(1);
    expect(coordinator.messages().filter((m) => STARTED.test(m.text ?? ""))).toHaveLength(1);
  });

  it("When the press of Send is delivered again by Telegram, then the broadcast is not started a second time", async () => {
    const text = "Redelivered: Baihe East meets at the gate at 19:45";
    const confirm = await composeBroadcast(coordinator, { audience: "team", team: "Baihe East", text });
    expect(confirm.text).toMatch(/^To: one team · /);
    const before = coordinator.cursor();
    const press = await coordinator.click(confirm, "📢 Send");
    await coordinator.waitForMessage(/is on its way to 3 people/, { after: before });
    await h.fake.pushUpdate({ callback_query: press.callbackQuery });

    const [row] = await h.database.db.select({ id: broadcasts.id }).from(broadcasts).where(eq(broadcasts.text, text));
    await recipientsSettled(h.database.db, row!.id);
    const { baihe } = world;
    expect(receivers(world.everybody, text).sort((a, b) => a - b)).toEqual(sortedIds([baihe.leader, ...baihe.members]));
    for (const user of [baihe.leader, ...baihe.members]) expect(copiesOf(user, text)).toHaveLength(1);
    expect(coordinator.messages().filter((m) => m.text?.includes("is on its way"))).toHaveLength(2); // this one and the town's
    expect(await h.database.db.select({ id: broadcasts.id }).from(broadcasts).where(eq(broadcasts.text, text))).toHaveLength(1);
  });

  it("When a coordinator sends to team leaders, then every team's leader gets it, without team receipts since their teams were not sent it, and no volunteer or supervisor does", async () => {
    const text = "Leaders: rosters for the holiday week are due Friday";
    const id = await broadcast(coordinator, { audience: "leaders", text });
    await recipientsSettled(h.database.db, id);
    const { north, south, baihe } = world;
    const leaders = [north.leader, south.leader, baihe.leader];
    expect(receivers(world.everybody, text).sort((a, b) => a - b)).toEqual(sortedIds(leaders));
    for (const leader of leaders) {
      const [copy] = copiesOf(leader, text);
      expect(copy!.text).toBe(`📢 Coord Scopes:\n\n${text}`);
      expect((copy!.reply_markup?.inline_keyboard ?? []).flat().map((b) => b.text)).toEqual(["✅ Received"]);
    }
    // Asked anyway (an old button, a forged one), the receipts say the team was not sent it.
    const before = north.leader.cursor();
    await north.leader.clickData(copiesOf(north.leader, text)[0]!, `bc:t:${id}`);
    const receipts = await north.leader.waitForMessage(/^👥 Broadcast/, { after: before });
    expect(receipts.text).toBe(`👥 Broadcast #${id} in Anting North Patrol: 0 of 0 received.\nNone of the team's members were sent this broadcast.`);
    expect(receipts.reply_markup).toBeUndefined();
  });

  it("When a coordinator sends a photo to tonight's volunteers, then those on tonight's shifts get the photo and caption, and people off duty do not", async () => {
    await moveClock(h, "2027-06-02T10:00:00Z"); // 18:00 in Shanghai, before the night of 2 June
    // Planning the night staffs every team's shift, the file's other teams too.
    const night = await plannedNight(h.database.db, "2027-06-02", 4);
    expect(night.assigned.length).toBeGreaterThan(0);
    const chatOf = (p: { telegramId: number | null }) => h.fake.user({ id: p.telegramId!, first_name: `Person ${p.telegramId}`, language_code: "en" });
    const onDuty = (await peopleOnShift(h.database.db, "2027-06-02")).map(chatOf);
    expect(sortedIds(onDuty)).toEqual(expect.arrayContaining(night.assigned.map((p) => p.telegramId)));
    const offDuty = [...night.free, night.leader].map(chatOf);

    const text = "Tonight: check the river path twice";
    const confirm = await composeBroadcast(coordinator, { audience: "tonight", text, photo: true });
    expect(coordinator.messages().at(-2)?.photo, "the photo, then the confirmation").toBeDefined();
    expect(confirmedCounts(confirm).recipients).toBe(onDuty.length);
    const { id } = await pressSend(coordinator, confirm);
    await recipientsSettled(h.database.db, id);

    expect(sortedIds(onDuty)).toEqual((await recipientRows(h.database.db, id)).map((r) => r.telegramId).sort((a, b) => a! - b!));
    for (const user of onDuty) {
      const copies = copiesOf(user, text);
      expect(copies).toHaveLength(1);
      expect(copies[0]!.photo, "the photo goes out with the caption").toBeDefined();
    }
    const dutyIds = new Set(onDuty.map((u) => u.id));
    const notOnDuty = [...offDuty, ...world.everybody].filter((u) => !dutyIds.has(u.id));
    expect(notOnDuty.map((u) => u.id)).toEqual(expect.arrayContaining([coordinator.id, world.supervisor.id, world.north.leader.id, night.leader.telegramId]));
    expect(receivers(notOnDuty, text)).toEqual([]);
  });

  it("When it is past midnight, then tonight's volunteers are those still out on a shift that runs past midnight, not those whose shift ended", async () => {
    const night = await plannedNight(h.database.db, "2027-06-05", 4);
    const ended = await plannedNight(h.database.db, "2027-06-05", 4);
    // One team patrols 22:00-02:00 (14:00-18:00Z); the other's 20:00-24:00 is over by 00:30.
    await h.database.db.update(shifts).set({ startsAt: new Date("2027-06-05T14:00:00Z"), endsAt: new Date("2027-06-05T18:00:00Z") }).where(eq(shifts.id, night.shift.id));
    await moveClock(h, "2027-06-05T16:30:00Z"); // 00:30 on 6 June in Shanghai
    const stillOut = new Set((await peopleOnShift(h.database.db, "2027-06-05")).filter((p) => night.assigned.some((a) => a.telegramId === p.telegramId)).map((p) => p.telegramId));
    expect(stillOut.size).toBe(night.assigned.length);
    const confirm = await composeBroadcast(coordinator, { audience: "tonight", text: "Still out? Report in." });
    expect(confirmedCounts(confirm).recipients).toBe(stillOut.size);
    expect(ended.assigned.length).toBeGreaterThan(0);
    await coordinator.click(confirm, "Cancel");
  });

  it("When a photo's caption is too long, then the sender is told the limit, and one at the limit goes out with its confirmation", async () => {
    const start = coordinator.cursor();
    await coordinator.send("/broadcast");
    await coordinator.click(await coordinator.waitForMessage(/Who should receive it/, { after: start }), "one team");
    await coordinator.waitForMessage(/Which team\?/, { after: start });
    await coordinator.send("Baihe East");
    await coordinator.waitForMessage(/Send the message/, { after: start });
    await coordinator.sendPhoto({ caption: "x".repeat(901) });
    await coordinator.waitForMessage(/^With a photo the text can be at most 900 characters; yours has 901\.$/, { after: start });
    const text = `Baihe East: lost child, photo attached. ${"Details follow. ".repeat(60)}`.slice(0, 900);
    await coordinator.send(text);
    const confirm = await coordinator.waitForMessage(/people will receive it/, { after: start });
    expect(confirm.text).toContain(text);
    const { id } = await pressSend(coordinator, confirm);
    await recipientsSettled(h.database.db, id);
    const { baihe } = world;
    for (const user of [baihe.leader, ...baihe.members]) {
      const [copy] = copiesOf(user, text);
      expect(copy?.photo, `${user.user.first_name} got the photo`).toBeDefined();
      expect(copy!.caption).toBe(`📢 Coord Scopes:\n\n${text}`);
    }
  });
});
