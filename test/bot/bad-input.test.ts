import { eq } from "drizzle-orm";
import type { Message } from "grammy/types";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { dialogState, leaveDates, specialDays } from "../../src/storage/schema/index.js";
import type { FakeUser } from "../../src/sandbox/telegram/index.js";
import { startBotHarness, type BotHarness } from "../support/bot-harness.js";
import { activeMember, inviteCodeFrom, nextTelegramId, teamWithLeader, userWithRole } from "../support/world.js";

let h: BotHarness;
let coordinator: FakeUser;
let leader: FakeUser;
let volunteer: FakeUser;
let zhLeader: FakeUser;
let zhVolunteer: FakeUser;
beforeAll(async () => {
  h = await startBotHarness();
  coordinator = await userWithRole(h, "Coord Edge", { role: "coordinator" });
  const team = await teamWithLeader(h, "Edge");
  leader = team.leader;
  volunteer = (await activeMember(h, team.teamId, "Edge Volunteer")).user;
  const zhTeam = await teamWithLeader(h, "Bian");
  zhLeader = await userWithRole(h, "边队长", { role: "leader", teamId: zhTeam.teamId }, "zh");
  zhVolunteer = (await activeMember(h, zhTeam.teamId, "边队员")).user;
  zhVolunteer.user.language_code = "zh"; // their Telegram speaks Chinese from now on
});
afterAll(async () => {
  await h?.close();
});

const GENERIC = /Something went wrong|系统出了点问题/;
const TELEGRAM_MAX = 4096;

/** Sends one message and returns what the bot said back to it. */
async function answersTo(user: FakeUser, text: string): Promise<Message[]> {
  const before = user.lastMessage()?.message_id ?? 0;
  await user.send(text);
  return user.messages().filter((m) => m.message_id > before);
}

const long = "x".repeat(4000);

