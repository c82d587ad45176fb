import { createWriteStream, readFileSync, rmSync } from "node:fs";
import { mkdir } from "node:fs/promises";
import path from "node:path";
import type { Browser, Page } from "@playwright/test";
import { Pool } from "pg";
import { lockPathFor } from "../../db/pglite-lock";
import { startChild, waitForHttp, waitForOutput, type Child } from "../../tests/support/child-processes";
import { ignoreTerminationAtTeardown, runOnServer, withPgliteFolder } from "../../tests/support/database-tools";
import { generateSyntheticExport } from "../../scripts/generators/emenscr-synthetic";
import { fingerprintDatabase, type DatabaseFingerprint, type SqlRunner } from "../../tests/support/fingerprint";
import { waitUntil } from "../../tests/support/wait";
import { signIn as signInOverHttp } from "../../scripts/bench/app-server";
import { E2E_BASE_PORT, E2E_NEXTAUTH_SECRET } from "../support/env";
import { seedDatabase } from "../support/seed";
import { DEMO, expect, signIn, test } from "../support/fixtures";

// Crash safety of the app server itself: the production build, killed with SIGKILL in the middle of an
// eMENSCR import's commit (streamed by /api/imports/commit) and of a submission approval (a server action
// clicked in the browser), keeps the whole change or none of it; restarted, the import simply runs again
// and the approval goes through. On the embedded database (the dead server's lock is taken over by the
// next) and on PostgreSQL when TEST_DATABASE_URL is set. Each database is this spec's own.

const port = Number(process.env.E2E_CRASH_PORT ?? E2E_BASE_PORT + 2);
const baseURL = `http://localhost:${port}`;
const root = path.resolve(import.meta.dirname, "../..");
/** Large enough that the commit streams several progress events before it ends. */
const ROWS = 12_000;
const KILL_AT_ROWS = ROWS * 0.3;
const PERIOD = "2570Q1";
const APP_NAME = "lamnam-crash-server";
/** Revenue Department's midstream self-assessment waits for DGA in the demo data. */
const SUBMISSION = { agency: "02003", period: "2570Q1", component: "midstream" };
const IMPORT_TABLES = ["emenscr_projects", "emenscr_progress", "import_batches", "indicator_facts"];
/** A safety net only: every wait is on the server's log, its health check or the database's state. */
const SPEC_TIMEOUT = 20 * 60_000;

/** One database as this spec sees it, and how the app server is pointed at it. */
interface World {
  kind: "pglite" | "postgres";
  env: Record<string, string>;
  /** Runs SQL from the test (on PGlite only while no server holds the folder). */
  withDb<T>(run: (db: SqlRunner) => Promise<T>): Promise<T>;
  /** Proves, where the database lets us look, that the server's transaction is open (in that statement). */
  transactionOpen(statementPrefix?: string): Promise<void>;
  /** What the dead server left behind, as the next process finds it. */
  afterKill(pid: number): Promise<void>;
  dispose(): Promise<void>;
}

async function pgliteWorld(): Promise<World> {
  const dir = path.join(root, ".data", `e2e-crash-pglite-${port}`);
  rmSync(dir, { recursive: true, force: true });
  rmSync(lockPathFor(dir), { force: true });
  const env = { DATABASE_URL: "", PGLITE_DIR: dir };
  await seedDatabase(env);
  return {
    kind: "pglite",
    env,
    withDb: (run) => withPgliteFolder(dir, run),
    // No other process may open the folder while the server runs: the server's own progress says enough.
    transactionOpen: async () => {},
    afterKill: async (pid) => {
      expect(JSON.parse(readFileSync(lockPathFor(dir), "utf8")).pid, "the killed server could not remove its lock").toBe(pid);
    },
    dispose: async () => rmSync(dir, { recursive: true, force: true }),
  };
}

