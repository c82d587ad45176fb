// Database helpers shared by Vitest suites and Playwright specs (so: no test-runner imports here).
import { PGlite } from "@electric-sql/pglite";
import { Client } from "pg";
import { acquireDirLock, releaseDirLock } from "@/db/pglite-lock";

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
