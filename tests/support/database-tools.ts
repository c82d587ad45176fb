// Database helpers shared by Vitest suites and Playwright specs (so: no test-runner imports here).
import { PGlite } from "@electric-sql/pglite";
import { Client, type Pool } from "pg";
import { acquireDirLock, releaseDirLock } from "@/db/pglite-lock";

/**
 * A pool whose database the test drops "with (force)" at its end: pool.end() resolves before its clients'
 * connections have closed, and a client still closing then receives FATAL 57P01. That is the teardown, not a
 * failure; any other error of an idle client still is.
 */
export function ignoreTerminationAtTeardown(pool: Pool): void {
  pool.on("error", (error) => {
    if ((error as { code?: string }).code !== "57P01") throw error;
  });
}

/** Runs one statement on a PostgreSQL server's URL (create/drop database and the like). */
export async function runOnServer(serverUrl: string, statement: string): Promise<void> {
  const client = new Client({ connectionString: serverUrl });
  await client.connect();
  try {
    await client.query(statement);
  } finally {
    await client.end();
  }
}

/** Opens an embedded database folder as every process must (taking its lock, stale or free), runs, closes. */
export async function withPgliteFolder<T>(dir: string, run: (client: PGlite) => Promise<T>): Promise<T> {
  acquireDirLock(dir);
  const client = new PGlite(dir);
  try {
    return await run(client);
  } finally {
    await client.close();
    releaseDirLock(dir);
  }
}
