CREATE TYPE "public"."report_format" AS ENUM('pdf', 'xlsx', 'csv');--> statement-breakpoint
CREATE TYPE "public"."report_scope" AS ENUM('national', 'component', 'ministry', 'agency');--> statement-breakpoint
CREATE TYPE "public"."report_stage" AS ENUM('queued', 'collecting', 'rendering', 'saving', 'done');--> statement-breakpoint
CREATE TYPE "public"."report_status" AS ENUM('queued', 'running', 'done', 'failed');--> statement-breakpoint
CREATE TABLE "report_files" (
	"report_id" integer PRIMARY KEY NOT NULL,
	"content" "bytea" NOT NULL
);
--> statement-breakpoint
CREATE TABLE "reports" (
	"id" serial PRIMARY KEY NOT NULL,
	"period_id" integer NOT NULL,
	"scope" "report_scope" NOT NULL,
	"scope_code" text,
	"scope_agency_id" integer,
	"format" "report_format" NOT NULL,
	"locale" "locale" NOT NULL,
	"status" "report_status" DEFAULT 'queued' NOT NULL,
	"stage" "report_stage" DEFAULT 'queued' NOT NULL,
	"progress" integer DEFAULT 0 NOT NULL,
	"error" text,
	"snapshot" jsonb,
	"data_as_of" timestamp with time zone,
	"file_name" text,
	"size_bytes" integer,
	"sha256" text,
	"render_token_hash" text,
	"render_token_expires_at" timestamp with time zone,
	"created_by" integer,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"started_at" timestamp with time zone,
	"finished_at" timestamp with time zone,
	CONSTRAINT "reports_progress_range" CHECK ("reports"."progress" between 0 and 100),
	CONSTRAINT "reports_scope_code" CHECK (("reports"."scope" = 'national') = ("reports"."scope_code" is null))
);
--> statement-breakpoint
ALTER TABLE "report_files" ADD CONSTRAINT "report_files_report_id_reports_id_fk" FOREIGN KEY ("report_id") REFERENCES "public"."reports"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "reports" ADD CONSTRAINT "reports_period_id_periods_id_fk" FOREIGN KEY ("period_id") REFERENCES "public"."periods"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "reports" ADD CONSTRAINT "reports_scope_agency_id_agencies_id_fk" FOREIGN KEY ("scope_agency_id") REFERENCES "public"."agencies"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "reports" ADD CONSTRAINT "reports_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "reports_period_idx" ON "reports" USING btree ("period_id","created_at");--> statement-breakpoint
CREATE INDEX "reports_scope_agency_idx" ON "reports" USING btree ("scope_agency_id");