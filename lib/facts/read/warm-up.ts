import "server-only";
import { SYSTEM_ACTOR, type Actor } from "@/core/auth/actor";
import { log } from "@/core/log";
import type { DashboardFilters } from "@/core/dashboard/filters";
import { todayInBangkok } from "@/core/fiscal/calendar";
import { defaultReportingPeriod, periodOpenForReporting } from "@/core/fiscal/reporting-period";
import { listComponentsWithCounts } from "@/db/queries/ecosystem";
import { listPeriods } from "@/db/queries/indicators";
import { getComponentDashboard } from "./component";
import { getEmenscrBudgetProgress } from "./emenscr-projects";
import { getDashboardOverview } from "./overview";

// A new instance's first users (after a deploy or a restart, often a whole office at nine) found every
// national figure uncached at once: under `bench:load` the first 10 s answered at p95 1.4 s against
// 0.15 s later. The national dashboards of the quarters opened first are read into this process's caches
// (lib/facts/read/cache.ts, one per process) when it starts, one after another; a user asking meanwhile
// shares the read in flight.

/** Whose views are warmed: the DGA-wide one, and the national one every agency role shares (no agency's own). */
const VIEWERS: readonly Actor[] = [SYSTEM_ACTOR, { ...SYSTEM_ACTOR, role: "agency_officer" }];

export interface WarmUp {
  reads: number;
  periods: string[];
}

/**
 * Reads the overview, every component's dashboard and the eMENSCR budget panel, for the default quarter (as
 * the plain "/" asks for it, and by its code) and the quarter open for reporting, in both views.
 */
export async function warmNationalDashboards(): Promise<WarmUp> {
  const today = todayInBangkok();
  const periods = await listPeriods();
  const quarters = [...new Set([defaultReportingPeriod(periods, today)?.code, periodOpenForReporting(periods, today)?.code].filter((code) => code !== undefined))];
  if (!quarters.length) return { reads: 0, periods: [] };
  const components = (await listComponentsWithCounts()).map((c) => c.code);
  const asked: DashboardFilters[] = [{}, ...quarters.map((period) => ({ period }))];
  let reads = 0;
  for (const filters of asked) {
    for (const viewer of VIEWERS) {
      await getDashboardOverview(viewer, filters);
      await getEmenscrBudgetProgress(viewer, filters);
      for (const code of components) await getComponentDashboard(viewer, code, filters);
      reads += 2 + components.length;
    }
  }
  return { reads, periods: quarters };
}

/**
 * Starts the warm-up without holding the instance's start (its pages answer meanwhile), unless
 * DASHBOARD_WARM_UP or DASHBOARD_CACHE is "off". A database that cannot answer yet, or holds no quarter,
 * leaves nothing warmed and the pages read on demand as before.
 */
export function startDashboardWarmUp(): void {
  if (process.env.DASHBOARD_WARM_UP === "off" || process.env.DASHBOARD_CACHE === "off") return;
  const started = performance.now();
  warmNationalDashboards().then(
    (warmed) => log("info", "dashboards.warmed", { ...warmed, ms: Math.round(performance.now() - started) }),
    (error: unknown) => log("warn", "dashboards.not_warmed", { error }),
  );
}
