import { sql } from "drizzle-orm";
import {
  bigint,
  boolean,
  date,
  doublePrecision,
  index,
  integer,
  pgEnum,
  pgTable,
  primaryKey,
  smallint,
  text,
  timestamp,
  unique,
  uniqueIndex,
} from "drizzle-orm/pg-core";
import { teams } from "./org.js";
import { people } from "./people.js";

/**
 * A duty is something a team staffs every night: its patrol (one per team, 20:00-24:00 by
 * default) or a fixed post such as an unnamed road crossing. The same shift, reminder and
 * check-in machinery serves both.
 */
export const dutyKind = pgEnum("duty_kind", ["patrol", "post"]);
/** fair: the members with the fewest recent nights go first; weekly: one person holds a whole week. */
export const rotaKind = pgEnum("rota_kind", ["fair", "weekly"]);

export const duties = pgTable(
  "duties",
  {
    id: integer().primaryKey().generatedAlwaysAsIdentity(),
    teamId: integer()
      .notNull()
      .references(() => teams.id),
    kind: dutyKind().notNull(),
    name: text().notNull(),
    location: text(),
    /** Local wall-clock times in BOT_TIMEZONE, "HH:MM"; an end at or before the start is the next day. */
    startTime: text().notNull().default("20:00"),
    endTime: text().notNull().default("24:00"),
    rota: rotaKind().notNull().default("fair"),
    headcountNormal: smallint().notNull().default(4),
    headcountHeightened: smallint().notNull().default(8),
    headcountLevel1: smallint().notNull().default(8),
    active: boolean().notNull().default(true),
    createdAt: timestamp({ withTimezone: true }).notNull(),
  },
  (t) => [uniqueIndex("duties_one_patrol_per_team").on(t.teamId).where(sql`${t.kind} = 'patrol'`)],
);

export const shifts = pgTable(
  "shifts",
  {
    id: integer().primaryKey().generatedAlwaysAsIdentity(),
    dutyId: integer()
      .notNull()
      .references(() => duties.id),
    teamId: integer()
      .notNull()
      .references(() => teams.id),
    /** The night a shift belongs to is the local date on which it starts. */
    night: date({ mode: "string" }).notNull(),
    startsAt: timestamp({ withTimezone: true }).notNull(),
    endsAt: timestamp({ withTimezone: true }).notNull(),
    required: smallint().notNull(),
    /** Tonight's leader: the team's leader unless handed to a deputy. */
    leaderPersonId: integer().references(() => people.id),
    cancelledAt: timestamp({ withTimezone: true }),
    /** Something on the roster changed since the leader's live board was last drawn. */
    boardDirtyAt: timestamp({ withTimezone: true }),
    boardDrawnAt: timestamp({ withTimezone: true }),
    /** When tonight's duty log was closed; a log still open well after the end is escalated. */
    logClosedAt: timestamp({ withTimezone: true }),
    createdAt: timestamp({ withTimezone: true }).notNull(),
  },
  (t) => [unique("shifts_duty_night_key").on(t.dutyId, t.night), index("shifts_team_night_idx").on(t.teamId, t.night), index("shifts_starts_idx").on(t.startsAt),
    index("shifts_board_dirty_idx").on(t.boardDirtyAt).where(sql`${t.boardDirtyAt} is not null`),
  ],
);

export const assignmentSource = pgEnum("assignment_source", ["rota", "manual", "open_slot", "substitute"]);
/** What the volunteer answered; null until they do. */
export const assignmentReply = pgEnum("assignment_reply", ["coming", "cant", "substitute"]);

