import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DomainError } from "../../src/domain/errors.js";
import { autoCheckOut } from "../../src/shifts/auto-check-out.js";
import { checkIn, checkOut } from "../../src/shifts/check-in.js";
import { listTeamMembers } from "../../src/roster/list-team-members.js";
import { markNoShows } from "../../src/shifts/mark-no-shows.js";
import type { Database } from "../../src/storage/db.js";
import { assignments, outbox } from "../../src/storage/schema/index.js";
import { asPerson, contextFor, system } from "../support/domain.js";
import { plannedNight, testPolicy as policy } from "../support/shifts.js";
import { openTestDatabase } from "../support/test-database.js";

let database: Database;
beforeAll(async () => {
  database = await openTestDatabase();
});
afterAll(async () => {
  await database?.close();
});

let day = 1;
const night = (size = 4) => plannedNight(database.db, `2027-05-${String(day++).padStart(2, "0")}`, size);
const reasonOf = (p: Promise<unknown>) => p.then(() => "ok", (e: unknown) => (e instanceof DomainError ? e.reason : String(e)));
const at = (personId: number, iso: string) => contextFor(database.db, asPerson(personId), new Date(iso));

describe("checking in and out", () => {
  it("When a volunteer checks in, then only from 30 minutes before the start until the end, and twice changes nothing", async () => {
    const n = await night();
    const [a] = n.assigned;
    expect(await reasonOf(checkIn(at(a!.personId, `${n.date}T11:29:00Z`), policy))).toBe("checkin.no_shift_now");
    const done = await checkIn(at(a!.personId, `${n.date}T11:35:00Z`), policy, { location: { latitude: 30.75, longitude: 120.76 } });
    expect(done.checkedInAt?.toISOString()).toBe(`${n.date}T11:35:00.000Z`);
    expect(await reasonOf(checkIn(at(a!.personId, `${n.date}T11:40:00Z`), policy))).toBe("checkin.already");
    const [row] = await database.db.select().from(assignments).where(eq(assignments.id, n.assignmentOf(a!.personId)));
    expect(row).toMatchObject({ checkInLatitude: 30.75, reply: "coming" });
    expect(row?.checkedInAt?.toISOString()).toBe(`${n.date}T11:35:00.000Z`);
  });

  it("When someone presses check-in on another person's reminder, then it is refused", async () => {
    const n = await night();
    const [a, b] = n.assigned;
    expect(await reasonOf(checkIn(at(b!.personId, `${n.date}T12:00:00Z`), policy, { assignmentId: n.assignmentOf(a!.personId) }))).toBe("shift.not_yours");
  });

  it("When a volunteer checks out without having checked in, then they are told and nothing changes; after checking in it works once", async () => {
    const n = await night();
    const [a] = n.assigned;
    expect(await reasonOf(checkOut(at(a!.personId, `${n.date}T13:00:00Z`), policy))).toBe("checkout.not_checked_in");
    await checkIn(at(a!.personId, `${n.date}T12:00:00Z`), policy);
    await checkOut(at(a!.personId, `${n.date}T16:05:00Z`), policy);
    expect(await reasonOf(checkOut(at(a!.personId, `${n.date}T16:06:00Z`), policy))).toBe("checkout.already");
  });

  it("When half an hour after the start someone has not checked in, then they are a no-show and the leader gets one list", async () => {
    const n = await night();
    const [a, b, c, d] = n.assigned;
    for (const p of [a, b]) await checkIn(at(p!.personId, `${n.date}T11:50:00Z`), policy);
    expect(await markNoShows(contextFor(database.db, system, new Date(`${n.date}T12:29:00Z`)), policy)).toBe(0);
    await markNoShows(contextFor(database.db, system, new Date(`${n.date}T12:31:00Z`)), policy);
    await markNoShows(contextFor(database.db, system, new Date(`${n.date}T12:35:00Z`)), policy);
    const rows = await database.db.select().from(assignments).where(eq(assignments.shiftId, n.shift.id));
    expect(rows.filter((r) => r.noShowAt).map((r) => r.personId).sort()).toEqual([c!.personId, d!.personId].sort());
    const notices = (await database.db.select().from(outbox).where(eq(outbox.chatId, n.leader.telegramId))).filter((o) => JSON.stringify(o.payload).includes("notice-no-shows"));
    expect(notices).toHaveLength(1);
    const { members } = await listTeamMembers(contextFor(database.db, system), n.team.teamId);
    expect(members.filter((m) => m.noShows === 1).map((m) => m.personId).sort()).toEqual([c!.personId, d!.personId].sort());
  });

  it("When someone forgets to check out, then an hour after the end they are closed at the end and flagged", async () => {
    const n = await night();
    const [a] = n.assigned;
    await checkIn(at(a!.personId, `${n.date}T11:55:00Z`), policy);
    await autoCheckOut(contextFor(database.db, system, new Date(`${n.date}T16:30:00Z`)), policy);
    const [early] = await database.db.select().from(assignments).where(eq(assignments.id, n.assignmentOf(a!.personId)));
    expect(early?.checkedOutAt).toBeNull();
    await autoCheckOut(contextFor(database.db, system, new Date(`${n.date}T17:01:00Z`)), policy);
    const [row] = await database.db.select().from(assignments).where(eq(assignments.id, n.assignmentOf(a!.personId)));
    expect(row).toMatchObject({ autoCheckedOut: true });
    expect(row?.checkedOutAt?.toISOString()).toBe(`${n.date}T16:00:00.000Z`);
  });
});
