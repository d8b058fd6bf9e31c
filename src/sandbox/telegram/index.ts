/**
 * A local stand-in for api.telegram.org, so end-to-end tests run the real
 * grammY client against it and play the users themselves:
 *
 *   const fake = await startFakeTelegram();
 *   const bot = new Bot(fake.token, { client: { apiRoot: fake.apiRoot } });
 *   const alice = fake.user({ id: 1001, first_name: "Alice", language_code: "en" });
 *   await alice.send("/start");
 *   await alice.click(/Join/);
 *   await alice.waitForMessage(/joined/i);
 */
export { startFakeTelegram, type FakeTelegramOptions } from "./server.js";
export { FakeTelegram } from "./fake-telegram.js";
export { FakeUser, type FakeUserInit, type ContactInit, type DocumentInit } from "./fake-user.js";
export { FakeGroup, type FakeGroupInit } from "./fake-group.js";
export { ChatView, type After, type ChatLogEntry, type Cursor, type MessageMatch, type WaitForMessageOptions } from "./chat-view.js";
export type { Sent, Clicked } from "./user-actions.js";
export type { RecordedCall } from "./fake-state.js";
export type { FakeStats } from "./failures.js";
export type { WebhookFailure, NewUpdate } from "./update-queue.js";
export type { InjectedFailure, ApiResponse } from "./errors.js";
export type { ButtonMatcher } from "./keyboards.js";
export { FakeClosedError } from "./errors.js";
export type { ServerChange } from "./change-feed.js";
export type { VisibleMenu } from "./command-menu.js";
export type { StoredFile } from "./file-store.js";
export { inlineButtons, replyButtons, type ReplyButton } from "./keyboards.js";
