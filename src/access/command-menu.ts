import { and, desc, eq, inArray } from "drizzle-orm";
import { enqueueMessages } from "../outbox/enqueue.js";
import { outboxPayloadSchema } from "../outbox/payload.js";
import type { Db } from "../storage/db.js";
import { recipientColumns, toRecipient } from "../people/locale.js";
import { outbox, people } from "../storage/schema/index.js";
import { isCoordinator, isPoliceLiaison, ledTeamIds, loadAccess, supervisedTownIds, type Access } from "./access.js";

/** What every private chat sees, member or not. */
export const BASE_COMMANDS = ["start", "report", "myreports", "status", "specialdays", "me", "lang", "help"] as const;
const VOLUNTEER_COMMANDS = ["shifts", "checkin", "checkout", "sos", "open", "leave_dates", "stats", "leave", "forgetme"] as const;
const LEADER_COMMANDS = ["roster", "log", "logs", "team", "patrol", "invite", "invites", "broadcasts", "kit", "ranking"] as const;
const SUPERVISOR_COMMANDS = ["team", "logs", "invite", "invites", "broadcast", "broadcasts", "spotcheck", "spotchecks", "kit", "review", "statement"] as const;
const COORDINATOR_COMMANDS = ["team", "logs", "invite", "invites", "import", "tips", "rules", "reportlink", "level", "broadcast", "broadcasts", "spotcheck", "spotchecks", "kit", "review", "ranking", "export", "statement"] as const;
// Statements are checked by whoever is shown one: the police and the town supervisors among them.
const POLICE_COMMANDS = ["tips", "statement"] as const;

export function commandsFor(access: Access): string[] {
  const set = new Set<string>(BASE_COMMANDS);
  const add = (list: readonly string[]) => list.forEach((c) => set.add(c));
  if (access.teamIds.length > 0) add(VOLUNTEER_COMMANDS);
  if (ledTeamIds(access).length > 0) add(LEADER_COMMANDS);
  if (supervisedTownIds(access).length > 0) add(SUPERVISOR_COMMANDS);
  if (isCoordinator(access)) add(COORDINATOR_COMMANDS);
  if (isPoliceLiaison(access)) add(POLICE_COMMANDS);
  if (!set.has("forgetme")) set.add("forgetme");
  return [...set];
}

/** Every menu pushed to one person shares a group, so the last one that counts can be found. */
export const menuGroup = (personId: number) => `menu:${personId}`;

/**
 * Queues a per-chat command menu when a person's roles (or language) changed what they should see.
 * What Telegram shows is the last menu it accepted, and nothing else: a menu it refused (a
 * coordinator from the configuration who never wrote to the bot gets "chat not found") does not
 * count, so the next refresh, at the latest when the person writes to the bot, queues it again.
 */
export async function refreshCommandMenu(tx: Db, personId: number, now: Date): Promise<void> {
  const [person] = await tx.select(recipientColumns).from(people).where(eq(people.id, personId));
  const to = person ? toRecipient(person) : null;
  if (!to) return;
  const commands = commandsFor(await loadAccess(tx, personId));
  const [shown] = await tx
    .select({ locale: outbox.locale, payload: outbox.payload })
    .from(outbox)
    .where(and(eq(outbox.groupKey, menuGroup(personId)), inArray(outbox.status, ["pending", "sending", "sent"])))
    .orderBy(desc(outbox.id))
    .limit(1);
  if (shown && shown.locale === to.locale && sameCommands(shown.payload, commands)) return;
  await enqueueMessages(tx, now, [{ to, payload: { kind: "commands", commands }, groupKey: menuGroup(personId) }]);
}

function sameCommands(payload: unknown, commands: string[]): boolean {
  const parsed = outboxPayloadSchema.safeParse(payload);
  return parsed.success && parsed.data.kind === "commands" && parsed.data.commands.join(",") === commands.join(",");
}
