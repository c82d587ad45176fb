import "server-only";
import { and, asc, eq, sql, type SQL } from "drizzle-orm";
import { getDb, type Queryable } from "@/db/client";
import { cachedByDataVersion } from "@/db/queries/data-versions";
import { indicators } from "@/db/schema";
import { isoTimeOrNull, num, numOrNull, type SqlNumber, type SqlTime } from "@/db/sql-values";
import type { Aggregation, IndicatorDirection, ValueType } from "@/core/enums";
import { aggregateParts, assess, scopedTarget, type Status } from "@/core/scoring";
import { cachedPeriodRead } from "./cache";
import { scopeCondition, type PeriodRef, type ReadContext, type ScopeCut } from "./context";

// Figures: one indicator × period in the caller's scope, read from the pre-aggregation in
// db/schema/dashboard.ts (which lib/facts/derive/rollups.ts rebuilds from the facts) and judged
// against the national target by core/scoring. Every screen builds on these.

export interface IndicatorMeta {
  id: number;
  code: string;
  componentId: number;
  nameTh: string;
  nameEn: string;
  unitTh: string;
  unitEn: string;
  direction: IndicatorDirection;
  valueType: ValueType;
  aggregation: Aggregation;
  weight: number;
}

export interface Figure {
  period: string;
  actual: number | null;
  target: number | null;
  status: Status;
  attainment: number | null;
  shortfall: number | null;
  /** Agencies whose approved figure counted. */
  reporting: number;
  /** Agencies expected to report (in scope). */
  expected: number;
  /** Figures waiting for approval, not counted. */
  provisional: number;
  green: number;
  amber: number;
  red: number;
}

/** Figures by indicator and period id, and when the rollups they came from were last rebuilt. */
export interface FigureLookup {
  get(indicatorId: number, periodId: number): Figure | undefined;
  refreshedAt: string | null;
}

/** Per component of one period: agencies contributing, lagging, and expected vs present figures. */
export interface AgencyStatus {
  contributing: number;
  lagging: number;
  expected: number;
  present: number;
}

export const NO_AGENCY_STATUS: AgencyStatus = { contributing: 0, lagging: 0, expected: 0, present: 0 };

type RollupRow = {
  period_id: SqlNumber;
  indicator_id: SqlNumber;
  fact_count: SqlNumber | null;
  value_sum: SqlNumber | null;
  weight_sum: SqlNumber | null;
  weighted_sum: SqlNumber | null;
  latest_value: SqlNumber | null;
  expected_scope: SqlNumber | null;
  expected_national: SqlNumber | null;
  provisional: SqlNumber | null;
  green: SqlNumber | null;
  amber: SqlNumber | null;
  red: SqlNumber | null;
  refreshed_at: SqlTime | null;
};

type TargetRow = { indicator_id: SqlNumber; period_id: SqlNumber; value: SqlNumber };

type AgencyStatusRow = { component_id: SqlNumber; contributing: SqlNumber; lagging: SqlNumber; expected: SqlNumber | null; present: SqlNumber | null };

export function emptyFigure(period: string): Figure {
  return { period, actual: null, target: null, status: "no_data", attainment: null, shortfall: null, reporting: 0, expected: 0, provisional: 0, green: 0, amber: 0, red: 0 };
}

type DefinitionRow = { indicator_id: SqlNumber; period_id: SqlNumber; unit_th: string; unit_en: string; direction: IndicatorDirection; aggregation: Aggregation };

/** An indicator as defined for one period: the version its figures of that period are made under. */
export interface PeriodDefinitions {
  of(meta: IndicatorMeta, periodId: number): IndicatorMeta;
}

/**
 * The versioned fields (unit, direction, aggregation) of the given indicators for the given periods
 * (db/schema/indicators.ts, indicator_period_definitions): a past quarter keeps the definition it was
 * made under after a later version changes it.
 */
export async function loadPeriodDefinitions(indicatorIds: number[], periodIds: number[]): Promise<PeriodDefinitions> {
  if (!indicatorIds.length || !periodIds.length) return { of: (meta) => meta };
  const rows = await readDefinitions(getDb(), indicatorIds, periodIds);
  const byKey = new Map(rows.map((r) => [figureKey(r.indicator_id, r.period_id), r]));
  return {
    of(meta, periodId) {
      const d = byKey.get(figureKey(meta.id, periodId));
      return d ? { ...meta, unitTh: d.unit_th, unitEn: d.unit_en, direction: d.direction, aggregation: d.aggregation } : meta;
    },
  };
}

