import { expect, it } from "vitest";
import { acknowledgeIncident } from "../../src/incidents/acknowledge-incident.js";
import { escalateIncident } from "../../src/incidents/escalate-incident.js";
import { resolveIncident } from "../../src/incidents/resolve-incident.js";
import { addMember, asPerson, contextFor, makeTeam } from "../support/domain.js";
import { cardEdits, cardRecipients, escalationFor, escalationWorld, minutesAfter, namedPerson, reasonOf, report, stepsOf } from "./support.js";

const w = escalationWorld();
const { run, outboxSize } = w;


async function hazardTeam(name: string) {
  const db = w.database.db;
  const team = await makeTeam(db, "ack");
  const leader = await namedPerson(db, `Leader ${name}`, { role: "leader", teamId: team.teamId });
  const supervisor = await namedPerson(db, `Supervisor ${name}`, { role: "supervisor", townId: team.townId });
  const member = await addMember(db, team.teamId);
  return { team, leader, supervisor, member };
}

it("When the leader acknowledges a report, then the escalation is owned, its pending step is cancelled, the card is edited, and later runs tell nobody else", async () => {
  const db = w.database.db;
  const { leader, member } = await hazardTeam("Stop");
  const t0 = new Date("2027-04-01T12:00:00Z");
  const { incidentId } = await report(db, member.personId, t0);
  const group = `incident:${incidentId}`;
  expect(await cardRecipients(db, group)).toEqual([leader.personId]);
  expect(await cardEdits(db, group)).toHaveLength(0);

  await acknowledgeIncident(contextFor(db, asPerson(leader.personId), minutesAfter(t0, 5)), incidentId);
  const [escalation] = await escalationFor(db, "incident", incidentId);
  expect(escalation).toMatchObject({ status: "owned", ownerPersonId: leader.personId });
  expect(escalation!.ownedAt?.toISOString()).toBe(minutesAfter(t0, 5).toISOString());
  const steps = await stepsOf(db, escalation!.id);
  expect(steps.map((s) => [s.level, s.status])).toEqual([
    [0, "sent"],
    [1, "cancelled"],
  ]);

  const edits = await cardEdits(db, group);
  expect(edits.map((e) => e.personId)).toEqual([leader.personId]);
  const edit = edits[0]!.payload;
  if (edit.kind !== "edit") throw new Error("expected an edit");
  expect(edit.text.args?.status).toEqual({ key: "incident-status-acknowledged", args: { by: "Leader Stop" } });

  const size = await outboxSize();
  for (const minutes of [30, 90, 210, 2000]) expect(await run(minutesAfter(t0, minutes))).toBe(0);
  expect(await outboxSize()).toBe(size);
  expect(await cardRecipients(db, group)).toEqual([leader.personId]);
  expect((await escalationFor(db, "incident", incidentId))[0]!.status).toBe("owned");
});

it("When the supervisor acknowledges after the second level, then every copy of the card is edited once and the coordinators never hear", async () => {
  const db = w.database.db;
  const { leader, supervisor, member } = await hazardTeam("Both");
  const t0 = new Date("2027-04-02T12:00:00Z");
  const { incidentId } = await report(db, member.personId, t0);
  const group = `incident:${incidentId}`;
  await run(minutesAfter(t0, 30));
  expect(await cardRecipients(db, group)).toEqual([leader.personId, supervisor.personId]);

  await acknowledgeIncident(contextFor(db, asPerson(supervisor.personId), minutesAfter(t0, 40)), incidentId);
  expect((await cardEdits(db, group)).map((e) => e.personId).sort()).toEqual([leader.personId, supervisor.personId].sort());
  // The owner's press delivered again changes nothing.
  await acknowledgeIncident(contextFor(db, asPerson(supervisor.personId), minutesAfter(t0, 41)), incidentId);
  expect(await cardEdits(db, group)).toHaveLength(2);

  await run(minutesAfter(t0, 90));
  await run(minutesAfter(t0, 500));
  expect(await cardRecipients(db, group)).toEqual([leader.personId, supervisor.personId]);
  expect(await cardRecipients(db, group)).not.toContain(w.coordinator.personId);
  expect(await reasonOf(acknowledgeIncident(contextFor(db, asPerson(leader.personId), minutesAfter(t0, 42)), incidentId))).toBe("incident.already_owned");
});

it("When a report is resolved before anyone acknowledged it, then the walk stops too", async () => {
  const db = w.database.db;
  const { leader, member } = await hazardTeam("Resolve");
  const t0 = new Date("2027-04-03T12:00:00Z");
  const { incidentId } = await report(db, member.personId, t0);
  await resolveIncident(contextFor(db, asPerson(leader.personId), minutesAfter(t0, 10)), { incidentId, note: "Cable tied back up" });

  const [escalation] = await escalationFor(db, "incident", incidentId);
  expect(escalation).toMatchObject({ status: "owned", ownerPersonId: leader.personId });
  expect((await stepsOf(db, escalation!.id)).filter((s) => s.status === "pending")).toHaveLength(0);
  await run(minutesAfter(t0, 300));
  expect(await cardRecipients(db, `incident:${incidentId}`)).toEqual([leader.personId]);
});

it("When a leader presses Escalate now on an open report, then the supervisor is told at once and the coordinators after the supervisor's wait", async () => {
  const db = w.database.db;
  const { leader, supervisor, member } = await hazardTeam("Now");
  const t0 = new Date("2027-04-04T12:00:00Z");
  const { incidentId } = await report(db, member.personId, t0);

  await escalateIncident(contextFor(db, asPerson(leader.personId), minutesAfter(t0, 3)), incidentId);
  expect(await cardRecipients(db, `incident:${incidentId}`)).toEqual([leader.personId, supervisor.personId]);
  await run(minutesAfter(t0, 62));
  expect(await cardRecipients(db, `incident:${incidentId}`)).toEqual([leader.personId, supervisor.personId]);
  await run(minutesAfter(t0, 63));
  expect(await cardRecipients(db, `incident:${incidentId}`)).toEqual([leader.personId, supervisor.personId, w.coordinator.personId]);
});
