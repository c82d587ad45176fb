import "server-only";
import { asc } from "drizzle-orm";
import { getDb } from "@/db/client";
import { periods } from "@/db/schema";
import type { Actor } from "@/core/auth/actor";
import { refreshDashboardRollups } from "@/lib/facts/derive/rollups";
import { recomputeFlags, recomputeFlagsAfterChange, type RecomputeSummary } from "@/lib/flags/recompute";
import { log } from "@/core/log";

/**
 * Everything that reads the fact layer through derived data, brought up to date after facts of the
 * given periods changed (import commit or rollback, submission submit/approve/reopen): first the
 * dashboard rollups, then the lagging flags. The change itself is already committed, so failures here
 * are logged, not thrown; both can be rerun on demand.
 */
export async function afterFactsChanged(actor: Actor, periodIds: number[]): Promise<void> {
  const ids = [...new Set(periodIds)];
  if (!ids.length) return;
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
