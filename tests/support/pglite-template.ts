// Vitest global setup: the databases every test file starts from, made once per run instead of once per file.
// - PGlite: a migrated, empty database and a migrated one holding the demo data, each dumped to a file that
//   a test file's fresh in-memory database is loaded from (tests/support/databases.ts).
// - PostgreSQL (TEST_DATABASE_URL): a migrated, empty database and one holding the demo data, that test
//   files copy with CREATE DATABASE … TEMPLATE (a tenth of a second, against seconds to migrate); dropped
//   when the run ends.
// Built from drizzle/ and the seed on each run, so they are never out of date.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { PGlite } from "@electric-sql/pglite";
import { drizzle as drizzlePglite } from "drizzle-orm/pglite";
import { drizzle as drizzlePg } from "drizzle-orm/node-postgres";
import { Client, Pool } from "pg";
import type { TestProject } from "vitest/node";
import type { Database } from "@/db/client";
import { applyMigrations } from "@/db/migrate";
import * as schema from "@/db/schema";
import { seedDemoData } from "@/scripts/seed/seed";

declare module "vitest" {
  export interface ProvidedContext {
    /** A tarball of a migrated, empty embedded database (PGlite's dumpDataDir). */
    pgliteTemplate: string;
    /** The same, holding the demo data. */
    pgliteSeededTemplate: string;
    /** A migrated, empty database on TEST_DATABASE_URL's server, to copy; "" without a server. */
    postgresTemplate: string;
    /** The same, holding the demo data. */
    postgresSeededTemplate: string;
  }
}

async function dumpTo(client: PGlite, file: string): Promise<void> {
  const dump = await client.dumpDataDir("none");
  fs.writeFileSync(file, Buffer.from(await dump.arrayBuffer()));
}

async function adminQuery(serverUrl: string, statement: string): Promise<void> {
  const admin = new Client({ connectionString: serverUrl });
  await admin.connect();
  try {
    await admin.query(statement);
  } finally {
    await admin.end();
  }
}

export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "lamnam-template-"));
  const migrated = path.join(dir, "migrated.tar");
  const seeded = path.join(dir, "seeded.tar");
  const client = new PGlite();
  try {
    const db = drizzlePglite({ client, schema, casing: "snake_case" }) as unknown as Database;
    await applyMigrations(db, "pglite");
    await dumpTo(client, migrated);
    await seedDemoData(db);
    await dumpTo(client, seeded);
  } finally {
    await client.close();
  }
  project.provide("pgliteTemplate", migrated);
  project.provide("pgliteSeededTemplate", seeded);

  const serverUrl = process.env.TEST_DATABASE_URL;
  const postgresTemplate = serverUrl ? `lamnam_migrated_${process.pid}` : "";
  const postgresSeededTemplate = serverUrl ? `lamnam_seeded_${process.pid}` : "";
  if (serverUrl) {
    await adminQuery(serverUrl, `create database "${postgresTemplate}"`);
    const url = new URL(serverUrl);
    url.pathname = `/${postgresTemplate}`;
    const pool = new Pool({ connectionString: url.toString(), max: 2 });
    try {
      await applyMigrations(drizzlePg({ client: pool, schema, casing: "snake_case" }) as unknown as Database, "postgres");
    } finally {
      await pool.end();
    }
    await adminQuery(serverUrl, `create database "${postgresSeededTemplate}" template "${postgresTemplate}"`);
    url.pathname = `/${postgresSeededTemplate}`;
    const seededPool = new Pool({ connectionString: url.toString(), max: 2 });
    try {
      await seedDemoData(drizzlePg({ client: seededPool, schema, casing: "snake_case" }) as unknown as Database);
    } finally {
      await seededPool.end();
    }
  }
  project.provide("postgresTemplate", postgresTemplate);
  project.provide("postgresSeededTemplate", postgresSeededTemplate);

  return async () => {
    fs.rmSync(dir, { recursive: true, force: true });
    if (serverUrl) {
      await adminQuery(serverUrl, `drop database if exists "${postgresSeededTemplate}" with (force)`);
      await adminQuery(serverUrl, `drop database if exists "${postgresTemplate}" with (force)`);
    }
  };
}
