import { asc, eq } from "drizzle-orm";
import { displayName } from "../people/display-name.js";
import { alias } from "drizzle-orm/pg-core";
import { NotFoundError } from "../domain/errors.js";
import { getTeamScope, teamLabel } from "../org/team-scope.js";
import type { Db } from "../storage/db.js";
import { incidentPhotos, incidents, people, towns } from "../storage/schema/index.js";

const reporter = alias(people, "reporter");
const owner = alias(people, "owner");
const judge = alias(people, "judge");

/** One report with the names and places its card and its messages show. */
export async function loadIncident(db: Db, incidentId: number) {
  const [row] = await db
    .select({ incident: incidents, reporterName: displayName(reporter), ownerName: displayName(owner), verdictByName: displayName(judge) })
    .from(incidents)
    .leftJoin(reporter, eq(reporter.id, incidents.reporterPersonId))
    .leftJoin(owner, eq(owner.id, incidents.ownerPersonId))
    .leftJoin(judge, eq(judge.id, incidents.verdictBy))
    .where(eq(incidents.id, incidentId));
  if (!row) throw new NotFoundError("incident.not_found");
  const photos = await db.select({ fileId: incidentPhotos.fileId }).from(incidentPhotos).where(eq(incidentPhotos.incidentId, incidentId)).orderBy(asc(incidentPhotos.position));
  const team = row.incident.teamId === null ? null : teamLabel(await getTeamScope(db, row.incident.teamId));
  // A resident's report has no team; the town triage gave it is where it is.
  const [town] = team === null && row.incident.townId !== null ? await db.select({ name: towns.name }).from(towns).where(eq(towns.id, row.incident.townId)) : [];
  return { ...row.incident, reporterName: row.reporterName, ownerName: row.ownerName, verdictByName: row.verdictByName, photoFileIds: photos.map((p) => p.fileId), team, town: town?.name ?? null };
}

export type IncidentView = Awaited<ReturnType<typeof loadIncident>>;
