import "server-only";
import { eq, sql } from "drizzle-orm";
import { getDb } from "@/db/client";
import { components } from "@/db/schema";
import { num, numOrNull, text, textArray, type SqlArray, type SqlNumber } from "@/db/sql-values";
import type { Actor } from "@/core/auth/actor";
import type { DashboardFilters } from "@/core/dashboard/filters";
import { NotFoundError } from "@/core/errors";
import { todayInBangkok } from "@/core/fiscal/calendar";
import { completenessShare, componentScore, type Status } from "@/core/scoring";
import { cachedDashboardRead, cachedPeriodRead } from "./cache";
import { isOverdue, loadContext, scopeCondition, type ScopeCut, type DashboardOptions, type DashboardScope, type PeriodRef, type ReadContext } from "./context";
import { emptyFigure, listIndicatorMeta, loadAgencyStatus, loadFigures, NO_AGENCY_STATUS, type Figure, type FigureLookup, type IndicatorMeta } from "./figures";

// "How is this component doing, and who leads or lags?": its indicators across every period, their
// spread across agencies, the best and worst agencies (DGA roles) or the caller's own position.

export interface AgencyRank {
  code: string;
  nameTh: string;
  nameEn: string;
  value: number;
  target: number | null;
  attainment: number | null;
  status: Status;
}

export interface IndicatorDetail extends IndicatorMeta {
  series: Figure[];
  current: Figure;
  distribution: {
    green: number;
    amber: number;
    red: number;
    /** Expected agencies without an approved figure. */
    noData: number;
    quartiles: Quartiles | null;
  };
  /** Empty for agency roles, who see only their own position. */
  best: AgencyRank[];
  worst: AgencyRank[];
  own: (AgencyRank & { rank: number; of: number }) | null;
}

export interface ComponentDashboard {
  component: { id: number; code: string; nameTh: string; nameEn: string; group: "value_chain" | "enabler" };
  period: PeriodRef;
  periods: string[];
  scope: DashboardScope;
  overdue: boolean;
  score: number | null;
  status: Status;
  laggingAgencies: number;
  contributingAgencies: number;
  completeness: { present: number; expected: number; share: number | null };
  indicators: IndicatorDetail[];
}

type Quartiles = { min: number; q1: number; median: number; q3: number; max: number };

type QuartileRow = { indicator_id: SqlNumber; q: SqlArray | null };

type AgencyFigureRow = {
  indicator_id: SqlNumber;
  code: string;
  name_th: string;
  name_en: string;
  value: SqlNumber;
  target: SqlNumber | null;
  attainment: SqlNumber | null;
  status: Status | null;
};

type RankRow = AgencyFigureRow & { side: "best" | "worst" };

const rankOf = (r: AgencyFigureRow): AgencyRank => ({
  code: text(r.code),
  nameTh: text(r.name_th),
  nameEn: text(r.name_en),
  value: num(r.value),
  target: numOrNull(r.target),
  attainment: numOrNull(r.attainment),
  status: r.status ?? "no_target",
});

/**
 * Minimum, quartiles and maximum of the agencies' values per indicator of one component, in a part of the
 * country: kept per the component's version in the period, shared by every caller who sees that part.
 */
const readQuartiles = cachedPeriodRead(
  "quartiles",
  async (periodId: number, _componentCode: string, ids: number[], cut: ScopeCut): Promise<Map<number, Quartiles | null>> => {
    const result = await getDb().execute<QuartileRow>(sql`
      select f.indicator_id, percentile_cont(array[0, 0.25, 0.5, 0.75, 1]) within group (order by f.value) as q
      from dashboard_agency_figures f join dashboard_agency_dims d on d.agency_id = f.agency_id
      where f.period_id = ${periodId} and f.indicator_id = any(${sql.param(ids)}::int[]) and ${scopeCondition(cut, "d")}
      group by f.indicator_id`);
    return new Map(
      result.rows.map((r) => {
        const q = textArray(r.q).map(Number);
        return [num(r.indicator_id), q.length === 5 ? { min: q[0]!, q1: q[1]!, median: q[2]!, q3: q[3]!, max: q[4]! } : null];
      }),
    );
  },
  { componentOf: ([componentCode]) => componentCode },
);

