import "server-only";
import { getDb } from "@/db/client";
import type { Actor } from "@/lib/auth/actor";
import { refreshDashboardRollups } from "@/lib/dashboard/refresh-rollups";
import { recomputeFlagsAfterChange } from "@/lib/flags/recompute";

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
    console.error(`[facts] dashboard refresh failed for periods ${ids.join(", ")}`, error);
  }
  await recomputeFlagsAfterChange(actor, ids);
}
