import { eq } from "drizzle-orm";
import { z } from "zod";
import { refreshCommandMenu } from "../access/command-menu.js";
import type { DomainContext } from "../domain/context.js";
import { ValidationError } from "../domain/errors.js";
import { people } from "../storage/schema/index.js";
import { LOCALES, type Locale } from "./locale.js";

export const localeSchema = z.enum(LOCALES);

/** The person's own choice, which wins over the Telegram client's language from now on. */
export async function setLocale(ctx: DomainContext, personId: number, locale: string): Promise<Locale> {
  const parsed = localeSchema.safeParse(locale);
  if (!parsed.success) throw new ValidationError("locale.unknown");
  await ctx.db.transaction(async (tx) => {
    await tx.update(people).set({ locale: parsed.data, updatedAt: ctx.now }).where(eq(people.id, personId));
    await refreshCommandMenu(tx, personId, ctx.now);
  });
  return parsed.data;
}
