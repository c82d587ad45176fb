CREATE TYPE "public"."case_event_kind" AS ENUM('created', 'assigned', 'status_changed', 'note', 'agency_response', 'flag_recovered', 'flag_linked');--> statement-breakpoint
CREATE TYPE "public"."case_status" AS ENUM('open', 'in_progress', 'resolved', 'waived');--> statement-breakpoint
CREATE TYPE "public"."flag_status" AS ENUM('open', 'recovered');--> statement-breakpoint
CREATE TYPE "public"."rule_kind" AS ENUM('indicator_below_target', 'physical_progress_behind', 'disbursement_below_target', 'submission_missing_or_late', 'score_drop', 'recurrence');--> statement-breakpoint
CREATE TYPE "public"."severity" AS ENUM('low', 'medium', 'high', 'critical');--> statement-breakpoint
CREATE TABLE "case_events" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "case_events_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"case_id" integer NOT NULL,
	"kind" "case_event_kind" NOT NULL,
	"actor_id" integer,
	"from_status" "case_status",
	"to_status" "case_status",
	"body" text,
	"planned_by" date,
	"at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "case_flags" (
	"case_id" integer NOT NULL,
	"flag_id" integer NOT NULL,
	CONSTRAINT "case_flags_case_id_flag_id_pk" PRIMARY KEY("case_id","flag_id")
);
--> statement-breakpoint
CREATE TABLE "flag_rule_versions" (
	"rule_id" integer NOT NULL,
	"version" integer NOT NULL,
	"severity" "severity" NOT NULL,
	"params" jsonb NOT NULL,
	"active" boolean NOT NULL,
	"changed_by" integer,
	"changed_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "flag_rule_versions_rule_id_version_pk" PRIMARY KEY("rule_id","version")
);
--> statement-breakpoint
CREATE TABLE "flag_rules" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "flag_rules_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"code" text NOT NULL,
	"kind" "rule_kind" NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"severity" "severity" NOT NULL,
	"params" jsonb NOT NULL,
	"active" boolean DEFAULT true NOT NULL,
	"name_th" text NOT NULL,
	"name_en" text NOT NULL,
	"description_th" text NOT NULL,
	"description_en" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "flag_rules_code_unique" UNIQUE("code")
);
--> statement-breakpoint
CREATE TABLE "flags" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "flags_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"rule_id" integer NOT NULL,
	"rule_version" integer NOT NULL,
	"agency_id" integer NOT NULL,
	"period_id" integer NOT NULL,
	"subject_type" text NOT NULL,
	"subject_key" text NOT NULL,
	"severity" "severity" NOT NULL,
	"status" "flag_status" DEFAULT 'open' NOT NULL,
	"evidence" jsonb NOT NULL,
	"first_seen_at" timestamp with time zone DEFAULT now() NOT NULL,
	"last_changed_at" timestamp with time zone DEFAULT now() NOT NULL,
	"recovered_at" timestamp with time zone,
	CONSTRAINT "flags_identity" UNIQUE("rule_id","agency_id","period_id","subject_key")
);
--> statement-breakpoint
CREATE TABLE "follow_up_cases" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "follow_up_cases_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"agency_id" integer NOT NULL,
	"period_id" integer NOT NULL,
	"status" "case_status" DEFAULT 'open' NOT NULL,
	"assignee_id" integer,
	"due_on" date,
	"planned_actions" text,
	"resolution" text,
	"created_by" integer NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "case_events" ADD CONSTRAINT "case_events_case_id_follow_up_cases_id_fk" FOREIGN KEY ("case_id") REFERENCES "public"."follow_up_cases"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "case_events" ADD CONSTRAINT "case_events_actor_id_users_id_fk" FOREIGN KEY ("actor_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "case_flags" ADD CONSTRAINT "case_flags_case_id_follow_up_cases_id_fk" FOREIGN KEY ("case_id") REFERENCES "public"."follow_up_cases"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "case_flags" ADD CONSTRAINT "case_flags_flag_id_flags_id_fk" FOREIGN KEY ("flag_id") REFERENCES "public"."flags"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "flag_rule_versions" ADD CONSTRAINT "flag_rule_versions_rule_id_flag_rules_id_fk" FOREIGN KEY ("rule_id") REFERENCES "public"."flag_rules"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "flag_rule_versions" ADD CONSTRAINT "flag_rule_versions_changed_by_users_id_fk" FOREIGN KEY ("changed_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "flags" ADD CONSTRAINT "flags_rule_id_flag_rules_id_fk" FOREIGN KEY ("rule_id") REFERENCES "public"."flag_rules"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "flags" ADD CONSTRAINT "flags_agency_id_agencies_id_fk" FOREIGN KEY ("agency_id") REFERENCES "public"."agencies"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "flags" ADD CONSTRAINT "flags_period_id_periods_id_fk" FOREIGN KEY ("period_id") REFERENCES "public"."periods"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "follow_up_cases" ADD CONSTRAINT "follow_up_cases_agency_id_agencies_id_fk" FOREIGN KEY ("agency_id") REFERENCES "public"."agencies"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "follow_up_cases" ADD CONSTRAINT "follow_up_cases_period_id_periods_id_fk" FOREIGN KEY ("period_id") REFERENCES "public"."periods"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "follow_up_cases" ADD CONSTRAINT "follow_up_cases_assignee_id_users_id_fk" FOREIGN KEY ("assignee_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "follow_up_cases" ADD CONSTRAINT "follow_up_cases_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "case_events_case_id_index" ON "case_events" USING btree ("case_id");--> statement-breakpoint
CREATE INDEX "case_flags_flag_id_index" ON "case_flags" USING btree ("flag_id");--> statement-breakpoint
CREATE INDEX "flags_agency_id_status_index" ON "flags" USING btree ("agency_id","status");--> statement-breakpoint
CREATE INDEX "flags_period_id_status_index" ON "flags" USING btree ("period_id","status");--> statement-breakpoint
CREATE INDEX "follow_up_cases_agency_id_status_index" ON "follow_up_cases" USING btree ("agency_id","status");--> statement-breakpoint
CREATE INDEX "follow_up_cases_assignee_id_index" ON "follow_up_cases" USING btree ("assignee_id");--> statement-breakpoint
CREATE INDEX "follow_up_cases_period_id_index" ON "follow_up_cases" USING btree ("period_id");