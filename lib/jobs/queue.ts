import "server-only";
import PgBoss from "pg-boss";
import { executeRawSql } from "@/db/client";
import { log } from "@/core/log";

// The durable job queue: pg-boss on the application's own database connection (PostgreSQL, or the
// embedded PGlite through the same adapter). Its tables come from our migrations (drizzle/0011), so
// pg-boss never migrates. Jobs survive restarts and run once across every process sharing the database.

type QueueDefinition = PgBoss.Queue & { name: string; pollingIntervalSeconds: number };

/** Every queue, its policy and retry rule. "stately" keeps one queued and one running job per key: coalescing. */
export const JOB_QUEUES = {
  derivedRefresh: { name: "derived-refresh", policy: "stately", retryLimit: 5, retryDelay: 5, retryBackoff: true, expireInSeconds: 1800, pollingIntervalSeconds: 1 },
  flagsEvaluate: { name: "flags-evaluate", policy: "stately", retryLimit: 5, retryDelay: 5, retryBackoff: true, expireInSeconds: 1800, pollingIntervalSeconds: 1 },
  reportGenerate: { name: "report-generate", policy: "standard", retryLimit: 2, retryDelay: 10, retryBackoff: true, expireInSeconds: 900, pollingIntervalSeconds: 1 },
  emailDeliver: { name: "email-deliver", policy: "stately", retryLimit: 2, retryDelay: 30, retryBackoff: true, expireInSeconds: 600, pollingIntervalSeconds: 10 },
  /** Invitations of accounts created by an upload, a chunk of accounts per job (lib/users/invitations.ts). */
  userInvite: { name: "user-invite", policy: "standard", retryLimit: 3, retryDelay: 30, retryBackoff: true, expireInSeconds: 900, pollingIntervalSeconds: 2 },
  remindersDaily: { name: "reminders-daily", policy: "stately", retryLimit: 3, retryDelay: 300, retryBackoff: true, expireInSeconds: 3600, pollingIntervalSeconds: 60 },
  /** Overdue follow-up cases told to the next level of the review chain (lib/flags/escalation.ts). */
  casesEscalate: { name: "cases-escalate", policy: "stately", retryLimit: 3, retryDelay: 300, retryBackoff: true, expireInSeconds: 3600, pollingIntervalSeconds: 60 },
  /** The daily digest e-mails of users who chose "daily" for some kinds (lib/notifications/digest.ts). */
  /**
   * An eMENSCR preview or commit handed over by an app instance whose jobs run elsewhere (lib/emenscr/import-runs.ts).
   * Not retried: the analyst is watching it, and a lost run is told to them and started again from the screen.
   */
  emenscrImport: { name: "emenscr-import", policy: "standard", retryLimit: 0, retryDelay: 0, retryBackoff: false, expireInSeconds: 1800, pollingIntervalSeconds: 1 },
  digestDaily: { name: "digest-daily", policy: "stately", retryLimit: 3, retryDelay: 300, retryBackoff: true, expireInSeconds: 3600, pollingIntervalSeconds: 60 },
} as const satisfies Record<string, QueueDefinition>;

export type JobQueue = (typeof JOB_QUEUES)[keyof typeof JOB_QUEUES];

/** Maintenance (expiring stalled jobs, archiving) interval; tests shorten it to see a killed worker's job retried. */
const maintenanceSeconds = () => Number(process.env.JOB_MAINTENANCE_SECONDS ?? 60);

const BOSS_KEY = Symbol.for("lamnam.jobs.boss");
type GlobalWithBoss = typeof globalThis & { [BOSS_KEY]?: Promise<PgBoss> };
const processGlobal = globalThis as GlobalWithBoss;

/** The process's queue client, started once; `supervise` also runs maintenance and the cron clock. */
export function getQueue(options: { supervise?: boolean } = {}): Promise<PgBoss> {
  return (processGlobal[BOSS_KEY] ??= startBoss(options.supervise ?? false).catch((error: unknown) => {
    processGlobal[BOSS_KEY] = undefined;
    throw error;
  }));
}

async function startBoss(supervise: boolean): Promise<PgBoss> {
  const boss = new PgBoss({
    db: { executeSql: (text, values) => executeRawSql(text, values ?? []) as Promise<{ rows: never[] }> },
    migrate: false,
    supervise,
    schedule: supervise,
    maintenanceIntervalSeconds: maintenanceSeconds(),
  });
  boss.on("error", (error) => log("error", "jobs.queue_error", { error }));
  keepAliveOnLostCompletion();
  await boss.start();
  for (const queue of Object.values(JOB_QUEUES)) await boss.createQueue(queue.name, queue);
  return boss;
}

const WORKERS_KEY = Symbol.for("lamnam.jobs.workers");
type GlobalWithWorkers = typeof globalThis & { [WORKERS_KEY]?: "here" | "elsewhere" };

/**
 * Declares that workers consume the queue, in this process ("here") or only in others ("elsewhere": an app
 * instance started with JOB_WORKERS=off): background work is then queued, not run inline. false: neither.
 */
export function markQueueActive(workers: "here" | "elsewhere" | false = "here"): void {
  (globalThis as GlobalWithWorkers)[WORKERS_KEY] = workers || undefined;
}

/** False in CLIs and tests, which run background work in the foreground. */
export function isQueueActive(): boolean {
  return (globalThis as GlobalWithWorkers)[WORKERS_KEY] !== undefined;
}

/** True in an app instance started with JOB_WORKERS=off: heavy work (an import) is better done by a worker. */
export function workersRunElsewhere(): boolean {
  return (globalThis as GlobalWithWorkers)[WORKERS_KEY] === "elsewhere";
}

/** Queues a job; returns its id, or null when an equal job (same queue and key) is already waiting. */
export async function sendJob(queue: JobQueue, data: object, options: PgBoss.SendOptions = {}): Promise<string | null> {
  const boss = await getQueue();
  return boss.send(queue.name, data, { retryLimit: queue.retryLimit, retryDelay: queue.retryDelay, retryBackoff: queue.retryBackoff, expireInSeconds: queue.expireInSeconds, ...options });
}

/** Stops the process's queue client (tests, CLI, shutdown), letting running handlers finish. */
export async function stopQueue(): Promise<void> {
  const boss = processGlobal[BOSS_KEY];
  processGlobal[BOSS_KEY] = undefined;
  if (boss) await (await boss).stop({ graceful: true, close: false, wait: true, timeout: 30_000 });
}

/** Connection failures: the database restarting or unreachable, not a bug in the job. */
const CONNECTION_ERROR_CODES = new Set(["ECONNRESET", "ECONNREFUSED", "EPIPE", "ETIMEDOUT", "57P01", "57P02", "57P03", "08000", "08003", "08006"]);
let guarded = false;

/**
 * pg-boss marks a job done or failed without awaiting it (manager.js work(): `this.complete(...)`), so a
 * database that drops at that moment rejects a promise nobody handles, and Node ends the process. Such a
 * lost completion is harmless — the job stays active, expires and is retried (every job is idempotent) —
 * so it is logged and the process lives; any other unhandled rejection still ends it, as before.
 */
function keepAliveOnLostCompletion(): void {
  if (guarded) return;
  guarded = true;
  process.on("unhandledRejection", (reason) => {
    const code = (reason as { code?: unknown } | null)?.code;
    if (typeof code === "string" && CONNECTION_ERROR_CODES.has(code)) {
      log("error", "jobs.completion_lost", { error: reason });
      return;
    }
    throw reason;
  });
}
