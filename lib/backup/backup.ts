// Backup and restore of Lamnam's database, for both kinds: PostgreSQL with pg_dump/pg_restore (custom
// format) and the embedded PGlite database with its own data-folder dump (a gzipped tar). Both write the
// backup atomically (`<file>.partial`, then renamed) and restore all-or-nothing.
import fs from "node:fs";
import { open, readFile, rename, rm, stat } from "node:fs/promises";
import path from "node:path";
import { PGlite } from "@electric-sql/pglite";
import { Client } from "pg";
import { parseDatabaseUrl, redactUrl, resolvePgliteDir } from "@/db/client";
import { acquireDirLock, releaseDirLock } from "@/db/pglite-lock";
import { BackupError } from "./errors";
import { spawnTool, toolConnection, toolFailure, waitForTool } from "./postgres-tools";

export type DatabaseTarget = { kind: "postgres"; url: string } | { kind: "pglite"; dir: string };
export type BackupKind = DatabaseTarget["kind"];

/** The database the app is configured for: DATABASE_URL, or the embedded one in PGLITE_DIR. */
export function configuredTarget(): DatabaseTarget {
  const url = process.env.DATABASE_URL;
  if (!url) return { kind: "pglite", dir: resolvePgliteDir() };
  parseDatabaseUrl(url);
  return { kind: "postgres", url };
}

export function describeTarget(target: DatabaseTarget): string {
  return target.kind === "postgres" ? `PostgreSQL at ${redactUrl(target.url)}` : `the embedded database at ${target.dir}`;
}

/** Lamnam's schemas: its tables and functions live in public, drizzle keeps the applied migrations, pgboss the job queue. */
const APP_SCHEMAS = ["public", "drizzle", "pgboss"];
const COUNT_APP_TABLES =
  "select count(*)::int as n from pg_class c join pg_namespace n on n.oid = c.relnamespace where c.relkind in ('r', 'p') and n.nspname = any($1)";

export interface BackupResult {
  kind: BackupKind;
  file: string;
  bytes: number;
  ms: number;
}

export async function backupDatabase(target: DatabaseTarget, outFile: string, options: { force?: boolean } = {}): Promise<BackupResult> {
  const started = performance.now();
  const file = path.resolve(outFile);
  if (!options.force && fs.existsSync(file)) {
    throw new BackupError("output_exists", `${file} already exists: choose another file name, or pass --force to replace it.`);
  }
  fs.mkdirSync(path.dirname(file), { recursive: true });
  // A backup cut off half-way must never look like a complete one.
  const partial = `${file}.partial`;
  try {
    if (target.kind === "postgres") await dumpPostgres(target.url, partial);
    else await dumpPglite(target.dir, partial);
    await rename(partial, file);
  } finally {
    await rm(partial, { force: true });
  }
  return { kind: target.kind, file, bytes: (await stat(file)).size, ms: Math.round(performance.now() - started) };
}

async function dumpPostgres(url: string, file: string): Promise<void> {
  const { dbname, env } = toolConnection(url);
  const child = spawnTool("pg_dump", ["--format=custom", `--file=${file}`, `--dbname=${dbname}`], env, { stdin: false, stdout: false });
  const { code, stderr } = await waitForTool(child, "pg_dump");
  if (code !== 0) throw toolFailure("pg_dump", stderr);
}

async function dumpPglite(dir: string, file: string): Promise<void> {
  if (!fs.existsSync(path.join(dir, "PG_VERSION"))) {
    throw new BackupError("tool_failed", `There is no embedded database at ${dir} (PGLITE_DIR) to back up.`);
  }
  await withDirLock(dir, async () => {
    const client = new PGlite(dir);
    try {
      await client.waitReady;
      const dump = await client.dumpDataDir("gzip");
      fs.writeFileSync(file, Buffer.from(await dump.arrayBuffer()));
    } finally {
      await client.close();
    }
  });
}