async function postgresWorld(serverUrl: string): Promise<World> {
  const name = `lamnam_e2e_crash_${port}`;
  const admin = (statement: string) => runOnServer(serverUrl, statement);
  await admin(`drop database if exists "${name}" with (force)`);
  await admin(`create database "${name}"`);
  // Without this, a session whose client died mid-statement notices only when that statement ends.
  await admin(`alter database "${name}" set client_connection_check_interval = '250ms'`);
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  const pool = new Pool({ connectionString: url.toString(), max: 2 });
  ignoreTerminationAtTeardown(pool);
  url.searchParams.set("application_name", APP_NAME);
  const env = { DATABASE_URL: url.toString() };
  await seedDatabase(env);
  const serverSessions = async (where: string, params: unknown[] = []) =>
    (await pool.query<{ n: number }>(`select count(*)::int as n from pg_stat_activity where datname = current_database() and application_name = $1 ${where}`, [APP_NAME, ...params])).rows[0]!.n;
  return {
    kind: "postgres",
    env,
    withDb: (run) => run(pool),
    transactionOpen: (statementPrefix) =>
      waitUntil("the server's transaction was not seen open", async () =>
        statementPrefix
          ? (await serverSessions("and backend_xid is not null and state = 'active' and query like $2", [`${statementPrefix}%`])) > 0
          : (await serverSessions("and backend_xid is not null")) > 0,
      ),
    // PostgreSQL ends the dead server's sessions and rolls their transactions back.
    afterKill: () => waitUntil("the killed server's sessions are still open", async () => (await serverSessions("")) === 0),
    dispose: async () => {
      await pool.end();
      await admin(`drop database if exists "${name}" with (force)`);
    },
  };
}

/** The production build on this world's database, its JSON log lines collected. */
class AppServer {
  private constructor(private readonly child: Child) {}

  static async start(world: World, label: string): Promise<AppServer> {
    if (await fetch(`${baseURL}/api/health`).then((r) => r.ok, () => false)) throw new Error(`port ${port} is taken; set E2E_CRASH_PORT to a free port`);
    await mkdir(path.join(root, "test-results"), { recursive: true });
    const child = startChild(path.join(root, "node_modules/.bin/next"), ["start", "-p", String(port)], {
      env: { ...world.env, NEXTAUTH_URL: baseURL, NEXTAUTH_SECRET: E2E_NEXTAUTH_SECRET, LOG_LEVEL: "debug", LOG_FORMAT: "json" },
      log: createWriteStream(path.join(root, "test-results", `crash-server-${world.kind}-${label}.log`)),
    });
    await waitForHttp(child, `${baseURL}/api/health`);
    return new AppServer(child);
  }

  get pid(): number {
    return this.child.pid;
  }

  /** Lines of its log so far, a marker for statementsSince and statementStarted. */
  get logLines(): number {
    return this.child.lines.stdout.length;
  }

  /** The SQL statements the server has started since line `from` of its log. */
  statementsSince(from: number): string[] {
    return this.child.lines.stdout
      .slice(from)
      .map(statementOf)
      .filter((s): s is string => s !== null);
  }

  /** Waits until the server starts a statement beginning with `prefix`, after line `from` of its log. */
  async statementStarted(prefix: string, from: number): Promise<void> {
    await waitForOutput(this.child, (line) => statementOf(line)?.startsWith(prefix) ?? false, { stream: "stdout", skip: from });
  }

  async kill(): Promise<void> {
    await this.child.kill();
  }

  async stop(): Promise<void> {
    await this.child.stop();
  }
}

function statementOf(line: string): string | null {
  try {
    const entry = JSON.parse(line) as { event?: string; statement?: string };
    return entry.event === "db.query" ? entry.statement! : null;
  } catch {
    return null;
  }
}

/** The analyst's session cookie, signed in through next-auth's own endpoints (the bench's sign-in). */
function analystCookie(): Promise<string> {
  return signInOverHttp(baseURL, DEMO.byRole("analyst").email, DEMO.password);
}

type ImportEvent = { type: "progress"; phase: string; rows: number } | { type: "result"; summary: Record<string, unknown> } | { type: "error"; error: string };

/** Commits the export through /api/imports/commit, reading its progress stream; `onEvent` may stop reading. */
async function commitImport(file: Buffer, cookie: string, onEvent: (event: ImportEvent) => Promise<"stop" | void> = async () => {}): Promise<ImportEvent[]> {
  const form = new FormData();
  form.append("file", new Blob([new Uint8Array(file)], { type: "text/csv" }), "emenscr-2570Q1.csv");
  form.append("period", PERIOD);
  // A fresh connection: this spec kills and restarts servers on one port, and a pooled socket of a killed one would reset.
  const response = await fetch(`${baseURL}/api/imports/commit`, { method: "POST", body: form, headers: { cookie, origin: baseURL, connection: "close" } });
  expect(response.status).toBe(200);
  const events: ImportEvent[] = [];
  let pending = "";
  const decoder = new TextDecoder();
  const reader = response.body!.getReader();
  try {
    for (let chunk = await reader.read(); !chunk.done; chunk = await reader.read()) {
      pending += decoder.decode(chunk.value, { stream: true });
      const lines = pending.split("\n");
      pending = lines.pop()!;
      for (const line of lines.filter(Boolean)) {
        const event = JSON.parse(line) as ImportEvent;
        events.push(event);
        if ((await onEvent(event)) === "stop") {
          await reader.cancel().catch(() => undefined);
          return events;
        }
      }
    }
  } catch (error) {
    // The server died under the stream: what the caller asked for (it killed it), reported by the events.
    events.push({ type: "error", error: `connection lost: ${String(error)}` });
  }
  return events;
}

