import "server-only";
import { getDatabaseKind } from "@/db/client";
import { log } from "@/core/log";
import { markQueueActive } from "./queue";

/**
 * Background work for the app process: on the embedded database the workers run inside the app (one
 * process owns the data folder). On PostgreSQL they run here too unless JOB_WORKERS=off, for deployments
 * that run them in their own processes (`npm run worker`); the app then only queues.
 */
export async function startAppJobs(): Promise<void> {
  const kind = getDatabaseKind();
  if (kind === "postgres" && process.env.JOB_WORKERS === "off") {
    markQueueActive();
    log("info", "jobs.send_only", {});
    return;
  }
  const { startJobWorkers } = await import("./workers");
  await startJobWorkers();
  log("info", "jobs.workers_started", { database: kind });
}
