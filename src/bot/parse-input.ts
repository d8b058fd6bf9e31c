import { z } from "zod";
import { ValidationError } from "../domain/errors.js";

/** A night as people write it, 2027-06-01, and a real one: 2027-02-30 or 9999-99-99 is not. */
export const nightInput = z.iso.date();

/**
 * Reads what a user typed after a command. A wrong value is refused with `reason`'s message
 * (err-<reason>), which quotes the start of it, rather than reaching a query that would fail.
 */
export function parseInput<T>(schema: z.ZodType<T>, text: string, reason: string): T {
  const parsed = schema.safeParse(text);
  if (!parsed.success) throw new ValidationError(reason, { value: text });
  return parsed.data;
}
