CREATE TYPE "public"."response_level" AS ENUM('normal', 'heightened', 'level1');--> statement-breakpoint
CREATE TYPE "public"."special_day_kind" AS ENUM('social_patrol_day', 'holiday');--> statement-breakpoint
CREATE TABLE "response_levels" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "response_levels_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"level" "response_level" NOT NULL,
	"town_id" integer,
	"starts_at" timestamp with time zone NOT NULL,
	"ends_at" timestamp with time zone,
	"message" text,
	"set_by" integer,
	"created_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "special_days" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "special_days_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"night" date NOT NULL,
	"kind" "special_day_kind" NOT NULL,
	"name" text NOT NULL,
	"level" "response_level" DEFAULT 'level1' NOT NULL,
	"created_by" integer,
	"created_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
ALTER TABLE "response_levels" ADD CONSTRAINT "response_levels_town_id_towns_id_fk" FOREIGN KEY ("town_id") REFERENCES "public"."towns"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "response_levels" ADD CONSTRAINT "response_levels_set_by_people_id_fk" FOREIGN KEY ("set_by") REFERENCES "public"."people"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "special_days" ADD CONSTRAINT "special_days_created_by_people_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."people"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "response_levels_scope_idx" ON "response_levels" USING btree ("town_id","starts_at");--> statement-breakpoint
CREATE UNIQUE INDEX "special_days_night_key" ON "special_days" USING btree ("night");