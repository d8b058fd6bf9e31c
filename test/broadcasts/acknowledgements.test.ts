import { and, eq, isNotNull } from "drizzle-orm";
import type { Message } from "grammy/types";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { broadcastRecipients, people } from "../../src/storage/schema/index.js";
import type { FakeUser } from "../../src/sandbox/telegram/index.js";
import { startBotHarness, type BotHarness } from "../support/bot-harness.js";
import { buttonLabels, pressButton, pressData } from "../support/reports.js";
import { activeMember, teamWithLeader, userWithRole } from "../support/world.js";
import { broadcast, broadcastIdOf, copiesOf, deliveryReport, figuresOf, RECEIVED, recipientsSettled, refreshedProgress, reportOf } from "./support.js";
import { moveClock } from "../support/outbox-settled.js";

let h: BotHarness;
beforeAll(async () => {
  h = await startBotHarness();
});
afterAll(async () => {
  await h?.close();
});

const acknowledgements = (broadcastId: number) =>
  h.database.db
    .select({ personId: broadcastRecipients.personId, at: broadcastRecipients.acknowledgedAt })
    .from(broadcastRecipients)
    .where(and(eq(broadcastRecipients.broadcastId, broadcastId), isNotNull(broadcastRecipients.acknowledgedAt)));

/** The one copy of the broadcast in this chat, as it looks now. */
function copyIn(user: FakeUser, text: string): Message {
  const copies = copiesOf(user, text);
  expect(copies, `copies in ${user.user.first_name}'s chat`).toHaveLength(1);
  return copies[0]!;
}

/** Some bot message in the user's own chat, to forge callback data from. */
async function ownMessage(user: FakeUser): Promise<Message> {
  const before = user.cursor();
  await user.send("/me");
  return user.waitForMessage(() => true, { after: before });
}

describe("✅ Received", () => {
  it("When recipients press Received, again, and Telegram redelivers a press, then each counts once, an outsider's forged press is refused, and the report and /broadcasts show the count", async () => {
    const t0 = new Date("2027-08-01T04:00:00Z");
    h.setNow(t0);
    const coordinator = await userWithRole(h, "Coord Ack", { role: "coordinator" });
    const team = await teamWithLeader(h, "Gaoqiao", "Gaoqiao Town");
    const [ai, bo, cai] = [(await activeMember(h, team.teamId, "Ai Gaoqiao")).user, (await activeMember(h, team.teamId, "Bo Gaoqiao")).user, (await activeMember(h, team.teamId, "Cai Gaoqiao")).user];
    const outsider = (await activeMember(h, (await teamWithLeader(h, "Elsewhere", "Other Town")).teamId, "Outsider")).user;
    const text = "Gaoqiao: confirm you have read the new check-in rules";
    const id = await broadcast(coordinator, { audience: "team", team: "Gaoqiao", text });
    await recipientsSettled(h.database.db, id);

    const copy = copyIn(ai, text);
    expect(broadcastIdOf(copy)).toBe(id);
    const first = await ai.click(copy, RECEIVED);
    expect((await ai.waitForCallbackAnswer(first.callbackQuery.id)).text).toBe("Thank you, noted.");
    const marked = await ai.waitForMessage((m) => m.message_id === copy.message_id && buttonLabels(m).length === 1, { after: copy });
    expect(marked.reply_markup!.inline_keyboard.flat().map((b) => ("callback_data" in b ? b.callback_data : ""))).toEqual(["bc:done"]);

    await moveClock(h, new Date(t0.getTime() + 60_000));
    expect((await pressButton(ai, marked, "✅ Received")).text).toBe("Already noted. Thank you.");
    expect((await pressData(ai, marked, `bc:a:${id}`)).text).toBe("Already noted. Thank you.");
    await h.fake.pushUpdate({ callback_query: first.callbackQuery });
    expect(await acknowledgements(id)).toEqual([{ personId: expect.any(Number), at: t0 }]);

    const forged = await pressData(outsider, await ownMessage(outsider), `bc:a:${id}`);
    expect(forged).toMatchObject({ text: "That message was not sent to you.", show_alert: true });
    expect(await acknowledgements(id)).toHaveLength(1);

    expect((await pressButton(bo, copyIn(bo, text), RECEIVED)).text).toBe("Thank you, noted.");
    const report = await deliveryReport(h, coordinator, id);
    expect(figuresOf(report)).toEqual({ sent: 4, failed: 0, unreachable: 0, total: 4, received: 2 });

    const before = coordinator.cursor();
    await coordinator.send("/broadcasts");
    const list = await coordinator.waitForMessage(/^📢 Recent broadcasts:/, { after: before });
    expect(list.text).toMatch(new RegExp(`#${id} · .+ · Gaoqiao: confirm you have read the new…: sent 4/4, failed 0, unreachable 0, received 2$`, "m"));

    // Receipts keep coming after the last send; the report follows them.
    expect((await pressButton(cai, copyIn(cai, text), RECEIVED)).text).toBe("Thank you, noted.");
    const updated = await refreshedProgress(h, coordinator, id);
    expect(updated.message_id).toBe(report.message_id);
    expect(updated.text).toMatch(reportOf(id));
    expect(figuresOf(updated).received).toBe(3);
  });

  it("When a leader acknowledges, then the Received button gives way to a mark and the team receipts button stays, and a reader of Chinese gets it all in Chinese", async () => {
    const coordinator = await userWithRole(h, "Coord Lead", { role: "coordinator" });
    const team = await teamWithLeader(h, "Hengsha", "Hengsha Town");
    const member = await activeMember(h, team.teamId, "Member Hengsha");
    await h.database.db.update(people).set({ locale: "zh" }).where(eq(people.id, member.personId));
    const text = "Hengsha: leaders bring the logbook";
    const id = await broadcast(coordinator, { audience: "team", team: "Hengsha", text });
    await recipientsSettled(h.database.db, id);
    const copy = copyIn(team.leader, text);
    expect(buttonLabels(copy)).toEqual(["✅ Received", "👥 My team's receipts"]);
    expect((await pressButton(team.leader, copy, RECEIVED)).text).toBe("Thank you, noted.");
    const marked = await team.leader.waitForMessage((m) => m.message_id === copy.message_id && (m.reply_markup?.inline_keyboard.flat() ?? []).some((b) => "callback_data" in b && b.callback_data === "bc:done"), { after: copy });
    expect(buttonLabels(marked)).toEqual(["✅ Received", "👥 My team's receipts"]);
    expect(await acknowledgements(id)).toHaveLength(1);

    // In Chinese for someone who chose it.
    const zhCopy = member.user.messages().find((m) => m.text === `📢 Coord Lead发布：\n\n${text}`);
    expect(zhCopy, "the copy in Chinese").toBeDefined();
    expect(buttonLabels(zhCopy!)).toEqual(["✅ 已收到"]);
    expect((await pressButton(member.user, zhCopy!, "✅ 已收到")).text).toBe("谢谢，已确认收到。");
    expect(await acknowledgements(id)).toHaveLength(2);
  });
});
