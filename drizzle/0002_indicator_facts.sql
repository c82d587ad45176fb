CREATE TYPE "public"."fact_source" AS ENUM('self_assessment', 'emenscr', 'derived', 'demo_seed');--> statement-breakpoint
CREATE TYPE "public"."fact_state" AS ENUM('provisional', 'approved');--> statement-breakpoint
CREATE TABLE "indicator_facts" (
	"id" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "indicator_facts_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"indicator_id" integer NOT NULL,
	"agency_id" integer NOT NULL,
	"period_id" integer NOT NULL,
	"value" numeric(20, 4) NOT NULL,
	"source" "fact_source" NOT NULL,
	"state" "fact_state" NOT NULL,
	"source_id" bigint,
	"import_batch_id" integer,
	"source_row" integer,
	"source_ref" text,
	"recorded_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "indicator_facts_identity" UNIQUE("indicator_id","agency_id","period_id","source")
);
--> statement-breakpoint
ALTER TABLE "indicator_facts" ADD CONSTRAINT "indicator_facts_indicator_id_indicators_id_fk" FOREIGN KEY ("indicator_id") REFERENCES "public"."indicators"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "indicator_facts" ADD CONSTRAINT "indicator_facts_agency_id_agencies_id_fk" FOREIGN KEY ("agency_id") REFERENCES "public"."agencies"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "indicator_facts" ADD CONSTRAINT "indicator_facts_period_id_periods_id_fk" FOREIGN KEY ("period_id") REFERENCES "public"."periods"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "indicator_facts_period_indicator_idx" ON "indicator_facts" USING btree ("period_id","indicator_id");--> statement-breakpoint
CREATE INDEX "indicator_facts_agency_period_idx" ON "indicator_facts" USING btree ("agency_id","period_id");