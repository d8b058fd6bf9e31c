import type { OutboxPayload } from "./payload.js";

/**
 * How many of Telegram's bulk-message places a payload takes: the Bot FAQ's "about 30 messages per
 * second" to different chats counts messages, and an album posts one message per item. Null for
 * calls that post no new message (edits, command menus): they are paced apart, so the progress
 * edits of a broadcast do not take places from its copies.
 */
export function sendCost(payload: OutboxPayload): number | null {
  switch (payload.kind) {
    case "edit":
    case "commands":
      return null;
    case "photos":
      return Math.min(Math.max(payload.fileIds.length, 1), 10);
    default:
      return 1;
  }
}
