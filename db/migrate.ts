import "server-only";
import { readFileSync } from "node:fs";
import path from "node:path";
import { sql } from "drizzle-orm";
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

interface JournalEntry {
  tag: string;
  when: number;
}

/** The migrations this code ships (drizzle/meta/_journal.json), oldest first. */
export function listKnownMigrations(folder: string = MIGRATIONS_FOLDER): JournalEntry[] {
  const journal = JSON.parse(readFileSync(path.join(folder, "meta", "_journal.json"), "utf8")) as { entries: JournalEntry[] };
  return journal.entries.map((e) => ({ tag: e.tag, when: e.when })).sort((a, b) => a.when - b.when);
}

export interface MigrationState {
  /** Tag of the newest migration applied to the database that this code knows; null for an empty database. */
  databaseAt: string | null;
  /** Tag of the newest migration of this code. */
  codeAt: string;
  /** Migrations of this code not yet applied (drizzle applies those newer than the last one applied). */
  pending: string[];
  /** Migrations applied to the database that this code does not know: a newer version of Lamnam ran here. */
  unknown: number;
}

/**
 * Where the database stands against this code's migrations, read from drizzle's own bookkeeping
 * (drizzle.__drizzle_migrations, one row per applied migration, created_at = the journal's `when`).
 */
export async function readMigrationState(db: Database, folder: string = MIGRATIONS_FOLDER): Promise<MigrationState> {
  const known = listKnownMigrations(folder);
  const exists = await db.execute<{ table: string | null }>(sql`select to_regclass('drizzle.__drizzle_migrations')::text as "table"`);
  const applied = exists.rows[0]?.table
    ? (await db.execute<{ created_at: string | number }>(sql`select created_at from drizzle.__drizzle_migrations order by created_at`)).rows.map((r) => Number(r.created_at))
    : [];
  const knownWhen = new Set(known.map((k) => k.when));
  const last = applied.length ? Math.max(...applied) : -Infinity;
  const appliedKnown = known.filter((k) => applied.includes(k.when));
  return {
    databaseAt: appliedKnown.at(-1)?.tag ?? null,
    codeAt: known.at(-1)!.tag,
    pending: known.filter((k) => k.when > last).map((k) => k.tag),
    unknown: applied.filter((when) => !knownWhen.has(when)).length,
  };
}
