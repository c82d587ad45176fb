// The worker process's CPU priority: background jobs (an import's parsing, refreshes, reports, e-mail) give
// the cores they share with the app's instances to the pages and actions people are waiting for.
import { readdirSync } from "node:fs";
import os from "node:os";

/** How far below normal the worker runs unless WORKER_NICE says otherwise (Unix nice: 0 normal, 19 lowest). */
export const DEFAULT_WORKER_NICE = 10;

export class WorkerConfigError extends Error {
  override name = "WorkerConfigError";
}

/** WORKER_NICE as a nice value: a whole number from 0 to 19; empty or unset is the default. */
export function parseWorkerNice(value: string | undefined): number {
  if (value === undefined || value.trim() === "") return DEFAULT_WORKER_NICE;
  const nice = Number(value.trim());
  if (!Number.isInteger(nice) || nice < 0 || nice > 19) {
    throw new WorkerConfigError(`WORKER_NICE must be a whole number from 0 (the app's own priority) to 19 (the lowest), not "${value}".`);
  }
  return nice;
}

/**
 * Sets this process's nice value. Linux keeps one per thread and a new thread takes its creator's, so every
 * thread running now is set (V8's helpers start before any code runs); the threads started later follow the
 * main thread. Counts the threads and those it could not set (raising a priority back needs a privilege).
 */
export function setProcessNice(nice: number): { threads: number; refused: number } {
  let threads: number[];
  try {
    threads = readdirSync("/proc/self/task").map(Number);
  } catch {
    threads = [0]; // No /proc (not Linux): the process as the system defines it.
  }
  let refused = 0;
  for (const thread of threads) {
    try {
      os.setPriority(thread, nice);
    } catch {
      refused++; // A thread that ended meanwhile, or a priority above this process's without the privilege.
    }
  }
  return { threads: threads.length, refused };
}
