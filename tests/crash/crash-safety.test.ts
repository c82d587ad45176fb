// Crash safety: a process killed with SIGKILL in the middle of a write leaves the database with the whole
// change or none of it, and the next process simply runs again — on the embedded database (whose lock file
// the dead process leaves behind) and on PostgreSQL (TEST_DATABASE_URL).
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { PGlite } from "@electric-sql/pglite";
import { drizzle } from "drizzle-orm/pglite";
import { Pool } from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Database, DatabaseKind } from "@/db/client";
import { applyMigrations } from "@/db/migrate";
import { acquireDirLock, lockPathFor, releaseDirLock } from "@/db/pglite-lock";
import * as schema from "@/db/schema";
import { seedDemoData } from "@/scripts/seed/seed";
import { generateSyntheticExport } from "@/scripts/generators/emenscr-synthetic";
import { startScript, waitForOutput, type Child } from "../support/child-processes";
import { createTestDatabase, DATABASE_KINDS } from "../support/databases";
import { withPgliteFolder } from "../support/database-tools";
import { fingerprintDatabase, type DatabaseFingerprint, type SqlRunner } from "../support/fingerprint";
import { waitUntil } from "../support/wait";

/** Large enough that the commit takes seconds (a progress line per 1,000 rows written), small enough for CI. */
const ROWS = 8000;
const KILL_AT_ROWS = ROWS * 0.4;
const CHILD_APP_NAME = "lamnam-crash-child";
/**
 * A safety net only (each wait is on the child's output or the database's state): three child
 * processes that each open the database and import 8,000 rows can take minutes on a busy machine.
 */
const CRASH_TEST_TIMEOUT = 15 * 60_000;

let work: string;
let exportFile: string;

beforeAll(async () => {
  work = fs.mkdtempSync(path.join(os.tmpdir(), "lamnam-crash-"));
  exportFile = path.join(work, "emenscr.csv");
  fs.writeFileSync(exportFile, await generateSyntheticExport({ rows: ROWS, format: "csv", periodCode: "2570Q1" }));
});
afterAll(() => {
  fs.rmSync(work, { recursive: true, force: true });
});

interface ChildResult {
  pid: number;
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
}

const resultOf = async (child: Child): Promise<ChildResult> => ({ pid: child.pid, ...(await child.exited), stdout: child.stdout(), stderr: child.stderr() });

/** Runs a TypeScript entry point to its end, in one node process (see startScript). */
function runNode(script: string, args: string[], env: Record<string, string>): Promise<ChildResult> {
  return resultOf(startScript(script, args, { env }));
}

/**
 * Runs it until a line of its stderr matches (progress lines end with \r), then, once `atKillPoint` has
 * seen the transaction open, kills it with SIGKILL. Fails if it ends before that line.
 */
async function runNodeUntil(
  script: string,
  args: string[],
  env: Record<string, string>,
  options: { imports?: string[]; killWhen: (line: string) => boolean; atKillPoint: (child: Child) => Promise<void> },
): Promise<ChildResult> {
  const child = startScript(script, args, { env, imports: options.imports });
  await waitForOutput(child, options.killWhen, { stream: "stderr" });
  await options.atKillPoint(child);
  await child.kill();
  return resultOf(child);
}

/** One database, as the test and its child processes see it. */
interface World {
  kind: DatabaseKind;
  env: Record<string, string>;
  /** Runs SQL from the test process (on PGlite taking the folder's lock, as every process must). */
  withDb<T>(run: (db: SqlRunner) => Promise<T>): Promise<T>;
  /** At the kill point: proves (where the database lets us look) that the child's transaction is open. */
  atKillPoint(child: Child, statementPrefix: string | null): Promise<void>;
  /** What the dead process left behind, checked as the next process finds it. */
  afterKill(pid: number): Promise<void>;
  dispose(): Promise<void>;
}

async function seed(db: Database, kind: DatabaseKind): Promise<void> {
  await applyMigrations(db, kind);
  await seedDemoData(db);
}

async function pgliteWorld(): Promise<World> {
  const dir = path.join(work, "pglite");
  const withDb = <T>(run: (db: SqlRunner) => Promise<T>) => withPgliteFolder(dir, run);
  await withDb((client) => seed(drizzle({ client: client as PGlite, schema, casing: "snake_case" }) as unknown as Database, "pglite"));
  return {
    kind: "pglite",
    env: { DATABASE_URL: "", PGLITE_DIR: dir },
    withDb,
    // No second process may look into the folder while the child runs: the line it printed is the kill point.
    atKillPoint: async () => {},
    afterKill: async (pid) => {
      const lockFile = lockPathFor(dir);
      expect(JSON.parse(fs.readFileSync(lockFile, "utf8")).pid, "the killed process could not remove its lock").toBe(pid);
      // The next process recognises the lock as stale (its owner is gone) and takes it over.
      acquireDirLock(dir);
      expect(JSON.parse(fs.readFileSync(lockFile, "utf8")).pid).toBe(process.pid);
      releaseDirLock(dir);
      expect(fs.existsSync(lockFile)).toBe(false);
    },
    dispose: async () => {},
  };
}

