CREATE TYPE "public"."agency_type" AS ENUM('ministry', 'department', 'public_organization', 'state_enterprise', 'independent_agency', 'local_administration', 'other');--> statement-breakpoint
CREATE TYPE "public"."aggregation" AS ENUM('sum', 'mean', 'weighted_mean', 'latest');--> statement-breakpoint
CREATE TYPE "public"."component_group" AS ENUM('value_chain', 'enabler');--> statement-breakpoint
CREATE TYPE "public"."dga_role" AS ENUM('leader', 'doer', 'follower', 'connector');--> statement-breakpoint
CREATE TYPE "public"."indicator_direction" AS ENUM('higher', 'lower');--> statement-breakpoint
CREATE TYPE "public"."indicator_source" AS ENUM('self_assessment', 'emenscr', 'derived');--> statement-breakpoint
CREATE TYPE "public"."locale" AS ENUM('th', 'en');--> statement-breakpoint
CREATE TYPE "public"."period_status" AS ENUM('open', 'closed');--> statement-breakpoint
CREATE TYPE "public"."role" AS ENUM('admin', 'analyst', 'executive', 'agency_head', 'agency_officer');--> statement-breakpoint
CREATE TYPE "public"."service_channel" AS ENUM('G2C', 'G2B', 'G2G');--> statement-breakpoint
CREATE TYPE "public"."value_type" AS ENUM('number', 'percent', 'boolean', 'level', 'text');--> statement-breakpoint
CREATE TABLE "agencies" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "agencies_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"code" text NOT NULL,
	"name_th" text NOT NULL,
	"name_en" text NOT NULL,
	"abbr_th" text,
	"abbr_en" text,
	"type" "agency_type" NOT NULL,
	"parent_id" integer,
	"province" text,
	"active" boolean DEFAULT true NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "agencies_code_unique" UNIQUE("code")
);
--> statement-breakpoint
CREATE TABLE "agency_components" (
	"agency_id" integer NOT NULL,
	"component_id" integer NOT NULL,
	"dga_role" "dga_role" NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "agency_components_agency_id_component_id_pk" PRIMARY KEY("agency_id","component_id")
);
--> statement-breakpoint
CREATE TABLE "component_elements" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "component_elements_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"component_id" integer NOT NULL,
	"code" text NOT NULL,
	"ordinal" integer NOT NULL,
	"name_th" text NOT NULL,
	"name_en" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "component_elements_code_unique" UNIQUE("code")
);
--> statement-breakpoint
CREATE TABLE "components" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "components_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"code" text NOT NULL,
	"ordinal" integer NOT NULL,
	"group" "component_group" NOT NULL,
	"name_th" text NOT NULL,
	"name_en" text NOT NULL,
	"description_th" text NOT NULL,
	"description_en" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "components_code_unique" UNIQUE("code")
);
--> statement-breakpoint
CREATE TABLE "services" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "services_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"code" text NOT NULL,
	"component_id" integer NOT NULL,
	"element_id" integer,
	"owner_agency_id" integer NOT NULL,
	"channel" "service_channel" NOT NULL,
	"name_th" text NOT NULL,
	"name_en" text NOT NULL,
	"description_th" text,
	"description_en" text,
	"url" text,
	"active" boolean DEFAULT true NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "services_code_unique" UNIQUE("code"),
	CONSTRAINT "services_componentId_nameEn_unique" UNIQUE("component_id","name_en")
);
--> statement-breakpoint
CREATE TABLE "sign_in_throttle" (
	"key" text PRIMARY KEY NOT NULL,
	"failures" integer DEFAULT 0 NOT NULL,
	"window_started_at" timestamp with time zone DEFAULT now() NOT NULL,
	"locked_until" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "users" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "users_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"email" text NOT NULL,
	"name" text NOT NULL,
	"password_hash" text,
	"role" "role" NOT NULL,
	"agency_id" integer,
	"locale" "locale" DEFAULT 'th' NOT NULL,
	"active" boolean DEFAULT true NOT NULL,
	"session_version" integer DEFAULT 1 NOT NULL,
	"last_sign_in_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "users_agency_role_has_agency" CHECK ("users"."role" not in ('agency_head', 'agency_officer') or "users"."agency_id" is not null)
);
--> statement-breakpoint
CREATE TABLE "indicators" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "indicators_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"code" text NOT NULL,
	"component_id" integer NOT NULL,
	"service_id" integer,
	"ordinal" integer DEFAULT 0 NOT NULL,
	"name_th" text NOT NULL,
	"name_en" text NOT NULL,
	"definition_th" text NOT NULL,
	"definition_en" text NOT NULL,
	"unit_th" text NOT NULL,
	"unit_en" text NOT NULL,
	"direction" "indicator_direction" DEFAULT 'higher' NOT NULL,
	"value_type" "value_type" NOT NULL,
	"aggregation" "aggregation" DEFAULT 'mean' NOT NULL,
	"weight" numeric(6, 3) DEFAULT '1' NOT NULL,
	"source" "indicator_source" NOT NULL,
	"active" boolean DEFAULT true NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "indicators_code_unique" UNIQUE("code")
);
--> statement-breakpoint
CREATE TABLE "periods" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "periods_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"code" text NOT NULL,
	"fiscal_year" integer NOT NULL,
	"quarter" integer NOT NULL,
	"starts_on" date NOT NULL,
	"ends_on" date NOT NULL,
	"due_on" date NOT NULL,
	"status" "period_status" DEFAULT 'open' NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "periods_code_unique" UNIQUE("code"),
	CONSTRAINT "periods_fiscalYear_quarter_unique" UNIQUE("fiscal_year","quarter"),
	CONSTRAINT "periods_quarter_range" CHECK ("periods"."quarter" between 1 and 4),
	CONSTRAINT "periods_dates_ordered" CHECK ("periods"."starts_on" <= "periods"."ends_on")
);
--> statement-breakpoint
CREATE TABLE "targets" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "targets_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"indicator_id" integer NOT NULL,
	"period_id" integer NOT NULL,
	"agency_id" integer,
	"value" numeric(20, 4) NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "targets_indicator_period_agency" UNIQUE NULLS NOT DISTINCT("indicator_id","period_id","agency_id")
);
--> statement-breakpoint
CREATE TABLE "sroi_assessments" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "sroi_assessments_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"agency_id" integer NOT NULL,
	"fiscal_year" integer NOT NULL,
	"investment" numeric(20, 2) NOT NULL,
	"discount_rate" numeric(6, 4) NOT NULL,
	"note_th" text,
	"note_en" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "sroi_assessments_agencyId_fiscalYear_unique" UNIQUE("agency_id","fiscal_year")
);
--> statement-breakpoint
CREATE TABLE "sroi_outcomes" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "sroi_outcomes_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"assessment_id" integer NOT NULL,
	"ordinal" integer NOT NULL,
	"stakeholder_th" text NOT NULL,
	"stakeholder_en" text NOT NULL,
	"outcome_th" text NOT NULL,
	"outcome_en" text NOT NULL,
	"quantity" numeric(20, 2) NOT NULL,
	"financial_proxy" numeric(20, 2) NOT NULL,
	"deadweight" numeric(5, 4) NOT NULL,
	"attribution" numeric(5, 4) NOT NULL,
	"displacement" numeric(5, 4) NOT NULL,
	"drop_off" numeric(5, 4) NOT NULL,
	"duration_years" integer NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "audit_log" (
	"id" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "audit_log_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"actor_id" integer,
	"actor_label" text NOT NULL,
	"action" text NOT NULL,
	"entity_type" text NOT NULL,
	"entity_id" text,
	"before" jsonb,
	"after" jsonb,
	"at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "app_meta" (
	"key" text PRIMARY KEY NOT NULL,
	"value" jsonb NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "agencies" ADD CONSTRAINT "agencies_parent_id_agencies_id_fk" FOREIGN KEY ("parent_id") REFERENCES "public"."agencies"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "agency_components" ADD CONSTRAINT "agency_components_agency_id_agencies_id_fk" FOREIGN KEY ("agency_id") REFERENCES "public"."agencies"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "agency_components" ADD CONSTRAINT "agency_components_component_id_components_id_fk" FOREIGN KEY ("component_id") REFERENCES "public"."components"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "component_elements" ADD CONSTRAINT "component_elements_component_id_components_id_fk" FOREIGN KEY ("component_id") REFERENCES "public"."components"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "services" ADD CONSTRAINT "services_component_id_components_id_fk" FOREIGN KEY ("component_id") REFERENCES "public"."components"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "services" ADD CONSTRAINT "services_element_id_component_elements_id_fk" FOREIGN KEY ("element_id") REFERENCES "public"."component_elements"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "services" ADD CONSTRAINT "services_owner_agency_id_agencies_id_fk" FOREIGN KEY ("owner_agency_id") REFERENCES "public"."agencies"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "users" ADD CONSTRAINT "users_agency_id_agencies_id_fk" FOREIGN KEY ("agency_id") REFERENCES "public"."agencies"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "indicators" ADD CONSTRAINT "indicators_component_id_components_id_fk" FOREIGN KEY ("component_id") REFERENCES "public"."components"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "indicators" ADD CONSTRAINT "indicators_service_id_services_id_fk" FOREIGN KEY ("service_id") REFERENCES "public"."services"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "targets" ADD CONSTRAINT "targets_indicator_id_indicators_id_fk" FOREIGN KEY ("indicator_id") REFERENCES "public"."indicators"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "targets" ADD CONSTRAINT "targets_period_id_periods_id_fk" FOREIGN KEY ("period_id") REFERENCES "public"."periods"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "targets" ADD CONSTRAINT "targets_agency_id_agencies_id_fk" FOREIGN KEY ("agency_id") REFERENCES "public"."agencies"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "sroi_assessments" ADD CONSTRAINT "sroi_assessments_agency_id_agencies_id_fk" FOREIGN KEY ("agency_id") REFERENCES "public"."agencies"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "sroi_outcomes" ADD CONSTRAINT "sroi_outcomes_assessment_id_sroi_assessments_id_fk" FOREIGN KEY ("assessment_id") REFERENCES "public"."sroi_assessments"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "audit_log" ADD CONSTRAINT "audit_log_actor_id_users_id_fk" FOREIGN KEY ("actor_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "agencies_parent_id_index" ON "agencies" USING btree ("parent_id");--> statement-breakpoint
CREATE INDEX "agencies_type_index" ON "agencies" USING btree ("type");--> statement-breakpoint
CREATE INDEX "agency_components_component_id_index" ON "agency_components" USING btree ("component_id");--> statement-breakpoint
CREATE INDEX "component_elements_component_id_index" ON "component_elements" USING btree ("component_id");--> statement-breakpoint
CREATE INDEX "services_component_id_index" ON "services" USING btree ("component_id");--> statement-breakpoint
CREATE INDEX "services_element_id_index" ON "services" USING btree ("element_id");--> statement-breakpoint
CREATE INDEX "services_owner_agency_id_index" ON "services" USING btree ("owner_agency_id");--> statement-breakpoint
CREATE UNIQUE INDEX "users_email_lower_idx" ON "users" USING btree (lower("email"));--> statement-breakpoint
CREATE INDEX "users_agency_id_index" ON "users" USING btree ("agency_id");--> statement-breakpoint
CREATE INDEX "users_role_index" ON "users" USING btree ("role");--> statement-breakpoint
CREATE INDEX "indicators_component_id_index" ON "indicators" USING btree ("component_id");--> statement-breakpoint
CREATE INDEX "indicators_service_id_index" ON "indicators" USING btree ("service_id");--> statement-breakpoint
CREATE INDEX "targets_period_id_index" ON "targets" USING btree ("period_id");--> statement-breakpoint
CREATE INDEX "targets_agency_id_index" ON "targets" USING btree ("agency_id");--> statement-breakpoint
CREATE INDEX "sroi_outcomes_assessment_id_index" ON "sroi_outcomes" USING btree ("assessment_id");--> statement-breakpoint
CREATE INDEX "audit_log_actor_id_index" ON "audit_log" USING btree ("actor_id");--> statement-breakpoint
CREATE INDEX "audit_log_entity_type_entity_id_index" ON "audit_log" USING btree ("entity_type","entity_id");--> statement-breakpoint
CREATE INDEX "audit_log_at_index" ON "audit_log" USING btree ("at");