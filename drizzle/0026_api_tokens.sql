CREATE TYPE "public"."api_token_scope" AS ENUM('national', 'ministry', 'agency');--> statement-breakpoint
ALTER TYPE "public"."fact_source" ADD VALUE 'api';--> statement-breakpoint
CREATE TABLE "api_figure_posts" (
	"id" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "api_figure_posts_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"token_id" integer NOT NULL,
	"client_key" text NOT NULL,
	"agency_id" integer NOT NULL,
	"period_id" integer NOT NULL,
	"indicator_id" integer NOT NULL,
	"value" numeric(20, 4) NOT NULL,
	"reason" text,
	"needs_confirmation" boolean NOT NULL,
	"fact_id" bigint,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "api_figure_posts_token_key" UNIQUE("token_id","client_key")
);
--> statement-breakpoint
CREATE TABLE "api_tokens" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "api_tokens_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"name" text NOT NULL,
	"scope" "api_token_scope" NOT NULL,
	"agency_id" integer,
	"can_write" boolean DEFAULT false NOT NULL,
	"token_hash" text NOT NULL,
	"prefix" text NOT NULL,
	"rate_limit_per_minute" integer NOT NULL,
	"expires_at" timestamp with time zone NOT NULL,
	"revoked_at" timestamp with time zone,
	"revoked_by_id" integer,
	"last_used_at" timestamp with time zone,
	"created_by_id" integer,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "api_tokens_tokenHash_unique" UNIQUE("token_hash"),
	CONSTRAINT "api_tokens_scope_agency" CHECK (("api_tokens"."scope" = 'national') = ("api_tokens"."agency_id" is null)),
	CONSTRAINT "api_tokens_rate_positive" CHECK ("api_tokens"."rate_limit_per_minute" > 0)
);
--> statement-breakpoint
ALTER TABLE "api_figure_posts" ADD CONSTRAINT "api_figure_posts_token_id_api_tokens_id_fk" FOREIGN KEY ("token_id") REFERENCES "public"."api_tokens"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "api_figure_posts" ADD CONSTRAINT "api_figure_posts_agency_id_agencies_id_fk" FOREIGN KEY ("agency_id") REFERENCES "public"."agencies"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "api_figure_posts" ADD CONSTRAINT "api_figure_posts_period_id_periods_id_fk" FOREIGN KEY ("period_id") REFERENCES "public"."periods"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "api_figure_posts" ADD CONSTRAINT "api_figure_posts_indicator_id_indicators_id_fk" FOREIGN KEY ("indicator_id") REFERENCES "public"."indicators"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "api_figure_posts" ADD CONSTRAINT "api_figure_posts_fact_id_indicator_facts_id_fk" FOREIGN KEY ("fact_id") REFERENCES "public"."indicator_facts"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "api_tokens" ADD CONSTRAINT "api_tokens_agency_id_agencies_id_fk" FOREIGN KEY ("agency_id") REFERENCES "public"."agencies"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "api_tokens" ADD CONSTRAINT "api_tokens_revoked_by_id_users_id_fk" FOREIGN KEY ("revoked_by_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "api_tokens" ADD CONSTRAINT "api_tokens_created_by_id_users_id_fk" FOREIGN KEY ("created_by_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "api_figure_posts_agency_id_period_id_index" ON "api_figure_posts" USING btree ("agency_id","period_id");--> statement-breakpoint
CREATE INDEX "api_figure_posts_indicator_id_index" ON "api_figure_posts" USING btree ("indicator_id");--> statement-breakpoint
CREATE INDEX "api_figure_posts_period_id_index" ON "api_figure_posts" USING btree ("period_id");--> statement-breakpoint
CREATE INDEX "api_figure_posts_fact_id_index" ON "api_figure_posts" USING btree ("fact_id");--> statement-breakpoint
CREATE INDEX "api_tokens_agency_id_index" ON "api_tokens" USING btree ("agency_id");--> statement-breakpoint
CREATE INDEX "api_tokens_created_by_id_index" ON "api_tokens" USING btree ("created_by_id");--> statement-breakpoint
CREATE INDEX "api_tokens_revoked_by_id_index" ON "api_tokens" USING btree ("revoked_by_id");