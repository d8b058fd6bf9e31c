CREATE TYPE "public"."assignment_reply" AS ENUM('coming', 'cant', 'substitute');--> statement-breakpoint
CREATE TYPE "public"."assignment_source" AS ENUM('rota', 'manual', 'open_slot', 'substitute');--> statement-breakpoint
CREATE TYPE "public"."duty_kind" AS ENUM('patrol', 'post');--> statement-breakpoint
CREATE TYPE "public"."reminder_kind" AS ENUM('ask', 'nudge', 'checkin');--> statement-breakpoint
CREATE TYPE "public"."reminder_status" AS ENUM('pending', 'sent', 'skipped');--> statement-breakpoint
CREATE TYPE "public"."rota_kind" AS ENUM('fair', 'weekly');--> statement-breakpoint
CREATE TABLE "assignments" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "assignments_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"shift_id" integer NOT NULL,
	"person_id" integer NOT NULL,
	"night" date NOT NULL,
	"source" "assignment_source" NOT NULL,
	"reply" "assignment_reply",
	"replied_at" timestamp with time zone,
	"late_minutes" smallint,
	"checked_in_at" timestamp with time zone,
	"check_in_latitude" double precision,
	"check_in_longitude" double precision,
	"checked_out_at" timestamp with time zone,
	"auto_checked_out" boolean DEFAULT false NOT NULL,
	"marked_present_by" integer,
	"no_show_at" timestamp with time zone,
	"ended_at" timestamp with time zone,
	"ended_reason" text,
	"created_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "duties" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "duties_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"team_id" integer NOT NULL,
	"kind" "duty_kind" NOT NULL,
	"name" text NOT NULL,
	"location" text,
	"start_time" text DEFAULT '20:00' NOT NULL,
	"end_time" text DEFAULT '24:00' NOT NULL,
	"rota" "rota_kind" DEFAULT 'fair' NOT NULL,
	"headcount_normal" smallint DEFAULT 4 NOT NULL,
	"headcount_heightened" smallint DEFAULT 8 NOT NULL,
	"headcount_level1" smallint DEFAULT 8 NOT NULL,
	"active" boolean DEFAULT true NOT NULL,
	"created_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "leave_dates" (
	"person_id" integer NOT NULL,
	"night" date NOT NULL,
	CONSTRAINT "leave_dates_person_id_night_pk" PRIMARY KEY("person_id","night")
);
--> statement-breakpoint
CREATE TABLE "open_slots" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "open_slots_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"shift_id" integer NOT NULL,
	"replaces_assignment_id" integer,
	"offered_only_to" integer,
	"reason" text NOT NULL,
	"opened_at" timestamp with time zone NOT NULL,
	"wave" smallint DEFAULT 0 NOT NULL,
	"next_wave_at" timestamp with time zone NOT NULL,
	"filled_at" timestamp with time zone,
	"filled_by_assignment_id" integer,
	"closed_at" timestamp with time zone,
	"leader_told_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "reminders" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "reminders_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"assignment_id" integer NOT NULL,
	"kind" "reminder_kind" NOT NULL,
	"due_at" timestamp with time zone NOT NULL,
	"status" "reminder_status" DEFAULT 'pending' NOT NULL,
	"handled_at" timestamp with time zone,
	"skip_reason" text,
	"outbox_id" bigint,
	CONSTRAINT "reminders_assignment_kind_key" UNIQUE("assignment_id","kind")
);
--> statement-breakpoint
CREATE TABLE "shifts" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "shifts_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"duty_id" integer NOT NULL,
	"team_id" integer NOT NULL,
	"night" date NOT NULL,
	"starts_at" timestamp with time zone NOT NULL,
	"ends_at" timestamp with time zone NOT NULL,
	"required" smallint NOT NULL,
	"leader_person_id" integer,
	"cancelled_at" timestamp with time zone,
	"board_dirty_at" timestamp with time zone,
	"board_drawn_at" timestamp with time zone,
	"created_at" timestamp with time zone NOT NULL,
	CONSTRAINT "shifts_duty_night_key" UNIQUE("duty_id","night")
);
--> statement-breakpoint
CREATE TABLE "slot_offers" (
	"slot_id" integer NOT NULL,
	"person_id" integer NOT NULL,
	"wave" smallint NOT NULL,
	"offered_at" timestamp with time zone NOT NULL,
	CONSTRAINT "slot_offers_slot_id_person_id_pk" PRIMARY KEY("slot_id","person_id")
);
--> statement-breakpoint
ALTER TABLE "memberships" ADD COLUMN "weekly_cap" smallint;--> statement-breakpoint
ALTER TABLE "assignments" ADD CONSTRAINT "assignments_shift_id_shifts_id_fk" FOREIGN KEY ("shift_id") REFERENCES "public"."shifts"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "assignments" ADD CONSTRAINT "assignments_person_id_people_id_fk" FOREIGN KEY ("person_id") REFERENCES "public"."people"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "assignments" ADD CONSTRAINT "assignments_marked_present_by_people_id_fk" FOREIGN KEY ("marked_present_by") REFERENCES "public"."people"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "duties" ADD CONSTRAINT "duties_team_id_teams_id_fk" FOREIGN KEY ("team_id") REFERENCES "public"."teams"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "leave_dates" ADD CONSTRAINT "leave_dates_person_id_people_id_fk" FOREIGN KEY ("person_id") REFERENCES "public"."people"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "open_slots" ADD CONSTRAINT "open_slots_shift_id_shifts_id_fk" FOREIGN KEY ("shift_id") REFERENCES "public"."shifts"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "open_slots" ADD CONSTRAINT "open_slots_replaces_assignment_id_assignments_id_fk" FOREIGN KEY ("replaces_assignment_id") REFERENCES "public"."assignments"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "open_slots" ADD CONSTRAINT "open_slots_offered_only_to_people_id_fk" FOREIGN KEY ("offered_only_to") REFERENCES "public"."people"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "open_slots" ADD CONSTRAINT "open_slots_filled_by_assignment_id_assignments_id_fk" FOREIGN KEY ("filled_by_assignment_id") REFERENCES "public"."assignments"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "reminders" ADD CONSTRAINT "reminders_assignment_id_assignments_id_fk" FOREIGN KEY ("assignment_id") REFERENCES "public"."assignments"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "shifts" ADD CONSTRAINT "shifts_duty_id_duties_id_fk" FOREIGN KEY ("duty_id") REFERENCES "public"."duties"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "shifts" ADD CONSTRAINT "shifts_team_id_teams_id_fk" FOREIGN KEY ("team_id") REFERENCES "public"."teams"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "shifts" ADD CONSTRAINT "shifts_leader_person_id_people_id_fk" FOREIGN KEY ("leader_person_id") REFERENCES "public"."people"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "slot_offers" ADD CONSTRAINT "slot_offers_slot_id_open_slots_id_fk" FOREIGN KEY ("slot_id") REFERENCES "public"."open_slots"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "slot_offers" ADD CONSTRAINT "slot_offers_person_id_people_id_fk" FOREIGN KEY ("person_id") REFERENCES "public"."people"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "assignments_one_per_night" ON "assignments" USING btree ("person_id","night") WHERE "assignments"."ended_at" is null;--> statement-breakpoint
CREATE INDEX "assignments_shift_idx" ON "assignments" USING btree ("shift_id");--> statement-breakpoint
CREATE INDEX "assignments_person_night_idx" ON "assignments" USING btree ("person_id","night");--> statement-breakpoint
CREATE UNIQUE INDEX "duties_one_patrol_per_team" ON "duties" USING btree ("team_id") WHERE "duties"."kind" = 'patrol';--> statement-breakpoint
CREATE INDEX "open_slots_waves_idx" ON "open_slots" USING btree ("next_wave_at") WHERE "open_slots"."filled_at" is null and "open_slots"."closed_at" is null;--> statement-breakpoint
CREATE INDEX "open_slots_shift_idx" ON "open_slots" USING btree ("shift_id");--> statement-breakpoint
CREATE INDEX "reminders_due_idx" ON "reminders" USING btree ("due_at") WHERE "reminders"."status" = 'pending';--> statement-breakpoint
CREATE INDEX "reminders_outbox_idx" ON "reminders" USING btree ("outbox_id") WHERE "reminders"."outbox_id" is not null;--> statement-breakpoint
CREATE INDEX "shifts_team_night_idx" ON "shifts" USING btree ("team_id","night");--> statement-breakpoint
CREATE INDEX "shifts_starts_idx" ON "shifts" USING btree ("starts_at");--> statement-breakpoint
CREATE INDEX "shifts_board_dirty_idx" ON "shifts" USING btree ("board_dirty_at") WHERE "shifts"."board_dirty_at" is not null;--> statement-breakpoint
CREATE INDEX "outbox_chat_message_idx" ON "outbox" USING btree ("chat_id","sent_message_id") WHERE "outbox"."sent_message_id" is not null;