ALTER TABLE "service_statements" ADD COLUMN "hours_tenths" integer;--> statement-breakpoint
-- Statements issued before showed their minutes rounded once to a tenth of an hour.
UPDATE "service_statements" SET "hours_tenths" = round("minutes" / 6.0);--> statement-breakpoint
ALTER TABLE "service_statements" ALTER COLUMN "hours_tenths" SET NOT NULL;--> statement-breakpoint
ALTER TABLE "service_statements" ADD COLUMN "teams" jsonb DEFAULT '[]'::jsonb NOT NULL;--> statement-breakpoint
ALTER TABLE "service_statements" ADD COLUMN "rows_digest" text;--> statement-breakpoint
CREATE UNIQUE INDEX "service_statements_person_digest_idx" ON "service_statements" USING btree ("person_id","rows_digest");