async function analystPage(browser: Browser): Promise<Page> {
  const context = await browser.newContext({ baseURL });
  const page = await context.newPage();
  await signIn(page, DEMO.byRole("analyst").email);
  await page.goto(`/submissions/${SUBMISSION.agency}/${SUBMISSION.period}/${SUBMISSION.component}`);
  return page;
}

interface ApprovalState {
  submission: { status: string; version: number; approved: boolean };
  facts: { n: number; states: string };
  audit: { n: number };
}

async function approvalState(db: SqlRunner): Promise<ApprovalState> {
  const one = async <T>(text: string) => (await db.query(text)).rows[0] as T;
  const target = `(select s.id from submissions s join agencies a on a.id = s.agency_id join periods p on p.id = s.period_id join components c on c.id = s.component_id
    where a.code = '${SUBMISSION.agency}' and p.code = '${SUBMISSION.period}' and c.code = '${SUBMISSION.component}')`;
  return {
    submission: await one(`select status, version, approved_at is not null as approved from submissions where id = ${target}`),
    facts: await one(
      `select count(*)::int as n, string_agg(distinct state::text, ',') as states from indicator_facts
       where source = 'self_assessment' and source_id in (select id from submission_values where submission_id = ${target})`,
    ),
    audit: await one(`select count(*)::int as n from audit_log where entity_type = 'submission' and entity_id = ${target}::text and action = 'submission.approve'`),
  };
}

const rowsOf = (f: DatabaseFingerprint, table: string) => f.tables[table]!.rows;

/**
 * Every table's rows, but for what signing in writes (last sign-in time, its audit entry) and what the
 * e-mail job does at each start (delivers the demo's queued mail): each server is signed in to and
 * delivers before the operation that is killed. The messages themselves still count.
 */
async function dataFingerprint(db: SqlRunner): Promise<DatabaseFingerprint> {
  const found = await fingerprintDatabase(db);
  delete found.tables.users;
  const { rows } = await db.query(
    `select count(*)::int as rows, coalesce(md5(string_agg(t::text, E'\\n' order by t.id)), '') as md5 from audit_log t where action <> 'auth.sign_in'`,
  );
  found.tables.audit_log = rows[0] as DatabaseFingerprint["tables"][string];
  const mail = await db.query(
    `select count(*)::int as rows, coalesce(md5(string_agg(concat_ws('|', t.id, t.to_address, t.subject, t.body), E'\\n' order by t.id)), '') as md5 from email_outbox t`,
  );
  found.tables.email_outbox = mail.rows[0] as DatabaseFingerprint["tables"][string];
  return found;
}

// Test-only pause, in this spec's database alone: the approval's audit entry (written after the status, the
// event and the facts, in the same transaction) waits until the server is killed there (at most 30 minutes,
// should the spec fail first; dropped before the restarted server approves).
const PAUSE_APPROVAL = [
  `create function crash_test_pause() returns trigger language plpgsql as $$
   declare deadline timestamptz := clock_timestamp() + interval '30 minutes';
   begin
     while clock_timestamp() < deadline loop perform pg_sleep(0.05); end loop;
     return new;
   end $$`,
  `create trigger crash_test_pause after insert on audit_log for each row when (new.action = 'submission.approve') execute function crash_test_pause()`,
];
const RESUME_APPROVAL = ["drop trigger crash_test_pause on audit_log", "drop function crash_test_pause()"];

const kinds = process.env.TEST_DATABASE_URL ? (["pglite", "postgres"] as const) : (["pglite"] as const);

