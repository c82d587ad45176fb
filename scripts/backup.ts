// Backs up or restores the configured database: PostgreSQL (DATABASE_URL) with pg_dump/pg_restore in the
// custom format, or the embedded database (PGLITE_DIR) as a dump of its data folder.
//
//   npm run db:backup -- --out <file> [--force]      (--force replaces an existing file)
//   npm run db:restore -- --in <file> [--force]      (--force replaces a database that is not empty)
//
// Exit codes: 0 done; 1 refused (the database is not empty, the output file exists, or the embedded
// database is in use by the running app); 2 the backup file is unusable (missing, not a backup, for the
// other kind of database, damaged); 3 anything else (bad arguments, database unreachable, pg_dump/psql
// missing or failing).
import { parseArgs } from "node:util";
import { DatabaseConfigError, explainConnectionError, isConnectionError } from "@/db/client";
import { DatabaseLockedError } from "@/db/pglite-lock";
import { backupDatabase, configuredTarget, describeTarget, restoreDatabase } from "@/lib/backup/backup";
import { BackupError } from "@/lib/backup/errors";

const USAGE = {
  backup: "Usage: npm run db:backup -- --out <file> [--force]",
  restore: "Usage: npm run db:restore -- --in <file> [--force]",
};

async function main(argv: string[]): Promise<number> {
  const mode = argv[0];
  if (mode !== "backup" && mode !== "restore") {
    console.error(`✖ Unknown mode ${mode ?? "(none)"}.\n${USAGE.backup}\n${USAGE.restore}`);
    return 3;
  }
  let values;
  try {
    ({ values } = parseArgs({
      args: argv.slice(1),
      options: { out: { type: "string" }, in: { type: "string" }, force: { type: "boolean", default: false } },
    }));
  } catch (error) {
    console.error(`✖ ${(error as Error).message}\n${USAGE[mode]}`);
    return 3;
  }
  const file = mode === "backup" ? values.out : values.in;
  if (!file) {
    console.error(`✖ ${mode === "backup" ? "--out" : "--in"} is required.\n${USAGE[mode]}`);
    return 3;
  }

  try {
    const target = configuredTarget();
    if (mode === "backup") {
      const result = await backupDatabase(target, file, { force: values.force });
      console.log(`✔ Backed up ${describeTarget(target)} to ${result.file} (${formatBytes(result.bytes)}) in ${(result.ms / 1000).toFixed(1)} s.`);
    } else {
      const result = await restoreDatabase(target, file, { force: values.force });
      console.log(`✔ Restored ${file} into ${describeTarget(target)}${result.replaced ? " (its previous contents were replaced)" : ""} in ${(result.ms / 1000).toFixed(1)} s.`);
      console.log("  Run `npm run db:migrate` before starting the app: a backup from an older version gets the newer migrations.");
    }
    return 0;
  } catch (error) {
    if (error instanceof BackupError) {
      console.error(`✖ ${error.message}`);
      return error.exitCode;
    }
    if (error instanceof DatabaseLockedError) {
      console.error(`✖ ${error.message}`);
      return 1;
    }
    if (error instanceof DatabaseConfigError) console.error(`✖ ${error.message}`);
    else if (isConnectionError(error)) console.error(`✖ ${explainConnectionError(error)}`);
    else console.error(error);
    return 3;
  }
}

function formatBytes(bytes: number): string {
  return bytes >= 1024 * 1024 ? `${(bytes / 1024 / 1024).toFixed(1)} MB` : `${Math.ceil(bytes / 1024)} KB`;
}

main(process.argv.slice(2)).then((code) => process.exit(code));
