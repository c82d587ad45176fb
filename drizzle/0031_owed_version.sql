-- Which agencies owe which figures (db/queries/owed-figures.ts, expectedFactsSql) depends on these tables
-- alone. Every statement that can change it moves the "owed" data version in its own transaction, so a
-- count kept in memory (the owers sharing a summed national target) is keyed by it and is never stale,
-- whichever code path, import or script wrote the rows.
CREATE OR REPLACE FUNCTION data_versions_bump_owed() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO data_versions (name, version) VALUES ('owed', 1)
  ON CONFLICT (name) DO UPDATE SET version = data_versions.version + 1, changed_at = clock_timestamp();
  RETURN NULL;
END;
$$;
--> statement-breakpoint
INSERT INTO data_versions (name, version) VALUES ('owed', 1)
ON CONFLICT (name) DO UPDATE SET version = data_versions.version + 1, changed_at = clock_timestamp();
--> statement-breakpoint
CREATE TRIGGER agencies_owed_version AFTER INSERT OR DELETE OR UPDATE OF active, type ON agencies
  FOR EACH STATEMENT EXECUTE FUNCTION data_versions_bump_owed();
--> statement-breakpoint
CREATE TRIGGER agencies_owed_version_truncate AFTER TRUNCATE ON agencies
  FOR EACH STATEMENT EXECUTE FUNCTION data_versions_bump_owed();
--> statement-breakpoint
CREATE TRIGGER agency_components_owed_version AFTER INSERT OR DELETE OR UPDATE OF agency_id, component_id ON agency_components
  FOR EACH STATEMENT EXECUTE FUNCTION data_versions_bump_owed();
--> statement-breakpoint
CREATE TRIGGER agency_components_owed_version_truncate AFTER TRUNCATE ON agency_components
  FOR EACH STATEMENT EXECUTE FUNCTION data_versions_bump_owed();
--> statement-breakpoint
CREATE TRIGGER indicators_owed_version AFTER INSERT OR DELETE OR UPDATE OF component_id, active, aggregation, service_id, code ON indicators
  FOR EACH STATEMENT EXECUTE FUNCTION data_versions_bump_owed();
--> statement-breakpoint
CREATE TRIGGER indicators_owed_version_truncate AFTER TRUNCATE ON indicators
  FOR EACH STATEMENT EXECUTE FUNCTION data_versions_bump_owed();
--> statement-breakpoint
CREATE TRIGGER services_owed_version AFTER INSERT OR DELETE OR UPDATE OF owner_agency_id ON services
  FOR EACH STATEMENT EXECUTE FUNCTION data_versions_bump_owed();
--> statement-breakpoint
CREATE TRIGGER services_owed_version_truncate AFTER TRUNCATE ON services
  FOR EACH STATEMENT EXECUTE FUNCTION data_versions_bump_owed();
--> statement-breakpoint
CREATE TRIGGER sroi_assessments_owed_version AFTER INSERT OR DELETE OR UPDATE OF agency_id ON sroi_assessments
  FOR EACH STATEMENT EXECUTE FUNCTION data_versions_bump_owed();
--> statement-breakpoint
CREATE TRIGGER sroi_assessments_owed_version_truncate AFTER TRUNCATE ON sroi_assessments
  FOR EACH STATEMENT EXECUTE FUNCTION data_versions_bump_owed();