/** Which database a backup file is for, from its first bytes (pg_dump's custom format or a gzipped tar). */
export async function detectBackupKind(inFile: string): Promise<BackupKind> {
  let head: Buffer;
  try {
    const handle = await open(inFile, "r");
    try {
      head = Buffer.alloc(5);
      const { bytesRead } = await handle.read(head, 0, 5, 0);
      head = head.subarray(0, bytesRead);
    } finally {
      await handle.close();
    }
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    throw new BackupError("file_missing", `Cannot read the backup ${inFile}: ${code === "ENOENT" ? "no such file" : (code ?? (error as Error).message)}.`);
  }
  if (head.toString("latin1") === "PGDMP") return "postgres";
  if (head[0] === 0x1f && head[1] === 0x8b) return "pglite";
  throw new BackupError("file_not_a_backup", `${inFile} is not a Lamnam backup (neither a pg_dump custom-format file nor an embedded-database dump).`);
}

export interface RestoreResult {
  kind: BackupKind;
  /** The database had tables that the restore replaced (only with force). */
  replaced: boolean;
  ms: number;
}

export async function restoreDatabase(target: DatabaseTarget, inFile: string, options: { force?: boolean } = {}): Promise<RestoreResult> {
  const started = performance.now();
  const kind = await detectBackupKind(inFile);
  if (kind !== target.kind) {
    throw new BackupError(
      "file_wrong_kind",
      kind === "postgres"
        ? `${inFile} is a PostgreSQL backup, but the configured database is the embedded one (${target.kind === "pglite" ? target.dir : ""}): set DATABASE_URL to restore it into PostgreSQL.`
        : `${inFile} is an embedded-database backup, but DATABASE_URL points at PostgreSQL: unset DATABASE_URL (and set PGLITE_DIR) to restore it.`,
    );
  }
  const replaced =
    target.kind === "postgres" ? await restorePostgres(target.url, inFile, options.force ?? false) : await restorePglite(target.dir, inFile, options.force ?? false);
  return { kind, replaced, ms: Math.round(performance.now() - started) };
}

function notEmpty(target: DatabaseTarget, tables: number): BackupError {
  return new BackupError(
    "target_not_empty",
    `Cannot restore: ${describeTarget(target)} is not empty (${tables} tables). Restoring replaces everything in it: stop the app, then run again with --force.`,
  );
}

async function countPostgresTables(url: string): Promise<number> {
  const client = new Client({ connectionString: url, connectionTimeoutMillis: Number(process.env.DATABASE_CONNECT_TIMEOUT_MS ?? 5000) });
  await client.connect();
  try {
    const result = await client.query<{ n: number }>(COUNT_APP_TABLES, [APP_SCHEMAS]);
    return result.rows[0]!.n;
  } finally {
    await client.end();
  }
}

/**
 * pg_restore turns the dump into SQL that psql runs in ONE transaction, after dropping Lamnam's schemas
 * when forced. The COMMIT is sent only once pg_restore has read the whole file without error, so a
 * damaged file or a failing statement leaves the database exactly as it was.
 */