async function postgresWorld(): Promise<World> {
  const test = await createTestDatabase("postgres");
  await seedDemoData(test.db);
  const pool = new Pool({ connectionString: test.url, max: 2 });
  const url = new URL(test.url!);
  // Without this, a server session whose client died mid-statement notices only when that statement ends.
  await pool.query(`alter database "${url.pathname.slice(1)}" set client_connection_check_interval = '250ms'`);
  url.searchParams.set("application_name", CHILD_APP_NAME);
  const childSessions = async (where: string, params: unknown[] = []) =>
    (await pool.query<{ n: number }>(`select count(*)::int as n from pg_stat_activity where datname = current_database() and application_name = $1 ${where}`, [CHILD_APP_NAME, ...params]))
      .rows[0]!.n;
  return {
    kind: "postgres",
    env: { DATABASE_URL: url.toString() },
    withDb: (run) => run(pool),
    atKillPoint: async (child, statementPrefix) => {
      // The child's transaction has written (it holds a transaction id) and, if given, is inside that statement.
      const where = statementPrefix ? "and backend_xid is not null and state = 'active' and query like $2" : "and backend_xid is not null";
      const params = statementPrefix ? [`${statementPrefix}%`] : [];
      let exited = false;
      void child.exited.finally(() => (exited = true));
      await waitUntil("the child's transaction was not seen open", async () => (await childSessions(where, params)) > 0, {
        gaveUp: () => (exited ? `the child exited first:\n${child.stderr().slice(-2000)}` : undefined),
      });
    },
    // The server ends the dead client's session and rolls its transaction back.
    afterKill: () => waitUntil("the killed child's session is still open", async () => (await childSessions("")) === 0, { intervalMs: 100 }),
    dispose: async () => {
      await pool.end();
      await test.dispose();
    },
  };
}

const tablesOf = (f: DatabaseFingerprint) => f.tables;
const rowsOf = (f: DatabaseFingerprint, table: string) => f.tables[table]!.rows;
const IMPORT_TABLES = ["emenscr_projects", "emenscr_progress", "import_batches", "indicator_facts"];
const SEAM = "./tests/crash/stderr-is-tty.mjs";

