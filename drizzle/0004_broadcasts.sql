CREATE TYPE "public"."broadcast_audience" AS ENUM('everyone', 'town', 'team', 'leaders', 'tonight');--> statement-breakpoint
CREATE TABLE "broadcast_recipients" (
	"broadcast_id" integer NOT NULL,
	"person_id" integer NOT NULL,
	"outbox_id" bigint,
	"acknowledged_at" timestamp with time zone,
	"nudged_at" timestamp with time zone,
	CONSTRAINT "broadcast_recipients_broadcast_id_person_id_pk" PRIMARY KEY("broadcast_id","person_id")
);
--> statement-breakpoint
CREATE TABLE "broadcasts" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "broadcasts_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"sender_id" integer,
	"audience" "broadcast_audience" NOT NULL,
	"town_id" integer,
	"team_id" integer,
	"text" text NOT NULL,
	"content" jsonb NOT NULL,
	"photo_file_id" text,
	"response_level_id" integer,
	"recipient_count" integer NOT NULL,
	"progress_outbox_id" bigint,
	"progress_shown" text,
	"dedupe_key" text,
	"created_at" timestamp with time zone NOT NULL,
	"finished_at" timestamp with time zone,
	CONSTRAINT "broadcasts_dedupeKey_unique" UNIQUE("dedupe_key")
);
--> statement-breakpoint
ALTER TABLE "broadcast_recipients" ADD CONSTRAINT "broadcast_recipients_broadcast_id_broadcasts_id_fk" FOREIGN KEY ("broadcast_id") REFERENCES "public"."broadcasts"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "broadcast_recipients" ADD CONSTRAINT "broadcast_recipients_person_id_people_id_fk" FOREIGN KEY ("person_id") REFERENCES "public"."people"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "broadcasts" ADD CONSTRAINT "broadcasts_sender_id_people_id_fk" FOREIGN KEY ("sender_id") REFERENCES "public"."people"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "broadcasts" ADD CONSTRAINT "broadcasts_town_id_towns_id_fk" FOREIGN KEY ("town_id") REFERENCES "public"."towns"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "broadcasts" ADD CONSTRAINT "broadcasts_team_id_teams_id_fk" FOREIGN KEY ("team_id") REFERENCES "public"."teams"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "broadcasts" ADD CONSTRAINT "broadcasts_response_level_id_response_levels_id_fk" FOREIGN KEY ("response_level_id") REFERENCES "public"."response_levels"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "broadcast_recipients_person_idx" ON "broadcast_recipients" USING btree ("person_id");--> statement-breakpoint
CREATE INDEX "broadcasts_unfinished_idx" ON "broadcasts" USING btree ("id") WHERE "broadcasts"."finished_at" is null;