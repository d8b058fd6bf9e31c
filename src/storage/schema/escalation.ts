import { sql } from "drizzle-orm";
import { boolean, index, integer, jsonb, pgEnum, pgTable, smallint, text, timestamp, unique, uniqueIndex } from "drizzle-orm/pg-core";
import { teams, towns } from "./org.js";
import { people } from "./people.js";
import { shifts } from "./shifts.js";

/**
 * An escalation policy is data: an ordered list of levels, each naming who to tell and how long
 * to wait for an acknowledgement before telling the next level, and how often to go round again.
 * `levels` is validated with zod (src/escalation/policy-schema.ts) on every write.
 */
export const escalationPolicies = pgTable("escalation_policies", {
  /** "incident.tip", "shift.understaffed", "duty_log.missing", "help.request", … */
  key: text().primaryKey(),
  levels: jsonb().notNull(),
  repeat: smallint().notNull().default(0),
  enabled: boolean().notNull().default(true),
  updatedAt: timestamp({ withTimezone: true }).notNull(),
  updatedBy: integer().references(() => people.id),
});

/** What is being escalated. */
export const escalationSubject = pgEnum("escalation_subject", ["incident", "understaffed", "missing_log", "help"]);
/** active: still walking the levels; owned: someone acknowledged; settled: no longer needed; exhausted: nobody answered. */
export const escalationStatus = pgEnum("escalation_status", ["active", "owned", "settled", "exhausted"]);

export const escalations = pgTable(
  "escalations",
  {
    id: integer().primaryKey().generatedAlwaysAsIdentity(),
    policyKey: text().notNull(),
    subject: escalationSubject().notNull(),
    /** The incident's id, or the shift's for understaffed and missing-log escalations. */
    subjectId: integer().notNull(),
    teamId: integer().references(() => teams.id),
    townId: integer().references(() => towns.id),
    shiftId: integer().references(() => shifts.id),
    /** Who raised it (a help request's volunteer); null for the system's own triggers. */
    raisedBy: integer().references(() => people.id),
    status: escalationStatus().notNull().default("active"),
    startedAt: timestamp({ withTimezone: true }).notNull(),
    ownerPersonId: integer().references(() => people.id),
    ownedAt: timestamp({ withTimezone: true }),
    endedAt: timestamp({ withTimezone: true }),
    /** When the coordinators' daily digest listed it (exhausted ones only). */
    digestedAt: timestamp({ withTimezone: true }),
  },
  (t) => [
    // One live escalation per thing; a help request may be raised again once the last one is answered.
    uniqueIndex("escalations_live_subject_key").on(t.subject, t.subjectId).where(sql`${t.status} = 'active'`),
    index("escalations_subject_idx").on(t.subject, t.subjectId),
    index("escalations_digest_idx").on(t.endedAt).where(sql`${t.status} = 'exhausted' and ${t.digestedAt} is null`),
  ],
);

export const stepStatus = pgEnum("escalation_step_status", ["pending", "sent", "cancelled"]);

/**
 * One level of one round: due at a time, claimed by the scheduler with SKIP LOCKED on whichever
 * instance gets it first. Sending it enqueues the messages and schedules the next step in the same
 * transaction, so a restart neither loses nor repeats a level. A step past the last level ends the
 * escalation as exhausted. At most one step per escalation is pending.
 */
export const escalationSteps = pgTable(
  "escalation_steps",
  {
    id: integer().primaryKey().generatedAlwaysAsIdentity(),
    escalationId: integer()
      .notNull()
      .references(() => escalations.id),
    /** 1, 2, 3 … in the order the steps were scheduled. */
    seq: smallint().notNull(),
    round: smallint().notNull(),
    level: smallint().notNull(),
    dueAt: timestamp({ withTimezone: true }).notNull(),
    status: stepStatus().notNull().default("pending"),
    handledAt: timestamp({ withTimezone: true }),
    /** Who this step told; they may act on the item even when a role alone would not let them. */
    notified: integer().array().notNull().default(sql`'{}'::integer[]`),
  },
  (t) => [
    unique("escalation_steps_seq_key").on(t.escalationId, t.seq),
    uniqueIndex("escalation_steps_one_pending").on(t.escalationId).where(sql`${t.status} = 'pending'`),
    index("escalation_steps_due_idx").on(t.dueAt).where(sql`${t.status} = 'pending'`),
  ],
);
