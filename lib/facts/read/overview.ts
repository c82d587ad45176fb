import "server-only";
import { asc } from "drizzle-orm";
import { getDb } from "@/db/client";
import { components } from "@/db/schema";
import type { Actor } from "@/core/auth/actor";
import type { DashboardFilters } from "@/core/dashboard/filters";
import { previousPeriod, samePeriodLastYear, todayInBangkok } from "@/core/fiscal/calendar";
import { completenessShare, componentScore, type Status } from "@/core/scoring";
import { cachedDashboardRead } from "./cache";
import { isOverdue, loadContext, periodByCode, type DashboardOptions, type DashboardScope, type PeriodRef, type ReadContext } from "./context";
import { emptyFigure, listIndicatorMeta, loadAgencyStatus, loadFigures, NO_AGENCY_STATUS, type AgencyStatus, type Figure, type FigureLookup, type IndicatorMeta } from "./figures";

// "How is the country doing this quarter?": one tile per component, with trend and comparisons.

export interface IndicatorOverview extends IndicatorMeta {
  current: Figure;
  previous: Figure | null;
  lastYear: Figure | null;
  trend: Figure[];
}

export interface ComponentOverview {
  id: number;
  code: string;
  ordinal: number;
  group: "value_chain" | "enabler";
  nameTh: string;
  nameEn: string;
  score: number | null;
  status: Status;
  counts: Record<Status, number>;
  previousScore: number | null;
  lastYearScore: number | null;
  trend: { period: string; score: number | null; status: Status }[];
  indicators: IndicatorOverview[];
  contributingAgencies: number;
  laggingAgencies: number;
  completeness: { present: number; expected: number; share: number | null };
  provisional: number;
}

export interface DashboardOverview {
  period: PeriodRef;
  previousPeriod: string | null;
  lastYearPeriod: string | null;
  /** True once the period's due date has passed: missing reports then count as lagging. */
  overdue: boolean;
  scope: DashboardScope;
  components: ComponentOverview[];
  refreshedAt: string | null;
}

type ComponentRow = typeof components.$inferSelect;

/** The periods an overview compares: the trend ending with the selected one, the one before, a year ago. */
interface Comparison {
  trend: PeriodRef[];
  previous: PeriodRef | null;
  lastYear: PeriodRef | null;
}

function comparisonPeriods(ctx: ReadContext, trendLength: number): Comparison {
  const index = ctx.periods.findIndex((p) => p.id === ctx.period.id);
  return {
    trend: ctx.periods.slice(Math.max(0, index - trendLength + 1), index + 1),
    previous: periodByCode(ctx, previousPeriod(ctx.period.code)),
    lastYear: periodByCode(ctx, samePeriodLastYear(ctx.period.code)),
  };
}

/**
 * The executive overview: one tile per component for the selected period, with trend and comparisons (all
 * of them the period or earlier ones, so later quarters' refreshes leave it cached). It depends on the caller
 * only through whether they may see ministry and type cuts (loadContext).
 */
export const getDashboardOverview = cachedDashboardRead("overview", readDashboardOverview, {
  periodOf: ([filters]) => filters?.period,
  // Agency roles see national aggregates: the same for every agency.
  national: () => true,
});

async function readDashboardOverview(actor: Actor, filters: DashboardFilters = {}, options: DashboardOptions = {}): Promise<DashboardOverview> {
  const ctx = await loadContext(actor, filters, options);
  const today = options.today ?? todayInBangkok();
  const periods = comparisonPeriods(ctx, options.trendLength ?? 4);
  const wanted = [...periods.trend, ...(periods.previous ? [periods.previous] : []), ...(periods.lastYear ? [periods.lastYear] : [])];
  const uniquePeriods = [...new Map(wanted.map((p) => [p.id, p])).values()];
  const overdue = isOverdue(ctx.period, today);
  const [componentRows, metas] = await Promise.all([
    getDb().select().from(components).orderBy(asc(components.ordinal)),
    listIndicatorMeta(undefined, ctx.period.id),
  ]);
  const [figures, status] = await Promise.all([loadFigures(ctx, metas, uniquePeriods), loadAgencyStatus(ctx, ctx.period.id, overdue)]);
  const tiles = componentRows.map((c) =>
    componentTile(ctx, c, metas.filter((m) => m.componentId === c.id), figures, periods, status.get(c.id) ?? NO_AGENCY_STATUS),
  );
  return {
    period: ctx.period,
    previousPeriod: periods.previous?.code ?? null,
    lastYearPeriod: periods.lastYear?.code ?? null,
    overdue,
    scope: ctx.scope,
    components: tiles,
    refreshedAt: figures.refreshedAt,
  };
}

function componentTile(ctx: ReadContext, c: ComponentRow, ms: IndicatorMeta[], figures: FigureLookup, periods: Comparison, agencyStatus: AgencyStatus): ComponentOverview {
  const { previous, lastYear } = periods;
  const figureOf = (m: IndicatorMeta, p: PeriodRef) => figures.get(m.id, p.id) ?? emptyFigure(p.code);
  const scoreOf = (p: PeriodRef | null) => (p ? componentScore(ms.map((m) => ({ weight: m.weight, ...figureOf(m, p) })), ctx.config) : null);
  const now = scoreOf(ctx.period)!;
  const indicatorRows = ms
    .map((m) => ({
      ...m,
      current: figureOf(m, ctx.period),
      previous: previous ? figureOf(m, previous) : null,
      lastYear: lastYear ? figureOf(m, lastYear) : null,
      trend: periods.trend.map((p) => figureOf(m, p)),
    }))
    // Headline order: heaviest first, then as catalogued.
    .sort((a, b) => b.weight - a.weight);
  return {
    id: c.id,
    code: c.code,
    ordinal: c.ordinal,
    group: c.group,
    nameTh: c.nameTh,
    nameEn: c.nameEn,
    score: now.score,
    status: now.status,
    counts: now.counts,
    previousScore: scoreOf(previous)?.score ?? null,
    lastYearScore: scoreOf(lastYear)?.score ?? null,
    trend: periods.trend.map((p) => {
      const s = scoreOf(p)!;
      return { period: p.code, score: s.score, status: s.status };
    }),
    indicators: indicatorRows,
    contributingAgencies: agencyStatus.contributing,
    laggingAgencies: agencyStatus.lagging,
    completeness: { present: agencyStatus.present, expected: agencyStatus.expected, share: completenessShare(agencyStatus.present, agencyStatus.expected) },
    provisional: indicatorRows.reduce((n, i) => n + i.current.provisional, 0),
  };
}
