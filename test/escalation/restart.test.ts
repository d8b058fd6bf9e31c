import { and, eq, inArray } from "drizzle-orm";
import type { Message } from "grammy/types";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { runEscalations } from "../../src/escalation/run-escalations.js";
import type { Database, Db } from "../../src/storage/db.js";
import { escalationSteps, outbox } from "../../src/storage/schema/index.js";
import type { FakeUser } from "../../src/sandbox/telegram/index.js";
import { startBotHarness, type BotHarness } from "../support/bot-harness.js";
import { addMember, contextFor, makePerson, makeTeam, system } from "../support/domain.js";
import { sendReport, waitForCard } from "../support/reports.js";
import { openTestDatabase } from "../support/test-database.js";
import { activeMember, teamWithLeader, userWithRole } from "../support/world.js";
import { cardRecipients, escalationFor, minutesAfter, report } from "./support.js";

/** Waits until nothing is left to send to this chat, so what it shows is all it will get. */
async function drained(db: Db, chat: FakeUser) {
  const deadline = Date.now() + 5000;
  for (;;) {
    const waiting = await db.select({ id: outbox.id }).from(outbox).where(and(eq(outbox.chatId, chat.id), inArray(outbox.status, ["pending", "sending"])));
    if (waiting.length === 0) return;
    if (Date.now() > deadline) throw new Error(`${waiting.length} messages to ${chat.id} still unsent`);
    await new Promise((r) => setTimeout(r, 25));
  }
}

const cardsOf = (user: FakeUser, ref: string) => user.messages().filter((m: Message) => m.text?.split("\n")[0]?.endsWith(` · ${ref}`));

describe("through the bot, across a restart", () => {
  let h: BotHarness;
  beforeAll(async () => {
    h = await startBotHarness();
  });
  afterAll(async () => {
    await h?.close();
  });

  it("When the bot restarts while a report waits on its leader, then after the wait the supervisor gets the card exactly once, however often the job runs", async () => {
    const t0 = new Date("2027-09-01T12:00:00Z");
    h.setNow(t0);
    const team = await teamWithLeader(h, "Restart", "Restart Town");
    const supervisor = await userWithRole(h, "Supervisor Restart", { role: "supervisor", townId: team.townId });
    const { user: reporter } = await activeMember(h, team.teamId, "Reporter Restart");
    const ref = await sendReport(reporter, "⚠️ Hazard", "Broken street light on Restart Lane");
    await waitForCard(team.leader, ref);
    // The outbox's lease is measured on the pinned clock: jumping it while a send is in flight would
    // expire the lease and send that message again, which is the outbox's documented crash recovery.
    await drained(h.database.db, team.leader);

    await h.restart();
    h.setNow(minutesAfter(t0, 29));
    await h.app.scheduler.run("escalations");
    await drained(h.database.db, supervisor);
    expect(cardsOf(supervisor, ref)).toHaveLength(0);

    h.setNow(minutesAfter(t0, 31));
    await h.app.scheduler.run("escalations");
    const card = await waitForCard(supervisor, ref);
    expect(card.text).toContain("Broken street light on Restart Lane");
    await drained(h.database.db, supervisor);
    await h.app.scheduler.run("escalations");
    h.setNow(minutesAfter(t0, 60));
    await h.app.scheduler.run("escalations");

    for (const chat of [supervisor, team.leader]) await drained(h.database.db, chat);
    expect(cardsOf(supervisor, ref)).toHaveLength(1);
    expect(cardsOf(team.leader, ref)).toHaveLength(1);
  });
});

describe("two instances running the job at once", () => {
  let database: Database;
  beforeAll(async () => {
    database = await openTestDatabase();
  });
  afterAll(async () => database?.close());

  it("When two escalation runs work through the same due steps at once, then every step is handled by exactly one and each level is told once", async () => {
    const db = database.db;
    const coordinator = await makePerson(db, { role: "coordinator" });
    const t0 = new Date("2027-09-02T12:00:00Z");
    const items: Array<{ incidentId: number; supervisor: number; leader: number }> = [];
    for (let i = 0; i < 12; i++) {
      const team = await makeTeam(db, "twice");
      const leader = await makePerson(db, { role: "leader", teamId: team.teamId });
      const supervisor = await makePerson(db, { role: "supervisor", townId: team.townId });
      const member = await addMember(db, team.teamId);
      const { incidentId } = await report(db, member.personId, t0);
      items.push({ incidentId, supervisor: supervisor.personId, leader: leader.personId });
    }

    for (const [minutes, expected] of [
      [30, (it: (typeof items)[number]) => [it.leader, it.supervisor]],
      [90, (it: (typeof items)[number]) => [it.leader, it.supervisor, coordinator.personId]],
    ] as const) {
      const ctx = () => contextFor(db, system, minutesAfter(t0, minutes));
      const handled = await Promise.all([runEscalations(ctx()), runEscalations(ctx()), runEscalations(ctx())]);
      expect(handled.reduce((a, b) => a + b, 0), `steps handled at +${minutes} min`).toBe(items.length);
      for (const item of items) expect(await cardRecipients(db, `incident:${item.incidentId}`)).toEqual(expected(item));
    }

    for (const item of items) {
      const [escalation] = await escalationFor(db, "incident", item.incidentId);
      const steps = await db.select().from(escalationSteps).where(eq(escalationSteps.escalationId, escalation!.id));
      expect(steps.map((s) => [s.seq, s.level, s.status]).sort()).toEqual([
        [1, 0, "sent"],
        [2, 1, "sent"],
        [3, 2, "sent"],
        [4, 3, "pending"],
      ]);
    }
  });
});
