import { and, eq, sql } from "drizzle-orm";
import { afterAll, expect, it } from "vitest";
import { auditLog, dashboardAgencyFigures, emailOutbox, reports } from "@/db/schema";
import { getJobOverview } from "@/db/queries/jobs";
import { ForbiddenError, NotFoundError } from "@/core/errors";
import { retryFailedJob } from "@/lib/jobs/admin";
import type { Actor } from "@/core/auth/actor";
import { saveSubmission } from "@/lib/assessments/submission-save";
import { transitionSubmission } from "@/lib/assessments/submissions";
import { JOB_QUEUES, markQueueActive, sendJob, stopQueue } from "@/lib/jobs/queue";
import { startJobWorkers } from "@/lib/jobs/workers";
import { createReport, queueReport } from "@/lib/reports/generate";
import { describeEachDatabase } from "../support/databases";
import { createAssessmentWorld } from "../support/assessment-fixtures";
import type { Database } from "@/db/client";

/** Waits until `check` returns a value (not a time budget: the safety net only ends a hung run). */
async function until<T>(check: () => Promise<T | null | undefined | false>, what: string, safetyMs = 120_000): Promise<T> {
  const deadline = Date.now() + safetyMs;
  for (;;) {
    const value = await check();
    if (value) return value;
    if (Date.now() > deadline) throw new Error(`gave up waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

async function jobStates(db: Database, queue: string, key: string): Promise<string[]> {
  const rows = await db.execute<{ state: string }>(sql`select state::text as state from pgboss.job where name = ${queue} and singleton_key = ${key} order by created_on`);
  return rows.rows.map((r) => r.state);
}

describeEachDatabase("background jobs on the durable queue", ({ db }) => {
  afterAll(async () => {
    await stopQueue();
    markQueueActive(false);
  });

  it("an approval returns once its own transaction commits; the queued refresh then brings the dashboard figures up to date", async () => {
    markQueueActive();
    const w = await createAssessmentWorld(db());
    const base = { agencyId: w.agency.id, periodId: w.period.id, componentId: w.component.id };
    const saved = await saveSubmission(w.actors.officer, { ...base, version: 0, fields: w.complete, intent: "save" });
    let version = saved.version;
    const step = async (actor: Actor, action: "endorse" | "submit" | "approve") => {
      version = (await transitionSubmission(actor, { submissionId: saved.submissionId, action, version })).version;
    };
    await step(w.actors.head, "endorse");
    await step(w.actors.officer, "submit");
    await step(w.actors.analyst, "approve");

    const figure = () => db().select().from(dashboardAgencyFigures).where(and(eq(dashboardAgencyFigures.agencyId, w.agency.id), eq(dashboardAgencyFigures.periodId, w.period.id), eq(dashboardAgencyFigures.indicatorId, w.indicator.id)));
    // No worker runs yet: the approval is committed, its refresh is waiting in the queue, the figure not yet there.
    expect(await jobStates(db(), JOB_QUEUES.derivedRefresh.name, `period:${w.period.id}`)).toEqual(["created"]);
    expect(await figure()).toEqual([]);

    await startJobWorkers();
    const [row] = await until(async () => {
      const rows = await figure();
      return rows.length ? rows : null;
    }, "the approved figure on the dashboard");
    expect(Number(row!.value)).toBe(12);
    await until(async () => (await jobStates(db(), JOB_QUEUES.derivedRefresh.name, `period:${w.period.id}`)).join() === "completed", "the refresh job to complete");
    // The flags follow in their own job, queued by the refresh once the figures are written.
    await until(async () => (await jobStates(db(), JOB_QUEUES.flagsEvaluate.name, `period:${w.period.id}`)).join() === "completed", "the flag evaluation to complete");
  });

  it("a burst of changes to one period is coalesced: at most one refresh waits behind the running one", async () => {
    const w = await createAssessmentWorld(db());
    const key = `period:${w.period.id}`;
    const sent = [];
    for (let i = 0; i < 20; i++) sent.push(await sendJob(JOB_QUEUES.derivedRefresh, { periodId: w.period.id }, { singletonKey: key, startAfter: 60 }));
    expect(sent.filter(Boolean)).toHaveLength(1);
    await db().execute(sql`delete from pgboss.job where singleton_key = ${key}`);
  });

  it("a report request runs as a job for the user who asked, and is claimed once however often its job is sent", async () => {
    const w = await createAssessmentWorld(db());
    const { id } = await createReport(w.actors.analyst, { period: w.period.code, scope: "national", format: "csv", locale: "th" });
    await queueReport(id);
    await queueReport(id);
    const [done] = await until(async () => {
      const rows = await db().select().from(reports).where(eq(reports.id, id));
      return rows[0]?.status === "done" ? rows : null;
    }, "the report to be generated");
    expect(done).toMatchObject({ status: "done", createdBy: w.actors.analyst.id, format: "csv" });
    expect(done!.sizeBytes).toBeGreaterThan(0);
  });

  it("a job that always fails is parked after its retries, shown to the admin, and can be sent back once, audited", async () => {
    const w = await createAssessmentWorld(db());
    // A period id no database has: the refresh fails every time (a poison job).
    const id = await sendJob(JOB_QUEUES.derivedRefresh, { periodId: "not-a-period" }, { singletonKey: "poison", retryLimit: 1, retryDelay: 0, retryBackoff: false });
    expect(id).toBeTruthy();
    const state = async () => (await db().execute<{ state: string; retry_count: number }>(sql`select state::text as state, retry_count from pgboss.job where id = ${id}::uuid`)).rows[0];
    const parked = await until(async () => ((await state())?.state === "failed" ? state() : null), "the poison job to be parked");
    expect(parked!.retry_count).toBe(1);

    const overview = await getJobOverview(w.actors.admin);
    const shown = overview.failed.find((j) => j.id === id);
    expect(shown).toMatchObject({ queue: JOB_QUEUES.derivedRefresh.name, attempts: 2 });
    expect(shown!.error).toBeTruthy();
    expect(overview.queues.find((q) => q.queue === JOB_QUEUES.derivedRefresh.name)!.counts.failed).toBeGreaterThanOrEqual(1);
    await expect(getJobOverview(w.actors.analyst)).rejects.toBeInstanceOf(ForbiddenError);
    await expect(retryFailedJob(w.actors.analyst, id!)).rejects.toBeInstanceOf(ForbiddenError);

    await retryFailedJob(w.actors.admin, id!);
    const [audit] = await db().select().from(auditLog).where(and(eq(auditLog.action, "job.retry"), eq(auditLog.entityId, id!)));
    expect(audit).toMatchObject({ actorId: w.actors.admin.id, entityType: "job" });
    // It fails again and is parked again, not retried forever.
    await until(async () => (await state())?.state === "failed" && (await state())!.retry_count === 2, "the retried poison job to be parked again");
    await expect(retryFailedJob(w.actors.admin, "00000000-0000-4000-8000-000000000000")).rejects.toBeInstanceOf(NotFoundError);
  });

  it("queued e-mail leaves through the e-mail job without waiting for the daily run", async () => {
    await db().insert(emailOutbox).values({ toAddress: "queued@example.test", subject: "s", body: "b" });
    await sendJob(JOB_QUEUES.emailDeliver, {}, { singletonKey: "test" });
    // SMTP_URL is unset in tests: delivered to the log, which marks it "logged".
    const [mail] = await until(async () => {
      const rows = await db().select().from(emailOutbox).where(eq(emailOutbox.toAddress, "queued@example.test"));
      return rows[0]?.status === "logged" ? rows : null;
    }, "the e-mail job to deliver");
    expect(mail!.attempts).toBe(1);
  });
});