describe("bad input gets a clear sentence, never the generic error", () => {
  const typed: Array<[string, () => FakeUser, string, RegExp]> = [
    ["an impossible date for /roster", () => leader, "/roster 9999-99-99", /^"9999-99-99" is not a date\. Send \/roster for tonight, or a night written like \/roster 2027-06-01\.$/],
    ["a date that does not exist for /roster", () => leader, "/roster 2027-02-30", /^"2027-02-30" is not a date\./],
    ["a word for /roster", () => leader, "/roster tomorrow", /^"tomorrow" is not a date\./],
    ["an impossible date for /roster, in Chinese", () => zhLeader, "/roster 9999-99-99", /^“9999-99-99”不是日期。发送 \/roster 查看今晚/],
    ["a NUL byte alone after /team", () => coordinator, "/team \u0000", /^Which team\? Send \/team followed by/],
    ["a team name with a NUL byte", () => coordinator, "/team Edge Patrol\u0000", /^Fengqiao · Edge Community · Edge Patrol: \d+ active/],
    ["control characters in a team name", () => coordinator, "/team \u0007Edge\u001b Patrol", /^Fengqiao · Edge Community · Edge Patrol: \d+ active/],
    ["a team number past any id", () => coordinator, "/team 99999999999", /^No team matches that\.$/],
    ["a team number past any id for /invite", () => coordinator, "/invite 99999999999", /^No team matches that\.$/],
    ["a team number past any id for /kit", () => coordinator, "/kit 99999999999", /^No team matches that\.$/],
    ["4,000 characters as a leave date", () => volunteer, `/leave_dates ${long}`, /^"x{63}…" is not a date from today on \(write it like 2027-06-01\)\.$/],
    ["a month that does not exist as a leave date, in Chinese", () => zhVolunteer, "/leave_dates 2027-13-01", /^“2027-13-01”不是今天或以后的日期/],
    ["an impossible date for /review", () => coordinator, "/review 9999-99-99", /^"9999-99-99" is not a date\. Write it like 2027-05-04/],
    ["an impossible date for /ranking", () => coordinator, "/ranking 2027-02-30", /^"2027-02-30" is not a date\. Write it like 2027-05-04/],
    ["an impossible date for /specialdays remove", () => coordinator, "/specialdays remove 9999-99-99", /^"9999-99-99" is not a date: write it like 2027-10-01\.$/],
    ["4,000 characters for /review", () => coordinator, `/review ${long}`, /is not a date\. Write it like 2027-05-04/],
  ];

  it.each(typed)("When a user sends %s, then the answer says what is wrong", async (_name, who, text, answer) => {
    const replies = await answersTo(who(), text);
    const said = replies.map((m) => m.text ?? "");
    expect(said.some((t) => answer.test(t)), said.join("\n---\n")).toBe(true);
    expect(said.filter((t) => GENERIC.test(t))).toEqual([]);
    for (const t of said) expect(t.length).toBeLessThanOrEqual(TELEGRAM_MAX);
  });

  const pressed: Array<[string, () => FakeUser, string, RegExp]> = [
    ["'coming' for assignment 0", () => volunteer, "sh:c:0", /^This button no longer works\.$/],
    ["'can't come' for assignment 0", () => volunteer, "sh:n:0", /^This button no longer works\.$/],
    ["a substitute for assignment 0", () => volunteer, "sn:0:0", /^This button no longer works\.$/],
    ["a button with a NUL byte", () => leader, "tm:v:1\u0000", /^This button no longer works\.$/],
    ["an impossible leave date", () => volunteer, "ld:9999-99-99", /^"9999-99-99" is not a date from today on/],
    ["a shift that does not exist", () => leader, "rb:999999999", /^That shift does not exist\.$/],
    ["'coming' for assignment 0, in Chinese", () => zhVolunteer, "sh:c:0", /^此按钮已失效。$/],
  ];

  it.each(pressed)("When a user presses a forged button, %s, then a popup says so", async (_name, who, data, answer) => {
    const user = who();
    await user.send("/help");
    const { callbackQuery } = await user.clickData(user.lastMessage()!, data);
    const popup = (await user.waitForCallbackAnswer(callbackQuery.id)) as { text?: string; show_alert?: boolean };
    expect(popup.text).toMatch(answer);
    expect(popup.show_alert).toBe(true);
  });

  it("When a report's description has a NUL byte, then the dialog goes on and keeps the text without it", async () => {
    const before = volunteer.cursor();
    await volunteer.send("/report");
    await volunteer.click(await volunteer.waitForMessage(/What are you reporting\?/, { after: before }), /Hazard/);
    await volunteer.waitForMessage(/Describe what you found/, { after: before });
    await volunteer.send("broken\u0000lock on gate 3");
    await volunteer.waitForMessage(/Send up to 5 photos/, { after: before });
    const [row] = await h.database.db.select({ state: dialogState.state }).from(dialogState).where(eq(dialogState.key, String(volunteer.id)));
    const stored = JSON.stringify(row?.state);
    expect(stored).toContain("broken lock on gate 3");
    expect(stored).not.toContain("\\u0000");
    await volunteer.send("/cancel");
    await volunteer.waitForMessage(/^Cancelled/, { after: before });
  });

  it("When a newcomer's name has a NUL byte, then the sign-up goes on to the phone", async () => {
    const code = await inviteCodeFrom(leader);
    const newcomer = h.fake.user({ id: nextTelegramId(), first_name: "New", language_code: "en" });
    await newcomer.send(`/start j${code}`);
    await newcomer.waitForMessage(/What is your name/);
    const replies = await answersTo(newcomer, "Li\u0000Lei");
    expect(replies.map((m) => m.text)).toEqual([expect.stringMatching(/^Share your phone number/)]);
  });

  it("When a coordinator pastes hundreds of lines of nonsense as rules, then the problems fit one message", async () => {
    const before = coordinator.cursor();
    await coordinator.send("/rules");
    await coordinator.click(await coordinator.waitForMessage(/Escalation rules\./, { after: before }), "Tips");
    await coordinator.waitForMessage(/^Tips, now:/, { after: before });
    const replies = await answersTo(coordinator, Array.from({ length: 300 }, (_, i) => `nonsense${i}`).join("\n"));
    const problems = replies.find((m) => /^I could not read that:/.test(m.text ?? ""));
    expect(problems?.text?.length).toBeLessThanOrEqual(TELEGRAM_MAX);
    expect(problems?.text).toMatch(/…and 290 more lines I could not read\.$/);
    await coordinator.send("/cancel");
  });

  it("When all that was sent, then nothing of it was stored and the bot still answers", async () => {
    expect(await h.database.db.select().from(leaveDates)).toEqual([]);
    expect(await h.database.db.select().from(specialDays)).toEqual([]);
    const replies = await answersTo(volunteer, "/me");
    expect(replies.map((m) => m.text).join("\n")).toContain("Fengqiao · Edge Community · Edge Patrol");
  });
});
