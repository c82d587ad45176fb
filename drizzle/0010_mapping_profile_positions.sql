ALTER TABLE "mapping_profiles" ADD COLUMN "positions" jsonb;--> statement-breakpoint
ALTER TABLE "mapping_profiles" ADD COLUMN "has_header_row" boolean DEFAULT true NOT NULL;