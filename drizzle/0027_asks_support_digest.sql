CREATE TYPE "public"."delivery_mode" AS ENUM('immediate', 'daily', 'off');--> statement-breakpoint
CREATE TYPE "public"."notification_group" AS ENUM('new_flags', 'cases_due', 'returned_forms', 'support_answers');--> statement-breakpoint
CREATE TYPE "public"."ask_source" AS ENUM('submission_problems', 'submission_support', 'emenscr_problems', 'emenscr_recommendations');--> statement-breakpoint
CREATE TYPE "public"."support_request_status" AS ENUM('received', 'in_progress', 'answered');--> statement-breakpoint
ALTER TYPE "public"."notification_kind" ADD VALUE 'support_request_answered';--> statement-breakpoint
CREATE TABLE "notification_preferences" (
	"user_id" integer NOT NULL,
	"group" "notification_group" NOT NULL,
	"mode" "delivery_mode" NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "notification_preferences_user_id_group_pk" PRIMARY KEY("user_id","group")
);
--> statement-breakpoint
CREATE TABLE "ask_tag_links" (
	"ask_id" integer NOT NULL,
	"tag_id" integer NOT NULL,
	CONSTRAINT "ask_tag_links_ask_id_tag_id_pk" PRIMARY KEY("ask_id","tag_id")
);
--> statement-breakpoint
CREATE TABLE "ask_tags" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "ask_tags_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"code" text NOT NULL,
	"name_th" text NOT NULL,
	"name_en" text NOT NULL,
	"keywords" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"ordinal" integer DEFAULT 0 NOT NULL,
	"active" boolean DEFAULT true NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "ask_tags_code_unique" UNIQUE("code"),
	CONSTRAINT "ask_tags_code_format" CHECK ("ask_tags"."code" ~ '^[a-z][a-z0-9_]{1,39}$')
);
--> statement-breakpoint
CREATE TABLE "asks" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "asks_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"source" "ask_source" NOT NULL,
	"source_id" integer NOT NULL,
	"agency_id" integer NOT NULL,
	"period_id" integer NOT NULL,
	"component_id" integer,
	"tags_confirmed_at" timestamp with time zone,
	"tags_confirmed_by_id" integer,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "asks_source_row" UNIQUE("source","source_id")
);
--> statement-breakpoint
CREATE TABLE "dga_units" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "dga_units_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"code" text NOT NULL,
	"name_th" text NOT NULL,
	"name_en" text NOT NULL,
	"active" boolean DEFAULT true NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "dga_units_code_unique" UNIQUE("code"),
	CONSTRAINT "dga_units_code_format" CHECK ("dga_units"."code" ~ '^[a-z][a-z0-9_]{1,39}$')
);
--> statement-breakpoint
CREATE TABLE "support_requests" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "support_requests_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"ask_id" integer NOT NULL,
	"unit_id" integer NOT NULL,
	"status" "support_request_status" DEFAULT 'received' NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"answer" text,
	"routed_by_id" integer,
	"answered_by_id" integer,
	"answered_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "support_requests_askId_unique" UNIQUE("ask_id"),
	CONSTRAINT "support_requests_answered_has_answer" CHECK ("support_requests"."status" <> 'answered' or ("support_requests"."answer" is not null and "support_requests"."answered_at" is not null))
);
--> statement-breakpoint
ALTER TABLE "notifications" ADD COLUMN "digest_pending" boolean DEFAULT false NOT NULL;--> statement-breakpoint
ALTER TABLE "notification_preferences" ADD CONSTRAINT "notification_preferences_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "ask_tag_links" ADD CONSTRAINT "ask_tag_links_ask_id_asks_id_fk" FOREIGN KEY ("ask_id") REFERENCES "public"."asks"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "ask_tag_links" ADD CONSTRAINT "ask_tag_links_tag_id_ask_tags_id_fk" FOREIGN KEY ("tag_id") REFERENCES "public"."ask_tags"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "asks" ADD CONSTRAINT "asks_agency_id_agencies_id_fk" FOREIGN KEY ("agency_id") REFERENCES "public"."agencies"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "asks" ADD CONSTRAINT "asks_period_id_periods_id_fk" FOREIGN KEY ("period_id") REFERENCES "public"."periods"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "asks" ADD CONSTRAINT "asks_component_id_components_id_fk" FOREIGN KEY ("component_id") REFERENCES "public"."components"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "asks" ADD CONSTRAINT "asks_tags_confirmed_by_id_users_id_fk" FOREIGN KEY ("tags_confirmed_by_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "support_requests" ADD CONSTRAINT "support_requests_ask_id_asks_id_fk" FOREIGN KEY ("ask_id") REFERENCES "public"."asks"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "support_requests" ADD CONSTRAINT "support_requests_unit_id_dga_units_id_fk" FOREIGN KEY ("unit_id") REFERENCES "public"."dga_units"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "support_requests" ADD CONSTRAINT "support_requests_routed_by_id_users_id_fk" FOREIGN KEY ("routed_by_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "support_requests" ADD CONSTRAINT "support_requests_answered_by_id_users_id_fk" FOREIGN KEY ("answered_by_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "ask_tag_links_tag_id_index" ON "ask_tag_links" USING btree ("tag_id");--> statement-breakpoint
CREATE INDEX "asks_agency_id_index" ON "asks" USING btree ("agency_id");--> statement-breakpoint
CREATE INDEX "asks_period_id_component_id_index" ON "asks" USING btree ("period_id","component_id");--> statement-breakpoint
CREATE INDEX "asks_component_id_index" ON "asks" USING btree ("component_id");--> statement-breakpoint
CREATE INDEX "asks_tags_confirmed_by_id_index" ON "asks" USING btree ("tags_confirmed_by_id");--> statement-breakpoint
CREATE INDEX "support_requests_unit_id_status_index" ON "support_requests" USING btree ("unit_id","status");--> statement-breakpoint
CREATE INDEX "support_requests_routed_by_id_index" ON "support_requests" USING btree ("routed_by_id");--> statement-breakpoint
CREATE INDEX "support_requests_answered_by_id_index" ON "support_requests" USING btree ("answered_by_id");--> statement-breakpoint
CREATE INDEX "notifications_digest_pending_idx" ON "notifications" USING btree ("user_id") WHERE "notifications"."digest_pending";