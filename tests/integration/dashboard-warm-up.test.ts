import { expect, it } from "vitest";
import { parseDashboardFilters } from "@/core/dashboard/filters";
import { refreshDashboardRollups } from "@/lib/facts/derive/rollups";
import { dashboardCacheStats } from "@/lib/facts/read/cache";
import { getComponentDashboard } from "@/lib/facts/read/component";
import { getEmenscrBudgetProgress } from "@/lib/facts/read/emenscr-projects";
import { getDashboardOverview } from "@/lib/facts/read/overview";
import { warmNationalDashboards } from "@/lib/facts/read/warm-up";
import { createAssessmentWorld } from "../support/assessment-fixtures";
import { describeEachDatabase } from "../support/databases";

describeEachDatabase("national dashboards read into the caches when an instance starts", ({ db }) => {
  it("answers the first overview and component pages of every role from memory after the warm-up", async () => {
    const w = await createAssessmentWorld(db());
    await refreshDashboardRollups(db(), { periodIds: [w.period.id] });
    // What the plain "/" asks for, as its page parses it.
    const plain = parseDashboardFilters(new URLSearchParams("")).filters;
    const firstPages = async (period: string) => {
      for (const actor of [w.actors.executive, w.actors.analyst, w.actors.officer, w.actors.head]) {
        await getDashboardOverview(actor, plain);
        await getDashboardOverview(actor, { period });
        await getEmenscrBudgetProgress(actor, { period });
        await getComponentDashboard(actor, w.component.code, { period });
      }
    };

    // Cold, the same pages are read from the database.
    dashboardCacheStats.clear();
    await firstPages(w.period.code);
    expect(dashboardCacheStats.reads()).toBeGreaterThan(0);

    dashboardCacheStats.clear();
    const warmed = await warmNationalDashboards();
    // The quarter agencies report on now is warmed (this world's is the one containing today, or the latest open).
    expect(warmed.periods).toContain(w.period.code);
    expect(warmed.reads).toBeGreaterThan(0);
    const readsAfterWarmUp = dashboardCacheStats.reads();
    for (const period of warmed.periods) await firstPages(period);
    expect(dashboardCacheStats.reads()).toBe(readsAfterWarmUp);

    // The officer still sees its own agency's position, read for it alone.
    const own = await getComponentDashboard(w.actors.officer, w.component.code, { period: w.period.code });
    expect(own.scope.restricted).toBe(true);
  });
});
