import { eq, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { assignments, shifts } from "../../src/storage/schema/index.js";
import { startBotHarness, type BotHarness } from "../support/bot-harness.js";
import { remindedNight as remindedNightOf } from "../support/reminded-night.js";

let h: BotHarness;
beforeAll(async () => {
  h = await startBotHarness({ env: { ROTA_DAYS_AHEAD: "2", WEEKLY_CAP: "7" } });
});
afterAll(async () => {
  await h?.close();
});

const remindedNight = (name: string, night: string) => remindedNightOf(h, name, night);

describe("a volunteer's night, through the bot", () => {
  it("When reminded, volunteers answer by button and in words, and the leader hears about lateness and absence", async () => {
    const n = await remindedNight("Evening", "2027-06-01");
    const [a, b, c, d] = n.assigned;
    const [spare] = n.free;

    await a!.click(/Coming/);
    await a!.waitForMessage(/See you at 20:00/);

    const reminder = b!.messages().find((m) => /Are you coming/.test(m.text ?? ""))!;
    await b!.reply(reminder, "晚到20分钟");
    await b!.waitForMessage(/about 20 minutes late/);
    await n.leader.waitForMessage(/is coming to the night patrol of .*about 20 minutes late/);

    await d!.reply(d!.messages().find((m) => /Are you coming/.test(m.text ?? ""))!, "what time do we meet?");
    await d!.waitForMessage(/did not understand your answer/);

    await c!.click(/Can't come/);
    await c!.waitForMessage(/teammates are being asked/);
    await n.leader.waitForMessage(/can't come to the night patrol/);
    const offer = await spare!.waitForMessage(/A place is open/);
    await spare!.click(offer, /take it/);
    await spare!.waitForMessage(/The place is yours/);
    await n.leader.waitForMessage(/took the open place/);
    await c!.waitForMessage(/took your place/);
  });

  it("When a volunteer checks in and out, then only their own shift, and twice says so", async () => {
    const n = await remindedNight("Checkin", "2027-06-03");
    const [a, b] = n.assigned;
    h.setNow("2027-06-04T11:50:00Z"); // 19:50 in Shanghai
    const firstMessage = a!.messages().length;
    await a!.send("/checkin");
    const checkedIn = await a!.waitForMessage(/Checked in for the night patrol \(20:00-24:00\)/);
    await a!.send("/checkin");
    const already = await a!.waitForMessage(/already checked in/);
    // One reply to a check-in, with the way to check out on it: a wave of them costs one send each.
    const replies = a!.messages().slice(firstMessage);
    expect(replies.map((m) => m.message_id)).toEqual([checkedIn.message_id, already.message_id]);
    expect(JSON.stringify(checkedIn.reply_markup)).toMatch(/Check out/);

    const { callbackQuery } = await b!.clickData(b!.lastMessage()!, `ci:${n.assignmentOf(a!)}`);
    expect((await b!.waitForCallbackAnswer(callbackQuery.id)).text).toMatch(/not your shift/);

    await b!.send("/checkout");
    await b!.waitForMessage(/not checked in/);
    await a!.send("/checkout");
    await a!.waitForMessage(/Checked out/);
    await a!.send("/shifts");
    await a!.waitForMessage(/no shifts planned|Your coming shifts/);
  });
});

describe("the leader's live board", () => {
  it("When volunteers check in, then the leader's board is edited in place, at most every ten seconds, and volunteers cannot mark others present", async () => {
    const n = await remindedNight("Board", "2027-06-05");
    const [a, b, c] = n.assigned;
    h.setNow("2027-06-06T11:40:00Z");
    await n.leader.send("/roster");
    const board = await n.leader.waitForMessage(/📋 night patrol/);
    expect(board.text).toMatch(/On the roster 4 of 4/);

    await a!.send("/checkin");
    await a!.waitForMessage(/Checked in/);
    h.setNow("2027-06-06T11:40:05Z");
    await h.app.scheduler.run("live-boards");
    h.setNow("2027-06-06T11:40:11Z");
    await h.app.scheduler.run("live-boards");
    const edited = await n.leader.waitForMessage((m) => m.message_id === board.message_id && /checked in 1/.test(m.text ?? ""));
    expect(edited.text).toContain(`📍 Board`);

    const { callbackQuery } = await c!.clickData(c!.lastMessage()!, `mp:${n.assignmentOf(b!)}`);
    expect((await c!.waitForCallbackAnswer(callbackQuery.id)).text).toMatch(/Only tonight's shift leader/);

    await n.leader.click(edited, `✔️ ${b!.user.first_name} is here`);
    h.setNow("2027-06-06T11:40:30Z");
    await h.app.scheduler.run("live-boards");
    await n.leader.waitForMessage((m) => m.message_id === board.message_id && /checked in 2/.test(m.text ?? ""));
  });
  it("When a check-in is written while the board is being drawn, then the next redraw shows it", async () => {
    const n = await remindedNight("Race", "2027-06-07");
    const [a, b] = n.assigned;
    h.setNow("2027-06-08T11:40:00Z");
    await n.leader.send("/roster");
    const board = await n.leader.waitForMessage(/📋 night patrol/);
    await a!.send("/checkin");
    await a!.waitForMessage(/Checked in/);
    h.setNow("2027-06-08T11:40:11Z");
    // A check-in's transaction holds the shift's row while the redraw, having drawn the board
    // without it, waits to take the redraw; it commits first, so the board drawn lacks it.
    let redraw: Promise<unknown> | undefined;
    await h.database.db.transaction(async (tx) => {
      await tx.update(shifts).set({ boardDirtyAt: sql`greatest(now(), ${shifts.boardDirtyAt} + interval '1 microsecond')` }).where(eq(shifts.id, n.shift.id));
      await tx.update(assignments).set({ checkedInAt: new Date("2027-06-08T11:40:10Z"), reply: "coming" }).where(eq(assignments.id, n.assignmentOf(b!)));
      redraw = h.app.scheduler.run("live-boards");
      await new Promise((resolve) => setTimeout(resolve, 300));
    });
    await redraw;
    h.setNow("2027-06-08T11:40:22Z");
    await h.app.scheduler.run("live-boards");
    const edited = await n.leader.waitForMessage((m) => m.message_id === board.message_id && /checked in 2/.test(m.text ?? ""));
    expect(edited.text).toContain(`📍 ${b!.user.first_name}`);
  });
  it("When volunteers of two teams check in, then one run redraws both boards, each with its own team", async () => {
    const east = await remindedNight("East", "2027-06-11");
    const west = await remindedNight("West", "2027-06-11");
    h.setNow("2027-06-12T11:40:00Z");
    await east.leader.send("/roster");
    await west.leader.send("/roster");
    const eastBoard = await east.leader.waitForMessage(/📋 night patrol/);
    const westBoard = await west.leader.waitForMessage(/📋 night patrol/);
    const [e1] = east.assigned;
    const [w1, w2] = west.assigned;
    for (const volunteer of [e1!, w1!, w2!]) {
      await volunteer.send("/checkin");
      await volunteer.waitForMessage(/Checked in/);
    }
    h.setNow("2027-06-12T11:40:11Z");
    await h.app.scheduler.run("live-boards");
    const eastEdited = await east.leader.waitForMessage((m) => m.message_id === eastBoard.message_id && /checked in 1/.test(m.text ?? ""));
    const westEdited = await west.leader.waitForMessage((m) => m.message_id === westBoard.message_id && /checked in 2/.test(m.text ?? ""));
    expect(eastEdited.text).toContain(`📍 ${e1!.user.first_name}`);
    expect(eastEdited.text).not.toContain(w1!.user.first_name);
    expect(westEdited.text).toContain(`📍 ${w2!.user.first_name}`);
    // Each board's buttons act on its own shift.
    expect(JSON.stringify(eastEdited.reply_markup)).toContain(`ra:${east.shift.id}`);
    expect(JSON.stringify(westEdited.reply_markup)).toContain(`ra:${west.shift.id}`);
  });
});

describe("naming a substitute and checking out by button", () => {
  it("When a volunteer names a teammate as substitute, then only that teammate is asked, and taking it releases the volunteer", async () => {
    const n = await remindedNight("Family", "2027-06-07");
    const [a] = n.assigned;
    const [spare] = n.free;
    await a!.click(/Find me a substitute/);
    const who = await a!.waitForMessage(/Should someone in particular take your place/);
    await a!.click(who, spare!.user.first_name);
    await a!.waitForMessage(/I am asking your teammates/);
    const offer = await spare!.waitForMessage(/asked you to take their place/);
    await spare!.click(offer, /take it/);
    await spare!.waitForMessage(/The place is yours/);
    await a!.waitForMessage(/will take your place .* Thank you for finding a substitute/);
    for (const other of n.assigned.slice(1)) expect(other.messages().some((m) => /take their place|A place is open/.test(m.text ?? ""))).toBe(false);
  });

  it("When a volunteer presses Check in on the reminder and Check out at the end, then both are recorded", async () => {
    const n = await remindedNight("Buttons", "2027-06-09");
    const [a] = n.assigned;
    h.setNow("2027-06-10T11:45:00Z");
    await h.app.scheduler.run("due-reminders");
    // The night before's reminder is in the chat too: this is tonight's.
    const reminder = await a!.waitForMessage(/\(Thu 10 Jun\)\.\s+Check in when you arrive/);
    h.setNow("2027-06-10T11:55:00Z");
    await a!.click(reminder, /Check in/);
    const checkedIn = await a!.waitForMessage(/Checked in for the night patrol/);
    await a!.sendLocation(30.7522, 120.7585);
    await a!.waitForMessage(/Location added to your check-in/);
    h.setNow("2027-06-10T16:02:00Z");
    await a!.click(checkedIn, /Check out/);
    await a!.waitForMessage(/Checked out/);
    const [row] = await h.database.db.select().from(assignments).where(eq(assignments.id, n.assignmentOf(a!)));
    expect(row?.checkedInAt?.toISOString()).toBe("2027-06-10T11:55:00.000Z");
    expect(row?.checkedOutAt?.toISOString()).toBe("2027-06-10T16:02:00.000Z");
    expect(row).toMatchObject({ checkInLatitude: 30.7522, checkInLongitude: 120.7585 });
  });
});
