import "server-only";
import { and, eq, lt, sql } from "drizzle-orm";
import { getDb } from "@/db/client";
import { importRuns } from "@/db/schema";
import { loadActiveActor } from "@/db/queries/users";
import type { Actor } from "@/core/auth/actor";
import { ForbiddenError } from "@/core/errors";
import { getQueue, JOB_QUEUES, sendJob } from "@/lib/jobs/queue";
import { commitImport, previewImport } from "./import-service";
import { importErrorEvent, throttleProgress, toClientSummary, type ImportErrorEvent, type ImportStreamEvent } from "./import-events";
import type { ImportMode, ImportOptions, ImportProgress } from "./import-summary";

// An import handed to a worker process: an app instance whose jobs run elsewhere (JOB_WORKERS=off) keeps
// neither the parse nor the rows of a large export in its own memory. The upload waits in `import_runs`;
// the worker runs the very same preview or commit and writes its progress and outcome there, and the
// request that queued it streams them to the screen as if the import ran inside it.

/** The upload form's choices as stored beside the file. */
type StoredOptions = Omit<ImportOptions, "fileName" | "bytes" | "onProgress" | "timings">;

/** How often the waiting request reads the run, and how often the worker writes its progress. */
const FOLLOW_EVERY_MS = 400;
const PROGRESS_EVERY_MS = 500;
/** How often the waiting request asks the queue whether the run's job is still alive. */
const JOB_CHECK_EVERY_MS = 5_000;

export interface QueuedImport {
  runId: number;
  jobId: string;
}

/** Stores the upload and queues its run; runs created over a day ago (finished or abandoned) are dropped on the way. */
export async function queueImportRun(actor: Actor, mode: ImportMode, input: Omit<ImportOptions, "onProgress">): Promise<QueuedImport> {
  const { fileName, bytes, timings: _timings, ...options } = input;
  const db = getDb();
  await db.delete(importRuns).where(lt(importRuns.createdAt, sql`now() - interval '1 day'`));
  const [run] = await db.insert(importRuns).values({ actorId: actor.id, mode, fileName, content: bytes, options: options satisfies StoredOptions }).returning({ id: importRuns.id });
  const jobId = await sendJob(JOB_QUEUES.emenscrImport, { runId: run!.id });
  return { runId: run!.id, jobId: jobId! };
}

/** The worker's side: runs the import as its uploader, once, and records what the screen is to show. */
export async function runImportJob(runId: number): Promise<void> {
  const db = getDb();
  // Claimed once: a run already started (or finished) is left alone.
  const [run] = await db
    .update(importRuns)
    .set({ status: "running" })
    .where(and(eq(importRuns.id, runId), eq(importRuns.status, "queued")))
    .returning();
  if (!run?.content) return;
  const progress = progressWriter(runId);
  let outcome: ImportStreamEvent;
  try {
    // As the uploader now: an account deactivated meanwhile imports nothing.
    const actor = await loadActiveActor(run.actorId);
    if (!actor) throw new ForbiddenError();
    const importFile = run.mode === "preview" ? previewImport : commitImport;
    const summary = await importFile(actor, { ...(run.options as StoredOptions), fileName: run.fileName, bytes: run.content, onProgress: progress.report });
    outcome = { type: "result", summary: toClientSummary(summary) };
  } catch (error) {
    outcome = importErrorEvent(error);
  }
  await progress.flushed();
  await db.update(importRuns).set({ status: "finished", outcome, content: null }).where(eq(importRuns.id, runId));
}

/** Progress written a few times a second at most, in order; the phase after parsing is always written. */
function progressWriter(runId: number) {
  let written = Promise.resolve();
  return {
    report: throttleProgress(PROGRESS_EVERY_MS, (progress) => {
      written = written.then(async () => {
        await getDb().update(importRuns).set({ progress }).where(eq(importRuns.id, runId));
      });
    }),
    flushed: () => written.catch(() => undefined),
  };
}

const INTERRUPTED: ImportErrorEvent = { type: "error", error: "import_interrupted" };

/**
 * The request's side: the run's progress as it changes, then its outcome. A run whose job failed or vanished
 * (its worker killed, the job expired) ends with "interrupted" rather than leaving the screen waiting.
 */
export function followImportRun({ runId, jobId }: QueuedImport, signal: AbortSignal, send: (event: ImportStreamEvent) => void): Promise<void> {
  return (async () => {
    let lastProgress = "";
    let lastJobCheck = 0;
    while (!signal.aborted) {
      const [run] = await getDb().select({ status: importRuns.status, progress: importRuns.progress, outcome: importRuns.outcome }).from(importRuns).where(eq(importRuns.id, runId));
      if (!run) return send(INTERRUPTED);
      if (run.outcome) return send(run.outcome as ImportStreamEvent);
      const progress = run.status === "queued" ? { phase: "queued" as const, rows: 0 } : ((run.progress as ImportProgress | null) ?? { phase: "parse" as const, rows: 0 });
      const key = JSON.stringify(progress);
      if (key !== lastProgress) send({ type: "progress", ...progress });
      lastProgress = key;
      if (Date.now() - lastJobCheck >= JOB_CHECK_EVERY_MS) {
        lastJobCheck = Date.now();
        if (!(await jobAlive(jobId))) return send(await settleInterrupted(runId));
      }
      await new Promise((resolve) => setTimeout(resolve, FOLLOW_EVERY_MS));
    }
  })();
}

async function jobAlive(jobId: string): Promise<boolean> {
  const job = await (await getQueue()).getJobById(JOB_QUEUES.emenscrImport.name, jobId, { includeArchive: true });
  return job !== null && ["created", "retry", "active", "completed"].includes(job.state);
}

/** Records the interruption unless the worker finished meanwhile (then its outcome stands). */
async function settleInterrupted(runId: number): Promise<ImportStreamEvent> {
  const db = getDb();
  await db.update(importRuns).set({ status: "finished", outcome: INTERRUPTED, content: null }).where(and(eq(importRuns.id, runId), sql`${importRuns.outcome} is null`));
  const [run] = await db.select({ outcome: importRuns.outcome }).from(importRuns).where(eq(importRuns.id, runId));
  return (run?.outcome as ImportStreamEvent | undefined) ?? INTERRUPTED;
}
