// A worker killed in the middle of a job: the job is retried by the next worker and its work is done
// once. PostgreSQL only (TEST_DATABASE_URL): `npm run worker` is the separate worker process of a
// PostgreSQL deployment; on the embedded database the app runs its jobs itself.
import { eq, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { useDatabaseForTests } from "@/db/client";
import { auditLog, reportFiles, reports } from "@/db/schema";
import { JOB_QUEUES, sendJob, stopQueue } from "@/lib/jobs/queue";
import { createReport } from "@/lib/reports/generate";
import { startScript, waitForOutput, type Child } from "../support/child-processes";
import { createTestDatabase, type TestDatabase } from "../support/databases";
import { createAssessmentWorld } from "../support/assessment-fixtures";
import { waitUntil } from "../support/wait";

const WORKER_KILL_TIMEOUT = 15 * 60_000;

describe.skipIf(!process.env.TEST_DATABASE_URL)("a worker killed mid-job [postgres]", () => {
  let database: TestDatabase;
  beforeAll(async () => {
    database = await createTestDatabase("postgres");
    useDatabaseForTests(database.db, "postgres");
  });
  afterAll(async () => {
    await stopQueue();
    await database?.dispose();
  });

  const startWorker = (): Child =>
    startScript("scripts/worker.ts", [], { env: { DATABASE_URL: database.url!, JOB_MAINTENANCE_SECONDS: "1", LOG_LEVEL: "info" } });

  it("leaves its job to be retried by the next worker, which finishes it once", { timeout: WORKER_KILL_TIMEOUT }, async () => {
    const db = database.db;
    const w = await createAssessmentWorld(db);
    const { id } = await createReport(w.actors.analyst, { period: w.period.code, scope: "national", format: "csv", locale: "th" });
    // Test-only: the report's file insert waits, so the worker is caught inside its job's last transaction.
    await db.execute(sql.raw(`
      create function worker_kill_pause() returns trigger language plpgsql as $$ begin perform pg_sleep(1800); return new; end $$;
      create trigger worker_kill_pause before insert on report_files for each row execute function worker_kill_pause();`));
    // A short expiry: the job of a worker that stopped answering is retried after seconds, not minutes.
    await sendJob(JOB_QUEUES.reportGenerate, { reportId: id }, { singletonKey: `report:${id}`, expireInSeconds: 3 });

    const first = startWorker();
    await waitForOutput(first, /worker\.started/);
    const paused = async () => (await db.execute<{ n: number }>(sql`select count(*)::int as n from pg_stat_activity where datname = current_database() and query like '%insert into "report_files"%' and wait_event = 'PgSleep'`)).rows[0]!.n > 0;
    await waitUntil("the worker to reach the report's file insert", paused, { gaveUp: () => (first.process.exitCode !== null ? "the worker exited" : undefined) });
    await first.kill();
    // The server notices the dropped client when its sleep ends; end the orphaned backend now, as a TCP keepalive would.
    await db.execute(sql`select pg_terminate_backend(pid) from pg_stat_activity where datname = current_database() and wait_event = 'PgSleep' and pid <> pg_backend_pid()`);
    await db.execute(sql.raw(`drop trigger worker_kill_pause on report_files; drop function worker_kill_pause();`));
    const [interrupted] = await db.select().from(reports).where(eq(reports.id, id));
    expect(interrupted!.status).toBe("running");

    const second = startWorker();
    await waitForOutput(second, /worker\.started/);
    await waitUntil("the retried job to finish the report", async () => (await db.select().from(reports).where(eq(reports.id, id)))[0]!.status === "done", {
      gaveUp: () => (second.process.exitCode !== null ? "the second worker exited" : undefined),
    });
    await second.stop();

    expect(await db.select({ reportId: reportFiles.reportId }).from(reportFiles).where(eq(reportFiles.reportId, id))).toHaveLength(1);
    const generated = await db.select().from(auditLog).where(eq(auditLog.action, "report.generate"));
    expect(generated.filter((a) => a.entityId === String(id))).toHaveLength(1);
    const jobs = await db.execute<{ state: string; retry_count: number }>(sql`select state::text as state, retry_count from pgboss.job where singleton_key = ${`report:${id}`}`);
    // The killed job completed on its retry. A worker starting up also re-sends the jobs of reports still
    // queued (catch-up); when the first job was already running, that second job finds the report done and
    // completes without work — the work itself happened once (one file, one audit entry, above).
    expect(jobs.rows).toContainEqual({ state: "completed", retry_count: 1 });
    expect(jobs.rows.every((job) => job.state === "completed")).toBe(true);
  });
});
