-- Rollup groups gain the province (dashboard_agency_dims, dashboard_indicator_rollups). Rows written before keep a
-- null province, which is a coarser but consistent grouping; the first rebuild that regroups the agencies
-- (lib/facts/derive/rollups.ts) rebuilds every period, so no period is left grouped the old way.
ALTER TABLE "dashboard_indicator_rollups" DROP CONSTRAINT "dashboard_indicator_rollups_group";--> statement-breakpoint
ALTER TABLE "dashboard_agency_dims" ADD COLUMN "province" text;--> statement-breakpoint
ALTER TABLE "dashboard_indicator_rollups" ADD COLUMN "province" text;--> statement-breakpoint
ALTER TABLE "dashboard_indicator_rollups" ADD CONSTRAINT "dashboard_indicator_rollups_group" UNIQUE NULLS NOT DISTINCT("period_id","indicator_id","ministry_id","agency_type","province");