-- The flags move the "flags" data version with every statement that writes them, in the writing transaction,
-- as drizzle/0031 does for the catalogue: the national open-flag counts (the overview, read on every page
-- view by DGA roles) are kept in memory per that version, whichever code path wrote the flags.
CREATE OR REPLACE FUNCTION data_versions_bump_flags() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO data_versions (name, version) VALUES ('flags', 1)
  ON CONFLICT (name) DO UPDATE SET version = data_versions.version + 1, changed_at = clock_timestamp();
  RETURN NULL;
END;
$$;
--> statement-breakpoint
CREATE TRIGGER flags_flags_version AFTER INSERT OR UPDATE OR DELETE ON flags
  FOR EACH STATEMENT EXECUTE FUNCTION data_versions_bump_flags();
--> statement-breakpoint
CREATE TRIGGER flags_flags_version_truncate AFTER TRUNCATE ON flags
  FOR EACH STATEMENT EXECUTE FUNCTION data_versions_bump_flags();
