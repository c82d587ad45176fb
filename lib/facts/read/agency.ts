import "server-only";
import { asc, eq, sql } from "drizzle-orm";
import { getDb } from "@/db/client";
import { getVisibleAgency } from "@/db/queries/agencies";
import { agencyComponents, components } from "@/db/schema";
import { num, numOrNull, type SqlNumber } from "@/db/sql-values";
import type { Actor } from "@/core/auth/actor";
import type { DashboardFilters } from "@/core/dashboard/filters";
import type { DgaRole } from "@/core/enums";
import { assess, componentScore, dataQuality, scopedTarget, type DataQuality, type Status } from "@/core/scoring";
import { cachedDashboardRead } from "./cache";
import { loadContext, nationalContext, type DashboardOptions, type PeriodRef, type ReadContext } from "./context";
import { emptyFigure, listIndicatorMeta, loadFigures, loadPeriodDefinitions, type Figure, type FigureLookup, type IndicatorMeta } from "./figures";

// "How is this agency doing?": its own figures across components and periods, beside the national
// figure, and the quality of its reporting per period.

export interface AgencyIndicatorRow extends IndicatorMeta {
  series: (Figure & { factId: number | null })[];
  current: Figure & { factId: number | null };
  /** The national figure of the selected period, for comparison. */
  national: Figure;
}

export interface AgencyDashboard {
  agency: { id: number; code: string; nameTh: string; nameEn: string };
  period: PeriodRef;
  periods: string[];
  components: {
    code: string;
    nameTh: string;
    nameEn: string;
    dgaRole: DgaRole | null;
    score: number | null;
    status: Status;
    indicators: AgencyIndicatorRow[];
  }[];
  dataQuality: (DataQuality & { period: string; expected: number; present: number; onTime: number; valid: number; provisional: number; dueOn: string })[];
  currentQuality: DataQuality & { expected: number; present: number; onTime: number; valid: number; provisional: number };
}

type OwedRow = { indicator_id: SqlNumber };

type OwnFigureRow = {
  period_id: SqlNumber;
  indicator_id: SqlNumber;
  fact_id: SqlNumber;
  value: SqlNumber;
  target: SqlNumber | null;
  attainment: SqlNumber | null;
  status: Status | null;
};

type QualityRow = { period_id: SqlNumber; expected: SqlNumber | null; present: SqlNumber | null; on_time: SqlNumber | null; valid: SqlNumber | null };

type ProvisionalRow = { period_id: SqlNumber; n: SqlNumber };

/** What the agency's dashboard is built from, read in one round. */
function readAgencyRows(agencyId: number, periodId: number) {
  const db = getDb();
  return Promise.all([
    db
      .select({ componentId: agencyComponents.componentId, dgaRole: agencyComponents.dgaRole })
      .from(agencyComponents)
      .where(eq(agencyComponents.agencyId, agencyId)),
    // The indicators it owes or has reported.
    db.execute<OwedRow>(sql`
      select distinct indicator_id from dashboard_agency_figures where agency_id = ${agencyId}
      union
      select i.id from agency_components ac join indicators i on i.component_id = ac.component_id and i.active and i.aggregation <> 'latest'
      where ac.agency_id = ${agencyId}
      union
      select i.id from indicators i join services s on s.id = i.service_id where i.active and i.aggregation = 'latest' and s.owner_agency_id = ${agencyId}`),
    db.execute<OwnFigureRow>(sql`
      select period_id, indicator_id, fact_id, value, target, attainment, status from dashboard_agency_figures where agency_id = ${agencyId}`),
    db.execute<QualityRow>(sql`
      select period_id, sum(expected_count) as expected, sum(present_count) as present, sum(on_time_count) as on_time, sum(valid_count) as valid
      from dashboard_agency_components where agency_id = ${agencyId} group by period_id`),
    db.execute<ProvisionalRow>(sql`
      select period_id, count(*) as n from indicator_facts where agency_id = ${agencyId} and state = 'provisional' group by period_id`),
    listIndicatorMeta(undefined, periodId),
  ]);
}

/** One agency's figures across components and periods, with its data-quality score per period. */
export const getAgencyDashboard = cachedDashboardRead("agency", readAgencyDashboard);