/**
 * The three best agencies by attainment per indicator, and the three furthest below target (none at or above
 * it), in a part of the country — shown to DGA roles only; kept like the quartiles.
 */
const readBestAndWorst = cachedPeriodRead(
  "best-and-worst",
  async (periodId: number, _componentCode: string, ids: number[], cut: ScopeCut): Promise<RankRow[]> => {
    const inScope = scopeCondition(cut, "d");
    const result = await getDb().execute<RankRow>(sql`
      select i.id as indicator_id, x.*
      from unnest(${sql.param(ids)}::int[]) as i(id)
      cross join lateral (
        (select 'best' as side, a.code, a.name_th, a.name_en, f.value, f.target, f.attainment, f.status
         from dashboard_agency_figures f join dashboard_agency_dims d on d.agency_id = f.agency_id join agencies a on a.id = f.agency_id
         where f.period_id = ${periodId} and f.indicator_id = i.id and f.attainment is not null and ${inScope}
         order by f.attainment desc, a.code limit 3)
        union all
        (select 'worst', a.code, a.name_th, a.name_en, f.value, f.target, f.attainment, f.status
         from dashboard_agency_figures f join dashboard_agency_dims d on d.agency_id = f.agency_id join agencies a on a.id = f.agency_id
         where f.period_id = ${periodId} and f.indicator_id = i.id and f.attainment is not null and f.status in ('amber', 'red') and ${inScope}
         order by f.attainment asc, a.code limit 3)
      ) x`);
    return result.rows;
  },
  { componentOf: ([componentCode]) => componentCode },
);

/** An agency's own figure per indicator (its rank is found among everyone's attainments, below). */
async function readOwnFigures(periodId: number, agencyId: number, ids: number[]): Promise<AgencyFigureRow[]> {
  const result = await getDb().execute<AgencyFigureRow>(sql`
    select f.indicator_id, a.code, a.name_th, a.name_en, f.value, f.target, f.attainment, f.status
    from dashboard_agency_figures f join agencies a on a.id = f.agency_id
    where f.period_id = ${periodId} and f.indicator_id = any(${sql.param(ids)}::int[]) and f.agency_id = ${agencyId}`);
  return result.rows;
}

/**
 * Every agency's attainment of each indicator in the period, ascending, kept per the period's derived version:
 * each agency's rank is counted in it, where counting in the index read a local-administration indicator's
 * ~7,000 attainments on every agency role's view of the component (30 ms under load). Attainments have six
 * decimals and a few integer digits, so each converts to a distinct double in the same order.
 */
const readAttainments = cachedPeriodRead(
  "attainments",
  async (periodId: number, _componentCode: string, ids: number[]) => {
    const result = await getDb().execute<{ indicator_id: SqlNumber; attainments: string }>(sql`
      select indicator_id, string_agg(attainment::text, ',' order by attainment) as attainments
      from dashboard_agency_figures
      where period_id = ${periodId} and indicator_id = any(${sql.param(ids)}::int[]) and attainment is not null
      group by indicator_id`);
    return new Map(result.rows.map((r) => [num(r.indicator_id), Float64Array.from(text(r.attainments).split(","), Number)]));
  },
  { componentOf: ([componentCode]) => componentCode },
);

/** How many of the ascending values are greater than `value` (a binary search for the first of them). */
export function countAbove(ascending: ArrayLike<number>, value: number): number {
  let low = 0;
  let high = ascending.length;
  while (low < high) {
    const middle = (low + high) >>> 1;
    if (ascending[middle]! <= value) low = middle + 1;
    else high = middle;
  }
  return ascending.length - low;
}

/**
 * A component's indicators across every period, their spread across agencies, best and worst agencies
 * (DGA roles), or for an agency role its own position. The figures are cached once for every agency role
 * (national, the same for all); each agency's own figures are read on their own, its rank counted in memory.
 */