for (const kind of DATABASE_KINDS) {
  describe(`crash safety [${kind}]`, () => {
    let world: World;
    beforeAll(async () => {
      world = kind === "pglite" ? await pgliteWorld() : await postgresWorld();
    });
    afterAll(async () => {
      await world?.dispose();
    });

    it("an import killed in the middle of its commit leaves none of it; run again it commits whole; a third run is unchanged", async () => {
      const importArgs = [exportFile, "--period", "2570Q1"];
      const before = await world.withDb((db) => fingerprintDatabase(db));

      const killed = await runNodeUntil("scripts/import-emenscr.ts", importArgs, world.env, {
        imports: [SEAM],
        killWhen: (line) => Number(/^write: (\d+) rows/.exec(line)?.[1] ?? 0) >= KILL_AT_ROWS,
        atKillPoint: (child) => world.atKillPoint(child, null),
      });
      expect(killed.signal, killed.stderr).toBe("SIGKILL");
      expect(killed.stdout).not.toContain("Committed");
      await world.afterKill(killed.pid);

      const afterKill = await world.withDb((db) => fingerprintDatabase(db));
      for (const table of IMPORT_TABLES) expect(rowsOf(afterKill, table), table).toBe(rowsOf(before, table));
      // None of it, anywhere: every table's content is as before (sequences may have moved on; they are not data).
      expect(tablesOf(afterKill)).toEqual(tablesOf(before));

      const rerun = await runNode("scripts/import-emenscr.ts", [...importArgs, "--json"], world.env);
      expect(rerun.code, rerun.stderr).toBe(0);
      expect(JSON.parse(rerun.stdout)).toMatchObject({ outcome: "committed", rows: ROWS, inserted: ROWS, updated: 0, unchanged: 0, invalid: 0 });
      const committed = await world.withDb((db) => fingerprintDatabase(db));
      expect(rowsOf(committed, "emenscr_projects")).toBe(rowsOf(before, "emenscr_projects") + ROWS);
      expect(rowsOf(committed, "emenscr_progress")).toBe(rowsOf(before, "emenscr_progress") + ROWS);
      expect(rowsOf(committed, "import_batches")).toBe(rowsOf(before, "import_batches") + 1);
      expect(committed.tables.indicator_facts).not.toEqual(before.tables.indicator_facts);

      const third = await runNode("scripts/import-emenscr.ts", [...importArgs, "--json"], world.env);
      expect(third.code, third.stderr).toBe(0);
      expect(JSON.parse(third.stdout)).toMatchObject({ outcome: "unchanged", inserted: 0, updated: 0, unchanged: ROWS });
      expect(tablesOf(await world.withDb((db) => fingerprintDatabase(db)))).toEqual(tablesOf(committed));
    }, CRASH_TEST_TIMEOUT);

    it("an approval killed inside its transaction leaves the submission, its facts and the audit log as they were; run again it approves", async () => {
      // Revenue Department's 2570Q1 midstream self-assessment is waiting for DGA in the demo data.
      const target = await world.withDb(async (db) => {
        const { rows } = await db.query(`
          select s.id, s.version, s.status from submissions s
          join agencies a on a.id = s.agency_id join periods p on p.id = s.period_id join components c on c.id = s.component_id
          where a.code = '02003' and p.code = '2570Q1' and c.code = 'midstream'`);
        return rows[0] as { id: number; version: number; status: string };
      });
      expect(target).toMatchObject({ status: "submitted" });
      const state = async (db: SqlRunner) => {
        const one = async <T>(text: string) => (await db.query(text)).rows[0] as T;
        return {
          submission: await one<{ status: string; version: number; approved: boolean }>(`select status, version, approved_at is not null as approved from submissions where id = ${target.id}`),
          facts: await one<{ n: number; states: string }>(
            `select count(*)::int as n, string_agg(distinct state::text, ',') as states from indicator_facts
             where source = 'self_assessment' and source_id in (select id from submission_values where submission_id = ${target.id})`,
          ),
          audit: await one<{ n: number }>(`select count(*)::int as n from audit_log where entity_type = 'submission' and entity_id = '${target.id}' and action = 'submission.approve'`),
          fingerprint: await fingerprintDatabase(db),
        };
      };

      // Test-only pause, in this test database alone: the approval's audit entry (written after the status,
      // the event and the facts, in the same transaction) waits until the child is killed there (at most
      // 30 minutes, should the test fail first; dropped below, before the run that approves).
      const before = await world.withDb(async (db) => {
        await db.query(`
          create function crash_test_pause() returns trigger language plpgsql as $$
          declare deadline timestamptz := clock_timestamp() + interval '30 minutes';
          begin
            while clock_timestamp() < deadline loop perform pg_sleep(0.05); end loop;
            return new;
          end $$`);
        await db.query(`
          create trigger crash_test_pause after insert on audit_log for each row
            when (new.action = 'submission.approve') execute function crash_test_pause()`);
        return state(db);
      });
      expect(before.facts).toEqual({ n: expect.any(Number), states: "provisional" });
      expect(before.facts.n).toBeGreaterThan(0);

      const args = [String(target.id), String(target.version)];
      const killed = await runNodeUntil("tests/crash/approve-submission.ts", args, world.env, {
        killWhen: (line) => line.startsWith('sql: insert into "audit_log"'),
        atKillPoint: (child) => world.atKillPoint(child, 'insert into "audit_log"'),
      });
      expect(killed.signal, killed.stderr).toBe("SIGKILL");
      // It got as far as the status, the event and the facts before it died.
      const log = killed.stderr.slice(killed.stderr.indexOf("approving"));
      for (const statement of ['sql: update "submissions"', 'sql: insert into "submission_events"', 'sql: insert into "indicator_facts"']) {
        expect(log).toContain(statement);
      }
      await world.afterKill(killed.pid);

      const after = await world.withDb(async (db) => {
        const found = await state(db);
        await db.query("drop trigger crash_test_pause on audit_log");
        await db.query("drop function crash_test_pause()");
        return found;
      });
      expect(after.submission).toEqual(before.submission);
      expect(after.facts).toEqual(before.facts);
      expect(after.audit).toEqual(before.audit);
      expect(tablesOf(after.fingerprint)).toEqual(tablesOf(before.fingerprint));

      const rerun = await runNode("tests/crash/approve-submission.ts", args, world.env);
      expect(rerun.code, rerun.stderr).toBe(0);
      expect(JSON.parse(rerun.stdout)).toEqual({ status: "approved", version: target.version + 1 });
      const approved = await world.withDb(state);
      expect(approved.submission).toEqual({ status: "approved", version: target.version + 1, approved: true });
      expect(approved.facts).toEqual({ n: before.facts.n, states: "approved" });
      expect(approved.audit).toEqual({ n: before.audit.n + 1 });
    }, CRASH_TEST_TIMEOUT);
  });
}