async function readAgencyDashboard(actor: Actor, code: string, filters: DashboardFilters = {}, options: DashboardOptions = {}): Promise<AgencyDashboard> {
  // Ministry and type filters do not apply to one agency; its own profile is never "restricted".
  const ctx = await loadContext(actor, { period: filters.period }, options);
  const agency = await getVisibleAgency(actor, code);
  const [roles, owed, figureRows, qualityRows, provisionalRows, metas] = await readAgencyRows(agency.id, ctx.period.id);
  const owedIds = new Set(owed.rows.map((r) => num(r.indicator_id)));
  const mine = metas.filter((m) => owedIds.has(m.id));
  // National figures for comparison and the national expected counts that pro-rate sum targets.
  const [national, definitions] = await Promise.all([
    loadFigures(nationalContext(ctx), mine, ctx.periods),
    loadPeriodDefinitions(mine.map((m) => m.id), ctx.periods.map((p) => p.id)),
  ]);
  const figureOf = new Map(figureRows.rows.map((r) => [`${num(r.indicator_id)}:${num(r.period_id)}`, r]));
  const series = (m: IndicatorMeta) => ctx.periods.map((p) => ownFigure(ctx, definitions.of(m, p.id), p, figureOf.get(`${m.id}:${p.id}`), national));
  const componentRows = await getDb().select().from(components).orderBy(asc(components.ordinal));
  const roleOf = new Map(roles.map((r) => [r.componentId, r.dgaRole]));
  const groups = componentRows
    .filter((c) => roleOf.has(c.id) || mine.some((m) => m.componentId === c.id))
    .map((c) => {
      const rows = mine
        .filter((m) => m.componentId === c.id)
        .map((m): AgencyIndicatorRow => {
          const s = series(m);
          return { ...m, series: s, current: s.find((f) => f.period === ctx.period.code)!, national: national.get(m.id, ctx.period.id) ?? emptyFigure(ctx.period.code) };
        });
      const score = componentScore(rows.map((r) => ({ weight: r.weight, ...r.current })), ctx.config);
      return { code: c.code, nameTh: c.nameTh, nameEn: c.nameEn, dgaRole: roleOf.get(c.id) ?? null, score: score.score, status: score.status, indicators: rows };
    });
  const quality = qualityByPeriod(ctx, qualityRows.rows, provisionalRows.rows);
  const { period: _period, dueOn: _dueOn, ...currentQuality } = quality.find((q) => q.period === ctx.period.code)!;
  void _period;
  void _dueOn;
  return {
    agency,
    period: ctx.period,
    periods: ctx.periods.map((p) => p.code),
    components: groups,
    dataQuality: quality,
    currentQuality,
  };
}

/** The agency's own figure of one period, held to its own target or its share of the national one. */
function ownFigure(ctx: ReadContext, m: IndicatorMeta, p: PeriodRef, r: OwnFigureRow | undefined, national: FigureLookup): Figure & { factId: number | null } {
  const nationalFigure = national.get(m.id, p.id);
  const target = r ? numOrNull(r.target) : scopedTarget(m.aggregation, nationalFigure?.target ?? null, 1, nationalFigure?.expected ?? 0);
  const actual = r ? num(r.value) : null;
  return { ...emptyFigure(p.code), ...assess(actual, target, m, ctx.config), actual, target, reporting: r ? 1 : 0, expected: 1, factId: r ? num(r.fact_id) : null };
}

function qualityByPeriod(ctx: ReadContext, qualityRows: QualityRow[], provisionalRows: ProvisionalRow[]) {
  const qualityOf = new Map(qualityRows.map((r) => [num(r.period_id), r]));
  const provisionalOf = new Map(provisionalRows.map((r) => [num(r.period_id), num(r.n)]));
  return ctx.periods.map((p) => {
    const r = qualityOf.get(p.id);
    const counts = { expected: num(r?.expected), present: num(r?.present), onTime: num(r?.on_time), valid: num(r?.valid) };
    return { period: p.code, dueOn: p.dueOn, ...counts, provisional: provisionalOf.get(p.id) ?? 0, ...dataQuality(counts) };
  });
}
