CREATE TYPE "public"."indicator_frequency" AS ENUM('monthly', 'quarterly', 'semiannual', 'annual');--> statement-breakpoint
CREATE TYPE "public"."service_status" AS ENUM('active', 'planned', 'retired');--> statement-breakpoint
CREATE TABLE "indicator_versions" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "indicator_versions_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"indicator_id" integer NOT NULL,
	"version" integer NOT NULL,
	"effective_from_period_id" integer,
	"definition_th" text NOT NULL,
	"definition_en" text NOT NULL,
	"unit_th" text NOT NULL,
	"unit_en" text NOT NULL,
	"direction" "indicator_direction" NOT NULL,
	"aggregation" "aggregation" NOT NULL,
	"note" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "indicator_versions_indicator_version" UNIQUE("indicator_id","version"),
	CONSTRAINT "indicator_versions_indicator_from" UNIQUE NULLS NOT DISTINCT("indicator_id","effective_from_period_id")
);
--> statement-breakpoint
ALTER TABLE "component_elements" ADD COLUMN "description_th" text;--> statement-breakpoint
ALTER TABLE "component_elements" ADD COLUMN "description_en" text;--> statement-breakpoint
ALTER TABLE "services" ADD COLUMN "status" "service_status" DEFAULT 'active' NOT NULL;--> statement-breakpoint
ALTER TABLE "indicators" ADD COLUMN "formula_th" text;--> statement-breakpoint
ALTER TABLE "indicators" ADD COLUMN "formula_en" text;--> statement-breakpoint
ALTER TABLE "indicators" ADD COLUMN "baseline_value" numeric(20, 4);--> statement-breakpoint
ALTER TABLE "indicators" ADD COLUMN "baseline_year" integer;--> statement-breakpoint
ALTER TABLE "indicators" ADD COLUMN "data_owner_agency_id" integer;--> statement-breakpoint
ALTER TABLE "indicators" ADD COLUMN "frequency" "indicator_frequency" DEFAULT 'quarterly' NOT NULL;--> statement-breakpoint
ALTER TABLE "indicators" ADD COLUMN "data_source_th" text;--> statement-breakpoint
ALTER TABLE "indicators" ADD COLUMN "data_source_en" text;--> statement-breakpoint
ALTER TABLE "indicators" ADD COLUMN "thresholds_th" text;--> statement-breakpoint
ALTER TABLE "indicators" ADD COLUMN "thresholds_en" text;--> statement-breakpoint
ALTER TABLE "indicator_versions" ADD CONSTRAINT "indicator_versions_indicator_id_indicators_id_fk" FOREIGN KEY ("indicator_id") REFERENCES "public"."indicators"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "indicator_versions" ADD CONSTRAINT "indicator_versions_effective_from_period_id_periods_id_fk" FOREIGN KEY ("effective_from_period_id") REFERENCES "public"."periods"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "indicators" ADD CONSTRAINT "indicators_data_owner_agency_id_agencies_id_fk" FOREIGN KEY ("data_owner_agency_id") REFERENCES "public"."agencies"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "services" DROP COLUMN "active";--> statement-breakpoint
CREATE VIEW "public"."indicator_period_definitions" AS (
  select i.id as indicator_id, p.id as period_id, coalesce(v.version, 1) as version,
    coalesce(v.definition_th, i.definition_th) as definition_th, coalesce(v.definition_en, i.definition_en) as definition_en,
    coalesce(v.unit_th, i.unit_th) as unit_th, coalesce(v.unit_en, i.unit_en) as unit_en,
    coalesce(v.direction, i.direction) as direction, coalesce(v.aggregation, i.aggregation) as aggregation
  from indicators i cross join periods p
  left join lateral (
    select v.* from indicator_versions v left join periods vp on vp.id = v.effective_from_period_id
    where v.indicator_id = i.id and (vp.id is null or vp.starts_on <= p.starts_on)
    order by vp.starts_on desc nulls last limit 1
  ) v on true);