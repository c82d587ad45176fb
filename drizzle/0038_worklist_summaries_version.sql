-- The worklist's per-agency summaries move the "flags" data version too, in the writing transaction: the
-- scored national worklist is kept in memory per that version, and a summary can change (an agency's eMENSCR
-- budget, its nearest ministry) in an evaluation that leaves every flag as it was.
CREATE TRIGGER agency_flag_summaries_flags_version AFTER INSERT OR UPDATE OR DELETE ON agency_flag_summaries
  FOR EACH STATEMENT EXECUTE FUNCTION data_versions_bump_flags();
--> statement-breakpoint
CREATE TRIGGER agency_flag_summaries_flags_version_truncate AFTER TRUNCATE ON agency_flag_summaries
  FOR EACH STATEMENT EXECUTE FUNCTION data_versions_bump_flags();
