CREATE TABLE "open_data_releases" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "open_data_releases_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"period_id" integer NOT NULL,
	"dataset" jsonb NOT NULL,
	"sha256" text NOT NULL,
	"published_by_id" integer,
	"published_at" timestamp with time zone DEFAULT now() NOT NULL,
	"withdrawn_by_id" integer,
	"withdrawn_at" timestamp with time zone,
	"withdraw_reason" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "open_data_releases" ADD CONSTRAINT "open_data_releases_period_id_periods_id_fk" FOREIGN KEY ("period_id") REFERENCES "public"."periods"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "open_data_releases" ADD CONSTRAINT "open_data_releases_published_by_id_users_id_fk" FOREIGN KEY ("published_by_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "open_data_releases" ADD CONSTRAINT "open_data_releases_withdrawn_by_id_users_id_fk" FOREIGN KEY ("withdrawn_by_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "open_data_releases_period_idx" ON "open_data_releases" USING btree ("period_id");--> statement-breakpoint
CREATE INDEX "open_data_releases_published_by_idx" ON "open_data_releases" USING btree ("published_by_id");--> statement-breakpoint
CREATE INDEX "open_data_releases_withdrawn_by_idx" ON "open_data_releases" USING btree ("withdrawn_by_id");--> statement-breakpoint
CREATE UNIQUE INDEX "open_data_releases_live_period" ON "open_data_releases" USING btree ("period_id") WHERE "open_data_releases"."withdrawn_at" is null;