// Applies pending migrations to DATABASE_URL, or to the embedded database (PGLITE_DIR) when unset.
import {
  closeDb,
  DatabaseConfigError,
  describeDatabaseTarget,
  explainConnectionError,
  getDatabaseKind,
  getDb,
  isConnectionError,
} from "@/db/client";
import { DatabaseLockedError } from "@/db/pglite-lock";
import { WorkerConfigError } from "@/lib/jobs/worker-priority";
import { applyMigrations } from "@/db/migrate";

export async function migrateConfiguredDatabase(): Promise<void> {
  const target = describeDatabaseTarget();
  console.log(`Migrating ${target.kind === "postgres" ? "PostgreSQL" : "embedded database"} at ${target.location} …`);
  await applyMigrations(getDb(), getDatabaseKind());
  console.log("Migrations applied.");
}

/** CLIs end here on failure: known problems in one clear line, anything else with its stack. */
export function reportFatal(error: unknown): never {
  if (error instanceof DatabaseLockedError || error instanceof DatabaseConfigError || error instanceof WorkerConfigError) console.error(`\n✖ ${error.message}\n`);
  else if (isConnectionError(error)) console.error(`\n✖ ${explainConnectionError(error)}\n`);
  else console.error(error);
  process.exit(1);
}

if (import.meta.url === `file://${process.argv[1]}`) {
  migrateConfiguredDatabase()
    .then(() => closeDb())
    .catch(reportFatal);
}
