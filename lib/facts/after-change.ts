import "server-only";
import { asc, eq, inArray } from "drizzle-orm";
import { getDb } from "@/db/client";
import { derivedChanges, flagChanges, periods } from "@/db/schema";
import type { Actor } from "@/core/auth/actor";
import { refreshDashboardRollups } from "@/lib/facts/derive/rollups";
import { recomputeFlags, recomputeFlagsAfterChange, type RecomputeSummary } from "@/lib/flags/recompute";
import { log } from "@/core/log";
import { isQueueActive, JOB_QUEUES, sendJob } from "@/lib/jobs/queue";

/** Past this many agencies in one claimed batch, rebuilding the whole period is cheaper than the slices. */
const SLICE_AGENCY_LIMIT = 500;

/** What changed: periods, and the agencies whose facts changed (omitted: anything in the periods). */
export interface FactChange {
  periodIds: number[];
  agencyIds?: number[];
}

/**
 * Everything that reads the fact layer through derived data, brought up to date after facts changed
 * (import commit or rollback, submission submit/approve/reopen, targets): first the dashboard rollups,
 * then the lagging flags, for the changed agencies only when they are named. Where queue workers run
 * (the app), the change is recorded and a coalesced job per period does the work, so the request returns
 * at once; elsewhere (CLI, tests) it runs here. The change itself is already committed, so failures here
 * are logged, not thrown; the job retries, and a full rebuild can be run on demand.
 */
export async function afterFactsChanged(actor: Actor, change: number[] | FactChange): Promise<void> {
  const { periodIds, agencyIds } = Array.isArray(change) ? { periodIds: change, agencyIds: undefined } : change;
  const ids = [...new Set(periodIds)];
  if (!ids.length) return;
  if (isQueueActive()) {
    try {
      await queueRefresh(ids, agencyIds);
      return;
    } catch (error) {
      log("error", "facts.refresh_not_queued", { periods: ids, error });
    }
  }
  try {
    await refreshDashboardRollups(getDb(), { periodIds: ids, agencyIds });
  } catch (error) {
    log("error", "facts.refresh_failed", { periods: ids, error });
  }
  await recomputeFlagsAfterChange(actor, await withFollowingPeriods(ids));
}

async function queueRefresh(periodIds: number[], agencyIds: number[] | undefined): Promise<void> {
  const agencies: (number | null)[] = agencyIds?.length ? agencyIds : [null];
  const rows = periodIds.flatMap((periodId) => agencies.map((agencyId) => ({ periodId, agencyId })));
  await getDb().insert(derivedChanges).values(rows);
  // One job per period, coalesced: a burst of approvals queues at most one more behind the running one,
  // and that one claims every change recorded until it starts.
  for (const periodId of periodIds) await sendJob(JOB_QUEUES.derivedRefresh, { periodId }, { singletonKey: `period:${periodId}` });
}

/**
 * The derived-refresh job of one period: claims the changes recorded so far and rebuilds what they
 * touched (the named agencies, or the whole period), then queues the flag evaluation of the period and
 * the next; failures are thrown so the queue retries (a failed job rebuilds the whole period on its retry).
 */
export async function refreshDerivedData(actor: Actor, periodId: number): Promise<{ agencies: number | "all" }> {
  const claimed = await getDb().delete(derivedChanges).where(eq(derivedChanges.periodId, periodId)).returning({ agencyId: derivedChanges.agencyId });
  const agencies = [...new Set(claimed.map((c) => c.agencyId))];
  const whole = !claimed.length || agencies.includes(null) || agencies.length > SLICE_AGENCY_LIMIT;
  const agencyIds = whole ? undefined : (agencies as number[]);
  try {
    await refreshDashboardRollups(getDb(), { periodIds: [periodId], agencyIds });
  } catch (error) {
    // Put the work back as a whole-period change: the retry must not miss what this attempt claimed.
    await getDb().insert(derivedChanges).values({ periodId, agencyId: null });
    throw error;
  }
  // The flags read the figures just written; as their own job they never hold the next figures back.
  // They judge the same agencies again, here and in the next period (whose score drop compares with this one).
  const following = await withFollowingPeriods([periodId]);
  const named: (number | null)[] = agencyIds ?? [null];
  await getDb()
    .insert(flagChanges)
    .values(following.flatMap((id) => named.map((agencyId) => ({ periodId: id, agencyId }))));
  for (const id of following) await sendJob(JOB_QUEUES.flagsEvaluate, { periodId: id }, { singletonKey: `period:${id}` });
  return { agencies: agencyIds ? agencyIds.length : "all" };
}

/**
 * The flag-evaluation job of one period: claims the agencies recorded so far and judges only them (or the
 * whole period when one row names no agency, none was recorded, or too many were); a failure puts the work
 * back as a whole-period change and is thrown so the queue retries.
 */
export async function evaluateFlagChanges(actor: Actor, periodId: number): Promise<RecomputeSummary> {
  const claimed = await getDb().delete(flagChanges).where(eq(flagChanges.periodId, periodId)).returning({ agencyId: flagChanges.agencyId });
  const agencies = [...new Set(claimed.map((c) => c.agencyId))];
  const whole = !claimed.length || agencies.includes(null) || agencies.length > SLICE_AGENCY_LIMIT;
  try {
    return await recomputeFlags(actor, periodId, { agencyIds: whole ? undefined : (agencies as number[]) });
  } catch (error) {
    await getDb().insert(flagChanges).values({ periodId, agencyId: null });
    throw error;
  }
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

/** Test and repair support: the changes still waiting for their refresh. */
export async function pendingChanges(periodIds: number[]) {
  return getDb().select().from(derivedChanges).where(inArray(derivedChanges.periodId, periodIds));
}
