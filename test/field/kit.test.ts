import { eq } from "drizzle-orm";
import type { Message } from "grammy/types";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { kitHoldings, kitRequests } from "../../src/storage/schema/index.js";
import type { FakeUser } from "../../src/sandbox/telegram/index.js";
import { startBotHarness, type BotHarness } from "../support/bot-harness.js";
import { outboxSettled } from "../support/outbox-settled.js";
import { activeMember, teamWithLeader, userWithRole } from "../support/world.js";

let h: BotHarness;
/** Two teams in Lianhe (one supervised), one in Shuangqiao. */
const w = {} as {
  west: Awaited<ReturnType<typeof teamWithLeader>>;
  east: Awaited<ReturnType<typeof teamWithLeader>>;
  bridge: Awaited<ReturnType<typeof teamWithLeader>>;
  volunteer: FakeUser;
  supervisor: FakeUser;
  coordinator: FakeUser;
};
let requestId = 0;

const answerTo = async (user: FakeUser, click: Promise<{ callbackQuery: { id: string } }>) => (await user.waitForCallbackAnswer((await click).callbackQuery.id)).text;

/** Sends a command and returns the bot's answer that matches. */
async function ask(user: FakeUser, text: string, answer: RegExp): Promise<Message> {
  const before = user.cursor();
  await user.send(text);
  return user.waitForMessage(answer, { after: before });
}

beforeAll(async () => {
  h = await startBotHarness();
  w.west = await teamWithLeader(h, "Lianhe West", "Lianhe");
  w.east = await teamWithLeader(h, "Lianhe East", "Lianhe");
  w.bridge = await teamWithLeader(h, "Shuangqiao", "Shuangqiao");
  w.volunteer = (await activeMember(h, w.west.teamId, "West Volunteer")).user;
  w.supervisor = await userWithRole(h, "Supervisor Shuangqiao", { role: "supervisor", townId: w.bridge.townId });
  w.coordinator = await userWithRole(h, "Coord Kit", { role: "coordinator" });
  await outboxSettled(h.database.db);
});
afterAll(async () => {
  await h?.close();
});

