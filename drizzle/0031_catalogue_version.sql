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
DO $$
DECLARE catalogue_table text;
BEGIN
  FOREACH catalogue_table IN ARRAY ARRAY['components', 'component_elements', 'services', 'indicators', 'agencies',
    'agency_components', 'sroi_assessments', 'periods']
  LOOP
    EXECUTE format('CREATE TRIGGER %I AFTER INSERT OR UPDATE OR DELETE ON %I FOR EACH STATEMENT EXECUTE FUNCTION data_versions_bump_catalogue()',
      catalogue_table || '_catalogue_version', catalogue_table);
    EXECUTE format('CREATE TRIGGER %I AFTER TRUNCATE ON %I FOR EACH STATEMENT EXECUTE FUNCTION data_versions_bump_catalogue()',
      catalogue_table || '_catalogue_version_truncate', catalogue_table);
  END LOOP;
END;
$$;
