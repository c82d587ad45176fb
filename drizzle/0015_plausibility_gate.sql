CREATE TABLE "dashboard_uncounted_figures" (
	"period_id" integer NOT NULL,
	"indicator_id" integer NOT NULL,
	"agency_id" integer NOT NULL,
	"fact_id" bigint NOT NULL,
	"value" numeric(20, 4) NOT NULL,
	"reason" text NOT NULL,
	CONSTRAINT "dashboard_uncounted_figures_period_id_indicator_id_agency_id_pk" PRIMARY KEY("period_id","indicator_id","agency_id")
);
--> statement-breakpoint
ALTER TABLE "indicator_facts" ADD COLUMN "needs_confirmation" boolean DEFAULT false NOT NULL;--> statement-breakpoint
ALTER TABLE "indicator_facts" ADD COLUMN "confirmed_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "indicator_facts" ADD COLUMN "confirmed_by_id" integer;--> statement-breakpoint
CREATE INDEX "dashboard_uncounted_figures_agency_id_period_id_index" ON "dashboard_uncounted_figures" USING btree ("agency_id","period_id");--> statement-breakpoint
ALTER TABLE "indicator_facts" ADD CONSTRAINT "indicator_facts_confirmed_by_id_users_id_fk" FOREIGN KEY ("confirmed_by_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;