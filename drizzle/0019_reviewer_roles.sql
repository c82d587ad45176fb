ALTER TYPE "public"."role" ADD VALUE 'ministry_reviewer';--> statement-breakpoint
ALTER TYPE "public"."role" ADD VALUE 'province_reviewer';--> statement-breakpoint
ALTER TABLE "users" DROP CONSTRAINT "users_agency_role_has_agency";--> statement-breakpoint
ALTER TABLE "users" ADD COLUMN "province" text;--> statement-breakpoint
ALTER TABLE "users" ADD COLUMN "manages_users" boolean DEFAULT false NOT NULL;--> statement-breakpoint
CREATE INDEX "users_province_index" ON "users" USING btree ("province");--> statement-breakpoint
ALTER TABLE "users" ADD CONSTRAINT "users_province_reviewer_has_province" CHECK ("users"."role"::text <> 'province_reviewer' or "users"."province" is not null);--> statement-breakpoint
ALTER TABLE "users" ADD CONSTRAINT "users_agency_role_has_agency" CHECK ("users"."role"::text not in ('agency_head', 'agency_officer', 'ministry_reviewer') or "users"."agency_id" is not null);