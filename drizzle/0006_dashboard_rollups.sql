CREATE TABLE "dashboard_agency_components" (
	"period_id" integer NOT NULL,
	"component_id" integer NOT NULL,
	"agency_id" integer NOT NULL,
	"ministry_id" integer,
	"agency_type" "agency_type" NOT NULL,
	"expected_count" integer NOT NULL,
	"present_count" integer NOT NULL,
	"on_time_count" integer NOT NULL,
	"valid_count" integer NOT NULL,
	"green_count" integer NOT NULL,
	"amber_count" integer NOT NULL,
	"red_count" integer NOT NULL,
	"score" numeric(10, 4),
	"refreshed_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "dashboard_agency_components_period_id_component_id_agency_id_pk" PRIMARY KEY("period_id","component_id","agency_id")
);
--> statement-breakpoint
CREATE TABLE "dashboard_agency_dims" (
	"agency_id" integer PRIMARY KEY NOT NULL,
	"ministry_id" integer,
	"agency_type" "agency_type" NOT NULL
);
--> statement-breakpoint
CREATE TABLE "dashboard_agency_figures" (
	"period_id" integer NOT NULL,
	"indicator_id" integer NOT NULL,
	"agency_id" integer NOT NULL,
	"fact_id" bigint NOT NULL,
	"value" numeric(20, 4) NOT NULL,
	"weight" numeric(20, 4) NOT NULL,
	"target" numeric(24, 6),
	"attainment" numeric(20, 6),
	"status" text,
	"recorded_at" timestamp with time zone NOT NULL,
	CONSTRAINT "dashboard_agency_figures_period_id_indicator_id_agency_id_pk" PRIMARY KEY("period_id","indicator_id","agency_id")
);
--> statement-breakpoint
CREATE TABLE "dashboard_indicator_rollups" (
	"period_id" integer NOT NULL,
	"indicator_id" integer NOT NULL,
	"ministry_id" integer,
	"agency_type" "agency_type" NOT NULL,
	"fact_count" integer NOT NULL,
	"value_sum" numeric(30, 6) NOT NULL,
	"weight_sum" numeric(30, 6) NOT NULL,
	"weighted_sum" numeric(40, 6) NOT NULL,
	"latest_value" numeric(20, 4),
	"latest_at" timestamp with time zone,
	"latest_fact_id" bigint,
	"expected_count" integer NOT NULL,
	"provisional_count" integer NOT NULL,
	"green_count" integer NOT NULL,
	"amber_count" integer NOT NULL,
	"red_count" integer NOT NULL,
	"refreshed_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "dashboard_indicator_rollups_group" UNIQUE NULLS NOT DISTINCT("period_id","indicator_id","ministry_id","agency_type")
);
--> statement-breakpoint
ALTER TABLE "indicator_facts" ADD COLUMN "weight" numeric(20, 4);--> statement-breakpoint
CREATE INDEX "dashboard_agency_components_agency_id_period_id_index" ON "dashboard_agency_components" USING btree ("agency_id","period_id");--> statement-breakpoint
CREATE INDEX "dashboard_agency_components_component_id_index" ON "dashboard_agency_components" USING btree ("component_id");--> statement-breakpoint
CREATE INDEX "dashboard_agency_dims_ministry_id_agency_type_index" ON "dashboard_agency_dims" USING btree ("ministry_id","agency_type");--> statement-breakpoint
CREATE INDEX "dashboard_agency_figures_period_id_indicator_id_attainment_index" ON "dashboard_agency_figures" USING btree ("period_id","indicator_id","attainment");--> statement-breakpoint
CREATE INDEX "dashboard_agency_figures_agency_id_period_id_index" ON "dashboard_agency_figures" USING btree ("agency_id","period_id");--> statement-breakpoint
CREATE INDEX "dashboard_indicator_rollups_indicator_id_index" ON "dashboard_indicator_rollups" USING btree ("indicator_id");