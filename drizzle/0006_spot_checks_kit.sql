CREATE TYPE "public"."kit_item" AS ENUM('vest', 'cap', 'armband', 'first_aid_kit', 'logbook');--> statement-breakpoint
CREATE TYPE "public"."kit_request_kind" AS ENUM('missing', 'worn');--> statement-breakpoint
CREATE TABLE "kit_holdings" (
	"team_id" integer NOT NULL,
	"item" "kit_item" NOT NULL,
	"quantity" smallint NOT NULL,
	"updated_at" timestamp with time zone NOT NULL,
	"updated_by" integer,
	CONSTRAINT "kit_holdings_team_id_item_pk" PRIMARY KEY("team_id","item"),
	CONSTRAINT "kit_holdings_quantity_range" CHECK ("kit_holdings"."quantity" >= 0)
);
--> statement-breakpoint
CREATE TABLE "kit_requests" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "kit_requests_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"team_id" integer NOT NULL,
	"item" "kit_item" NOT NULL,
	"kind" "kit_request_kind" NOT NULL,
	"quantity" smallint NOT NULL,
	"note" text,
	"requested_by" integer NOT NULL,
	"requested_at" timestamp with time zone NOT NULL,
	"handled_by" integer,
	"handled_at" timestamp with time zone,
	"client_key" text NOT NULL,
	CONSTRAINT "kit_requests_clientKey_unique" UNIQUE("client_key"),
	CONSTRAINT "kit_requests_quantity_range" CHECK ("kit_requests"."quantity" > 0)
);
--> statement-breakpoint
CREATE TABLE "spot_check_photos" (
	"spot_check_id" integer NOT NULL,
	"position" smallint NOT NULL,
	"file_id" text NOT NULL,
	CONSTRAINT "spot_check_photos_spot_check_id_position_pk" PRIMARY KEY("spot_check_id","position")
);
--> statement-breakpoint
CREATE TABLE "spot_checks" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "spot_checks_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"team_id" integer NOT NULL,
	"shift_id" integer,
	"night" date NOT NULL,
	"visitor_id" integer NOT NULL,
	"visited_at" timestamp with time zone NOT NULL,
	"team_out" boolean NOT NULL,
	"present_count" smallint NOT NULL,
	"findings" text NOT NULL,
	"rating" smallint NOT NULL,
	"client_key" text NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	CONSTRAINT "spot_checks_clientKey_unique" UNIQUE("client_key"),
	CONSTRAINT "spot_checks_rating_range" CHECK ("spot_checks"."rating" between 1 and 5),
	CONSTRAINT "spot_checks_present_range" CHECK ("spot_checks"."present_count" between 0 and 99)
);
--> statement-breakpoint
ALTER TABLE "kit_holdings" ADD CONSTRAINT "kit_holdings_team_id_teams_id_fk" FOREIGN KEY ("team_id") REFERENCES "public"."teams"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "kit_holdings" ADD CONSTRAINT "kit_holdings_updated_by_people_id_fk" FOREIGN KEY ("updated_by") REFERENCES "public"."people"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "kit_requests" ADD CONSTRAINT "kit_requests_team_id_teams_id_fk" FOREIGN KEY ("team_id") REFERENCES "public"."teams"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "kit_requests" ADD CONSTRAINT "kit_requests_requested_by_people_id_fk" FOREIGN KEY ("requested_by") REFERENCES "public"."people"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "kit_requests" ADD CONSTRAINT "kit_requests_handled_by_people_id_fk" FOREIGN KEY ("handled_by") REFERENCES "public"."people"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "spot_check_photos" ADD CONSTRAINT "spot_check_photos_spot_check_id_spot_checks_id_fk" FOREIGN KEY ("spot_check_id") REFERENCES "public"."spot_checks"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "spot_checks" ADD CONSTRAINT "spot_checks_team_id_teams_id_fk" FOREIGN KEY ("team_id") REFERENCES "public"."teams"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "spot_checks" ADD CONSTRAINT "spot_checks_shift_id_shifts_id_fk" FOREIGN KEY ("shift_id") REFERENCES "public"."shifts"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "spot_checks" ADD CONSTRAINT "spot_checks_visitor_id_people_id_fk" FOREIGN KEY ("visitor_id") REFERENCES "public"."people"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "kit_requests_open_idx" ON "kit_requests" USING btree ("team_id") WHERE "kit_requests"."handled_at" is null;--> statement-breakpoint
CREATE INDEX "spot_checks_night_team_idx" ON "spot_checks" USING btree ("night","team_id");