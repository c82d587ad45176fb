-- Two more tables whose reads are kept in memory per "catalogue" data version, so every write of them
-- moves that version, as drizzle/0031 does for the other catalogue tables:
-- - indicator_versions: the definition a period's figures are made under (indicator_period_definitions, a
--   view over indicators, periods and indicator_versions; lib/facts/read/figures.ts);
-- - app_meta: whether this is the demo database (db/queries/meta.ts; written by setup and the seed only).
DO $$
DECLARE catalogue_table text;
BEGIN
  FOREACH catalogue_table IN ARRAY ARRAY['indicator_versions', 'app_meta']
  LOOP
    EXECUTE format('CREATE TRIGGER %I AFTER INSERT OR UPDATE OR DELETE ON %I FOR EACH STATEMENT EXECUTE FUNCTION data_versions_bump_catalogue()',
      catalogue_table || '_catalogue_version', catalogue_table);
    EXECUTE format('CREATE TRIGGER %I AFTER TRUNCATE ON %I FOR EACH STATEMENT EXECUTE FUNCTION data_versions_bump_catalogue()',
      catalogue_table || '_catalogue_version_truncate', catalogue_table);
  END LOOP;
END;
$$;
