import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { readDialogState, writeDialogState } from "../../src/dialogs/dialog-state.js";
import type { Database } from "../../src/storage/db.js";
import { openTestDatabase } from "../support/test-database.js";

let database: Database;
beforeAll(async () => {
  database = await openTestDatabase();
});
afterAll(async () => {
  await database?.close();
});

describe("stored dialog state", () => {
  it("When a dialog's state holds a NUL byte, then it is stored with a space instead, and the caller's object is untouched", async () => {
    const state = { version: 1, updates: [{ callback_query: { data: "rp:c:\u0000" } }, { message: { text: "broken\u0000lock" } }], lines: ["a\tb\nc\u0001"] };
    await writeDialogState(database.db, "42", state, new Date());
    expect(await readDialogState(database.db, "42")).toEqual({ version: 1, updates: [{ callback_query: { data: "rp:c: " } }, { message: { text: "broken lock" } }], lines: ["a\tb\nc\u0001"] });
    expect(state.updates[1]!.message!.text).toBe("broken\u0000lock");
  });
});
