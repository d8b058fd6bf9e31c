import { sql, type AnyColumn } from "drizzle-orm";

/** The name someone gave us, else their Telegram profile's (staff who never signed up have only that). */
export const displayName = (p: { name: AnyColumn; telegramName: AnyColumn }) => sql<string | null>`coalesce(${p.name}, ${p.telegramName})`;
