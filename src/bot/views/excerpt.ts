/** What a user wrote is quoted back in a reply up to this many characters. */
export const QUOTE_MAX = 64;

/**
 * The start of something a user wrote, to quote it back: a message or popup that repeated all of
 * it could pass Telegram's limits (4,096 characters a message, 200 a popup) and not be sent at all.
 * Cut between code points, never inside an emoji's surrogate pair.
 */
export function excerpt(text: string, max = QUOTE_MAX): string {
  const chars = Array.from(text);
  return chars.length <= max ? text : `${chars.slice(0, max - 1).join("")}…`;
}
