CREATE TYPE "public"."report_span" AS ENUM('quarter', 'year');--> statement-breakpoint
ALTER TABLE "assessment_templates" DROP CONSTRAINT "assessment_templates_componentId_unique";--> statement-breakpoint
ALTER TABLE "periods" ADD COLUMN "closes_on" date;--> statement-breakpoint
ALTER TABLE "assessment_templates" ADD COLUMN "version" integer DEFAULT 1 NOT NULL;--> statement-breakpoint
ALTER TABLE "assessment_templates" ADD COLUMN "effective_from_period_id" integer;--> statement-breakpoint
ALTER TABLE "reports" ADD COLUMN "span" "report_span" DEFAULT 'quarter' NOT NULL;--> statement-breakpoint
ALTER TABLE "assessment_templates" ADD CONSTRAINT "assessment_templates_effective_from_period_id_periods_id_fk" FOREIGN KEY ("effective_from_period_id") REFERENCES "public"."periods"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "assessment_templates_effective_from_period_id_index" ON "assessment_templates" USING btree ("effective_from_period_id");--> statement-breakpoint
ALTER TABLE "assessment_templates" ADD CONSTRAINT "assessment_templates_component_version" UNIQUE("component_id","version");--> statement-breakpoint
ALTER TABLE "assessment_templates" ADD CONSTRAINT "assessment_templates_component_effective" UNIQUE NULLS NOT DISTINCT("component_id","effective_from_period_id");