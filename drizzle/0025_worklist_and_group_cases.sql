CREATE TYPE "public"."case_scope" AS ENUM('ministry', 'province');--> statement-breakpoint
ALTER TYPE "public"."case_event_kind" ADD VALUE 'escalated';--> statement-breakpoint
ALTER TYPE "public"."case_event_kind" ADD VALUE 'auto_resolved';--> statement-breakpoint
ALTER TYPE "public"."case_event_kind" ADD VALUE 'due_changed';--> statement-breakpoint
ALTER TYPE "public"."notification_kind" ADD VALUE 'case_escalated';--> statement-breakpoint
CREATE TABLE "agency_flag_summaries" (
	"agency_id" integer NOT NULL,
	"period_id" integer NOT NULL,
	"ministry_id" integer,
	"open_flags" integer NOT NULL,
	"worst_rank" smallint NOT NULL,
	"oldest_open_at" timestamp with time zone,
	"budget_baht" numeric(18, 2) DEFAULT '0' NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "agency_flag_summaries_agency_id_period_id_pk" PRIMARY KEY("agency_id","period_id")
);
--> statement-breakpoint
CREATE TABLE "case_group_events" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "case_group_events_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"group_id" integer NOT NULL,
	"kind" "case_event_kind" NOT NULL,
	"actor_id" integer,
	"from_status" "case_status",
	"to_status" "case_status",
	"body" text,
	"at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "case_groups" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "case_groups_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"scope" "case_scope" NOT NULL,
	"ministry_id" integer,
	"province" text,
	"period_id" integer NOT NULL,
	"status" "case_status" DEFAULT 'open' NOT NULL,
	"assignee_id" integer,
	"due_on" date,
	"planned_actions" text,
	"resolution" text,
	"created_by" integer NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"escalation_steps" integer DEFAULT 0 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "priority_weight_versions" (
	"version" integer PRIMARY KEY NOT NULL,
	"weights" jsonb NOT NULL,
	"changed_by" integer,
	"changed_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "follow_up_cases" ADD COLUMN "group_id" integer;--> statement-breakpoint
ALTER TABLE "follow_up_cases" ADD COLUMN "escalation_steps" integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "agency_flag_summaries" ADD CONSTRAINT "agency_flag_summaries_agency_id_agencies_id_fk" FOREIGN KEY ("agency_id") REFERENCES "public"."agencies"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "agency_flag_summaries" ADD CONSTRAINT "agency_flag_summaries_period_id_periods_id_fk" FOREIGN KEY ("period_id") REFERENCES "public"."periods"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "agency_flag_summaries" ADD CONSTRAINT "agency_flag_summaries_ministry_id_agencies_id_fk" FOREIGN KEY ("ministry_id") REFERENCES "public"."agencies"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "case_group_events" ADD CONSTRAINT "case_group_events_group_id_case_groups_id_fk" FOREIGN KEY ("group_id") REFERENCES "public"."case_groups"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "case_group_events" ADD CONSTRAINT "case_group_events_actor_id_users_id_fk" FOREIGN KEY ("actor_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "case_groups" ADD CONSTRAINT "case_groups_ministry_id_agencies_id_fk" FOREIGN KEY ("ministry_id") REFERENCES "public"."agencies"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "case_groups" ADD CONSTRAINT "case_groups_period_id_periods_id_fk" FOREIGN KEY ("period_id") REFERENCES "public"."periods"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "case_groups" ADD CONSTRAINT "case_groups_assignee_id_users_id_fk" FOREIGN KEY ("assignee_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "case_groups" ADD CONSTRAINT "case_groups_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "priority_weight_versions" ADD CONSTRAINT "priority_weight_versions_changed_by_users_id_fk" FOREIGN KEY ("changed_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "agency_flag_summaries_period_id_ministry_id_index" ON "agency_flag_summaries" USING btree ("period_id","ministry_id");--> statement-breakpoint
CREATE INDEX "agency_flag_summaries_ministry_id_index" ON "agency_flag_summaries" USING btree ("ministry_id");--> statement-breakpoint
CREATE INDEX "case_group_events_group_id_index" ON "case_group_events" USING btree ("group_id");--> statement-breakpoint
CREATE INDEX "case_group_events_actor_id_index" ON "case_group_events" USING btree ("actor_id");--> statement-breakpoint
CREATE INDEX "case_groups_period_id_status_index" ON "case_groups" USING btree ("period_id","status");--> statement-breakpoint
CREATE INDEX "case_groups_ministry_id_index" ON "case_groups" USING btree ("ministry_id");--> statement-breakpoint
CREATE INDEX "case_groups_province_index" ON "case_groups" USING btree ("province");--> statement-breakpoint
CREATE INDEX "case_groups_assignee_id_index" ON "case_groups" USING btree ("assignee_id");--> statement-breakpoint
CREATE INDEX "case_groups_created_by_index" ON "case_groups" USING btree ("created_by");--> statement-breakpoint
CREATE INDEX "priority_weight_versions_changed_by_index" ON "priority_weight_versions" USING btree ("changed_by");--> statement-breakpoint
ALTER TABLE "follow_up_cases" ADD CONSTRAINT "follow_up_cases_group_id_case_groups_id_fk" FOREIGN KEY ("group_id") REFERENCES "public"."case_groups"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "follow_up_cases_group_id_index" ON "follow_up_cases" USING btree ("group_id");