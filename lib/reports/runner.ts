import "server-only";
import type { Actor } from "@/core/auth/actor";
import { runReport, type GenerateOptions } from "./generate";
import type { ResolvedRequest } from "./scope";

/** One requested generation: the queued report row and what it was requested with. */
export interface ReportJob {
  reportId: number;
  actor: Actor;
  resolved: ResolvedRequest;
  options: GenerateOptions;
}

/**
 * What runs report generations outside the request that asked for them. The only seam between the web
 * app and the generation: a durable job queue replaces the runner here, and its callers do not change.
 */
export interface ReportRunner {
  enqueue(job: ReportJob): void;
}

/**
 * Generations in the background of this process, one at a time (Chromium is heavy): a chain of promises,
 * so a burst of requests waits in turn. A failure is recorded on the report row by runReport.
 */
function inProcessRunner(): ReportRunner {
  let queue: Promise<void> = Promise.resolve();
  return {
    enqueue({ reportId, actor, resolved, options }) {
      queue = queue.then(() => runReport(reportId, actor, resolved, options).catch(() => undefined));
    },
  };
}

const runner: ReportRunner = inProcessRunner();

/** Web app: hand the generation over and return at once; the page polls the report row for progress. */
export function enqueueReportGeneration(job: ReportJob): void {
  runner.enqueue(job);
}
