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
  it("When a dialog's state holds a NUL byte or other control characters, then it is stored with spaces instead, and the caller's object is untouched", async () => {
    const state = { version: 1, updates: [{ message: { text: "broken\u0000lock", from: { first_name: "Li\u001bLei" } } }], lines: ["a\tb\nc"] };
    await writeDialogState(database.db, "42", state, new Date());
    expect(await readDialogState(database.db, "42")).toEqual({ version: 1, updates: [{ message: { text: "broken lock", from: { first_name: "Li Lei" } } }], lines: ["a\tb\nc"] });
    expect(state.updates[0]!.message.text).toBe("broken\u0000lock");
  });
});
