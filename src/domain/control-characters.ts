/**
 * Control characters but tab and newline (C0 and DEL). Nobody types them on purpose; PostgreSQL
 * refuses U+0000 in text and jsonb outright, and the others only corrupt names and lookups.
 */
const CONTROL_CHARACTERS = /[\u0000-\u0008\u000b-\u001f\u007f]/g;

/**
 * The text with each control character replaced by a space. A space rather than nothing: it
 * keeps every character where it was, so Telegram's entity offsets (the command, a mention)
 * still point at the same text, and "/team\u0000Edge" does not turn into the command /teamEdge.
 */
export const withoutControlCharacters = (text: string): string => text.replace(CONTROL_CHARACTERS, " ");

/** The one character PostgreSQL cannot store, replaced by a space. */
export const withoutNul = (text: string): string => text.replace(/\u0000/g, " ");

/** Applies `clean` to every string inside a JSON-like value, changing it in place; returns the value. */
export function cleanStrings<T>(value: T, clean: (text: string) => string): T {
  if (Array.isArray(value)) {
    value.forEach((item, i) => (value[i] = typeof item === "string" ? clean(item) : cleanStrings(item, clean)));
  } else if (value !== null && typeof value === "object") {
    const record = value as Record<string, unknown>;
    for (const [key, item] of Object.entries(record)) record[key] = typeof item === "string" ? clean(item) : cleanStrings(item, clean);
  }
  return value;
}
