import "server-only";
import type PgBoss from "pg-boss";
import { eq } from "drizzle-orm";
import { getDb } from "@/db/client";
import { reports } from "@/db/schema";
import { SYSTEM_ACTOR } from "@/core/auth/actor";
import { todayInBangkok } from "@/core/fiscal/calendar";
import { log } from "@/core/log";
import { evaluateFlagChanges, refreshDerivedData } from "@/lib/facts/after-change";
import { notifyOverdueCases } from "@/lib/flags/notices";
import { escalateOverdueCases } from "@/lib/flags/escalation";
import { deliverOutbox, nextEmailRetry } from "@/lib/notifications/outbox";
import { runReminders } from "@/lib/notifications/reminders";
import { runDailyDigest } from "@/lib/notifications/digest";
import { runImportJob } from "@/lib/emenscr/import-runs";
import { sendInvitations, type InvitationJob } from "@/lib/users/invitations";
import { loadActiveActor } from "@/db/queries/users";
import { failInterruptedReports, queueReport, runQueuedReport } from "@/lib/reports/generate";
import { defaultPrintOrigin } from "@/lib/reports/pdf";
import { getQueue, JOB_QUEUES, markQueueActive, sendJob, type JobQueue } from "./queue";

// What each queue's job does. Handlers are idempotent: a job retried after a crash does its work once.

/** Starts consuming every queue in this process (the app on the embedded database, or `npm run worker`). */
export async function startJobWorkers(): Promise<void> {
  const boss = await getQueue({ supervise: true });
  await work<{ periodId: number }>(boss, JOB_QUEUES.derivedRefresh, (job) => refreshDerivedData(SYSTEM_ACTOR, job.data.periodId));
  await work<{ periodId: number }>(boss, JOB_QUEUES.flagsEvaluate, (job) => evaluateFlagChanges(SYSTEM_ACTOR, job.data.periodId));
  await work<{ reportId: number }>(boss, JOB_QUEUES.reportGenerate, (job) => runQueuedReport(job.data.reportId, { printOrigin: defaultPrintOrigin(), retry: job.retryCount > 0 }));
  await work(boss, JOB_QUEUES.emailDeliver, deliverEmail);
  await work(boss, JOB_QUEUES.remindersDaily, sendDailyReminders);
  await work(boss, JOB_QUEUES.digestDaily, sendDailyDigest);
  await work<InvitationJob>(boss, JOB_QUEUES.userInvite, sendUploadedInvitations);
  await work(boss, JOB_QUEUES.casesEscalate, escalateCases);
  await work<{ runId: number }>(boss, JOB_QUEUES.emenscrImport, (job) => runImportJob(job.data.runId));
  // Every minute: mail goes out within a minute of the event that wrote it. Reminders at 08:00 Bangkok time.
  await boss.schedule(JOB_QUEUES.emailDeliver.name, "* * * * *", {}, { tz: "Asia/Bangkok", singletonKey: "tick" });
  await boss.schedule(JOB_QUEUES.remindersDaily.name, "0 8 * * *", {}, { tz: "Asia/Bangkok" });
  await boss.schedule(JOB_QUEUES.casesEscalate.name, "15 8 * * *", {}, { tz: "Asia/Bangkok" });
  // The digest after the morning's reminders and flags, so the day's news is in it.
  await boss.schedule(JOB_QUEUES.digestDaily.name, "30 8 * * *", {}, { tz: "Asia/Bangkok" });
  markQueueActive();
  await catchUp();
}

async function work<T extends object>(boss: PgBoss, queue: JobQueue, handler: (job: PgBoss.JobWithMetadata<T>) => Promise<unknown>): Promise<void> {
  await boss.work<T>(queue.name, { includeMetadata: true, batchSize: 1, pollingIntervalSeconds: queue.pollingIntervalSeconds }, async ([job]) => {
    if (!job) return;
    try {
      await handler(job);
    } catch (error) {
      log("error", "jobs.failed", { queue: queue.name, jobId: job.id, attempt: job.retryCount + 1, error });
      throw error;
    }
  });
}

async function deliverEmail(): Promise<void> {
  const summary = await deliverOutbox({ log: (line) => log("info", "mail.logged", { line }) });
  if (summary.sent || summary.failed) log("info", "mail.delivered", { ...summary });
  // A refused message waits for its backoff: wake the job then rather than only at the next tick.
  const next = await nextEmailRetry();
  if (next) await sendJob(JOB_QUEUES.emailDeliver, {}, { startAfter: next, singletonKey: "retry" });
}

/** Invitations of uploaded accounts, sent as the uploader (none when the uploader was deactivated since). */
async function sendUploadedInvitations(job: PgBoss.JobWithMetadata<InvitationJob>): Promise<void> {
  const actor = await loadActiveActor(job.data.actorId);
  if (!actor) return log("warn", "jobs.invite_uploader_gone", { jobId: job.id, actorId: job.data.actorId });
  const sent = await sendInvitations(job.data, actor);
  log("info", "users.invitations_sent", { sent, accounts: job.data.userIds.length });
}

async function sendDailyReminders(): Promise<void> {
  const today = todayInBangkok();
  const reminders = await runReminders(today);
  const cases = await notifyOverdueCases(today);
  log("info", "reminders.sent", { today, missing: reminders.missing, notifications: reminders.notifications + cases.notifications });
  await sendJob(JOB_QUEUES.emailDeliver, {}, { singletonKey: "now" });
}

/** Overdue cases to the next level of the chain, after the morning's reminders. */
export async function escalateCases(): Promise<void> {
  const today = todayInBangkok();
  const summary = await escalateOverdueCases(today);
  log("info", "cases.escalated", { today, ...summary });
  if (summary.notifications) await sendJob(JOB_QUEUES.emailDeliver, {}, { singletonKey: "now" });
}

/** The daily digest of users who chose "daily" for some kinds. */
async function sendDailyDigest(): Promise<void> {
  const today = todayInBangkok();
  const digest = await runDailyDigest({ today });
  log("info", "digest.sent", { today, ...digest });
  await sendJob(JOB_QUEUES.emailDeliver, {}, { singletonKey: "now" });
}

/** Work a stopped process left behind: queued reports whose job was never sent, mail waiting since before. */
async function catchUp(): Promise<void> {
  await failInterruptedReports();
  const queued = await getDb().select({ id: reports.id }).from(reports).where(eq(reports.status, "queued"));
  for (const report of queued) await queueReport(report.id);
  await sendJob(JOB_QUEUES.emailDeliver, {}, { singletonKey: "now" });
}
