import { GrammyError } from "grammy";

/** The GrammyError a call to the fake rejected with; anything else fails the test. */
export async function apiError(promise: Promise<unknown>): Promise<GrammyError> {
  const error = await promise.then(() => undefined, (e: unknown) => e);
  if (!(error instanceof GrammyError)) throw new Error(`expected a GrammyError, got ${String(error)}`);
  return error;
}
