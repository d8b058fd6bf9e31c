import { randomInt } from "node:crypto";
import { formatRef } from "../incidents/categories.js";

/** Crockford's base 32: no I, L, O or U, so a number read off paper is not mistyped as another. */
const CHECK_ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";
const CHECK_LENGTH = 6;

/**
 * "NH-S-2027-000042-7KQ3MX": the running number, then a random check part (30 bits). The running
 * number alone would let anyone walk through every statement issued; with the check part a
 * number is only known to whoever holds the statement. It is stored, so verifying is a look-up
 * and no secret has to stay the same for old statements to verify.
 */
export function newStatementNumber(refPrefix: string, year: number, id: number): string {
  let check = "";
  for (let i = 0; i < CHECK_LENGTH; i++) check += CHECK_ALPHABET[randomInt(CHECK_ALPHABET.length)];
  return `${formatRef(`${refPrefix}-S`, year, id)}-${check}`;
}

/** Statements issued before check parts have none; they are still checked by look-up. */
const STATEMENT_NUMBER = /^[A-Z]{1,6}-S-\d{4}-\d{6,}(-[0-9A-Z]{6})?$/;

/** A number as quoted (any case, spaces around, O for 0 in the check part), or null if it is not one. */
export function parseStatementNumber(quoted: string): string | null {
  const number = quoted.trim().toUpperCase();
  if (!STATEMENT_NUMBER.test(number)) return null;
  return number.replace(/-([0-9A-Z]{6})$/, (_, check: string) => `-${check.replace(/O/g, "0").replace(/[IL]/g, "1")}`);
}