/** The definitions of some indicators for some periods, kept per catalogue version (indicator versions move it: drizzle/0033). */
const readDefinitions = cachedByDataVersion("catalogue", "figures.readDefinitions", async (db: Queryable, indicatorIds: number[], periodIds: number[]) => {
  const result = await db.execute<DefinitionRow>(sql`
    select indicator_id, period_id, unit_th, unit_en, direction, aggregation from indicator_period_definitions
    where period_id = any(${sql.param(periodIds)}::int[]) and indicator_id = any(${sql.param(indicatorIds)}::int[])`);
  return result.rows;
});

/** The active indicators (of one component); with a period, each as defined for that period. */
export async function listIndicatorMeta(componentId?: number, periodId?: number): Promise<IndicatorMeta[]> {
  const metas = await readActiveIndicators(getDb(), componentId ?? null);
  if (periodId === undefined) return metas;
  const definitions = await loadPeriodDefinitions(metas.map((m) => m.id), [periodId]);
  return metas.map((m) => definitions.of(m, periodId));
}

/** The active indicators (of one component, or all), kept per catalogue version. */
const readActiveIndicators = cachedByDataVersion("catalogue", "figures.readActiveIndicators", async (db: Queryable, componentId: number | null): Promise<IndicatorMeta[]> => {
  const rows = await db
    .select({
      id: indicators.id,
      code: indicators.code,
      componentId: indicators.componentId,
      nameTh: indicators.nameTh,
      nameEn: indicators.nameEn,
      unitTh: indicators.unitTh,
      unitEn: indicators.unitEn,
      direction: indicators.direction,
      valueType: indicators.valueType,
      aggregation: indicators.aggregation,
      weight: indicators.weight,
    })
    .from(indicators)
    .where(and(eq(indicators.active, true), componentId ? eq(indicators.componentId, componentId) : undefined))
    .orderBy(asc(indicators.ordinal), asc(indicators.code));
  return rows.map((r) => ({ ...r, weight: Number(r.weight) }));
});

const figureKey = (indicatorId: SqlNumber, periodId: SqlNumber) => `${Number(indicatorId)}:${Number(periodId)}`;

/** The rollup groups selected, per period and indicator, summed over the scope (`inScope`, on alias r). */
function readRollups(inScope: SQL, selected: SQL) {
  return getDb().execute<RollupRow>(sql`
    select r.period_id, r.indicator_id,
      sum(r.fact_count) filter (where ${inScope}) as fact_count,
      sum(r.value_sum) filter (where ${inScope}) as value_sum,
      sum(r.weight_sum) filter (where ${inScope}) as weight_sum,
      sum(r.weighted_sum) filter (where ${inScope}) as weighted_sum,
      (array_agg(r.latest_value order by r.latest_at desc nulls last, r.latest_fact_id desc nulls last)
        filter (where ${inScope} and r.latest_at is not null))[1] as latest_value,
      sum(r.expected_count) filter (where ${inScope}) as expected_scope,
      sum(r.expected_count) as expected_national,
      sum(r.provisional_count) filter (where ${inScope}) as provisional,
      sum(r.green_count) filter (where ${inScope}) as green,
      sum(r.amber_count) filter (where ${inScope}) as amber,
      sum(r.red_count) filter (where ${inScope}) as red,
      max(r.refreshed_at) as refreshed_at
    from dashboard_indicator_rollups r
    where ${selected}
    group by r.period_id, r.indicator_id`);
}

/**
 * One component's indicators' rollup groups of one period summed over a part of the country (all of it, or a
 * ministry and/or agency type), kept per the component's derived version in the period: figures are on most
 * pages (the overview, each component, each agency's comparison), and a refresh leaves the sums of the
 * quarters and components it did not change where they are.
 */
const readGroupSums = cachedPeriodRead(
  "rollup-sums",
  async (periodId: number, componentId: string, cut: ScopeCut) => {
    const result = await readRollups(
      scopeCondition(cut, "r"),
      sql`r.period_id = ${periodId} and r.indicator_id in (select id from indicators where component_id = ${Number(componentId)})`,
    );
    return new Map(result.rows.map((r) => [num(r.indicator_id), r]));
  },
  { componentOf: ([componentId]) => componentId },
);

