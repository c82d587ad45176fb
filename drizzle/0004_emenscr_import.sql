CREATE TYPE "public"."component_rule_field" AS ENUM('name', 'strategy', 'any');--> statement-breakpoint
CREATE TYPE "public"."component_rule_match" AS ENUM('keyword', 'regex');--> statement-breakpoint
CREATE TYPE "public"."import_batch_status" AS ENUM('committed', 'rolled_back');--> statement-breakpoint
CREATE TYPE "public"."import_format" AS ENUM('xlsx', 'csv');--> statement-breakpoint
CREATE TYPE "public"."project_component_source" AS ENUM('rule', 'manual');--> statement-breakpoint
CREATE TYPE "public"."project_status" AS ENUM('not_started', 'in_progress', 'completed', 'cancelled', 'delayed');--> statement-breakpoint
CREATE TABLE "agency_aliases" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "agency_aliases_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"alias_key" text NOT NULL,
	"raw_text" text NOT NULL,
	"agency_id" integer NOT NULL,
	"created_by_id" integer,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "agency_aliases_aliasKey_unique" UNIQUE("alias_key")
);
--> statement-breakpoint
CREATE TABLE "component_rules" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "component_rules_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"component_id" integer NOT NULL,
	"field" "component_rule_field" DEFAULT 'any' NOT NULL,
	"match" "component_rule_match" DEFAULT 'keyword' NOT NULL,
	"pattern" text NOT NULL,
	"active" boolean DEFAULT true NOT NULL,
	"created_by_id" integer,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "component_rules_pattern_length" CHECK (char_length("component_rules"."pattern") between 1 and 200)
);
--> statement-breakpoint
CREATE TABLE "emenscr_progress" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "emenscr_progress_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"project_id" integer NOT NULL,
	"period_id" integer NOT NULL,
	"disbursed" numeric(18, 2),
	"spent" numeric(18, 2),
	"disbursed_percent" numeric(9, 2),
	"physical_progress" numeric(9, 2),
	"kpi_name" text,
	"kpi_unit" text,
	"kpi_target" numeric(20, 4),
	"kpi_result" numeric(20, 4),
	"status" "project_status",
	"raw_status" text,
	"approval_status" text,
	"problems" text,
	"recommendations" text,
	"reported_on" date,
	"content_hash" text NOT NULL,
	"created_batch_id" integer NOT NULL,
	"batch_id" integer NOT NULL,
	"source_row" integer NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "emenscr_progress_project_period" UNIQUE("project_id","period_id")
);
--> statement-breakpoint
CREATE TABLE "emenscr_projects" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "emenscr_projects_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"project_code" text NOT NULL,
	"name" text NOT NULL,
	"agency_id" integer,
	"raw_agency_name" text,
	"raw_agency_code" text,
	"ministry" text,
	"fiscal_year" integer,
	"strategy" text,
	"master_plan" text,
	"sub_plan" text,
	"budget_source" text,
	"budget" numeric(18, 2),
	"starts_on" date,
	"ends_on" date,
	"content_hash" text NOT NULL,
	"created_batch_id" integer NOT NULL,
	"last_batch_id" integer NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "emenscr_projects_projectCode_unique" UNIQUE("project_code")
);
--> statement-breakpoint
CREATE TABLE "import_batches" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "import_batches_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"file_name" text NOT NULL,
	"file_sha256" text NOT NULL,
	"file_bytes" bigint NOT NULL,
	"format" "import_format" NOT NULL,
	"sheet_name" text,
	"period_id" integer,
	"mapping_profile_id" integer,
	"actor_id" integer,
	"actor_label" text NOT NULL,
	"status" "import_batch_status" DEFAULT 'committed' NOT NULL,
	"row_count" integer NOT NULL,
	"inserted_count" integer NOT NULL,
	"updated_count" integer NOT NULL,
	"unchanged_count" integer NOT NULL,
	"skipped_count" integer DEFAULT 0 NOT NULL,
	"started_at" timestamp with time zone NOT NULL,
	"finished_at" timestamp with time zone DEFAULT now() NOT NULL,
	"rolled_back_at" timestamp with time zone,
	"rolled_back_by_id" integer,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "import_row_changes" (
	"id" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "import_row_changes_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"batch_id" integer NOT NULL,
	"entity_type" text NOT NULL,
	"entity_id" integer NOT NULL,
	"before" jsonb NOT NULL,
	"at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "mapping_profiles" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "mapping_profiles_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"name" text NOT NULL,
	"mapping" jsonb NOT NULL,
	"created_by_id" integer,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "mapping_profiles_name_unique" UNIQUE("name")
);
--> statement-breakpoint
CREATE TABLE "project_components" (
	"project_id" integer NOT NULL,
	"component_id" integer NOT NULL,
	"source" "project_component_source" NOT NULL,
	"rule_id" integer,
	"created_by_id" integer,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "project_components_project_id_component_id_pk" PRIMARY KEY("project_id","component_id")
);
--> statement-breakpoint
ALTER TABLE "agency_aliases" ADD CONSTRAINT "agency_aliases_agency_id_agencies_id_fk" FOREIGN KEY ("agency_id") REFERENCES "public"."agencies"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "agency_aliases" ADD CONSTRAINT "agency_aliases_created_by_id_users_id_fk" FOREIGN KEY ("created_by_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "component_rules" ADD CONSTRAINT "component_rules_component_id_components_id_fk" FOREIGN KEY ("component_id") REFERENCES "public"."components"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "component_rules" ADD CONSTRAINT "component_rules_created_by_id_users_id_fk" FOREIGN KEY ("created_by_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "emenscr_progress" ADD CONSTRAINT "emenscr_progress_project_id_emenscr_projects_id_fk" FOREIGN KEY ("project_id") REFERENCES "public"."emenscr_projects"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "emenscr_progress" ADD CONSTRAINT "emenscr_progress_period_id_periods_id_fk" FOREIGN KEY ("period_id") REFERENCES "public"."periods"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "emenscr_progress" ADD CONSTRAINT "emenscr_progress_created_batch_id_import_batches_id_fk" FOREIGN KEY ("created_batch_id") REFERENCES "public"."import_batches"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "emenscr_progress" ADD CONSTRAINT "emenscr_progress_batch_id_import_batches_id_fk" FOREIGN KEY ("batch_id") REFERENCES "public"."import_batches"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "emenscr_projects" ADD CONSTRAINT "emenscr_projects_agency_id_agencies_id_fk" FOREIGN KEY ("agency_id") REFERENCES "public"."agencies"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "emenscr_projects" ADD CONSTRAINT "emenscr_projects_created_batch_id_import_batches_id_fk" FOREIGN KEY ("created_batch_id") REFERENCES "public"."import_batches"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "emenscr_projects" ADD CONSTRAINT "emenscr_projects_last_batch_id_import_batches_id_fk" FOREIGN KEY ("last_batch_id") REFERENCES "public"."import_batches"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "import_batches" ADD CONSTRAINT "import_batches_period_id_periods_id_fk" FOREIGN KEY ("period_id") REFERENCES "public"."periods"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "import_batches" ADD CONSTRAINT "import_batches_mapping_profile_id_mapping_profiles_id_fk" FOREIGN KEY ("mapping_profile_id") REFERENCES "public"."mapping_profiles"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "import_batches" ADD CONSTRAINT "import_batches_actor_id_users_id_fk" FOREIGN KEY ("actor_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "import_batches" ADD CONSTRAINT "import_batches_rolled_back_by_id_users_id_fk" FOREIGN KEY ("rolled_back_by_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "import_row_changes" ADD CONSTRAINT "import_row_changes_batch_id_import_batches_id_fk" FOREIGN KEY ("batch_id") REFERENCES "public"."import_batches"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "mapping_profiles" ADD CONSTRAINT "mapping_profiles_created_by_id_users_id_fk" FOREIGN KEY ("created_by_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "project_components" ADD CONSTRAINT "project_components_project_id_emenscr_projects_id_fk" FOREIGN KEY ("project_id") REFERENCES "public"."emenscr_projects"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "project_components" ADD CONSTRAINT "project_components_component_id_components_id_fk" FOREIGN KEY ("component_id") REFERENCES "public"."components"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "project_components" ADD CONSTRAINT "project_components_rule_id_component_rules_id_fk" FOREIGN KEY ("rule_id") REFERENCES "public"."component_rules"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "project_components" ADD CONSTRAINT "project_components_created_by_id_users_id_fk" FOREIGN KEY ("created_by_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "agency_aliases_agency_id_index" ON "agency_aliases" USING btree ("agency_id");--> statement-breakpoint
CREATE INDEX "agency_aliases_created_by_id_index" ON "agency_aliases" USING btree ("created_by_id");--> statement-breakpoint
CREATE INDEX "component_rules_component_id_index" ON "component_rules" USING btree ("component_id");--> statement-breakpoint
CREATE INDEX "component_rules_created_by_id_index" ON "component_rules" USING btree ("created_by_id");--> statement-breakpoint
CREATE INDEX "emenscr_progress_period_id_index" ON "emenscr_progress" USING btree ("period_id");--> statement-breakpoint
CREATE INDEX "emenscr_progress_created_batch_id_index" ON "emenscr_progress" USING btree ("created_batch_id");--> statement-breakpoint
CREATE INDEX "emenscr_progress_batch_id_index" ON "emenscr_progress" USING btree ("batch_id");--> statement-breakpoint
CREATE INDEX "emenscr_projects_agency_id_index" ON "emenscr_projects" USING btree ("agency_id");--> statement-breakpoint
CREATE INDEX "emenscr_projects_created_batch_id_index" ON "emenscr_projects" USING btree ("created_batch_id");--> statement-breakpoint
CREATE INDEX "emenscr_projects_last_batch_id_index" ON "emenscr_projects" USING btree ("last_batch_id");--> statement-breakpoint
CREATE INDEX "emenscr_projects_fiscal_year_index" ON "emenscr_projects" USING btree ("fiscal_year");--> statement-breakpoint
CREATE INDEX "emenscr_projects_raw_agency_name_index" ON "emenscr_projects" USING btree ("raw_agency_name");--> statement-breakpoint
CREATE INDEX "import_batches_file_sha256_index" ON "import_batches" USING btree ("file_sha256");--> statement-breakpoint
CREATE INDEX "import_batches_period_id_index" ON "import_batches" USING btree ("period_id");--> statement-breakpoint
CREATE INDEX "import_batches_mapping_profile_id_index" ON "import_batches" USING btree ("mapping_profile_id");--> statement-breakpoint
CREATE INDEX "import_batches_actor_id_index" ON "import_batches" USING btree ("actor_id");--> statement-breakpoint
CREATE INDEX "import_batches_rolled_back_by_id_index" ON "import_batches" USING btree ("rolled_back_by_id");--> statement-breakpoint
CREATE INDEX "import_batches_created_at_index" ON "import_batches" USING btree ("created_at");--> statement-breakpoint
CREATE INDEX "import_row_changes_batch_id_index" ON "import_row_changes" USING btree ("batch_id");--> statement-breakpoint
CREATE INDEX "import_row_changes_entity_type_entity_id_index" ON "import_row_changes" USING btree ("entity_type","entity_id");--> statement-breakpoint
CREATE INDEX "mapping_profiles_created_by_id_index" ON "mapping_profiles" USING btree ("created_by_id");--> statement-breakpoint
CREATE INDEX "project_components_component_id_index" ON "project_components" USING btree ("component_id");--> statement-breakpoint
CREATE INDEX "project_components_rule_id_index" ON "project_components" USING btree ("rule_id");--> statement-breakpoint
CREATE INDEX "project_components_created_by_id_index" ON "project_components" USING btree ("created_by_id");