CREATE TYPE "public"."answer_type" AS ENUM('number', 'percent', 'boolean', 'level', 'text');--> statement-breakpoint
CREATE TYPE "public"."evidence_kind" AS ENUM('file', 'link');--> statement-breakpoint
CREATE TYPE "public"."assessment_item_kind" AS ENUM('indicator', 'question');--> statement-breakpoint
CREATE TYPE "public"."review_reason" AS ENUM('incorrect_value', 'missing_evidence', 'inconsistent', 'unclear_narrative', 'other');--> statement-breakpoint
CREATE TYPE "public"."submission_action" AS ENUM('save', 'endorse', 'return_to_officer', 'submit', 'resubmit', 'return', 'approve', 'reopen');--> statement-breakpoint
CREATE TYPE "public"."submission_status" AS ENUM('draft', 'endorsed', 'submitted', 'returned', 'approved');--> statement-breakpoint
CREATE TYPE "public"."email_status" AS ENUM('pending', 'sent', 'logged', 'failed');--> statement-breakpoint
CREATE TYPE "public"."notification_kind" AS ENUM('reminder_due_soon', 'reminder_due_today', 'reminder_overdue', 'reminder_overdue_digest', 'submission_returned', 'submission_approved', 'submission_endorsement_needed');--> statement-breakpoint
CREATE TABLE "assessment_items" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "assessment_items_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"template_id" integer NOT NULL,
	"code" text NOT NULL,
	"ordinal" integer NOT NULL,
	"kind" "assessment_item_kind" NOT NULL,
	"indicator_id" integer,
	"question_th" text,
	"question_en" text,
	"help_th" text,
	"help_en" text,
	"answer_type" "answer_type" NOT NULL,
	"required" boolean DEFAULT true NOT NULL,
	"level_descriptors" jsonb,
	"plausible_min" numeric(20, 4),
	"plausible_max" numeric(20, 4),
	"active" boolean DEFAULT true NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "assessment_items_template_code" UNIQUE("template_id","code"),
	CONSTRAINT "assessment_items_indicator_kind" CHECK (("assessment_items"."kind" = 'indicator') = ("assessment_items"."indicator_id" is not null)),
	CONSTRAINT "assessment_items_question_text" CHECK ("assessment_items"."kind" <> 'question' or "assessment_items"."question_th" is not null)
);
--> statement-breakpoint
CREATE TABLE "assessment_templates" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "assessment_templates_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"component_id" integer NOT NULL,
	"name_th" text NOT NULL,
	"name_en" text NOT NULL,
	"active" boolean DEFAULT true NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "assessment_templates_componentId_unique" UNIQUE("component_id")
);
--> statement-breakpoint
CREATE TABLE "evidence" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "evidence_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"submission_id" integer NOT NULL,
	"item_id" integer,
	"kind" "evidence_kind" NOT NULL,
	"title" text NOT NULL,
	"file_name" text,
	"mime_type" text,
	"size_bytes" bigint,
	"sha256" text,
	"url" text,
	"uploaded_by_id" integer,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "evidence_kind_fields" CHECK (("evidence"."kind" = 'file' and "evidence"."sha256" is not null) or ("evidence"."kind" = 'link' and "evidence"."url" is not null))
);
--> statement-breakpoint
CREATE TABLE "evidence_blobs" (
	"evidence_id" integer PRIMARY KEY NOT NULL,
	"content" "bytea" NOT NULL
);
--> statement-breakpoint
CREATE TABLE "review_comments" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "review_comments_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"submission_id" integer NOT NULL,
	"item_id" integer,
	"field" text,
	"reason" "review_reason" NOT NULL,
	"comment" text NOT NULL,
	"author_id" integer,
	"event_id" bigint,
	"resolved_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "submission_events" (
	"id" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "submission_events_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"submission_id" integer NOT NULL,
	"action" "submission_action" NOT NULL,
	"from_status" "submission_status",
	"to_status" "submission_status" NOT NULL,
	"actor_id" integer,
	"reason" text,
	"at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "submission_values" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "submission_values_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"submission_id" integer NOT NULL,
	"item_id" integer NOT NULL,
	"numeric_value" numeric(20, 4),
	"level_value" integer,
	"boolean_value" boolean,
	"text_value" text,
	"note" text,
	"out_of_range" boolean DEFAULT false NOT NULL,
	"out_of_range_reason" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "submission_values_submission_item" UNIQUE("submission_id","item_id"),
	CONSTRAINT "submission_values_level_range" CHECK ("submission_values"."level_value" is null or "submission_values"."level_value" between 1 and 5)
);
--> statement-breakpoint
CREATE TABLE "submissions" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "submissions_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"agency_id" integer NOT NULL,
	"period_id" integer NOT NULL,
	"component_id" integer NOT NULL,
	"template_id" integer NOT NULL,
	"status" "submission_status" DEFAULT 'draft' NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"late" boolean DEFAULT false NOT NULL,
	"progress_text" text,
	"problems_text" text,
	"support_text" text,
	"created_by_id" integer,
	"updated_by_id" integer,
	"endorsed_at" timestamp with time zone,
	"endorsed_by_id" integer,
	"first_submitted_at" timestamp with time zone,
	"submitted_at" timestamp with time zone,
	"submitted_by_id" integer,
	"returned_at" timestamp with time zone,
	"approved_at" timestamp with time zone,
	"approved_by_id" integer,
	"status_changed_at" timestamp with time zone DEFAULT now() NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "submissions_agency_period_component" UNIQUE("agency_id","period_id","component_id")
);
--> statement-breakpoint
CREATE TABLE "email_outbox" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "email_outbox_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"user_id" integer,
	"to_address" text NOT NULL,
	"subject" text NOT NULL,
	"body" text NOT NULL,
	"status" "email_status" DEFAULT 'pending' NOT NULL,
	"attempts" integer DEFAULT 0 NOT NULL,
	"last_error" text,
	"notification_id" integer,
	"sent_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "notifications" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "notifications_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"user_id" integer NOT NULL,
	"kind" "notification_kind" NOT NULL,
	"payload" jsonb NOT NULL,
	"dedupe_key" text,
	"read_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "notifications_user_dedupe" UNIQUE("user_id","dedupe_key")
);
--> statement-breakpoint
ALTER TABLE "assessment_items" ADD CONSTRAINT "assessment_items_template_id_assessment_templates_id_fk" FOREIGN KEY ("template_id") REFERENCES "public"."assessment_templates"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "assessment_items" ADD CONSTRAINT "assessment_items_indicator_id_indicators_id_fk" FOREIGN KEY ("indicator_id") REFERENCES "public"."indicators"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "assessment_templates" ADD CONSTRAINT "assessment_templates_component_id_components_id_fk" FOREIGN KEY ("component_id") REFERENCES "public"."components"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "evidence" ADD CONSTRAINT "evidence_submission_id_submissions_id_fk" FOREIGN KEY ("submission_id") REFERENCES "public"."submissions"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "evidence" ADD CONSTRAINT "evidence_item_id_assessment_items_id_fk" FOREIGN KEY ("item_id") REFERENCES "public"."assessment_items"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "evidence" ADD CONSTRAINT "evidence_uploaded_by_id_users_id_fk" FOREIGN KEY ("uploaded_by_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "evidence_blobs" ADD CONSTRAINT "evidence_blobs_evidence_id_evidence_id_fk" FOREIGN KEY ("evidence_id") REFERENCES "public"."evidence"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "review_comments" ADD CONSTRAINT "review_comments_submission_id_submissions_id_fk" FOREIGN KEY ("submission_id") REFERENCES "public"."submissions"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "review_comments" ADD CONSTRAINT "review_comments_item_id_assessment_items_id_fk" FOREIGN KEY ("item_id") REFERENCES "public"."assessment_items"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "review_comments" ADD CONSTRAINT "review_comments_author_id_users_id_fk" FOREIGN KEY ("author_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "submission_events" ADD CONSTRAINT "submission_events_submission_id_submissions_id_fk" FOREIGN KEY ("submission_id") REFERENCES "public"."submissions"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "submission_events" ADD CONSTRAINT "submission_events_actor_id_users_id_fk" FOREIGN KEY ("actor_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "submission_values" ADD CONSTRAINT "submission_values_submission_id_submissions_id_fk" FOREIGN KEY ("submission_id") REFERENCES "public"."submissions"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "submission_values" ADD CONSTRAINT "submission_values_item_id_assessment_items_id_fk" FOREIGN KEY ("item_id") REFERENCES "public"."assessment_items"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "submissions" ADD CONSTRAINT "submissions_agency_id_agencies_id_fk" FOREIGN KEY ("agency_id") REFERENCES "public"."agencies"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "submissions" ADD CONSTRAINT "submissions_period_id_periods_id_fk" FOREIGN KEY ("period_id") REFERENCES "public"."periods"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "submissions" ADD CONSTRAINT "submissions_component_id_components_id_fk" FOREIGN KEY ("component_id") REFERENCES "public"."components"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "submissions" ADD CONSTRAINT "submissions_template_id_assessment_templates_id_fk" FOREIGN KEY ("template_id") REFERENCES "public"."assessment_templates"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "submissions" ADD CONSTRAINT "submissions_created_by_id_users_id_fk" FOREIGN KEY ("created_by_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "submissions" ADD CONSTRAINT "submissions_updated_by_id_users_id_fk" FOREIGN KEY ("updated_by_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "submissions" ADD CONSTRAINT "submissions_endorsed_by_id_users_id_fk" FOREIGN KEY ("endorsed_by_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "submissions" ADD CONSTRAINT "submissions_submitted_by_id_users_id_fk" FOREIGN KEY ("submitted_by_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "submissions" ADD CONSTRAINT "submissions_approved_by_id_users_id_fk" FOREIGN KEY ("approved_by_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "email_outbox" ADD CONSTRAINT "email_outbox_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "email_outbox" ADD CONSTRAINT "email_outbox_notification_id_notifications_id_fk" FOREIGN KEY ("notification_id") REFERENCES "public"."notifications"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "notifications" ADD CONSTRAINT "notifications_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "assessment_items_template_id_index" ON "assessment_items" USING btree ("template_id");--> statement-breakpoint
CREATE INDEX "assessment_items_indicator_id_index" ON "assessment_items" USING btree ("indicator_id");--> statement-breakpoint
CREATE INDEX "evidence_submission_id_index" ON "evidence" USING btree ("submission_id");--> statement-breakpoint
CREATE INDEX "evidence_item_id_index" ON "evidence" USING btree ("item_id");--> statement-breakpoint
CREATE INDEX "evidence_uploaded_by_id_index" ON "evidence" USING btree ("uploaded_by_id");--> statement-breakpoint
CREATE INDEX "review_comments_submission_id_index" ON "review_comments" USING btree ("submission_id");--> statement-breakpoint
CREATE INDEX "review_comments_item_id_index" ON "review_comments" USING btree ("item_id");--> statement-breakpoint
CREATE INDEX "review_comments_author_id_index" ON "review_comments" USING btree ("author_id");--> statement-breakpoint
CREATE INDEX "review_comments_event_id_index" ON "review_comments" USING btree ("event_id");--> statement-breakpoint
CREATE INDEX "submission_events_submission_id_at_index" ON "submission_events" USING btree ("submission_id","at");--> statement-breakpoint
CREATE INDEX "submission_events_actor_id_index" ON "submission_events" USING btree ("actor_id");--> statement-breakpoint
CREATE INDEX "submission_values_item_id_index" ON "submission_values" USING btree ("item_id");--> statement-breakpoint
CREATE INDEX "submissions_period_id_status_index" ON "submissions" USING btree ("period_id","status");--> statement-breakpoint
CREATE INDEX "submissions_component_id_index" ON "submissions" USING btree ("component_id");--> statement-breakpoint
CREATE INDEX "submissions_template_id_index" ON "submissions" USING btree ("template_id");--> statement-breakpoint
CREATE INDEX "submissions_created_by_id_index" ON "submissions" USING btree ("created_by_id");--> statement-breakpoint
CREATE INDEX "submissions_updated_by_id_index" ON "submissions" USING btree ("updated_by_id");--> statement-breakpoint
CREATE INDEX "submissions_endorsed_by_id_index" ON "submissions" USING btree ("endorsed_by_id");--> statement-breakpoint
CREATE INDEX "submissions_submitted_by_id_index" ON "submissions" USING btree ("submitted_by_id");--> statement-breakpoint
CREATE INDEX "submissions_approved_by_id_index" ON "submissions" USING btree ("approved_by_id");--> statement-breakpoint
CREATE INDEX "email_outbox_status_index" ON "email_outbox" USING btree ("status");--> statement-breakpoint
CREATE INDEX "email_outbox_user_id_index" ON "email_outbox" USING btree ("user_id");--> statement-breakpoint
CREATE INDEX "email_outbox_notification_id_index" ON "email_outbox" USING btree ("notification_id");--> statement-breakpoint
CREATE INDEX "notifications_user_id_read_at_index" ON "notifications" USING btree ("user_id","read_at");