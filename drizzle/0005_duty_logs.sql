CREATE TYPE "public"."log_entry_kind" AS ENUM('text', 'photo', 'voice');--> statement-breakpoint
CREATE TABLE "duty_log_counts" (
	"shift_id" integer PRIMARY KEY NOT NULL,
	"on_patrol" smallint,
	"hazards" smallint,
	"tips" smallint,
	"helped" smallint,
	"disputes" smallint,
	"confirmed_at" timestamp with time zone,
	"confirmed_by" integer,
	"updated_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "duty_log_entries" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "duty_log_entries_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"shift_id" integer NOT NULL,
	"author_id" integer NOT NULL,
	"chat_id" bigint NOT NULL,
	"message_id" integer NOT NULL,
	"kind" "log_entry_kind" NOT NULL,
	"text" text,
	"file_id" text,
	"created_at" timestamp with time zone NOT NULL,
	CONSTRAINT "duty_log_entries_message_key" UNIQUE("chat_id","message_id")
);
--> statement-breakpoint
ALTER TABLE "teams" ADD COLUMN "group_chat_id" bigint;--> statement-breakpoint
ALTER TABLE "duty_log_counts" ADD CONSTRAINT "duty_log_counts_shift_id_shifts_id_fk" FOREIGN KEY ("shift_id") REFERENCES "public"."shifts"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "duty_log_counts" ADD CONSTRAINT "duty_log_counts_confirmed_by_people_id_fk" FOREIGN KEY ("confirmed_by") REFERENCES "public"."people"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "duty_log_entries" ADD CONSTRAINT "duty_log_entries_shift_id_shifts_id_fk" FOREIGN KEY ("shift_id") REFERENCES "public"."shifts"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "duty_log_entries" ADD CONSTRAINT "duty_log_entries_author_id_people_id_fk" FOREIGN KEY ("author_id") REFERENCES "public"."people"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "duty_log_entries_shift_idx" ON "duty_log_entries" USING btree ("shift_id");--> statement-breakpoint
ALTER TABLE "teams" ADD CONSTRAINT "teams_groupChatId_unique" UNIQUE("group_chat_id");