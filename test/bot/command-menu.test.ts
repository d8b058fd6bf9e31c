import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { grantRole } from "../../src/access/grant-role.js";
import type { RecordedCall } from "../../src/sandbox/telegram/index.js";
import { startBotHarness, type BotHarness } from "../support/bot-harness.js";
import { contextFor, system } from "../support/domain.js";
import { outboxSettled } from "../support/outbox-settled.js";
import { activeMember, teamWithLeader } from "../support/world.js";

const ADMIN = 737_373;
let h: BotHarness;
beforeAll(async () => {
  h = await startBotHarness({ admins: [ADMIN] });
});
afterAll(async () => {
  await h?.close();
});

const menuCallFor = (chatId: number) => (call: RecordedCall) => (call.params as { scope?: { chat_id?: number } }).scope?.chat_id === chatId;
const menusDelivered = (chatId: number) => h.fake.calls.filter((c) => c.method === "setMyCommands" && menuCallFor(chatId)(c) && c.response.ok).length;

describe("per-person command menus", () => {
  it("When a coordinator from ADMIN_TELEGRAM_IDS had never written to the bot, then their menu arrives once they send /start", async () => {
    // At start the bot has no chat with them yet: Telegram answers "chat not found".
    const refused = await h.fake.waitForCall("setMyCommands", menuCallFor(ADMIN));
    expect(refused.response).toMatchObject({ ok: false, error_code: 400, description: "Bad Request: chat not found" });
    await outboxSettled(h.database.db);

    const admin = h.fake.user({ id: ADMIN, first_name: "Coordinator", language_code: "zh" });
    await admin.send("/start");
    await h.fake.waitForCall("setMyCommands", (call) => menuCallFor(ADMIN)(call) && call.response.ok);
    const menu = h.fake.commands({ type: "chat", chat_id: ADMIN });
    expect(menu.map((c) => c.command)).toEqual(expect.arrayContaining(["import", "level", "broadcast", "team"]));
    // In the language their Telegram speaks, which the bot learned from the same message.
    expect(menu.find((c) => c.command === "me")?.description).toBe("我的队伍、角色和下一步");

    await admin.send("/help");
    await admin.send("/me");
    await outboxSettled(h.database.db);
    expect(menusDelivered(ADMIN)).toBe(1);
  });

  it("When a new role's menu is refused by Telegram, then it is sent again on the person's next message", async () => {
    const { teamId } = await teamWithLeader(h, "Menu Retry");
    const { user, personId } = await activeMember(h, teamId, "Later Deputy");
    await outboxSettled(h.database.db);
    h.fake.failNext("setMyCommands", { error_code: 400, description: "Bad Request: chat not found" });
    await grantRole(contextFor(h.database.db, system), { personId, role: "deputy", teamId });
    h.app.dispatcher.nudge();
    await h.fake.waitForCall("setMyCommands", (call) => menuCallFor(user.id)(call) && !call.response.ok);
    await outboxSettled(h.database.db);
    expect(h.fake.commands({ type: "chat", chat_id: user.id }).map((c) => c.command)).not.toContain("roster");

    await user.send("/me");
    await outboxSettled(h.database.db);
    expect(h.fake.commands({ type: "chat", chat_id: user.id }).map((c) => c.command)).toContain("roster");
  });
});