/** One person on one shift. A slot someone gives up is ended here and taken in a new row. */
export const assignments = pgTable(
  "assignments",
  {
    id: integer().primaryKey().generatedAlwaysAsIdentity(),
    shiftId: integer()
      .notNull()
      .references(() => shifts.id),
    personId: integer()
      .notNull()
      .references(() => people.id),
    /** Copied from the shift so one person is never on two shifts of the same night. */
    night: date({ mode: "string" }).notNull(),
    source: assignmentSource().notNull(),
    reply: assignmentReply(),
    repliedAt: timestamp({ withTimezone: true }),
    lateMinutes: smallint(),
    checkedInAt: timestamp({ withTimezone: true }),
    checkInLatitude: doublePrecision(),
    checkInLongitude: doublePrecision(),
    checkedOutAt: timestamp({ withTimezone: true }),
    /** Closed by the scheduler because the volunteer forgot to check out. */
    autoCheckedOut: boolean().notNull().default(false),
    markedPresentBy: integer().references(() => people.id),
    noShowAt: timestamp({ withTimezone: true }),
    /** Set when the person is no longer on the shift (gave it up, was removed or swapped). */
    endedAt: timestamp({ withTimezone: true }),
    endedReason: text(),
    createdAt: timestamp({ withTimezone: true }).notNull(),
  },
  (t) => [
    uniqueIndex("assignments_one_per_night").on(t.personId, t.night).where(sql`${t.endedAt} is null`),
    index("assignments_shift_idx").on(t.shiftId),
    index("assignments_person_night_idx").on(t.personId, t.night),
  ],
);

/** Dates a member cannot patrol. */
export const leaveDates = pgTable(
  "leave_dates",
  {
    personId: integer()
      .notNull()
      .references(() => people.id),
    night: date({ mode: "string" }).notNull(),
  },
  (t) => [primaryKey({ columns: [t.personId, t.night] })],
);

export const reminderKind = pgEnum("reminder_kind", ["ask", "nudge", "checkin"]);
export const reminderStatus = pgEnum("reminder_status", ["pending", "sent", "skipped"]);

/**
 * A reminder is a row with a due time, claimed by the scheduler on whichever instance gets it
 * first. Sending one means enqueueing its outbox message in the same transaction, so a restart
 * neither loses nor repeats it.
 */
export const reminders = pgTable(
  "reminders",
  {
    id: integer().primaryKey().generatedAlwaysAsIdentity(),
    assignmentId: integer()
      .notNull()
      .references(() => assignments.id),
    kind: reminderKind().notNull(),
    dueAt: timestamp({ withTimezone: true }).notNull(),
    status: reminderStatus().notNull().default("pending"),
    handledAt: timestamp({ withTimezone: true }),
    /** Why it was not sent (already answered, shift over, …). */
    skipReason: text(),
    /** The message it became, so a reply to that message finds its shift. */
    outboxId: bigint({ mode: "number" }),
  },
  (t) => [
    unique("reminders_assignment_kind_key").on(t.assignmentId, t.kind),
    index("reminders_due_idx").on(t.dueAt).where(sql`${t.status} = 'pending'`),
    index("reminders_outbox_idx").on(t.outboxId).where(sql`${t.outboxId} is not null`),
  ],
);

/**
 * A place on a shift that needs someone: a volunteer who cannot come or asked for a substitute,
 * or a shift short of its headcount. Teammates are offered it in waves; the first to accept gets
 * it through one conditional update, so two simultaneous accepts never both win.
 */
export const openSlots = pgTable(
  "open_slots",
  {
    id: integer().primaryKey().generatedAlwaysAsIdentity(),
    shiftId: integer()
      .notNull()
      .references(() => shifts.id),
    /** Whose place this is (ended already for "can't come"; still on for "find me a substitute"). */
    replacesAssignmentId: integer().references(() => assignments.id),
    /** A volunteer may name who should take it (a family member on the team). */
    offeredOnlyTo: integer().references(() => people.id),
    reason: text().notNull(),
    openedAt: timestamp({ withTimezone: true }).notNull(),
    wave: smallint().notNull().default(0),
    nextWaveAt: timestamp({ withTimezone: true }).notNull(),
    filledAt: timestamp({ withTimezone: true }),
    filledByAssignmentId: integer().references(() => assignments.id),
    closedAt: timestamp({ withTimezone: true }),
    leaderToldAt: timestamp({ withTimezone: true }),
  },
  (t) => [
    index("open_slots_waves_idx").on(t.nextWaveAt).where(sql`${t.filledAt} is null and ${t.closedAt} is null`),
    index("open_slots_shift_idx").on(t.shiftId),
  ],
);

/** Who was offered which slot, so a wave never asks the same person twice. */
export const slotOffers = pgTable(
  "slot_offers",
  {
    slotId: integer()
      .notNull()
      .references(() => openSlots.id),
    personId: integer()
      .notNull()
      .references(() => people.id),
    wave: smallint().notNull(),
    offeredAt: timestamp({ withTimezone: true }).notNull(),
  },
  (t) => [primaryKey({ columns: [t.slotId, t.personId] })],
);