async function restorePostgres(url: string, inFile: string, force: boolean): Promise<boolean> {
  const tables = await countPostgresTables(url);
  if (tables > 0 && !force) throw notEmpty({ kind: "postgres", url }, tables);
  const { dbname, env } = toolConnection(url);
  const psql = spawnTool("psql", ["--no-psqlrc", "--quiet", "--set=ON_ERROR_STOP=1", `--dbname=${dbname}`], env, { stdin: true, stdout: false });
  const restore = spawnTool("pg_restore", ["--no-owner", "--file=-", inFile], env, { stdin: false, stdout: true });
  const psqlDone = waitForTool(psql, "psql");
  const restoreDone = waitForTool(restore, "pg_restore");
  // psql stopping first (a failing statement) leaves pg_restore blocked on a pipe nobody reads: end it.
  const endRestore = () => restore.exitCode === null && restore.kill();
  void psqlDone.then(endRestore, endRestore);
  // psql stopping early (an error) closes its input; pg_restore then fails on the pipe, which is expected.
  psql.stdin!.on("error", () => {});
  restore.stdout!.on("error", () => {});
  psql.stdin!.write("BEGIN;\n");
  if (tables > 0) {
    psql.stdin!.write(`${APP_SCHEMAS.map((s) => `DROP SCHEMA IF EXISTS ${s} CASCADE;`).join("\n")}\nCREATE SCHEMA public;\n`);
  }
  restore.stdout!.pipe(psql.stdin!, { end: false });
  let restoreResult: { code: number; stderr: string };
  try {
    restoreResult = await restoreDone;
  } catch (error) {
    psql.stdin!.end();
    await psqlDone.catch(() => undefined);
    throw error;
  }
  // Without COMMIT, psql reaches the end of its input and the open transaction is rolled back.
  psql.stdin!.end(restoreResult.code === 0 ? "COMMIT;\n" : "");
  const psqlResult = await psqlDone;
  if (restoreResult.code !== 0) {
    throw new BackupError("file_not_a_backup", `${inFile} could not be read completely (nothing was restored): ${toolFailure("pg_restore", restoreResult.stderr).message}`);
  }
  if (psqlResult.code !== 0) throw toolFailure("psql (nothing was restored)", psqlResult.stderr);
  return tables > 0;
}

async function restorePglite(dir: string, inFile: string, force: boolean): Promise<boolean> {
  return withDirLock(dir, async () => {
    const tables = await countPgliteTables(dir);
    if (tables > 0 && !force) throw notEmpty({ kind: "pglite", dir }, tables);
    // Load into a sibling folder first; only a dump that opens as a Lamnam database replaces the current one.
    const staging = `${dir}.restoring-${process.pid}`;
    const previous = `${dir}.replaced-${process.pid}`;
    await rm(staging, { recursive: true, force: true });
    try {
      const client = new PGlite(staging, { loadDataDir: new Blob([await readFile(inFile)]) });
      try {
        await client.waitReady;
        const { rows } = await client.query<{ present: boolean }>("select to_regclass('drizzle.__drizzle_migrations') is not null as present");
        if (!rows[0]?.present) throw new BackupError("file_not_a_backup", `${inFile} holds no Lamnam database (no applied migrations).`);
      } finally {
        await client.close();
      }
    } catch (error) {
      await rm(staging, { recursive: true, force: true });
      if (error instanceof BackupError) throw error;
      throw new BackupError("file_not_a_backup", `${inFile} could not be loaded as an embedded database (nothing was restored): ${(error as Error).message}`);
    }
    const existed = fs.existsSync(dir);
    if (existed) await rename(dir, previous);
    await rename(staging, dir);
    if (existed) await rm(previous, { recursive: true, force: true });
    return tables > 0;
  });
}

/** Tables in an embedded database folder; a folder holding anything but a database counts as not empty. */
async function countPgliteTables(dir: string): Promise<number> {
  if (!fs.existsSync(dir) || fs.readdirSync(dir).length === 0) return 0;
  if (!fs.existsSync(path.join(dir, "PG_VERSION"))) {
    throw new BackupError("target_not_empty", `${dir} (PGLITE_DIR) holds files that are not an embedded database: move them away or choose another folder.`);
  }
  const client = new PGlite(dir);
  try {
    const { rows } = await client.query<{ n: number }>(COUNT_APP_TABLES, [APP_SCHEMAS]);
    return rows[0]!.n;
  } finally {
    await client.close();
  }
}

/** The embedded database serves one process: refuse (DatabaseLockedError) while the app holds it. */
async function withDirLock<T>(dir: string, run: () => Promise<T>): Promise<T> {
  acquireDirLock(dir);
  try {
    return await run();
  } finally {
    releaseDirLock(dir);
  }
}
