import { sql } from "drizzle-orm";
import { DatabaseLockedError } from "./pglite-lock";
import { DatabaseConfigError, describeDatabaseTarget, explainConnectionError, getDb } from "./client";

/**
 * Opens the database once at server start so that a wrong DATABASE_URL or a locked embedded
 * database is reported in the log, in one clear line, before users arrive. The server keeps running
 * (the health endpoint reports 503) so that a database that comes up later is picked up.
 */
export async function checkStartup(): Promise<void> {
  if (process.env.NODE_ENV === "production" && !process.env.NEXTAUTH_SECRET) {
    console.error(
      "\n✖ NEXTAUTH_SECRET is not set. Lamnam signs sessions with it and will not start without it in production.\n" +
        "  Set it to a long random value, e.g.  NEXTAUTH_SECRET=$(openssl rand -base64 32)\n" +
        "  (npm run demo writes one to .env.local for local use.)\n",
    );
    process.exit(1);
  }
  await checkDatabase();
}

async function checkDatabase(): Promise<void> {
  const target = describeDatabaseTarget();
  try {
    await getDb().execute(sql`select 1`);
    console.log(`[lamnam] database: ${target.kind === "pglite" ? `embedded PGlite at ${target.location}` : target.location}`);
  } catch (error) {
    if (error instanceof DatabaseLockedError || error instanceof DatabaseConfigError) {
      console.error(`\n✖ ${error.message}\n`);
      process.exit(1);
    }
    console.error(`\n✖ ${explainConnectionError(error)}\n`);
  }
}
