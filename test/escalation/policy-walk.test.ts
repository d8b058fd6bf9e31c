import { expect, it } from "vitest";
import { parsePolicyText } from "../../src/escalation/policy-text.js";
import { updatePolicy } from "../../src/escalation/update-policy.js";
import { addMember, contextFor, makePerson, makeTeam, system } from "../support/domain.js";
import { attachmentsSent, cardRecipients, escalationFor, escalationWorld, minutesAfter, report, stepsOf } from "./support.js";

const w = escalationWorld();
const { run, outboxSize } = w;


/** A team in a town of its own, so no other test's supervisor or leader is in its scope. */
async function staffedTeam(options: { leader?: boolean } = {}) {
  const db = w.database.db;
  const team = await makeTeam(db, "walk");
  const leader = options.leader === false ? null : await makePerson(db, { role: "leader", teamId: team.teamId });
  const supervisor = await makePerson(db, { role: "supervisor", townId: team.townId });
  const member = await addMember(db, team.teamId);
  return { team, leader, supervisor, member };
}

it("When nobody acknowledges a hazard, then its leader is told at once, the supervisor only after 30 min, the coordinators after 90, and at 210 min it is exhausted and nothing more is sent", async () => {
  const db = w.database.db;
  const { leader, supervisor, member } = await staffedTeam();
  const t0 = new Date("2027-02-01T12:00:00Z");
  const { incidentId } = await report(db, member.personId, t0);
  const told = () => cardRecipients(db, `incident:${incidentId}`);

  expect(await told()).toEqual([leader!.personId]);
  await run(minutesAfter(t0, 29));
  expect(await told()).toEqual([leader!.personId]);
  await run(minutesAfter(t0, 30));
  expect(await told()).toEqual([leader!.personId, supervisor.personId]);
  await run(minutesAfter(t0, 89));
  expect(await told()).toEqual([leader!.personId, supervisor.personId]);
  await run(minutesAfter(t0, 90));
  expect(await told()).toEqual([leader!.personId, supervisor.personId, w.coordinator.personId]);

  await run(minutesAfter(t0, 209));
  const [walking] = await escalationFor(db, "incident", incidentId);
  expect(walking!.status).toBe("active");
  await run(minutesAfter(t0, 210));
  const [ended] = await escalationFor(db, "incident", incidentId);
  expect(ended).toMatchObject({ status: "exhausted", ownerPersonId: null, digestedAt: null });
  expect(ended!.endedAt?.toISOString()).toBe(minutesAfter(t0, 210).toISOString());
  expect((await stepsOf(db, ended!.id)).map((s) => [s.round, s.level, s.status])).toEqual([
    [0, 0, "sent"],
    [0, 1, "sent"],
    [0, 2, "sent"],
    [0, 3, "sent"],
  ]);

  const size = await outboxSize();
  expect(await run(minutesAfter(t0, 600))).toBe(0);
  expect(await run(minutesAfter(t0, 6000))).toBe(0);
  expect(await outboxSize()).toBe(size);
  expect(await told()).toEqual([leader!.personId, supervisor.personId, w.coordinator.personId]);
});

it("When a policy repeats once, then the second round tells each level again, and photos and the map pin go only with each person's first card", async () => {
  const db = w.database.db;
  const written = parsePolicyText("leaders 10m\nsupervisors 20m\nrepeat 1");
  if (!written.ok) throw new Error(JSON.stringify(written.problems));
  await updatePolicy(contextFor(db, system), { key: "incident.dispute", policy: written.policy });
  const { leader, supervisor, member } = await staffedTeam();
  const t0 = new Date("2027-02-02T12:00:00Z");
  const { incidentId } = await report(db, member.personId, t0, {
    category: "dispute",
    description: "Shouting match outside the noodle shop",
    photoFileIds: ["photo-a", "photo-b"],
    location: { latitude: 30.75, longitude: 120.76 },
  });
  const told = () => cardRecipients(db, `incident:${incidentId}`);
  const [escalation] = await escalationFor(db, "incident", incidentId);

  await run(minutesAfter(t0, 10));
  expect(await told()).toEqual([leader!.personId, supervisor.personId]);
  await run(minutesAfter(t0, 29));
  expect(await told()).toEqual([leader!.personId, supervisor.personId]);
  await run(minutesAfter(t0, 30));
  expect(await told()).toEqual([leader!.personId, supervisor.personId, leader!.personId]);
  await run(minutesAfter(t0, 40));
  expect(await told()).toEqual([leader!.personId, supervisor.personId, leader!.personId, supervisor.personId]);

  await run(minutesAfter(t0, 59));
  expect((await escalationFor(db, "incident", incidentId))[0]!.status).toBe("active");
  await run(minutesAfter(t0, 60));
  expect((await escalationFor(db, "incident", incidentId))[0]!.status).toBe("exhausted");
  expect(await told()).toHaveLength(4);

  expect(await attachmentsSent(db, escalation!.id)).toEqual([
    [leader!.personId, "photos"],
    [leader!.personId, "location"],
    [supervisor.personId, "photos"],
    [supervisor.personId, "location"],
  ]);
});

it("When a team has no leader, then its report goes straight to the supervisor, and the supervisor's wait decides when the coordinators hear", async () => {
  const db = w.database.db;
  const { supervisor, member } = await staffedTeam({ leader: false });
  const t0 = new Date("2027-02-03T12:00:00Z");
  const { incidentId } = await report(db, member.personId, t0);

  expect(await cardRecipients(db, `incident:${incidentId}`)).toEqual([supervisor.personId]);
  const [escalation] = await escalationFor(db, "incident", incidentId);
  const steps = await stepsOf(db, escalation!.id);
  expect(steps.map((s) => [s.level, s.status, s.notified])).toEqual([
    [0, "sent", []],
    [1, "sent", [supervisor.personId]],
    [2, "pending", []],
  ]);
  expect(steps[2]!.dueAt.toISOString()).toBe(minutesAfter(t0, 60).toISOString());

  await run(minutesAfter(t0, 59));
  expect(await cardRecipients(db, `incident:${incidentId}`)).toEqual([supervisor.personId]);
  await run(minutesAfter(t0, 60));
  expect(await cardRecipients(db, `incident:${incidentId}`)).toEqual([supervisor.personId, w.coordinator.personId]);
});

it("When the team's only leader reports, then they are not paged about their own report and the supervisor hears at once", async () => {
  const db = w.database.db;
  const { leader, supervisor } = await staffedTeam();
  const t0 = new Date("2027-02-04T12:00:00Z");
  const { incidentId } = await report(db, leader!.personId, t0);

  expect(await cardRecipients(db, `incident:${incidentId}`)).toEqual([supervisor.personId]);
  await run(minutesAfter(t0, 60));
  expect(await cardRecipients(db, `incident:${incidentId}`)).toEqual([supervisor.personId, w.coordinator.personId]);
});
