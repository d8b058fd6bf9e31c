/**
 * Phones are compared in one form: digits, with "+" and the country code when known. Chinese
 * mobile numbers written without a country code ("138 0013 8000") become "+8613800138000", so a
 * spreadsheet's number matches the one Telegram shares.
 */
export function normalizePhone(raw: string): string | null {
  const trimmed = raw.trim();
  // Separators people type are fine; letters or other marks mean it is not a phone number.
  if (trimmed === "" || !/^\+?[\d\s().-]+$/.test(trimmed)) return null;
  const plus = trimmed.startsWith("+") || trimmed.startsWith("00");
  let digits = trimmed.replace(/\D/g, "");
  if (trimmed.startsWith("00")) digits = digits.slice(2);
  if (digits.length < 5 || digits.length > 15) return null;
  if (!plus && /^1[3-9]\d{9}$/.test(digits)) return `+86${digits}`;
  if (!plus && /^861[3-9]\d{9}$/.test(digits)) return `+${digits}`;
  return plus ? `+${digits}` : digits;
}

/** Telegram shares contacts in international form, often without the "+". */
export const normalizeTelegramPhone = (raw: string) => normalizePhone(raw.trim().startsWith("+") ? raw : `+${raw.trim()}`);
