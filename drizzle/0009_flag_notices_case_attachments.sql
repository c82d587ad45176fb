ALTER TYPE "public"."case_event_kind" ADD VALUE 'attachment_added';--> statement-breakpoint
ALTER TYPE "public"."notification_kind" ADD VALUE 'flag_opened';--> statement-breakpoint
ALTER TYPE "public"."notification_kind" ADD VALUE 'case_assigned';--> statement-breakpoint
ALTER TYPE "public"."notification_kind" ADD VALUE 'case_overdue';--> statement-breakpoint
CREATE TABLE "case_attachment_blobs" (
	"attachment_id" integer PRIMARY KEY NOT NULL,
	"content" "bytea" NOT NULL
);
--> statement-breakpoint
CREATE TABLE "case_attachments" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "case_attachments_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"case_id" integer NOT NULL,
	"title" text NOT NULL,
	"file_name" text NOT NULL,
	"mime_type" text NOT NULL,
	"size_bytes" bigint NOT NULL,
	"sha256" text NOT NULL,
	"uploaded_by_id" integer NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "flags" ADD COLUMN "component_id" integer;--> statement-breakpoint
ALTER TABLE "flags" ADD COLUMN "fingerprint" text;--> statement-breakpoint
ALTER TABLE "case_attachment_blobs" ADD CONSTRAINT "case_attachment_blobs_attachment_id_case_attachments_id_fk" FOREIGN KEY ("attachment_id") REFERENCES "public"."case_attachments"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "case_attachments" ADD CONSTRAINT "case_attachments_case_id_follow_up_cases_id_fk" FOREIGN KEY ("case_id") REFERENCES "public"."follow_up_cases"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "case_attachments" ADD CONSTRAINT "case_attachments_uploaded_by_id_users_id_fk" FOREIGN KEY ("uploaded_by_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "case_attachments_case_id_index" ON "case_attachments" USING btree ("case_id");--> statement-breakpoint
CREATE INDEX "case_attachments_uploaded_by_id_index" ON "case_attachments" USING btree ("uploaded_by_id");--> statement-breakpoint
ALTER TABLE "flags" ADD CONSTRAINT "flags_component_id_components_id_fk" FOREIGN KEY ("component_id") REFERENCES "public"."components"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "flags_component_id_index" ON "flags" USING btree ("component_id");