/** The rollup sums of the given indicators and periods in the caller's scope, by figureKey. */
async function loadRollups(ctx: ReadContext, metas: IndicatorMeta[], periodIds: number[]): Promise<Map<string, RollupRow>> {
  const cut: ScopeCut = { ministryId: ctx.ministryId, scope: { type: ctx.scope.type } };
  const componentIds = [...new Set(metas.map((m) => m.componentId))];
  const byComponent = await Promise.all(componentIds.map((id) => readGroupSums(periodIds, String(id), cut)));
  const rollupOf = new Map<string, RollupRow>();
  for (const byPeriod of byComponent) {
    byPeriod.forEach((rows, i) => {
      for (const m of metas) if (rows.has(m.id)) rollupOf.set(figureKey(m.id, periodIds[i]!), rows.get(m.id)!);
    });
  }
  return rollupOf;
}

function readNationalTargets(indicatorIds: number[], periodIds: number[]) {
  return getDb().execute<TargetRow>(sql`
    select indicator_id, period_id, value from targets
    where agency_id is null and period_id = any(${sql.param(periodIds)}::int[]) and indicator_id = any(${sql.param(indicatorIds)}::int[])`);
}

/** Combine a rollup group's parts by the indicator's rule, pro-rate the national target to the scope, judge. */
function figureOf(ctx: ReadContext, meta: IndicatorMeta, period: PeriodRef, r: RollupRow | undefined, nationalTarget: number | null): Figure {
  const count = num(r?.fact_count);
  const actual = aggregateParts(meta.aggregation, {
    count,
    sum: num(r?.value_sum),
    weightSum: num(r?.weight_sum),
    weightedSum: num(r?.weighted_sum),
    latestValue: numOrNull(r?.latest_value),
    latestAt: null,
  });
  const expected = num(r?.expected_scope);
  const target = scopedTarget(meta.aggregation, nationalTarget, expected, num(r?.expected_national));
  return {
    period: period.code,
    actual,
    target,
    ...assess(actual, target, meta, ctx.config),
    reporting: count,
    expected,
    provisional: num(r?.provisional),
    green: num(r?.green),
    amber: num(r?.amber),
    red: num(r?.red),
  };
}

/**
 * Figures of the given indicators for the given periods in the caller's scope, from the rollups:
 * combine the matching groups' parts, aggregate by the indicator's rule, compare with the national
 * target (pro-rated for sums when the scope is part of the country) and judge the status.
 */
export async function loadFigures(ctx: ReadContext, metas: IndicatorMeta[], periodRefs: PeriodRef[]): Promise<FigureLookup> {
  if (!metas.length || !periodRefs.length) return { get: () => undefined, refreshedAt: null };
  const periodIds = periodRefs.map((p) => p.id);
  const indicatorIds = metas.map((m) => m.id);
  const [rollupOf, targetRows, definitions] = await Promise.all([
    loadRollups(ctx, metas, periodIds),
    readNationalTargets(indicatorIds, periodIds),
    loadPeriodDefinitions(indicatorIds, periodIds),
  ]);
  const targetOf = new Map(targetRows.rows.map((t) => [figureKey(t.indicator_id, t.period_id), num(t.value)]));
  let refreshedAt: string | null = null;
  for (const r of rollupOf.values()) {
    const at = isoTimeOrNull(r.refreshed_at);
    if (at && (!refreshedAt || at > refreshedAt)) refreshedAt = at;
  }
  const figures = new Map<string, Figure>();
  for (const meta of metas) {
    for (const p of periodRefs) {
      const key = figureKey(meta.id, p.id);
      figures.set(key, figureOf(ctx, definitions.of(meta, p.id), p, rollupOf.get(key), targetOf.get(key) ?? null));
    }
  }
  return { get: (indicatorId, periodId) => figures.get(figureKey(indicatorId, periodId)), refreshedAt };
}

/**
 * Per component for the caller's scope and one period: agencies contributing, lagging (any figure red,
 * or a figure missing after the due date), and completeness (expected figures that arrived approved).
 */
export async function loadAgencyStatus(ctx: ReadContext, periodId: number, overdue: boolean, componentId?: number): Promise<Map<number, AgencyStatus>> {
  const inScope = scopeCondition(ctx, "s");
  const result = await getDb().execute<AgencyStatusRow>(sql`
    select s.component_id,
      count(*) as contributing,
      count(*) filter (where s.red_count > 0 or (${overdue} and s.present_count < s.expected_count)) as lagging,
      sum(s.expected_count) as expected,
      sum(s.present_count) as present
    from dashboard_agency_components s
    where s.period_id = ${periodId} and ${inScope} ${componentId ? sql`and s.component_id = ${componentId}` : sql``}
    group by s.component_id`);
  return new Map(
    result.rows.map((r) => [
      num(r.component_id),
      { contributing: num(r.contributing), lagging: num(r.lagging), expected: num(r.expected), present: num(r.present) },
    ]),
  );
}
