import { parsePhoneNumberFromString } from "libphonenumber-js/mobile";

/**
 * A person's own phone, in the one form phones are compared in: E.164, "+8613800138000".
 * Only mobiles count: a landline cannot share its number from Telegram, so a person registered
 * with one could never link. Mainland mobiles are 11 digits starting 13-19 (with or without +86,
 * 0086 or 86, and whatever spaces or dashes people type); they are checked by that rule, which
 * keeps accepting ranges assigned after the library's data was made. Any other country needs
 * its "+" (or "00") and code, and is checked against libphonenumber's mobile ranges.
 */
export function normalizePhone(raw: string): string | null {
  // Separators people type are fine, and a "+" in front; letters or other marks mean it is not a
  // phone number. Full-width digits (１３８…) from a Chinese input method count as digits.
  const compact = raw.normalize("NFKC").replace(/[\s().-]/g, "");
  if (!/^\+?\d+$/.test(compact)) return null;
  const international = compact.startsWith("+") || compact.startsWith("00");
  const digits = compact.replace(/^(?:\+|00)/, "");
  const mainland = /^(?:86)?(1[3-9]\d{9})$/.exec(digits);
  if (mainland && (!international || digits.startsWith("86"))) return `+86${mainland[1]}`;
  // A mainland number of the wrong length or a landline; other countries need their code.
  if (!international || digits.startsWith("86")) return null;
  const parsed = parsePhoneNumberFromString(`+${digits}`);
  return parsed?.isValid() ? parsed.number : null;
}

/** Telegram shares contacts in international form, often without the "+". */
export const normalizeTelegramPhone = (raw: string) => normalizePhone(raw.trim().startsWith("+") ? raw : `+${raw.trim()}`);
