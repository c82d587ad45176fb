import "server-only";
import { getDatabaseKind } from "@/db/client";
import { log } from "@/core/log";
import { markQueueActive } from "./queue";

/** How long the app waits before trying again to start its workers when the database could not be reached. */
const RETRY_START_MS = 30_000;

/**
 * Background work for the app process: on the embedded database the workers run inside the app (one
 * process owns the data folder). On PostgreSQL they run here too unless JOB_WORKERS=off, for deployments
 * that run them in their own processes (`npm run worker`); the app then only queues. A database that
 * cannot be reached at start does not stop the app (its pages say so); the workers start once it answers.
 */
export async function startAppJobs(): Promise<void> {
  const kind = getDatabaseKind();
  if (kind === "postgres" && process.env.JOB_WORKERS === "off") {
    markQueueActive("elsewhere");
    log("info", "jobs.send_only", {});
    return;
  }
  void startWorkersUntilReady(kind);
}

async function startWorkersUntilReady(kind: string): Promise<void> {
  try {
    const { startJobWorkers } = await import("./workers");
    await startJobWorkers();
    log("info", "jobs.workers_started", { database: kind });
  } catch (error) {
    log("error", "jobs.workers_not_started", { retryInMs: RETRY_START_MS, error });
    setTimeout(() => void startWorkersUntilReady(kind), RETRY_START_MS).unref();
  }
}