describe("a leader's /kit", () => {
  it("When a leader sends the counts in one message, then they are read and saved; a message without counts gets an example", async () => {
    const leader = w.west.leader;
    const kit = await ask(leader, "/kit", /Kit of Lianhe West Patrol/);
    expect(kit.text).toContain("vests –/8 · caps –/8 · armbands –/8 · first-aid kits –/1 · logbooks –/1");
    expect(kit.text).toContain("Not counted yet");
    const before = leader.cursor();
    await leader.click(kit, "✏️ Update counts");
    await leader.waitForMessage(/Send what the team holds in one message/, { after: before });
    const wrong = leader.cursor();
    await leader.send("都发了，谢谢");
    await leader.waitForMessage(/I could not read any counts from that/, { after: wrong });
    await leader.send("背心8 帽子8 袖章6 急救包1 日志本1");
    await leader.waitForMessage("✅ Saved: vests 8 · caps 8 · armbands 6 · first-aid kits 1 · logbooks 1", { after: before });
    const shown = await leader.waitForMessage(/Kit of Lianhe West Patrol/, { after: wrong });
    expect(shown.text).toContain("vests 8/8 · caps 8/8 · armbands 6/8 · first-aid kits 1/1 · logbooks 1/1");
    expect(shown.text).toMatch(/Last counted .* by Leader Lianhe West\./);

    const rows = await h.database.db.select({ item: kitHoldings.item, quantity: kitHoldings.quantity }).from(kitHoldings).where(eq(kitHoldings.teamId, w.west.teamId));
    expect(Object.fromEntries(rows.map((r) => [r.item, r.quantity]))).toEqual({ vest: 8, cap: 8, armband: 6, first_aid_kit: 1, logbook: 1 });

    // A later count of one item leaves the others as they were.
    await leader.click(shown, "✏️ Update counts");
    await ask(leader, "caps 7", /Saved: caps 7/);
    const again = await h.database.db.select({ item: kitHoldings.item, quantity: kitHoldings.quantity }).from(kitHoldings).where(eq(kitHoldings.teamId, w.west.teamId));
    expect(Object.fromEntries(again.map((r) => [r.item, r.quantity]))).toEqual({ vest: 8, cap: 7, armband: 6, first_aid_kit: 1, logbook: 1 });
  });

  it("When a leader reports worn armbands, then the request is stored open with its note", async () => {
    const leader = w.west.leader;
    const kit = await ask(leader, "/kit", /Kit of Lianhe West Patrol/);
    const start = leader.cursor();
    await leader.click(kit, "⚠️ Report missing/worn");
    await leader.click(await leader.waitForMessage(/Which item is missing or worn out/, { after: start }), "armbands");
    await leader.click(await leader.waitForMessage(/armbands: missing, or worn out\?/, { after: start }), "worn out");
    await leader.waitForMessage(/How many\? Send a number from 1 to 500/, { after: start });
    await ask(leader, "0", /Please send a whole number from 1 to 500/);
    await leader.send("2");
    await leader.waitForMessage(/Anything to add/, { after: start });
    const recorded = await ask(leader, "Torn at the seams after the rain", /Request #(\d+) recorded: armbands: 2 worn out/);
    requestId = Number(/#(\d+)/.exec(recorded.text!)![1]);
    const [row] = await h.database.db.select().from(kitRequests).where(eq(kitRequests.id, requestId));
    expect(row).toMatchObject({ teamId: w.west.teamId, item: "armband", kind: "worn", quantity: 2, note: "Torn at the seams after the rain", handledAt: null });
    const notice = await w.coordinator.waitForMessage(new RegExp(`Kit request #${requestId} from Leader Lianhe West`));
    expect(notice.text).toContain("armbands: 2 worn out – Torn at the seams after the rain");
    expect(notice.reply_markup?.inline_keyboard[0]?.[0]).toMatchObject({ text: `✅ #${requestId} handled`, callback_data: `kt:h:${requestId}` });
  });

  it("When someone else forges a leader's kit buttons, or is on no team staff, then nothing changes", async () => {
    const other = w.east.leader;
    const own = await ask(other, "/kit", /Kit of Lianhe East Patrol/);
    for (const data of [`kt:u:${w.west.teamId}`, `kt:r:${w.west.teamId}`]) {
      expect(await answerTo(other, other.clickData(own, data))).toBe("That is not a team you lead.");
    }
    const quiet = other.cursor();
    await other.send("vests 99");
    await other.waitForMessage(/I did not understand that/, { after: quiet });
    expect(await answerTo(other, other.clickData(own, `kt:h:${requestId}`))).toBe("Only district coordinators can do that.");
    await ask(w.volunteer, "/kit", /\/kit is for team leaders, town supervisors and coordinators\./);
    await ask(other, `/kit ${w.west.teamId}`, /That is not a team you lead\./);
    const [vests] = await h.database.db.select({ quantity: kitHoldings.quantity }).from(kitHoldings).where(eq(kitHoldings.teamId, w.west.teamId));
    expect(vests?.quantity).not.toBe(99);
  });
});

describe("the coordinator's and supervisor's /kit", () => {
  it("When the coordinator opens /kit, then the district's totals, the teams short of a full set and the open requests are shown, and Handled closes a request once and tells the leader", async () => {
    const { coordinator } = w;
    const overview = await ask(coordinator, "/kit", /Kit of the district/);
    expect(overview.text).toContain("Kit of the district: 1 of 3 teams have counted");
    expect(overview.text).toContain("Totals: vests 8 · caps 7 · armbands 6 · first-aid kits 1 · logbooks 1");
    expect(overview.text).toContain(`Short of a full set (1):\n• ${w.west.teamId} · Lianhe West Patrol: caps 7/8, armbands 6/8`);
    expect(overview.text).toContain(`Not counted yet (2): ${w.east.teamId} · Lianhe East Patrol, ${w.bridge.teamId} · Shuangqiao Patrol`);
    expect(overview.text).toMatch(new RegExp(`Open requests \\(1\\):\\n#${requestId} Lianhe West Patrol: armbands: 2 worn out – Torn at the seams after the rain · Leader Lianhe West, `));

    expect(await answerTo(coordinator, coordinator.click(overview, `✅ #${requestId} handled`))).toBe(`Request #${requestId} marked handled; the leader is told.`);
    await coordinator.waitForMessage((m) => m.message_id === overview.message_id && /No open requests\./.test(m.text ?? ""));
    expect(await answerTo(coordinator, coordinator.clickData(overview, `kt:h:${requestId}`))).toBe("Coord Kit has already handled this request.");
    expect(await answerTo(coordinator, coordinator.clickData(overview, "kt:h:999999"))).toBe("That request does not exist.");
    await outboxSettled(h.database.db);

    const notices = w.west.leader.messages().filter((m) => m.text?.includes(`Your request #${requestId}`));
    expect(notices.map((m) => m.text)).toEqual([`✅ Your request #${requestId} for Lianhe West Patrol (armbands: 2 worn out) was handled by Coord Kit.`]);
    const [row] = await h.database.db.select().from(kitRequests).where(eq(kitRequests.id, requestId));
    expect(row!.handledAt).not.toBeNull();
  });

  it("When a supervisor opens /kit, then they see their town only and cannot mark requests handled", async () => {
    const { supervisor, bridge } = w;
    const bridgeKit = await ask(bridge.leader, "/kit", /Kit of Shuangqiao Patrol/);
    const start = bridge.leader.cursor();
    await bridge.leader.click(bridgeKit, "⚠️ Report missing/worn");
    await bridge.leader.click(await bridge.leader.waitForMessage(/Which item/, { after: start }), "first-aid kits");
    await bridge.leader.click(await bridge.leader.waitForMessage(/missing, or worn out\?/, { after: start }), "missing");
    await ask(bridge.leader, "1", /Anything to add/);
    const skip = bridge.leader.cursor();
    await bridge.leader.click(await bridge.leader.waitForMessage(/Anything to add/, { after: start }), "Skip");
    const recorded = await bridge.leader.waitForMessage(/Request #(\d+) recorded: first-aid kits: 1 missing/, { after: skip });
    const bridgeRequest = Number(/#(\d+)/.exec(recorded.text!)![1]);

    const overview = await ask(supervisor, "/kit", /Kit of your towns/);
    expect(overview.text).toContain("0 of 1 teams have counted");
    expect(overview.text).toContain(`#${bridgeRequest} Shuangqiao Patrol: first-aid kits: 1 missing · Leader Shuangqiao`);
    expect(overview.text).not.toContain("Lianhe");
    expect(overview.reply_markup).toBeUndefined();
    expect(await answerTo(supervisor, supervisor.clickData(overview, `kt:h:${bridgeRequest}`))).toBe("Only district coordinators can do that.");
    const [row] = await h.database.db.select({ handledAt: kitRequests.handledAt }).from(kitRequests).where(eq(kitRequests.id, bridgeRequest));
    expect(row!.handledAt).toBeNull();
    await ask(supervisor, `/kit Shuangqiao`, /Kit of Shuangqiao Patrol/);
  });
});
