// Vitest global setup: one embedded database migrated once per run, dumped to a file that every test
// file's fresh database is loaded from (tests/support/databases.ts) instead of running initdb and the
// migrations again. Built from drizzle/ on each run, so it is never out of date.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { PGlite } from "@electric-sql/pglite";
import { drizzle } from "drizzle-orm/pglite";
import type { TestProject } from "vitest/node";
import type { Database } from "@/db/client";
import { applyMigrations } from "@/db/migrate";
import * as schema from "@/db/schema";

declare module "vitest" {
  export interface ProvidedContext {
    /** A tarball of a migrated, empty embedded database (PGlite's dumpDataDir). */
    pgliteTemplate: string;
  }
}

export default async function setup(project: TestProject): Promise<() => void> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "lamnam-template-"));
  const file = path.join(dir, "migrated.tar");
  const client = new PGlite();
  try {
    await applyMigrations(drizzle({ client, schema, casing: "snake_case" }) as unknown as Database, "pglite");
    const dump = await client.dumpDataDir("none");
    fs.writeFileSync(file, Buffer.from(await dump.arrayBuffer()));
  } finally {
    await client.close();
  }
  project.provide("pgliteTemplate", file);
  return () => fs.rmSync(dir, { recursive: true, force: true });
}
