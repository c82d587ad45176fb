import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { PGlite } from "@electric-sql/pglite";
import { drizzle } from "drizzle-orm/pglite";
import { Client } from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { useDatabaseForTests, type Database } from "@/db/client";
import { applyMigrations } from "@/db/migrate";
import { acquireDirLock, releaseDirLock } from "@/db/pglite-lock";
import * as schema from "@/db/schema";
import { seedDemoData } from "@/scripts/seed/seed";
import { SYSTEM_ACTOR } from "@/core/auth/actor";
import { backupDatabase, restoreDatabase, type DatabaseTarget } from "@/lib/backup/backup";
import { BackupError } from "@/lib/backup/errors";
import { commitImport } from "@/lib/emenscr/import-service";
import { generateSyntheticExport } from "@/scripts/generators/emenscr-synthetic";
import { runScript } from "../support/child-processes";
import { createTestDatabase, type TestDatabase } from "../support/databases";
import { fingerprintDatabase, type SqlRunner } from "../support/fingerprint";

const repo = path.resolve(__dirname, "../..");
let work: string;

beforeAll(() => {
  work = fs.mkdtempSync(path.join(os.tmpdir(), "lamnam-backup-"));
});
afterAll(() => {
  fs.rmSync(work, { recursive: true, force: true });
});

/**
 * The demo data plus one eMENSCR import, so projects, progress, batches and the facts they feed are filled
 * too. The services write through the database the caller routed them to (useDatabaseForTests).
 */
async function populate(db: Database): Promise<void> {
  await seedDemoData(db);
  const bytes = await generateSyntheticExport({ rows: 150, format: "csv" });
  const summary = await commitImport(SYSTEM_ACTOR, { fileName: "demo.csv", bytes, periodCode: "2570Q1" });
  expect(summary.outcome).toBe("committed");
}

async function withPglite<T>(dir: string, run: (client: PGlite) => Promise<T>): Promise<T> {
  const client = new PGlite(dir);
  try {
    return await run(client);
  } finally {
    await client.close();
  }
}

async function withPostgres<T>(url: string, run: (client: SqlRunner) => Promise<T>): Promise<T> {
  const client = new Client({ connectionString: url });
  await client.connect();
  try {
    return await run(client);
  } finally {
    await client.end();
  }
}

/** The backup CLI, to its end, in one node process (ended with the test if the test fails first). */
function runCli(args: string[], env: Record<string, string>): Promise<{ code: number; stdout: string; stderr: string }> {
  return runScript("scripts/backup.ts", args, { env: { DATABASE_URL: "", ...env } });
}

/** Sanity of the comparison itself: the demo data must actually be in it. */
function expectDemoContent(fingerprint: Awaited<ReturnType<typeof fingerprintDatabase>>) {
  for (const table of ["agencies", "users", "indicator_facts", "submissions", "audit_log", "emenscr_projects", "import_batches"]) {
    expect(fingerprint.tables[table]?.rows, table).toBeGreaterThan(0);
  }
  expect(Object.keys(fingerprint.tables).length).toBeGreaterThan(40);
}

describe("backup and restore [pglite]", () => {
  let source: string;
  let original: Awaited<ReturnType<typeof fingerprintDatabase>>;

  beforeAll(async () => {
    source = path.join(work, "pglite-source");
    const client = new PGlite(source);
    const db = drizzle({ client, schema, casing: "snake_case" }) as unknown as Database;
    await applyMigrations(db, "pglite");
    useDatabaseForTests(db, "pglite");
    await populate(db);
    original = await fingerprintDatabase(client);
    await client.close();
    expectDemoContent(original);
  });

  it("restores the dump into a fresh folder: every table's rows and content hash, and every sequence, equal", async () => {
    const file = path.join(work, "pglite.tar.gz");
    const backup = await backupDatabase({ kind: "pglite", dir: source }, file);
    expect(backup.bytes).toBeGreaterThan(1000);
    expect(fs.existsSync(`${file}.partial`)).toBe(false);

    const fresh = path.join(work, "pglite-fresh");
    const restored = await restoreDatabase({ kind: "pglite", dir: fresh }, file);
    expect(restored.replaced).toBe(false);
    expect(await withPglite(fresh, (c) => fingerprintDatabase(c))).toEqual(original);
  });

  it("refuses to overwrite a database that is not empty; --force replaces it whole", async () => {
    const file = path.join(work, "pglite.tar.gz");
    const target: DatabaseTarget = { kind: "pglite", dir: path.join(work, "pglite-fresh") };
    await withPglite(target.dir, (c) => c.exec("insert into agencies (code, name_th, name_en, type) values ('99999', 'ทดสอบ', 'Test', 'department')"));
    const changed = await withPglite(target.dir, (c) => fingerprintDatabase(c));
    expect(changed.tables.agencies).not.toEqual(original.tables.agencies);

    const refusal = await restoreDatabase(target, file).catch((e: unknown) => e);
    expect(refusal).toBeInstanceOf(BackupError);
    expect((refusal as BackupError).reason).toBe("target_not_empty");
    expect(await withPglite(target.dir, (c) => fingerprintDatabase(c))).toEqual(changed);

    expect((await restoreDatabase(target, file, { force: true })).replaced).toBe(true);
    expect(await withPglite(target.dir, (c) => fingerprintDatabase(c))).toEqual(original);
  });

  it("CLI: exit codes and clear messages (in use by the app, not empty, not a backup, done)", async () => {
    const dir = path.join(work, "pglite-fresh");
    const file = path.join(work, "pglite.tar.gz");
    acquireDirLock(dir); // as the running app does
    try {
      const locked = await runCli(["backup", "--out", path.join(work, "never.tar.gz")], { PGLITE_DIR: dir });
      expect(locked.code).toBe(1);
      expect(locked.stderr).toContain(`in use by another process (pid ${process.pid}`);
      expect(fs.existsSync(path.join(work, "never.tar.gz"))).toBe(false);
    } finally {
      releaseDirLock(dir);
    }
    const notEmpty = await runCli(["restore", "--in", file], { PGLITE_DIR: dir });
    expect(notEmpty.code).toBe(1);
    expect(notEmpty.stderr).toMatch(/is not empty \(\d+ tables\).*--force/);

    const notBackup = await runCli(["restore", "--in", path.join(repo, "package.json"), "--force"], { PGLITE_DIR: dir });
    expect(notBackup.code).toBe(2);
    expect(notBackup.stderr).toContain("is not a Lamnam backup");

    const forced = await runCli(["restore", "--in", file, "--force"], { PGLITE_DIR: dir });
    expect(forced.code).toBe(0);
    expect(forced.stdout).toContain("previous contents were replaced");
  });
});