export async function getComponentDashboard(actor: Actor, code: string, filters: DashboardFilters = {}, options: DashboardOptions = {}): Promise<ComponentDashboard> {
  const dashboard = await getComponentFigures(actor, code, filters, options);
  if (!(dashboard.scope.restricted && actor.agencyId) || !dashboard.indicators.length) return dashboard;
  const ids = dashboard.indicators.map((d) => d.id);
  const [ownRows, [attainments]] = await Promise.all([readOwnFigures(dashboard.period.id, actor.agencyId, ids), readAttainments([dashboard.period.id], dashboard.component.code, ids)]);
  return {
    ...dashboard,
    indicators: dashboard.indicators.map((d) => ({ ...d, own: ownPosition(ownRows.find((r) => num(r.indicator_id) === d.id), attainments!.get(d.id) ?? []) })),
  };
}

/** Everything but the caller's own position: for agency roles, national figures only, shared by all of them. */
const getComponentFigures = cachedDashboardRead("component", readComponentDashboard, { national: () => true, componentOf: ([code]) => code });

async function readComponentDashboard(actor: Actor, code: string, filters: DashboardFilters = {}, options: DashboardOptions = {}): Promise<ComponentDashboard> {
  const ctx = await loadContext(actor, filters, options);
  const today = options.today ?? todayInBangkok();
  const [component] = await getDb().select().from(components).where(eq(components.code, code)).limit(1);
  if (!component) throw new NotFoundError("component");
  const metas = await listIndicatorMeta(component.id, ctx.period.id);
  const overdue = isOverdue(ctx.period, today);
  const ids = metas.map((m) => m.id);
  const cut: ScopeCut = { ministryId: ctx.ministryId, scope: { type: ctx.scope.type } };
  const [figures, status, [quartiles], [rankRows]] = await Promise.all([
    loadFigures(ctx, metas, ctx.periods),
    loadAgencyStatus(ctx, ctx.period.id, overdue, component.id),
    readQuartiles([ctx.period.id], component.code, ids, cut),
    ctx.scope.restricted ? [[]] : readBestAndWorst([ctx.period.id], component.code, ids, cut),
  ]);
  const details = metas.map((m) => indicatorDetail(ctx, m, figures, quartiles!, rankRows!));
  const score = componentScore(details.map((d) => ({ weight: d.weight, ...d.current })), ctx.config);
  const s = status.get(component.id) ?? NO_AGENCY_STATUS;
  return {
    component: { id: component.id, code: component.code, nameTh: component.nameTh, nameEn: component.nameEn, group: component.group },
    period: ctx.period,
    periods: ctx.periods.map((p) => p.code),
    scope: ctx.scope,
    overdue,
    score: score.score,
    status: score.status,
    laggingAgencies: s.lagging,
    contributingAgencies: s.contributing,
    completeness: { present: s.present, expected: s.expected, share: completenessShare(s.present, s.expected) },
    indicators: details,
  };
}

function indicatorDetail(ctx: ReadContext, m: IndicatorMeta, figures: FigureLookup, quartiles: Map<number, Quartiles | null>, rankRows: RankRow[]): IndicatorDetail {
  const current = figures.get(m.id, ctx.period.id) ?? emptyFigure(ctx.period.code);
  const ranked = (side: RankRow["side"]) => rankRows.filter((r) => num(r.indicator_id) === m.id && r.side === side).map(rankOf);
  return {
    ...m,
    series: ctx.periods.map((p) => figures.get(m.id, p.id) ?? emptyFigure(p.code)),
    current,
    distribution: {
      green: current.green,
      amber: current.amber,
      red: current.red,
      noData: Math.max(0, current.expected - current.reporting),
      quartiles: quartiles.get(m.id) ?? null,
    },
    best: ranked("best"),
    worst: ranked("worst"),
    own: null,
  };
}

/** The agency's figure with its rank among the agencies with an attainment (rank 0: it has none). */
function ownPosition(own: AgencyFigureRow | undefined, attainments: ArrayLike<number>): IndicatorDetail["own"] {
  if (!own) return null;
  const attainment = numOrNull(own.attainment);
  return { ...rankOf(own), rank: attainment !== null ? countAbove(attainments, attainment) + 1 : 0, of: attainments.length };
}
