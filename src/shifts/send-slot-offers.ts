import { inArray } from "drizzle-orm";
import { enqueueMessages } from "../outbox/enqueue.js";
import type { TextRef } from "../outbox/payload.js";
import { recipientColumns, toRecipient } from "../people/locale.js";
import type { Db } from "../storage/db.js";
import { people } from "../storage/schema/index.js";

export const takeSlotData = (slotId: number) => `sl:${slotId}`;
export const takeSlotPattern = /^sl:(\d{1,9})$/;

/**
 * One "I'll take it" message to each chosen person. The copies share `groupKey`, so once the place
 * is taken or closed every copy can be edited (close-slots.ts).
 */
export async function sendSlotOffers(
  tx: Db,
  now: Date,
  chosen: number[],
  offer: { text: TextRef; slotId: number; dedupeKey: (personId: number) => string; groupKey: string },
): Promise<void> {
  const recipients = await tx.select(recipientColumns).from(people).where(inArray(people.id, chosen));
  await enqueueMessages(
    tx,
    now,
    recipients.flatMap((row) => {
      const to = toRecipient(row);
      if (!to) return [];
      const payload = { kind: "message" as const, text: offer.text, buttons: [[{ text: { key: "btn-take-slot" }, data: takeSlotData(offer.slotId) }]] };
      return [{ to, payload, dedupeKey: offer.dedupeKey(row.personId), groupKey: offer.groupKey }];
    }),
  );
}
