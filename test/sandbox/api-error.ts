import { Api, GrammyError } from "grammy";
import type { User } from "grammy/types";
import { startFakeTelegram, type FakeTelegram, type FakeUser } from "../../src/sandbox/telegram/index.js";

/** The GrammyError a call to the fake rejected with; anything else fails the test. */
export async function apiError(promise: Promise<unknown>): Promise<GrammyError> {
  const error = await promise.then(() => undefined, (e: unknown) => e);
  if (!(error instanceof GrammyError)) throw new Error(`expected a GrammyError, got ${String(error)}`);
  return error;
}

/** A fresh Bot API fake, a grammY client talking to it over HTTP, and Alice, one of its users. */
export async function fakeWithAlice(alice: Partial<User> = { language_code: "en" }): Promise<{ fake: FakeTelegram; api: Api; alice: FakeUser }> {
  const fake = await startFakeTelegram();
  return { fake, api: new Api(fake.token, { apiRoot: fake.apiRoot }), alice: fake.user({ id: 1001, first_name: "Alice", ...alice }) };
}
