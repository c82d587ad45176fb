CREATE TYPE "public"."dga_return_target" AS ENUM('previous_level', 'officer');--> statement-breakpoint
CREATE TYPE "public"."intermediate_review_level" AS ENUM('none', 'ministry', 'province');--> statement-breakpoint
ALTER TYPE "public"."submission_action" ADD VALUE 'verify';--> statement-breakpoint
ALTER TYPE "public"."submission_status" ADD VALUE 'verified' BEFORE 'returned';--> statement-breakpoint
ALTER TYPE "public"."notification_kind" ADD VALUE 'submission_review_needed' BEFORE 'flag_opened';--> statement-breakpoint
CREATE TABLE "review_chains" (
	"agency_type" "agency_type" PRIMARY KEY NOT NULL,
	"intermediate" "intermediate_review_level" NOT NULL,
	"dga_return_to" "dga_return_target" NOT NULL,
	"updated_by_id" integer,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "review_chains" ADD CONSTRAINT "review_chains_updated_by_id_users_id_fk" FOREIGN KEY ("updated_by_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "review_chains_updated_by_id_index" ON "review_chains" USING btree ("updated_by_id");--> statement-breakpoint
CREATE INDEX "submissions_status_status_changed_at_index" ON "submissions" USING btree ("status","status_changed_at");