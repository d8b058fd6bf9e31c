DROP INDEX "outbox_due_idx";--> statement-breakpoint
ALTER TABLE "broadcasts" ADD COLUMN "queued_at" timestamp with time zone;--> statement-breakpoint
-- Broadcasts written before chunking had every message queued with them.
UPDATE "broadcasts" SET "queued_at" = "created_at";--> statement-breakpoint
CREATE INDEX "outbox_claim_idx" ON "outbox" USING btree ("priority" DESC NULLS FIRST,"id") WHERE "outbox"."status" = 'pending';--> statement-breakpoint
CREATE INDEX "broadcast_recipients_unqueued_idx" ON "broadcast_recipients" USING btree ("broadcast_id","person_id") WHERE "broadcast_recipients"."outbox_id" is null;--> statement-breakpoint
CREATE INDEX "broadcasts_unqueued_idx" ON "broadcasts" USING btree ("id") WHERE "broadcasts"."queued_at" is null;