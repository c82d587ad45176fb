-- The catalogue (components, their elements and services, indicators, agencies and their component tags,
-- the agencies with SROI inputs, and the periods) moves the "catalogue" data version with every statement
-- that writes it, in the writing transaction. Reads of it kept in memory (who owes which figures, the
-- components with their counts, a component's detail, the dashboards' filter choices) are keyed by that
-- version: whichever code path, import or script wrote the rows, the next read sees them.
CREATE OR REPLACE FUNCTION data_versions_bump_catalogue() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO data_versions (name, version) VALUES ('catalogue', 1)
  ON CONFLICT (name) DO UPDATE SET version = data_versions.version + 1, changed_at = clock_timestamp();
  RETURN NULL;
END;
$$;
--> statement-breakpoint
INSERT INTO data_versions (name, version) VALUES ('catalogue', 1)
ON CONFLICT (name) DO UPDATE SET version = data_versions.version + 1, changed_at = clock_timestamp();
--> statement-breakpoint
CREATE TRIGGER components_catalogue_version AFTER INSERT OR UPDATE OR DELETE ON components
  FOR EACH STATEMENT EXECUTE FUNCTION data_versions_bump_catalogue();
--> statement-breakpoint
CREATE TRIGGER components_catalogue_version_truncate AFTER TRUNCATE ON components
  FOR EACH STATEMENT EXECUTE FUNCTION data_versions_bump_catalogue();
--> statement-breakpoint
CREATE TRIGGER component_elements_catalogue_version AFTER INSERT OR UPDATE OR DELETE ON component_elements
  FOR EACH STATEMENT EXECUTE FUNCTION data_versions_bump_catalogue();
--> statement-breakpoint
CREATE TRIGGER component_elements_catalogue_version_truncate AFTER TRUNCATE ON component_elements
  FOR EACH STATEMENT EXECUTE FUNCTION data_versions_bump_catalogue();
--> statement-breakpoint
CREATE TRIGGER services_catalogue_version AFTER INSERT OR UPDATE OR DELETE ON services
  FOR EACH STATEMENT EXECUTE FUNCTION data_versions_bump_catalogue();
--> statement-breakpoint
CREATE TRIGGER services_catalogue_version_truncate AFTER TRUNCATE ON services
  FOR EACH STATEMENT EXECUTE FUNCTION data_versions_bump_catalogue();
--> statement-breakpoint
CREATE TRIGGER indicators_catalogue_version AFTER INSERT OR UPDATE OR DELETE ON indicators
  FOR EACH STATEMENT EXECUTE FUNCTION data_versions_bump_catalogue();
--> statement-breakpoint
CREATE TRIGGER indicators_catalogue_version_truncate AFTER TRUNCATE ON indicators
  FOR EACH STATEMENT EXECUTE FUNCTION data_versions_bump_catalogue();
--> statement-breakpoint
CREATE TRIGGER agencies_catalogue_version AFTER INSERT OR UPDATE OR DELETE ON agencies
  FOR EACH STATEMENT EXECUTE FUNCTION data_versions_bump_catalogue();
--> statement-breakpoint
CREATE TRIGGER agencies_catalogue_version_truncate AFTER TRUNCATE ON agencies
  FOR EACH STATEMENT EXECUTE FUNCTION data_versions_bump_catalogue();
--> statement-breakpoint
CREATE TRIGGER agency_components_catalogue_version AFTER INSERT OR UPDATE OR DELETE ON agency_components
  FOR EACH STATEMENT EXECUTE FUNCTION data_versions_bump_catalogue();
--> statement-breakpoint
CREATE TRIGGER agency_components_catalogue_version_truncate AFTER TRUNCATE ON agency_components
  FOR EACH STATEMENT EXECUTE FUNCTION data_versions_bump_catalogue();
--> statement-breakpoint
CREATE TRIGGER sroi_assessments_catalogue_version AFTER INSERT OR UPDATE OR DELETE ON sroi_assessments
  FOR EACH STATEMENT EXECUTE FUNCTION data_versions_bump_catalogue();
--> statement-breakpoint
CREATE TRIGGER sroi_assessments_catalogue_version_truncate AFTER TRUNCATE ON sroi_assessments
  FOR EACH STATEMENT EXECUTE FUNCTION data_versions_bump_catalogue();
--> statement-breakpoint
CREATE TRIGGER periods_catalogue_version AFTER INSERT OR UPDATE OR DELETE ON periods
  FOR EACH STATEMENT EXECUTE FUNCTION data_versions_bump_catalogue();
--> statement-breakpoint
CREATE TRIGGER periods_catalogue_version_truncate AFTER TRUNCATE ON periods
  FOR EACH STATEMENT EXECUTE FUNCTION data_versions_bump_catalogue();
