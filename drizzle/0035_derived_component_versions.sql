CREATE TABLE "derived_component_versions" (
	"period_id" integer NOT NULL,
	"component_id" integer NOT NULL,
	"version" bigint DEFAULT 0 NOT NULL,
	"changed_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "derived_component_versions_period_id_component_id_pk" PRIMARY KEY("period_id","component_id")
);
