import { PGlite } from "@electric-sql/pglite";
import { drizzle as drizzlePglite } from "drizzle-orm/pglite";
import { drizzle as drizzlePg } from "drizzle-orm/node-postgres";
import { Client } from "pg";
import fs from "node:fs";
import { afterAll, beforeAll, describe, inject } from "vitest";
import { createPostgresPool, useDatabaseForTests, type Database, type DatabaseKind } from "@/db/client";
import { applyMigrations } from "@/db/migrate";
import * as schema from "@/db/schema";
import { seedDemoData } from "@/scripts/seed/seed";
import { ignoreTerminationAtTeardown } from "./database-tools";

export interface TestDatabase {
  kind: DatabaseKind;
  db: Database;
  /** The database's own URL (PostgreSQL only), for tools and child processes. */
  url?: string;
  dispose: () => Promise<void>;
}

export interface TestDatabaseOptions {
  /** false: without any table (as `npm run setup` finds a new production database). */
  migrate?: boolean;
  /** true: holding the demo data (a copy of the run's seeded template, tests/support/pglite-template.ts). */
  seeded?: boolean;
}

/**
 * A fresh, migrated database, empty or with the demo data: in-memory PGlite, or a new database on
 * TEST_DATABASE_URL's server.
 */
export async function createTestDatabase(kind: DatabaseKind, options: TestDatabaseOptions = {}): Promise<TestDatabase> {
  const migrate = options.migrate ?? true;
  const seeded = options.seeded ?? false;
  if (kind === "pglite" && !migrate) {
    const client = new PGlite();
    return { kind, db: drizzlePglite({ client, schema, casing: "snake_case" }) as unknown as Database, dispose: () => client.close() };
  }
  if (kind === "pglite") {
    // A copy of the run's template (tests/support/pglite-template.ts), or migrated (and seeded) here without one.
    const template = inject(seeded ? "pgliteSeededTemplate" : "pgliteTemplate");
    const client = template ? new PGlite({ loadDataDir: new Blob([fs.readFileSync(template)]) }) : new PGlite();
    const db = drizzlePglite({ client, schema, casing: "snake_case" }) as unknown as Database;
    if (!template) {
      await applyMigrations(db, "pglite");
      if (seeded) await seedDemoData(db);
    }
    return { kind, db, dispose: () => client.close() };
  }
  const serverUrl = process.env.TEST_DATABASE_URL;
  if (!serverUrl) throw new Error("TEST_DATABASE_URL is not set");
  const name = `lamnam_test_${process.pid}_${Math.random().toString(36).slice(2, 10)}`;
  const admin = new Client({ connectionString: serverUrl });
  await admin.connect();
  const template = seeded ? inject("postgresSeededTemplate") : migrate ? inject("postgresTemplate") : "";
  await admin.query(template ? `create database "${name}" template "${template}"` : `create database "${name}"`);
  await admin.end();
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  // The app's own pool, so that every test on PostgreSQL also goes through its named statements.
  const pool = createPostgresPool(url.toString(), { DATABASE_POOL_MAX: "5" });
  ignoreTerminationAtTeardown(pool);
  const db = drizzlePg({ client: pool, schema, casing: "snake_case" });
  if (migrate && !template) await applyMigrations(db, "postgres");
  if (seeded && !template) await seedDemoData(db);
  return {
    kind,
    db,
    url: url.toString(),
    dispose: async () => {
      await pool.end();
      const cleanup = new Client({ connectionString: serverUrl });
      await cleanup.connect();
      await cleanup.query(`drop database if exists "${name}" with (force)`);
      await cleanup.end();
    },
  };
}

export const DATABASE_KINDS: DatabaseKind[] = process.env.TEST_DATABASE_URL ? ["pglite", "postgres"] : ["pglite"];

/**
 * Runs the suite once per database kind (PGlite always; PostgreSQL when TEST_DATABASE_URL is set),
 * each on its own fresh database that every service of the process uses through getDb().
 */
export function describeEachDatabase(
  name: string,
  suite: (ctx: { db: () => Database; kind: DatabaseKind }) => void,
  options: Pick<TestDatabaseOptions, "seeded"> = {},
): void {
  for (const kind of DATABASE_KINDS) {
    describe(`${name} [${kind}]`, () => {
      let current: TestDatabase | undefined;
      beforeAll(async () => {
        current = await createTestDatabase(kind, options);
        useDatabaseForTests(current.db, kind);
      });
      afterAll(async () => {
        await current?.dispose();
      });
      suite({ db: () => current!.db, kind });
    });
  }
}
