CREATE TABLE "service_statements" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "service_statements_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"number" text NOT NULL,
	"client_key" text NOT NULL,
	"person_id" integer NOT NULL,
	"period_from" date,
	"period_to" date NOT NULL,
	"nights" integer NOT NULL,
	"minutes" integer NOT NULL,
	"issued_at" timestamp with time zone NOT NULL,
	CONSTRAINT "service_statements_number_unique" UNIQUE("number"),
	CONSTRAINT "service_statements_clientKey_unique" UNIQUE("client_key")
);
--> statement-breakpoint
ALTER TABLE "service_statements" ADD CONSTRAINT "service_statements_person_id_people_id_fk" FOREIGN KEY ("person_id") REFERENCES "public"."people"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "service_statements_person_idx" ON "service_statements" USING btree ("person_id");