test.describe("the app server killed mid-operation", () => {
  test.describe.configure({ mode: "serial" });
  let exportFile: Buffer;

  test.beforeAll(async () => {
    exportFile = Buffer.from(await generateSyntheticExport({ rows: ROWS, format: "csv", periodCode: PERIOD }));
  });

  for (const kind of kinds) {
    test(`[${kind}] a killed import leaves none of it and runs again whole; a killed approval leaves nothing and goes through after`, async ({ browser }) => {
      test.setTimeout(SPEC_TIMEOUT);
      const world = kind === "pglite" ? await pgliteWorld() : await postgresWorld(process.env.TEST_DATABASE_URL!);
      let server: AppServer | undefined;
      try {
        const before = await world.withDb(async (db) => {
          for (const statement of PAUSE_APPROVAL) await db.query(statement);
          return { fingerprint: await dataFingerprint(db), approval: await approvalState(db) };
        });
        expect(before.approval.submission.status).toBe("submitted");
        expect(before.approval.facts.states).toBe("provisional");

        // ── 1. The server dies while the import's transaction is writing rows ──────────────────────────
        server = await AppServer.start(world, "import");
        let killedAt = 0;
        const killedServer = server;
        const events = await commitImport(exportFile, await analystCookie(), async (event) => {
          if (event.type !== "progress" || event.phase !== "write" || event.rows < KILL_AT_ROWS) return;
          await world.transactionOpen();
          killedAt = event.rows;
          await killedServer.kill();
          return "stop";
        });
        expect(killedAt, `the import was killed while writing (events: ${JSON.stringify(events.slice(-3))})`).toBeGreaterThanOrEqual(KILL_AT_ROWS);
        expect(killedAt).toBeLessThan(ROWS);
        expect(events.some((e) => e.type === "result")).toBe(false);
        await world.afterKill(server.pid);
        const afterImportKill = await world.withDb(dataFingerprint);
        for (const table of IMPORT_TABLES) expect(rowsOf(afterImportKill, table), table).toBe(rowsOf(before.fingerprint, table));
        // None of it, anywhere (sequences may have moved on; they are not data).
        expect(afterImportKill.tables).toEqual(before.fingerprint.tables);

        // ── 2. The server dies inside the approval's transaction, after status, event and facts ────────
        server = await AppServer.start(world, "approval");
        const page = await analystPage(browser);
        const from = server.logLines;
        await page.getByRole("button", { name: "อนุมัติ" }).click();
        await server.statementStarted('insert into "audit_log"', from);
        const statements = server.statementsSince(from);
        for (const started of ['update "submissions"', 'insert into "submission_events"', 'insert into "indicator_facts"']) {
          expect(statements.some((s) => s.startsWith(started)), `the approval got as far as ${started}`).toBe(true);
        }
        await world.transactionOpen('insert into "audit_log"');
        await server.kill();
        await page.context().close();
        await world.afterKill(server.pid);
        const afterApprovalKill = await world.withDb(async (db) => {
          const found = { fingerprint: await dataFingerprint(db), approval: await approvalState(db) };
          for (const statement of RESUME_APPROVAL) await db.query(statement);
          return found;
        });
        expect(afterApprovalKill.approval).toEqual(before.approval);
        expect(afterApprovalKill.fingerprint.tables).toEqual(before.fingerprint.tables);

        // ── 3. Restarted: the import runs again whole, a third run changes nothing, the approval goes through
        server = await AppServer.start(world, "rerun");
        const cookie = await analystCookie();
        const rerun = (await commitImport(exportFile, cookie)).find((e) => e.type === "result");
        expect(rerun?.summary).toMatchObject({ outcome: "committed", rows: ROWS, inserted: ROWS, updated: 0, invalid: 0 });
        const third = (await commitImport(exportFile, cookie)).find((e) => e.type === "result");
        expect(third?.summary).toMatchObject({ outcome: "unchanged", inserted: 0, updated: 0, unchanged: ROWS });

        const again = await analystPage(browser);
        await again.getByRole("button", { name: "อนุมัติ" }).click();
        await expect(again.locator(".page-header .tag").first()).toHaveText("อนุมัติแล้ว");
        await again.context().close();
        await server.stop();

        const after = await world.withDb(async (db) => ({ fingerprint: await dataFingerprint(db), approval: await approvalState(db) }));
        expect(rowsOf(after.fingerprint, "emenscr_projects")).toBe(rowsOf(before.fingerprint, "emenscr_projects") + ROWS);
        expect(rowsOf(after.fingerprint, "emenscr_progress")).toBe(rowsOf(before.fingerprint, "emenscr_progress") + ROWS);
        expect(rowsOf(after.fingerprint, "import_batches")).toBe(rowsOf(before.fingerprint, "import_batches") + 1);
        expect(after.approval).toEqual({
          submission: { status: "approved", version: before.approval.submission.version + 1, approved: true },
          facts: { n: before.approval.facts.n, states: "approved" },
          audit: { n: before.approval.audit.n + 1 },
        });
      } finally {
        await server?.stop();
        await world.dispose();
      }
    });
  }
});
