import { eq } from "drizzle-orm";
import { enqueueMessages } from "../outbox/enqueue.js";
import type { Db } from "../storage/db.js";
import { recipientColumns, toRecipient } from "../people/locale.js";
import { people } from "../storage/schema/index.js";
import { isCoordinator, isPoliceLiaison, ledTeamIds, loadAccess, supervisedTownIds, type Access } from "./access.js";

/** What every private chat sees, member or not. */
export const BASE_COMMANDS = ["start", "report", "myreports", "status", "specialdays", "me", "lang", "help"] as const;
const VOLUNTEER_COMMANDS = ["shifts", "checkin", "checkout", "sos", "open", "leave_dates", "stats", "leave", "forgetme"] as const;
const LEADER_COMMANDS = ["roster", "log", "logs", "team", "patrol", "invite", "invites", "broadcasts", "kit", "ranking"] as const;
const SUPERVISOR_COMMANDS = ["team", "logs", "invite", "invites", "broadcast", "broadcasts", "spotcheck", "spotchecks", "kit", "review"] as const;
const COORDINATOR_COMMANDS = ["team", "logs", "invite", "invites", "import", "tips", "rules", "reportlink", "level", "broadcast", "broadcasts", "spotcheck", "spotchecks", "kit", "review", "ranking", "export", "statement"] as const;
const POLICE_COMMANDS = ["tips"] as const;

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

/**
 * Queues a per-chat command menu when a person's roles changed what they should see.
 * The signature stored on the person keeps this from re-sending an unchanged menu.
 */
export async function refreshCommandMenu(tx: Db, personId: number, now: Date): Promise<void> {
  const [person] = await tx
    .select({ ...recipientColumns, signature: people.menuSignature })
    .from(people)
    .where(eq(people.id, personId));
  const to = person ? toRecipient(person) : null;
  if (!person || !to) return;
  const commands = commandsFor(await loadAccess(tx, personId));
  const signature = `${to.locale}:${commands.join(",")}`;
  if (signature === person.signature) return;
  await tx.update(people).set({ menuSignature: signature }).where(eq(people.id, personId));
  await enqueueMessages(tx, now, [
    { to, payload: { kind: "commands", commands } },
  ]);
}
