-- Two more tables whose reads are kept in memory per "catalogue" data version, so every write of them
-- moves that version, as drizzle/0031 does for the other catalogue tables:
-- - indicator_versions: the definition a period's figures are made under (indicator_period_definitions, a
--   view over indicators, periods and indicator_versions; lib/facts/read/figures.ts);
-- - app_meta: whether this is the demo database (db/queries/meta.ts; written by setup and the seed only).
CREATE TRIGGER indicator_versions_catalogue_version AFTER INSERT OR UPDATE OR DELETE ON indicator_versions
  FOR EACH STATEMENT EXECUTE FUNCTION data_versions_bump_catalogue();
--> statement-breakpoint
CREATE TRIGGER indicator_versions_catalogue_version_truncate AFTER TRUNCATE ON indicator_versions
  FOR EACH STATEMENT EXECUTE FUNCTION data_versions_bump_catalogue();
--> statement-breakpoint
CREATE TRIGGER app_meta_catalogue_version AFTER INSERT OR UPDATE OR DELETE ON app_meta
  FOR EACH STATEMENT EXECUTE FUNCTION data_versions_bump_catalogue();
--> statement-breakpoint
CREATE TRIGGER app_meta_catalogue_version_truncate AFTER TRUNCATE ON app_meta
  FOR EACH STATEMENT EXECUTE FUNCTION data_versions_bump_catalogue();