describe.runIf(process.env.TEST_DATABASE_URL)("backup and restore [postgres]", () => {
  let source: TestDatabase;
  let fresh: TestDatabase | undefined;
  let freshUrl: string;
  let original: Awaited<ReturnType<typeof fingerprintDatabase>>;

  beforeAll(async () => {
    source = await createTestDatabase("postgres");
    useDatabaseForTests(source.db, "postgres");
    await populate(source.db);
    original = await withPostgres(source.url!, (c) => fingerprintDatabase(c));
    expectDemoContent(original);
    // A fresh database is an empty one: created, not migrated.
    fresh = await createTestDatabase("postgres");
    freshUrl = fresh.url!;
    await withPostgres(freshUrl, (c) => c.query("drop schema public cascade; drop schema drizzle cascade; drop schema pgboss cascade; create schema public"));
  });
  afterAll(async () => {
    await source?.dispose();
    await fresh?.dispose();
  });

  it("restores pg_dump's custom format into a fresh database: every table's rows and content hash, and every sequence, equal", async () => {
    const file = path.join(work, "postgres.dump");
    await backupDatabase({ kind: "postgres", url: source.url! }, file);
    expect(fs.readFileSync(file).subarray(0, 5).toString()).toBe("PGDMP");
    const restored = await restoreDatabase({ kind: "postgres", url: freshUrl }, file);
    expect(restored.replaced).toBe(false);
    expect(await withPostgres(freshUrl, (c) => fingerprintDatabase(c))).toEqual(original);
  });

  it("refuses to overwrite a database that is not empty; a damaged file changes nothing; --force replaces it whole", async () => {
    const file = path.join(work, "postgres.dump");
    const target: DatabaseTarget = { kind: "postgres", url: freshUrl };
    await withPostgres(freshUrl, (c) => c.query("insert into agencies (code, name_th, name_en, type) values ('99999', 'ทดสอบ', 'Test', 'department')"));
    const changed = await withPostgres(freshUrl, (c) => fingerprintDatabase(c));

    const refusal = await restoreDatabase(target, file).catch((e: unknown) => e);
    expect((refusal as BackupError).reason).toBe("target_not_empty");

    // Cut off half-way: pg_restore fails part-way through, and the open transaction is rolled back.
    const damaged = path.join(work, "damaged.dump");
    const bytes = fs.readFileSync(file);
    fs.writeFileSync(damaged, bytes.subarray(0, Math.floor(bytes.length / 2)));
    const failure = await restoreDatabase(target, damaged, { force: true }).catch((e: unknown) => e);
    expect((failure as BackupError).reason).toBe("file_not_a_backup");
    expect(await withPostgres(freshUrl, (c) => fingerprintDatabase(c))).toEqual(changed);

    expect((await restoreDatabase(target, file, { force: true })).replaced).toBe(true);
    expect(await withPostgres(freshUrl, (c) => fingerprintDatabase(c))).toEqual(original);
  });

  it("a backup of one kind is refused by the other, naming the variable to change", async () => {
    const refusal = await restoreDatabase({ kind: "pglite", dir: path.join(work, "never") }, path.join(work, "postgres.dump")).catch((e: unknown) => e);
    expect((refusal as BackupError).reason).toBe("file_wrong_kind");
    expect((refusal as BackupError).message).toContain("set DATABASE_URL");
  });
});
