import "server-only";
import path from "node:path";
import { migrate as migratePg } from "drizzle-orm/node-postgres/migrator";
import { migrate as migratePglite } from "drizzle-orm/pglite/migrator";
import type { PgliteDatabase } from "drizzle-orm/pglite";
import type { Database, DatabaseKind } from "./client";

export const MIGRATIONS_FOLDER = path.join(/* turbopackIgnore: true */ process.cwd(), "drizzle");

/** Applies every pending migration in drizzle/ (the same files on both databases). */
export async function applyMigrations(db: Database, kind: DatabaseKind): Promise<void> {
  const config = { migrationsFolder: MIGRATIONS_FOLDER };
  if (kind === "pglite") await migratePglite(db as unknown as PgliteDatabase, config);
  else await migratePg(db, config);
}
