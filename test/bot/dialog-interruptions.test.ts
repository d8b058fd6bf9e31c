import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startBotHarness, type BotHarness } from "../support/bot-harness.js";
import { inviteCodeFrom, nextTelegramId, teamWithLeader, userWithRole } from "../support/world.js";

let h: BotHarness;
beforeAll(async () => {
  h = await startBotHarness();
});
afterAll(async () => {
  await h?.close();
});

async function halfwayThroughSignup(name: string) {
  const team = await teamWithLeader(h, name);
  const code = await inviteCodeFrom(team.leader);
  const volunteer = h.fake.user({ id: nextTelegramId(), first_name: name, language_code: "en" });
  await volunteer.send(`/start j${code}`);
  await volunteer.waitForMessage(/What is your name/);
  return { team, code, volunteer };
}

describe("a new command while a dialog waits", () => {
  it("When someone in the middle of signing up sends /report, then the report dialog opens and an emergency is paged", async () => {
    const { volunteer } = await halfwayThroughSignup("SignupReport");
    const coordinator = await userWithRole(h, "Coord SignupReport", { role: "coordinator" });
    const start = volunteer.cursor();
    await volunteer.send("/report");
    const ask = await volunteer.waitForMessage(/What are you reporting/, { after: start });
    await volunteer.click(ask, "🚨 Emergency");
    await volunteer.waitForMessage(/have been paged: report NH-/, { after: start });
    await coordinator.waitForMessage(/🚨 Emergency · NH-/);
  });

  it("When someone sends /help in the middle of signing up, then they get the help, are told how to finish signing up, and what they type next is no longer taken as an answer", async () => {
    const { code, volunteer } = await halfwayThroughSignup("SignupHelp");
    const start = volunteer.cursor();
    await volunteer.send("/help");
    await volunteer.waitForMessage(/Your sign-up is not finished.*invite link/s, { after: start });
    await volunteer.waitForMessage(/Commands you can use/, { after: start });
    await volunteer.send("Chen Jie");
    await volunteer.waitForMessage(/did not understand/, { after: start });

    // The invite link starts it again.
    await volunteer.send(`/start j${code}`);
    await volunteer.waitForMessage(/What is your name/, { after: start });
    await volunteer.send("Chen Jie");
    await volunteer.waitForMessage(/Share your phone number/, { after: start });
    // A dialog's own words are not new commands.
    await volunteer.send("/skip");
    await volunteer.waitForMessage(/which weekdays/i, { after: start });
  });

  it("When a coordinator leaves /broadcast waiting for its text, sends /import and then the CSV, then the CSV is imported and not taken as the broadcast", async () => {
    const coordinator = await userWithRole(h, "Coord Import", { role: "coordinator" });
    await coordinator.send("/broadcast");
    const audience = await coordinator.waitForMessage(/Who should receive it/);
    await coordinator.click(audience, /everyone/);
    await coordinator.waitForMessage(/Send the message/);

    const start = coordinator.cursor();
    await coordinator.send("/import");
    await coordinator.waitForMessage(/Send me the CSV or Excel \(\.xlsx\) file/, { after: start });
    const csv = "镇街,村社区,队伍,姓名,手机,角色,巡逻日,单位\n新丰镇,北湖村,北湖村巡防队,孙悦,13955550001,志愿者,一三五,";
    const { message: document } = await coordinator.sendDocument({ fileName: "roster.csv", mimeType: "text/csv", content: csv });
    const summary = await coordinator.waitForMessage(/Rows: 1/, { after: start, timeoutMs: 15_000 });
    expect(summary.text).toContain("New members: 1");
    expect(coordinator.messages().filter((m) => m.message_id > document.message_id && /Send the message/.test(m.text ?? ""))).toEqual([]);
  });

  it("When a dialog waits and the user sends /cancel, then it is cancelled as before", async () => {
    const { volunteer } = await halfwayThroughSignup("SignupCancel");
    const start = volunteer.cursor();
    await volunteer.send("/cancel");
    await volunteer.waitForMessage(/^Cancelled\.$/, { after: start });
    await volunteer.send("/cancel");
    await volunteer.waitForMessage(/nothing to cancel/, { after: start });
  });
});
