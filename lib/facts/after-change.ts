import "server-only";
import { asc } from "drizzle-orm";
import { getDb } from "@/db/client";
import { periods } from "@/db/schema";
import type { Actor } from "@/core/auth/actor";
import { refreshDashboardRollups } from "@/lib/facts/derive/rollups";
import { recomputeFlags, recomputeFlagsAfterChange, type RecomputeSummary } from "@/lib/flags/recompute";
import { log } from "@/core/log";
import { isQueueActive, JOB_QUEUES, sendJob } from "@/lib/jobs/queue";

/**
 * Everything that reads the fact layer through derived data, brought up to date after facts of the
 * given periods changed (import commit or rollback, submission submit/approve/reopen): first the
 * dashboard rollups, then the lagging flags. Where a queue worker runs (the app), this is a job and the
 * request returns at once; elsewhere (CLI, tests) it runs here. The change itself is already committed,
 * so failures here are logged, not thrown; both can be rerun on demand.
 */
export async function afterFactsChanged(actor: Actor, periodIds: number[]): Promise<void> {
  const ids = [...new Set(periodIds)];
  if (!ids.length) return;
  if (isQueueActive()) {
    try {
      // One coalesced refresh per period: a burst of approvals queues at most one more behind the running one.
      for (const periodId of ids) await sendJob(JOB_QUEUES.derivedRefresh, { periodId }, { singletonKey: `period:${periodId}` });
      return;
    } catch (error) {
      log("error", "facts.refresh_not_queued", { periods: ids, error });
    }
  }
  try {
    await refreshDashboardRollups(getDb(), { periodIds: ids });
  } catch (error) {
    log("error", "facts.refresh_failed", { periods: ids, error });
  }
  await recomputeFlagsAfterChange(actor, await withFollowingPeriods(ids));
}

/**
 * "Re-evaluate" on demand for one period: the dashboard figures the rules read are rebuilt first, so
 * the flags follow whatever changed since; errors are thrown to the caller (the analyst sees them).
 */
export async function reevaluatePeriod(actor: Actor, periodId: number): Promise<RecomputeSummary> {
  await refreshDashboardRollups(getDb(), { periodIds: [periodId] });
  return recomputeFlags(actor, periodId);
}

/** A period's score-drop flags compare it with the period before, so the following period is re-evaluated too. */
async function withFollowingPeriods(periodIds: number[]): Promise<number[]> {
  const ordered = (await getDb().select({ id: periods.id }).from(periods).orderBy(asc(periods.startsOn))).map((p) => p.id);
  const following = periodIds.flatMap((id) => {
    const next = ordered.indexOf(id) >= 0 ? ordered[ordered.indexOf(id) + 1] : undefined;
    return next === undefined ? [] : [next];
  });
  return [...new Set([...periodIds, ...following])];
}

/** The derived-refresh job: the same work, with failures thrown so the queue retries it. */
export async function refreshDerivedData(actor: Actor, periodIds: number[]): Promise<void> {
  await refreshDashboardRollups(getDb(), { periodIds });
  for (const periodId of await withFollowingPeriods(periodIds)) await recomputeFlags(actor, periodId);
}
