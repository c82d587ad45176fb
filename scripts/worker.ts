// Runs the background jobs (derived figures, reports, e-mail, reminders) in their own process, beside app
// instances started with JOB_WORKERS=off. PostgreSQL only: the embedded database runs them inside the app.
import { closeDb, getDatabaseKind } from "@/db/client";
import { startJobWorkers } from "@/lib/jobs/workers";
import { stopQueue } from "@/lib/jobs/queue";
import { log } from "@/core/log";
import { reportFatal } from "./migrate";

async function main() {
  if (getDatabaseKind() !== "postgres") throw new Error("npm run worker needs DATABASE_URL (PostgreSQL); on the embedded database the app runs its jobs itself.");
  await startJobWorkers();
  log("info", "worker.started", { pid: process.pid });
  const stop = async (signal: string) => {
    log("info", "worker.stopping", { signal });
    await stopQueue();
    await closeDb();
    process.exit(0);
  };
  process.once("SIGTERM", () => void stop("SIGTERM"));
  process.once("SIGINT", () => void stop("SIGINT"));
}

main().catch(reportFatal);
