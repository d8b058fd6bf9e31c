import { and, eq, gt, inArray, isNotNull, isNull, or, type SQL } from "drizzle-orm";
import { addDays } from "../shifts/night.js";
import type { Db } from "../storage/db.js";
import type { broadcastAudience} from "../storage/schema/index.js";
import { assignments, communities, memberships, people, roleGrants, shifts, teams } from "../storage/schema/index.js";

export type BroadcastAudience = (typeof broadcastAudience.enumValues)[number];

/** Who a broadcast is for. A town narrows everyone, leaders and tonight's volunteers to it. */
export interface BroadcastTarget {
  audience: BroadcastAudience;
  townId: number | null;
  teamId: number | null;
}

export interface AudienceMember {
  personId: number;
  telegramId: number;
  locale: string | null;
  clientLanguage: string | null;
  unreachable: boolean;
  /** Leads a team (leader or deputy): their copy offers the team's receipts. */
  leads: boolean;
}

const teamsOfTown = (db: Db, townId: number) =>
  db.select({ id: teams.id }).from(teams).innerJoin(communities, eq(communities.id, teams.communityId)).where(eq(communities.townId, townId));

/**
 * The people a target reaches: volunteers are active members, staff are holders of a live role in
 * that area; tonight's volunteers are those on a shift of `tonight` or of the night before that has
 * not ended yet (after midnight, the patrol still out). Only people the bot can write to (they
 * have a Telegram account and were not forgotten).
 */
export async function audienceMembers(db: Db, target: BroadcastTarget, tonight: string, now: Date): Promise<AudienceMember[]> {
  const leaderIds = db.select({ id: roleGrants.personId }).from(roleGrants).where(and(isNull(roleGrants.revokedAt), inArray(roleGrants.role, ["leader", "deputy"])));
  const rows = await db
    .select({
      personId: people.id,
      telegramId: people.telegramId,
      locale: people.locale,
      clientLanguage: people.clientLanguage,
      unreachableAt: people.unreachableAt,
      leads: inArray(people.id, leaderIds).mapWith(Boolean),
    })
    .from(people)
    .where(audienceCondition(db, target, tonight, now))
    .orderBy(people.id);
  return rows.map((r) => ({ ...r, telegramId: r.telegramId!, unreachable: r.unreachableAt !== null, leads: r.leads }));
}

/** The ids of the people `audienceMembers` returns, as a query to insert from without reading them. */
export function audienceIds(db: Db, target: BroadcastTarget, tonight: string, now: Date) {
  return db.select({ id: people.id }).from(people).where(audienceCondition(db, target, tonight, now));
}

function audienceCondition(db: Db, target: BroadcastTarget, tonight: string, now: Date): SQL | undefined {
  const inTeams = (column: typeof memberships.teamId | typeof roleGrants.teamId | typeof shifts.teamId): SQL | undefined =>
    target.teamId !== null ? eq(column, target.teamId) : target.townId !== null ? inArray(column, teamsOfTown(db, target.townId)) : undefined;
  const liveGrant = isNull(roleGrants.revokedAt);
  const members = db.select({ id: memberships.personId }).from(memberships).where(and(eq(memberships.status, "active"), inTeams(memberships.teamId)));
  const leads = db
    .select({ id: roleGrants.personId })
    .from(roleGrants)
    .where(and(liveGrant, inArray(roleGrants.role, ["leader", "deputy"]), inTeams(roleGrants.teamId)));
  const staff = db
    .select({ id: roleGrants.personId })
    .from(roleGrants)
    .where(and(liveGrant, target.townId === null ? undefined : or(eq(roleGrants.townId, target.townId), inTeams(roleGrants.teamId))));
  const onShift = db
    .select({ id: assignments.personId })
    .from(assignments)
    .innerJoin(shifts, eq(shifts.id, assignments.shiftId))
    .where(and(inArray(assignments.night, [tonight, addDays(tonight, -1)]), gt(shifts.endsAt, now), isNull(assignments.endedAt), isNull(shifts.cancelledAt), inTeams(shifts.teamId)));

  const who: Record<BroadcastAudience, SQL | undefined> = {
    everyone: or(inArray(people.id, members), inArray(people.id, staff)),
    town: or(inArray(people.id, members), inArray(people.id, staff)),
    team: or(inArray(people.id, members), inArray(people.id, leads)),
    leaders: inArray(people.id, leads),
    tonight: inArray(people.id, onShift),
  };
  return and(who[target.audience], isNotNull(people.telegramId), isNull(people.forgottenAt));
}
