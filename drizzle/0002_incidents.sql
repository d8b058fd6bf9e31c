CREATE TYPE "public"."incident_category" AS ENUM('tip', 'hazard', 'assistance', 'dispute', 'suspicious', 'emergency');--> statement-breakpoint
CREATE TYPE "public"."incident_status" AS ENUM('open', 'acknowledged', 'forwarded', 'resolved');--> statement-breakpoint
CREATE TYPE "public"."tip_verdict" AS ENUM('useful', 'not_useful');--> statement-breakpoint
CREATE TYPE "public"."escalation_status" AS ENUM('active', 'owned', 'settled', 'exhausted');--> statement-breakpoint
CREATE TYPE "public"."escalation_subject" AS ENUM('incident', 'understaffed', 'missing_log', 'help');--> statement-breakpoint
CREATE TYPE "public"."escalation_step_status" AS ENUM('pending', 'sent', 'cancelled');--> statement-breakpoint
CREATE TABLE "incident_photos" (
	"incident_id" integer NOT NULL,
	"position" smallint NOT NULL,
	"file_id" text NOT NULL
);
--> statement-breakpoint
CREATE TABLE "incidents" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "incidents_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"ref" text NOT NULL,
	"client_key" text NOT NULL,
	"category" "incident_category" NOT NULL,
	"status" "incident_status" DEFAULT 'open' NOT NULL,
	"reporter_person_id" integer,
	"public" boolean DEFAULT false NOT NULL,
	"team_id" integer,
	"town_id" integer,
	"shift_id" integer,
	"description" text,
	"voice_file_id" text,
	"latitude" double precision,
	"longitude" double precision,
	"created_at" timestamp with time zone NOT NULL,
	"owner_person_id" integer,
	"acknowledged_at" timestamp with time zone,
	"forwarded_at" timestamp with time zone,
	"forwarded_by" integer,
	"resolved_at" timestamp with time zone,
	"resolved_by" integer,
	"resolution_note" text,
	"verdict" "tip_verdict",
	"verdict_at" timestamp with time zone,
	"verdict_by" integer,
	CONSTRAINT "incidents_ref_unique" UNIQUE("ref"),
	CONSTRAINT "incidents_clientKey_unique" UNIQUE("client_key")
);
--> statement-breakpoint
CREATE TABLE "escalation_policies" (
	"key" text PRIMARY KEY NOT NULL,
	"levels" jsonb NOT NULL,
	"repeat" smallint DEFAULT 0 NOT NULL,
	"enabled" boolean DEFAULT true NOT NULL,
	"updated_at" timestamp with time zone NOT NULL,
	"updated_by" integer
);
--> statement-breakpoint
CREATE TABLE "escalation_steps" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "escalation_steps_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"escalation_id" integer NOT NULL,
	"seq" smallint NOT NULL,
	"round" smallint NOT NULL,
	"level" smallint NOT NULL,
	"due_at" timestamp with time zone NOT NULL,
	"status" "escalation_step_status" DEFAULT 'pending' NOT NULL,
	"handled_at" timestamp with time zone,
	"notified" integer[] DEFAULT '{}'::integer[] NOT NULL,
	CONSTRAINT "escalation_steps_seq_key" UNIQUE("escalation_id","seq")
);
--> statement-breakpoint
CREATE TABLE "escalations" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "escalations_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"policy_key" text NOT NULL,
	"subject" "escalation_subject" NOT NULL,
	"subject_id" integer NOT NULL,
	"team_id" integer,
	"town_id" integer,
	"shift_id" integer,
	"raised_by" integer,
	"status" "escalation_status" DEFAULT 'active' NOT NULL,
	"started_at" timestamp with time zone NOT NULL,
	"owner_person_id" integer,
	"owned_at" timestamp with time zone,
	"ended_at" timestamp with time zone,
	"digested_at" timestamp with time zone
);
--> statement-breakpoint
ALTER TABLE "people" ADD COLUMN "telegram_name" text;--> statement-breakpoint
ALTER TABLE "shifts" ADD COLUMN "log_closed_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "incident_photos" ADD CONSTRAINT "incident_photos_incident_id_incidents_id_fk" FOREIGN KEY ("incident_id") REFERENCES "public"."incidents"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "incidents" ADD CONSTRAINT "incidents_reporter_person_id_people_id_fk" FOREIGN KEY ("reporter_person_id") REFERENCES "public"."people"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "incidents" ADD CONSTRAINT "incidents_team_id_teams_id_fk" FOREIGN KEY ("team_id") REFERENCES "public"."teams"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "incidents" ADD CONSTRAINT "incidents_town_id_towns_id_fk" FOREIGN KEY ("town_id") REFERENCES "public"."towns"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "incidents" ADD CONSTRAINT "incidents_shift_id_shifts_id_fk" FOREIGN KEY ("shift_id") REFERENCES "public"."shifts"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "incidents" ADD CONSTRAINT "incidents_owner_person_id_people_id_fk" FOREIGN KEY ("owner_person_id") REFERENCES "public"."people"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "incidents" ADD CONSTRAINT "incidents_forwarded_by_people_id_fk" FOREIGN KEY ("forwarded_by") REFERENCES "public"."people"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "incidents" ADD CONSTRAINT "incidents_resolved_by_people_id_fk" FOREIGN KEY ("resolved_by") REFERENCES "public"."people"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "incidents" ADD CONSTRAINT "incidents_verdict_by_people_id_fk" FOREIGN KEY ("verdict_by") REFERENCES "public"."people"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "escalation_policies" ADD CONSTRAINT "escalation_policies_updated_by_people_id_fk" FOREIGN KEY ("updated_by") REFERENCES "public"."people"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "escalation_steps" ADD CONSTRAINT "escalation_steps_escalation_id_escalations_id_fk" FOREIGN KEY ("escalation_id") REFERENCES "public"."escalations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "escalations" ADD CONSTRAINT "escalations_team_id_teams_id_fk" FOREIGN KEY ("team_id") REFERENCES "public"."teams"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "escalations" ADD CONSTRAINT "escalations_town_id_towns_id_fk" FOREIGN KEY ("town_id") REFERENCES "public"."towns"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "escalations" ADD CONSTRAINT "escalations_shift_id_shifts_id_fk" FOREIGN KEY ("shift_id") REFERENCES "public"."shifts"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "escalations" ADD CONSTRAINT "escalations_raised_by_people_id_fk" FOREIGN KEY ("raised_by") REFERENCES "public"."people"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "escalations" ADD CONSTRAINT "escalations_owner_person_id_people_id_fk" FOREIGN KEY ("owner_person_id") REFERENCES "public"."people"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "incident_photos_incident_idx" ON "incident_photos" USING btree ("incident_id","position");--> statement-breakpoint
CREATE INDEX "incidents_reporter_idx" ON "incidents" USING btree ("reporter_person_id","created_at");--> statement-breakpoint
CREATE INDEX "incidents_team_idx" ON "incidents" USING btree ("team_id","created_at");--> statement-breakpoint
CREATE INDEX "incidents_unresolved_idx" ON "incidents" USING btree ("category") WHERE "incidents"."resolved_at" is null;--> statement-breakpoint
CREATE UNIQUE INDEX "escalation_steps_one_pending" ON "escalation_steps" USING btree ("escalation_id") WHERE "escalation_steps"."status" = 'pending';--> statement-breakpoint
CREATE INDEX "escalation_steps_due_idx" ON "escalation_steps" USING btree ("due_at") WHERE "escalation_steps"."status" = 'pending';--> statement-breakpoint
CREATE UNIQUE INDEX "escalations_live_subject_key" ON "escalations" USING btree ("subject","subject_id") WHERE "escalations"."status" = 'active';--> statement-breakpoint
CREATE INDEX "escalations_subject_idx" ON "escalations" USING btree ("subject","subject_id");--> statement-breakpoint
CREATE INDEX "escalations_digest_idx" ON "escalations" USING btree ("ended_at") WHERE "escalations"."status" = 'exhausted' and "escalations"."digested_at" is null;