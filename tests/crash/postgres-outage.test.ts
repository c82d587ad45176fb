// PostgreSQL going away under a running worker: its connections are reset and new ones refused for a
// while. The worker must neither exit nor lose the job queued meanwhile; once the database answers again it
// picks the job up and finishes it once. PostgreSQL only (TEST_DATABASE_URL), like the worker itself.
// The outage is a relay between the worker and the server that the test cuts (see tests/support/tcp-outage.ts):
// the worker sees exactly a restarting server, and the test database of the other suites stays up.
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { sql } from "drizzle-orm";
import { useDatabaseForTests } from "@/db/client";
import { reportFiles, reports } from "@/db/schema";
import { JOB_QUEUES, sendJob, stopQueue } from "@/lib/jobs/queue";
import { createReport } from "@/lib/reports/generate";
import { startScript, waitForOutput } from "../support/child-processes";
import { createTestDatabase, type TestDatabase } from "../support/databases";
import { createAssessmentWorld } from "../support/assessment-fixtures";
import { startOutageRelay, type OutageRelay } from "../support/tcp-outage";
import { waitUntil } from "../support/wait";

const OUTAGE_TIMEOUT = 10 * 60_000;

describe.skipIf(!process.env.TEST_DATABASE_URL)("PostgreSQL down under a running worker [postgres]", () => {
  let database: TestDatabase;
  let relay: OutageRelay;
  beforeAll(async () => {
    database = await createTestDatabase("postgres");
    useDatabaseForTests(database.db, "postgres");
    relay = await startOutageRelay(database.url!);
  });
  afterAll(async () => {
    await relay?.close();
    await stopQueue();
    await database?.dispose();
  });

  it("keeps the worker alive and the queued job waiting, then finishes it once the database is back", { timeout: OUTAGE_TIMEOUT }, async () => {
    const db = database.db;
    const w = await createAssessmentWorld(db);
    const statusOf = async (id: number) => (await db.select({ status: reports.status }).from(reports).where(eq(reports.id, id)))[0]!.status;

    const worker = startScript("scripts/worker.ts", [], { env: { DATABASE_URL: relay.url, JOB_MAINTENANCE_SECONDS: "1", LOG_LEVEL: "info" } });
    await waitForOutput(worker, /worker\.started/);
    const workerGone = () => (worker.process.exitCode !== null || worker.process.signalCode !== null ? `the worker exited:\n${worker.stderr()}` : undefined);

    // Before the outage the worker does its work.
    const before = await createReport(w.actors.analyst, { period: w.period.code, scope: "national", format: "csv", locale: "th" });
    await sendJob(JOB_QUEUES.reportGenerate, { reportId: before.id }, { singletonKey: `report:${before.id}` });
    await waitUntil("the worker to finish the report queued before the outage", async () => (await statusOf(before.id)) === "done", { gaveUp: workerGone });

    await relay.cut();
    // Queued while the worker cannot reach the database (the app's own connection still can).
    const during = await createReport(w.actors.analyst, { period: w.period.code, scope: "national", format: "csv", locale: "th" });
    await sendJob(JOB_QUEUES.reportGenerate, { reportId: during.id }, { singletonKey: `report:${during.id}` });
    // The worker notices: its next poll fails on the dropped connection.
    await waitForOutput(worker, /jobs\.queue_error|db\.idle_client_error|ECONNREFUSED|ECONNRESET/);
    expect(workerGone()).toBeUndefined();
    expect(await statusOf(during.id)).toBe("queued");

    const acceptedBeforeRestore = relay.accepted;
    await relay.restore();
    await waitUntil("the worker to finish the report queued during the outage", async () => (await statusOf(during.id)) === "done", { gaveUp: workerGone });
    expect(relay.accepted).toBeGreaterThan(acceptedBeforeRestore);
    await worker.stop();

    for (const id of [before.id, during.id]) {
      expect(await db.select({ reportId: reportFiles.reportId }).from(reportFiles).where(eq(reportFiles.reportId, id))).toHaveLength(1);
    }
    const jobs = await db.execute<{ state: string }>(sql`select state::text as state from pgboss.job where singleton_key = ${`report:${during.id}`}`);
    expect(jobs.rows.map((r) => r.state)).toEqual(["completed"]);
  });
});
