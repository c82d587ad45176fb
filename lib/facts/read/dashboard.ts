import "server-only";
import { and, asc, eq, sql, type SQL } from "drizzle-orm";
import { getDb } from "@/db/client";
import { agencies, agencyComponents, components, indicators, periods } from "@/db/schema";
import type { Actor } from "@/core/auth/actor";
import { can, canViewAgency } from "@/core/auth/permissions";
import type { DashboardFilters } from "@/core/dashboard/filters";
import { AGENCY_TYPES, isAgencyRole, type Aggregation, type AgencyType, type DgaRole, type FactSource, type FactState, type IndicatorDirection, type ProjectStatus, type ValueType } from "@/core/enums";
import { ForbiddenError, NotFoundError } from "@/core/errors";
import { previousPeriod, samePeriodLastYear, todayInBangkok } from "@/core/fiscal/calendar";
import {
  aggregateParts,
  assess,
  componentScore,
  completenessShare,
  dataQuality,
  DEFAULT_SCORING,
  scopedTarget,
  type DataQuality,
  type ScoringConfig,
  type Status,
} from "@/core/scoring";

// Dashboard reads. Every function takes the caller: DGA-wide roles see every agency and may filter by
// ministry and agency type; agency roles see national aggregates (filters other than period and
// component are ignored for them, so a one-department ministry cannot reveal a neighbour's figures)
// and their own agency only. Figures come from the pre-aggregation in db/schema/dashboard.ts, which
// lib/dashboard/refresh-rollups.ts rebuilds from the fact layer; all results are plain JSON (no Date)
// so the same object can be prefetched on the server and served by app/api/dashboard/*.

export interface PeriodRef {
  id: number;
  code: string;
  fiscalYear: number;
  quarter: number;
  dueOn: string;
  status: "open" | "closed";
}

export interface DashboardScope {
  /** True when the caller sees national aggregates only (agency roles). */
  restricted: boolean;
  ministry: { code: string; nameTh: string; nameEn: string } | null;
  type: AgencyType | null;
  /** Filters that were given but not applied (unknown ministry, or not allowed for the role). */
  ignored: string[];
}

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

interface Context {
  periods: PeriodRef[];
  period: PeriodRef;
  scope: DashboardScope;
  ministryId: number | null;
  config: ScoringConfig;
}

export interface DashboardOptions {
  /** Quarters in the overview's trend, ending with the selected one. */
  trendLength?: number;
  scoring?: ScoringConfig;
  /** "Today" in Bangkok (tests); decides whether missing reports are overdue. */
  today?: string;
}

const num = (value: unknown): number => (value === null || value === undefined ? 0 : Number(value));
const numOrNull = (value: unknown): number | null => (value === null || value === undefined ? null : Number(value));

async function loadContext(actor: Actor, filters: DashboardFilters, options: DashboardOptions): Promise<Context> {
  if (!can(actor, "dashboard.view")) throw new ForbiddenError();
  const db = getDb();
  const rows = await db.select().from(periods).orderBy(asc(periods.fiscalYear), asc(periods.quarter));
  const all: PeriodRef[] = rows.map((p) => ({ id: p.id, code: p.code, fiscalYear: p.fiscalYear, quarter: p.quarter, dueOn: p.dueOn, status: p.status }));
  const today = options.today ?? todayInBangkok();
  // Without a chosen period, show the latest quarter whose reports are due (complete enough to judge);
  // before any is due, the current one.
  const current =
    rows.filter((p) => p.dueOn < today).at(-1) ??
    rows.find((p) => p.startsOn <= today && today <= p.endsOn) ??
    rows.filter((p) => p.status === "open").at(-1) ??
    rows.at(-1);
  const period = (filters.period && all.find((p) => p.code === filters.period)) || all.find((p) => p.id === current?.id);
  if (!period) throw new NotFoundError("period");
  const ignored: string[] = [];
  if (filters.period && period.code !== filters.period) ignored.push("period");
  const restricted = isAgencyRole(actor.role);
  let ministry: DashboardScope["ministry"] = null;
  let ministryId: number | null = null;
  let type: AgencyType | null = null;
  if (restricted) {
    if (filters.ministry) ignored.push("ministry");
    if (filters.type) ignored.push("type");
  } else {
    if (filters.ministry) {
      const [row] = await db
        .select({ id: agencies.id, code: agencies.code, nameTh: agencies.nameTh, nameEn: agencies.nameEn })
        .from(agencies)
        .where(and(eq(agencies.code, filters.ministry), eq(agencies.type, "ministry")))
        .limit(1);
      if (row) {
        ministry = { code: row.code, nameTh: row.nameTh, nameEn: row.nameEn };
        ministryId = row.id;
      } else ignored.push("ministry");
    }
    if (filters.type && (AGENCY_TYPES as readonly string[]).includes(filters.type)) type = filters.type;
  }
  return { periods: all, period, scope: { restricted, ministry, type, ignored }, ministryId, config: options.scoring ?? DEFAULT_SCORING };
}

/** The SQL condition selecting the caller's scope on a table with ministry_id and agency_type. */
function scopeCondition(ctx: Context, alias: string): SQL {
  const parts: SQL[] = [];
  if (ctx.ministryId !== null) parts.push(sql`${sql.raw(alias)}.ministry_id = ${ctx.ministryId}`);
  if (ctx.scope.type) parts.push(sql`${sql.raw(alias)}.agency_type = ${ctx.scope.type}`);
  return parts.length ? sql.join(parts, sql` and `) : sql`true`;
}

async function listIndicatorMeta(componentId?: number): Promise<IndicatorMeta[]> {
  const rows = await getDb()
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
}

/**
 * Figures of the given indicators for the given periods in the caller's scope, from the rollups:
 * combine the matching groups' parts, aggregate by the indicator's rule, compare with the national
 * target (pro-rated for sums when the scope is part of the country) and judge the status.
 */
async function loadFigures(ctx: Context, metas: IndicatorMeta[], periodRefs: PeriodRef[]) {
  const figures = new Map<string, Figure>();
  const key = (indicatorId: number, periodId: number) => `${indicatorId}:${periodId}`;
  if (!metas.length || !periodRefs.length) return { get: () => undefined as Figure | undefined, refreshedAt: null };
  const periodIds = periodRefs.map((p) => p.id);
  const indicatorIds = metas.map((m) => m.id);
  const inScope = scopeCondition(ctx, "r");
  const [rollups, targetRows] = await Promise.all([
    getDb().execute<Record<string, unknown>>(sql`
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
      where r.period_id = any(${sql.param(periodIds)}::int[]) and r.indicator_id = any(${sql.param(indicatorIds)}::int[])
      group by r.period_id, r.indicator_id`),
    getDb().execute<{ indicator_id: number; period_id: number; value: string }>(sql`
      select indicator_id, period_id, value from targets
      where agency_id is null and period_id = any(${sql.param(periodIds)}::int[]) and indicator_id = any(${sql.param(indicatorIds)}::int[])`),
  ]);
  const targetOf = new Map(targetRows.rows.map((t) => [key(Number(t.indicator_id), Number(t.period_id)), Number(t.value)]));
  const rollupOf = new Map(rollups.rows.map((r) => [key(Number(r.indicator_id), Number(r.period_id)), r]));
  let refreshedAt: string | null = null;
  for (const r of rollups.rows) {
    const at = r.refreshed_at ? new Date(r.refreshed_at as string).toISOString() : null;
    if (at && (!refreshedAt || at > refreshedAt)) refreshedAt = at;
  }
  for (const meta of metas) {
    for (const p of periodRefs) {
      const r = rollupOf.get(key(meta.id, p.id));
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
      const target = scopedTarget(meta.aggregation, targetOf.get(key(meta.id, p.id)) ?? null, expected, num(r?.expected_national));
      const judged = assess(actual, target, meta, ctx.config);
      figures.set(key(meta.id, p.id), {
        period: p.code,
        actual,
        target,
        ...judged,
        reporting: count,
        expected,
        provisional: num(r?.provisional),
        green: num(r?.green),
        amber: num(r?.amber),
        red: num(r?.red),
      });
    }
  }
  return { get: (indicatorId: number, periodId: number) => figures.get(key(indicatorId, periodId)), refreshedAt };
}

function periodByCode(ctx: Context, code: string | null): PeriodRef | null {
  return code ? (ctx.periods.find((p) => p.code === code) ?? null) : null;
}

function isOverdue(period: PeriodRef, today: string): boolean {
  return today > period.dueOn;
}

/**
 * Per component for the caller's scope and one period: agencies contributing, lagging (any figure red,
 * or a figure missing after the due date), and completeness (expected figures that arrived approved).
 */
async function loadAgencyStatus(ctx: Context, periodId: number, overdue: boolean, componentId?: number) {
  const inScope = scopeCondition(ctx, "s");
  const result = await getDb().execute<Record<string, unknown>>(sql`
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
      Number(r.component_id),
      { contributing: num(r.contributing), lagging: num(r.lagging), expected: num(r.expected), present: num(r.present) },
    ]),
  );
}

function emptyFigure(period: string): Figure {
  return { period, actual: null, target: null, status: "no_data", attainment: null, shortfall: null, reporting: 0, expected: 0, provisional: 0, green: 0, amber: 0, red: 0 };
}

/** The executive overview: one tile per component for the selected period, with trend and comparisons. */
export async function getDashboardOverview(actor: Actor, filters: DashboardFilters = {}, options: DashboardOptions = {}): Promise<DashboardOverview> {
  const ctx = await loadContext(actor, filters, options);
  const today = options.today ?? todayInBangkok();
  const index = ctx.periods.findIndex((p) => p.id === ctx.period.id);
  const trendPeriods = ctx.periods.slice(Math.max(0, index - (options.trendLength ?? 4) + 1), index + 1);
  const previous = periodByCode(ctx, previousPeriod(ctx.period.code));
  const lastYear = periodByCode(ctx, samePeriodLastYear(ctx.period.code));
  const wanted = [...trendPeriods, ...(previous ? [previous] : []), ...(lastYear ? [lastYear] : [])];
  const uniquePeriods = [...new Map(wanted.map((p) => [p.id, p])).values()];
  const overdue = isOverdue(ctx.period, today);
  const [componentRows, metas] = await Promise.all([
    getDb().select().from(components).orderBy(asc(components.ordinal)),
    listIndicatorMeta(),
  ]);
  const [figures, status] = await Promise.all([loadFigures(ctx, metas, uniquePeriods), loadAgencyStatus(ctx, ctx.period.id, overdue)]);
  const figureOf = (m: IndicatorMeta, p: PeriodRef) => figures.get(m.id, p.id) ?? emptyFigure(p.code);
  const scoreOf = (ms: IndicatorMeta[], p: PeriodRef | null) =>
    p ? componentScore(ms.map((m) => ({ weight: m.weight, ...figureOf(m, p) })), ctx.config) : null;

  const tiles = componentRows.map((c): ComponentOverview => {
    const ms = metas.filter((m) => m.componentId === c.id);
    const now = scoreOf(ms, ctx.period)!;
    const agencyStatus = status.get(c.id) ?? { contributing: 0, lagging: 0, expected: 0, present: 0 };
    const indicatorRows = ms
      .map((m) => ({
        ...m,
        current: figureOf(m, ctx.period),
        previous: previous ? figureOf(m, previous) : null,
        lastYear: lastYear ? figureOf(m, lastYear) : null,
        trend: trendPeriods.map((p) => figureOf(m, p)),
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
      previousScore: scoreOf(ms, previous)?.score ?? null,
      lastYearScore: scoreOf(ms, lastYear)?.score ?? null,
      trend: trendPeriods.map((p) => {
        const s = scoreOf(ms, p)!;
        return { period: p.code, score: s.score, status: s.status };
      }),
      indicators: indicatorRows,
      contributingAgencies: agencyStatus.contributing,
      laggingAgencies: agencyStatus.lagging,
      completeness: { present: agencyStatus.present, expected: agencyStatus.expected, share: completenessShare(agencyStatus.present, agencyStatus.expected) },
      provisional: indicatorRows.reduce((n, i) => n + i.current.provisional, 0),
    };
  });
  return {
    period: ctx.period,
    previousPeriod: previous?.code ?? null,
    lastYearPeriod: lastYear?.code ?? null,
    overdue,
    scope: ctx.scope,
    components: tiles,
    refreshedAt: figures.refreshedAt,
  };
}

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
    quartiles: { min: number; q1: number; median: number; q3: number; max: number } | null;
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

const rankOf = (r: Record<string, unknown>): AgencyRank => ({
  code: String(r.code),
  nameTh: String(r.name_th),
  nameEn: String(r.name_en),
  value: Number(r.value),
  target: numOrNull(r.target),
  attainment: numOrNull(r.attainment),
  status: (r.status as Status | null) ?? "no_target",
});

/** A component's indicators across every period, their spread across agencies, best and worst agencies. */
export async function getComponentDashboard(actor: Actor, code: string, filters: DashboardFilters = {}, options: DashboardOptions = {}): Promise<ComponentDashboard> {
  const ctx = await loadContext(actor, filters, options);
  const today = options.today ?? todayInBangkok();
  const [component] = await getDb().select().from(components).where(eq(components.code, code)).limit(1);
  if (!component) throw new NotFoundError("component");
  const metas = await listIndicatorMeta(component.id);
  const overdue = isOverdue(ctx.period, today);
  const ids = sql`${sql.param(metas.map((m) => m.id))}::int[]`;
  const inScope = scopeCondition(ctx, "d");
  const [figures, status, quartileRows, rankRows, ownRows] = await Promise.all([
    loadFigures(ctx, metas, ctx.periods),
    loadAgencyStatus(ctx, ctx.period.id, overdue, component.id),
    getDb().execute<Record<string, unknown>>(sql`
      select f.indicator_id, percentile_cont(array[0, 0.25, 0.5, 0.75, 1]) within group (order by f.value) as q
      from dashboard_agency_figures f join dashboard_agency_dims d on d.agency_id = f.agency_id
      where f.period_id = ${ctx.period.id} and f.indicator_id = any(${ids}) and ${inScope}
      group by f.indicator_id`),
    ctx.scope.restricted
      ? Promise.resolve({ rows: [] as Record<string, unknown>[] })
      : getDb().execute<Record<string, unknown>>(sql`
          select i.id as indicator_id, x.*
          from unnest(${ids}) as i(id)
          cross join lateral (
            (select 'best' as side, a.code, a.name_th, a.name_en, f.value, f.target, f.attainment, f.status
             from dashboard_agency_figures f join dashboard_agency_dims d on d.agency_id = f.agency_id join agencies a on a.id = f.agency_id
             where f.period_id = ${ctx.period.id} and f.indicator_id = i.id and f.attainment is not null and ${inScope}
             order by f.attainment desc, a.code limit 3)
            union all
            (select 'worst', a.code, a.name_th, a.name_en, f.value, f.target, f.attainment, f.status
             from dashboard_agency_figures f join dashboard_agency_dims d on d.agency_id = f.agency_id join agencies a on a.id = f.agency_id
             where f.period_id = ${ctx.period.id} and f.indicator_id = i.id and f.attainment is not null and ${inScope}
             order by f.attainment asc, a.code limit 3)
          ) x`),
    ctx.scope.restricted && actor.agencyId
      ? getDb().execute<Record<string, unknown>>(sql`
          select f.indicator_id, a.code, a.name_th, a.name_en, f.value, f.target, f.attainment, f.status,
            (select count(*) from dashboard_agency_figures o where o.period_id = f.period_id and o.indicator_id = f.indicator_id
               and o.attainment > f.attainment) + 1 as rank,
            (select count(*) from dashboard_agency_figures o where o.period_id = f.period_id and o.indicator_id = f.indicator_id
               and o.attainment is not null) as of
          from dashboard_agency_figures f join agencies a on a.id = f.agency_id
          where f.period_id = ${ctx.period.id} and f.indicator_id = any(${ids}) and f.agency_id = ${actor.agencyId}`)
      : Promise.resolve({ rows: [] as Record<string, unknown>[] }),
  ]);
  const quartiles = new Map(
    quartileRows.rows.map((r) => {
      const q = parseArray(r.q).map(Number);
      return [Number(r.indicator_id), q.length === 5 ? { min: q[0]!, q1: q[1]!, median: q[2]!, q3: q[3]!, max: q[4]! } : null];
    }),
  );
  const details = metas.map((m): IndicatorDetail => {
    const current = figures.get(m.id, ctx.period.id) ?? emptyFigure(ctx.period.code);
    const own = ownRows.rows.find((r) => Number(r.indicator_id) === m.id);
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
      best: rankRows.rows.filter((r) => Number(r.indicator_id) === m.id && r.side === "best").map(rankOf),
      worst: rankRows.rows.filter((r) => Number(r.indicator_id) === m.id && r.side === "worst").map(rankOf),
      own: own && own.attainment !== null ? { ...rankOf(own), rank: Number(own.rank), of: Number(own.of) } : own ? { ...rankOf(own), rank: 0, of: Number(own.of) } : null,
    };
  });
  const score = componentScore(details.map((d) => ({ weight: d.weight, ...d.current })), ctx.config);
  const s = status.get(component.id) ?? { contributing: 0, lagging: 0, expected: 0, present: 0 };
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

/**
 * A PostgreSQL array of plain values (numbers, codes): node-postgres parses it, PGlite may hand back its
 * text form `{a,b}`. Not for elements that need quoting (commas, braces, spaces).
 */
function parseArray(value: unknown): string[] {
  if (Array.isArray(value)) return value.map(String);
  if (typeof value === "string") return value.replace(/[{}]/g, "").split(",").filter(Boolean);
  return [];
}

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

/** One agency's figures across components and periods, with its data-quality score per period. */
export async function getAgencyDashboard(actor: Actor, code: string, filters: DashboardFilters = {}, options: DashboardOptions = {}): Promise<AgencyDashboard> {
  // Ministry and type filters do not apply to one agency; its own profile is never "restricted".
  const ctx = await loadContext(actor, { period: filters.period }, options);
  const db = getDb();
  const [agency] = await db
    .select({ id: agencies.id, code: agencies.code, nameTh: agencies.nameTh, nameEn: agencies.nameEn })
    .from(agencies)
    .where(eq(agencies.code, code))
    .limit(1);
  if (!agency || !canViewAgency(actor, agency.id)) throw new NotFoundError("agency");
  const [roles, owed, figureRows, qualityRows, provisionalRows, metas] = await Promise.all([
    db
      .select({ componentId: agencyComponents.componentId, dgaRole: agencyComponents.dgaRole })
      .from(agencyComponents)
      .where(eq(agencyComponents.agencyId, agency.id)),
    db.execute<{ indicator_id: number }>(sql`
      select distinct indicator_id from dashboard_agency_figures where agency_id = ${agency.id}
      union
      select i.id from agency_components ac join indicators i on i.component_id = ac.component_id and i.active and i.aggregation <> 'latest'
      where ac.agency_id = ${agency.id}
      union
      select i.id from indicators i join services s on s.id = i.service_id where i.active and i.aggregation = 'latest' and s.owner_agency_id = ${agency.id}`),
    db.execute<Record<string, unknown>>(sql`
      select period_id, indicator_id, fact_id, value, target, attainment, status from dashboard_agency_figures where agency_id = ${agency.id}`),
    db.execute<Record<string, unknown>>(sql`
      select period_id, sum(expected_count) as expected, sum(present_count) as present, sum(on_time_count) as on_time, sum(valid_count) as valid
      from dashboard_agency_components where agency_id = ${agency.id} group by period_id`),
    db.execute<Record<string, unknown>>(sql`
      select period_id, count(*) as n from indicator_facts where agency_id = ${agency.id} and state = 'provisional' group by period_id`),
    listIndicatorMeta(),
  ]);
  const owedIds = new Set(owed.rows.map((r) => Number(r.indicator_id)));
  const mine = metas.filter((m) => owedIds.has(m.id));
  // National figures for comparison and the national expected counts that pro-rate sum targets.
  const nationalCtx: Context = { ...ctx, ministryId: null, scope: { ...ctx.scope, type: null } };
  const national = await loadFigures(nationalCtx, mine, ctx.periods);
  const figureOf = new Map(figureRows.rows.map((r) => [`${r.indicator_id}:${r.period_id}`, r]));
  const series = (m: IndicatorMeta) =>
    ctx.periods.map((p) => {
      const r = figureOf.get(`${m.id}:${p.id}`);
      const nationalFigure = national.get(m.id, p.id);
      const target = r ? numOrNull(r.target) : scopedTarget(m.aggregation, nationalFigure?.target ?? null, 1, nationalFigure?.expected ?? 0);
      const actual = r ? Number(r.value) : null;
      return { ...emptyFigure(p.code), ...assess(actual, target, m, ctx.config), actual, target, reporting: r ? 1 : 0, expected: 1, factId: r ? Number(r.fact_id) : null };
    });
  const componentRows = await db.select().from(components).orderBy(asc(components.ordinal));
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
  const qualityOf = new Map(qualityRows.rows.map((r) => [Number(r.period_id), r]));
  const provisionalOf = new Map(provisionalRows.rows.map((r) => [Number(r.period_id), num(r.n)]));
  const quality = ctx.periods.map((p) => {
    const r = qualityOf.get(p.id);
    const counts = { expected: num(r?.expected), present: num(r?.present), onTime: num(r?.on_time), valid: num(r?.valid) };
    return { period: p.code, dueOn: p.dueOn, ...counts, provisional: provisionalOf.get(p.id) ?? 0, ...dataQuality(counts) };
  });
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

export interface ProvenanceOptions extends DashboardFilters {
  indicator: string;
  /** One agency's facts only. */
  agency?: string;
  limit?: number;
  offset?: number;
}

export interface ProvenanceRow {
  factId: number;
  agencyCode: string;
  agencyNameTh: string;
  agencyNameEn: string;
  value: number;
  weight: number | null;
  source: FactSource;
  state: FactState;
  /** Submission value id (self-assessment) or eMENSCR progress row id. */
  sourceId: number | null;
  importBatchId: number | null;
  sourceRow: number | null;
  sourceRef: string | null;
  recordedAt: string;
  /** Whether this fact is the one that counted for its agency (approved and most recent). */
  counted: boolean;
}

export interface Provenance {
  indicator: IndicatorMeta;
  period: PeriodRef;
  scope: DashboardScope;
  agency: { code: string; nameTh: string; nameEn: string } | null;
  figure: Figure;
  total: number;
  counted: number;
  /** Facts of other agencies that are in the national figure but not shown to an agency role. */
  hidden: number;
  rows: ProvenanceRow[];
}

/**
 * "Trace this figure": the facts a dashboard number was computed from, every source and state, with
 * their provenance (submission value, import batch and row, or derivation). Agency roles see their own
 * agency's facts and only the count of the others.
 */
export async function listFigureProvenance(actor: Actor, options: ProvenanceOptions, dashboardOptions: DashboardOptions = {}): Promise<Provenance> {
  const ctx = await loadContext(actor, options, dashboardOptions);
  const [meta] = (await listIndicatorMeta()).filter((m) => m.code === options.indicator);
  if (!meta) throw new NotFoundError("indicator");
  const db = getDb();
  let agency: { id: number; code: string; nameTh: string; nameEn: string } | null = null;
  if (options.agency) {
    const [row] = await db
      .select({ id: agencies.id, code: agencies.code, nameTh: agencies.nameTh, nameEn: agencies.nameEn })
      .from(agencies)
      .where(eq(agencies.code, options.agency))
      .limit(1);
    if (!row || !canViewAgency(actor, row.id)) throw new NotFoundError("agency");
    agency = row;
  }
  const conditions: SQL[] = [sql`f.period_id = ${ctx.period.id}`, sql`f.indicator_id = ${meta.id}`, scopeCondition(ctx, "d")];
  if (agency) conditions.push(sql`f.agency_id = ${agency.id}`);
  const visible = ctx.scope.restricted ? sql`f.agency_id = ${actor.agencyId ?? -1}` : sql`true`;
  const where = sql.join(conditions, sql` and `);
  const limit = Math.min(Math.max(options.limit ?? 50, 1), 500);
  const offset = Math.max(options.offset ?? 0, 0);
  const [counts, rows] = await Promise.all([
    db.execute<Record<string, unknown>>(sql`
      select count(*) filter (where ${visible}) as total,
        count(g.fact_id) filter (where ${visible}) as counted,
        count(*) filter (where not (${visible})) as hidden
      from indicator_facts f
      join dashboard_agency_dims d on d.agency_id = f.agency_id
      left join dashboard_agency_figures g on g.period_id = f.period_id and g.indicator_id = f.indicator_id and g.agency_id = f.agency_id and g.fact_id = f.id
      where ${where}`),
    db.execute<Record<string, unknown>>(sql`
      select f.id, a.code, a.name_th, a.name_en, f.value, f.weight, f.source, f.state, f.source_id, f.import_batch_id, f.source_row,
        f.source_ref, f.recorded_at, g.fact_id is not null as counted
      from indicator_facts f
      join dashboard_agency_dims d on d.agency_id = f.agency_id
      join agencies a on a.id = f.agency_id
      left join dashboard_agency_figures g on g.period_id = f.period_id and g.indicator_id = f.indicator_id and g.agency_id = f.agency_id and g.fact_id = f.id
      where ${where} and ${visible}
      order by a.code, f.recorded_at desc, f.id desc
      limit ${limit} offset ${offset}`),
  ]);
  const figures = await loadFigures(agency ? { ...ctx, ministryId: null, scope: { ...ctx.scope, type: null } } : ctx, [meta], [ctx.period]);
  let figure = figures.get(meta.id, ctx.period.id) ?? emptyFigure(ctx.period.code);
  if (agency) {
    const [own] = (
      await db.execute<Record<string, unknown>>(sql`
        select value, target from dashboard_agency_figures where period_id = ${ctx.period.id} and indicator_id = ${meta.id} and agency_id = ${agency.id}`)
    ).rows;
    const target = own ? numOrNull(own.target) : scopedTarget(meta.aggregation, figure.target, 1, figure.expected);
    const actual = own ? Number(own.value) : null;
    figure = { ...emptyFigure(ctx.period.code), ...assess(actual, target, meta, ctx.config), actual, target, reporting: own ? 1 : 0, expected: 1 };
  }
  const c = counts.rows[0] ?? {};
  return {
    indicator: meta,
    period: ctx.period,
    scope: ctx.scope,
    agency: agency ? { code: agency.code, nameTh: agency.nameTh, nameEn: agency.nameEn } : null,
    figure,
    total: num(c.total),
    counted: num(c.counted),
    hidden: num(c.hidden),
    rows: rows.rows.map((r) => ({
      factId: Number(r.id),
      agencyCode: String(r.code),
      agencyNameTh: String(r.name_th),
      agencyNameEn: String(r.name_en),
      value: Number(r.value),
      weight: numOrNull(r.weight),
      source: r.source as FactSource,
      state: r.state as FactState,
      sourceId: numOrNull(r.source_id),
      importBatchId: numOrNull(r.import_batch_id),
      sourceRow: numOrNull(r.source_row),
      sourceRef: (r.source_ref as string | null) ?? null,
      recordedAt: new Date(r.recorded_at as string).toISOString(),
      counted: Boolean(r.counted),
    })),
  };
}

/** eMENSCR budget and progress for a scope: allocated vs disbursed vs physical progress. */
export type EmenscrBudgetProgress =
  | { available: false }
  | {
      available: true;
      projects: number;
      allocated: number;
      disbursed: number;
      /** Budget-weighted physical progress, percent. */
      physicalProgress: number | null;
      asOf: string;
    };

export interface EmenscrScope extends DashboardFilters {
  agency?: string;
}

/**
 * eMENSCR budget and progress of the projects in scope for the period: allocated budget, cumulative
 * disbursement and budget-weighted physical progress (plain mean when no project has a budget). Same
 * scoping as the other dashboard queries: agency roles get national totals or their own agency.
 */
export async function getEmenscrBudgetProgress(actor: Actor, scope: EmenscrScope = {}): Promise<EmenscrBudgetProgress> {
  const [total] = await emenscrBudgetRows(actor, scope, false);
  return total ? total.progress : { available: false };
}

/** The same figures for each component at once (a project tagged with two components counts in both). */
export async function getEmenscrBudgetByComponent(actor: Actor, scope: Omit<EmenscrScope, "component"> = {}): Promise<{ componentCode: string; progress: EmenscrBudgetProgress & { available: true } }[]> {
  return (await emenscrBudgetRows(actor, scope, true)).map((r) => ({ componentCode: r.componentCode!, progress: r.progress }));
}

async function emenscrBudgetRows(actor: Actor, scope: EmenscrScope, perComponent: boolean) {
  const ctx = await loadContext(actor, scope, {});
  let agencyId: number | null = null;
  if (scope.agency) {
    const [row] = await getDb().select({ id: agencies.id }).from(agencies).where(eq(agencies.code, scope.agency)).limit(1);
    if (!row || !canViewAgency(actor, row.id)) throw new NotFoundError("agency");
    agencyId = row.id;
  }
  const byAgency = agencyId !== null ? sql`and j.agency_id = ${agencyId}` : sql``;
  const byComponent = scope.component
    ? sql`and exists (select 1 from project_components pc join components c on c.id = pc.component_id where pc.project_id = j.id and c.code = ${scope.component})`
    : sql``;
  const group = perComponent
    ? { column: sql`c.code`, join: sql`join project_components pc on pc.project_id = j.id join components c on c.id = pc.component_id`, by: sql`group by c.code, c.ordinal order by c.ordinal` }
    : { column: sql`null::text`, join: sql``, by: sql`` };
  const result = await getDb().execute<{ component_code: string | null; projects: number; allocated: string | null; disbursed: string | null; weighted: string | null; plain: string | null; as_of: string | Date | null }>(sql`
    select ${group.column} as component_code,
           count(*)::int as projects,
           sum(j.budget) as allocated,
           sum(p.disbursed) as disbursed,
           sum(p.physical_progress * j.budget) filter (where j.budget > 0 and p.physical_progress is not null)
             / nullif(sum(j.budget) filter (where j.budget > 0 and p.physical_progress is not null), 0) as weighted,
           avg(p.physical_progress) as plain,
           max(b.finished_at) as as_of
    from emenscr_progress p
    join emenscr_projects j on j.id = p.project_id
    join dashboard_agency_dims d on d.agency_id = j.agency_id
    join import_batches b on b.id = p.batch_id
    ${group.join}
    where p.period_id = ${ctx.period.id} and ${scopeCondition(ctx, "d")} ${byAgency} ${byComponent}
    ${group.by}`);
  return result.rows
    .filter((row) => Number(row.projects) > 0)
    .map((row) => ({
      componentCode: row.component_code,
      progress: {
        available: true as const,
        projects: Number(row.projects),
        allocated: num(row.allocated),
        disbursed: num(row.disbursed),
        physicalProgress: numOrNull(row.weighted) ?? numOrNull(row.plain),
        asOf: row.as_of instanceof Date ? row.as_of.toISOString() : String(row.as_of),
      },
    }));
}

/** Choices for the filter bar. */
export async function listDashboardFilterOptions(actor: Actor) {
  if (!can(actor, "dashboard.view")) throw new ForbiddenError();
  const db = getDb();
  const [periodRows, ministries, componentRows] = await Promise.all([
    db.select({ code: periods.code }).from(periods).orderBy(asc(periods.fiscalYear), asc(periods.quarter)),
    isAgencyRole(actor.role)
      ? Promise.resolve([])
      : db
          .select({ code: agencies.code, nameTh: agencies.nameTh, nameEn: agencies.nameEn })
          .from(agencies)
          .where(and(eq(agencies.type, "ministry"), eq(agencies.active, true)))
          .orderBy(asc(agencies.code)),
    db.select({ code: components.code, nameTh: components.nameTh, nameEn: components.nameEn }).from(components).orderBy(asc(components.ordinal)),
  ]);
  return {
    periods: periodRows.map((p) => p.code),
    ministries,
    types: isAgencyRole(actor.role) ? [] : AGENCY_TYPES.filter((t) => t !== "ministry"),
    components: componentRows,
  };
}
export type DashboardFilterOptions = Awaited<ReturnType<typeof listDashboardFilterOptions>>;

export interface EmenscrProjectRow {
  code: string;
  name: string;
  agencyCode: string | null;
  agencyNameTh: string | null;
  agencyNameEn: string | null;
  budget: number | null;
  disbursed: number | null;
  /** Percent of the budget disbursed (cumulative). */
  disbursedShare: number | null;
  physicalProgress: number | null;
  status: ProjectStatus | null;
  components: string[];
}

export interface EmenscrProjectPage {
  total: number;
  page: number;
  pageSize: number;
  rows: EmenscrProjectRow[];
}

/**
 * The eMENSCR projects behind the budget panel: same scope and period, largest budget first, one page at
 * a time (a component has thousands of projects nationally). Agency roles see their own agency's only.
 */
export async function listEmenscrProjects(actor: Actor, scope: EmenscrScope & { page?: number; pageSize?: number } = {}): Promise<EmenscrProjectPage> {
  const ctx = await loadContext(actor, scope, {});
  const pageSize = Math.min(Math.max(scope.pageSize ?? 20, 1), 100);
  const page = Math.max(1, Math.floor(scope.page ?? 1));
  let agencyId: number | null = null;
  if (scope.agency) {
    const [row] = await getDb().select({ id: agencies.id }).from(agencies).where(eq(agencies.code, scope.agency)).limit(1);
    if (!row || !canViewAgency(actor, row.id)) throw new NotFoundError("agency");
    agencyId = row.id;
  } else if (ctx.scope.restricted) {
    // A project list names agencies: agency roles get their own agency's projects, never the country's.
    agencyId = actor.agencyId ?? -1;
  }
  const byAgency = agencyId !== null ? sql`and j.agency_id = ${agencyId}` : sql``;
  const byComponent = scope.component
    ? sql`and exists (select 1 from project_components pc join components c on c.id = pc.component_id where pc.project_id = j.id and c.code = ${scope.component})`
    : sql``;
  const where = sql`p.period_id = ${ctx.period.id} and ${scopeCondition(ctx, "d")} ${byAgency} ${byComponent}`;
  const [count, rows] = await Promise.all([
    getDb().execute<{ n: number }>(sql`
      select count(*)::int as n from emenscr_progress p join emenscr_projects j on j.id = p.project_id
      join dashboard_agency_dims d on d.agency_id = j.agency_id where ${where}`),
    getDb().execute<Record<string, unknown>>(sql`
      select j.project_code, j.name, a.code as agency_code, a.name_th, a.name_en, j.budget, p.disbursed, p.physical_progress, p.status,
        array(select c.code from project_components pc join components c on c.id = pc.component_id where pc.project_id = j.id order by c.ordinal) as components
      from emenscr_progress p join emenscr_projects j on j.id = p.project_id
      join dashboard_agency_dims d on d.agency_id = j.agency_id
      join agencies a on a.id = j.agency_id
      where ${where}
      order by j.budget desc nulls last, j.project_code
      limit ${pageSize} offset ${(page - 1) * pageSize}`),
  ]);
  return {
    total: Number(count.rows[0]?.n ?? 0),
    page,
    pageSize,
    rows: rows.rows.map((r) => {
      const budget = numOrNull(r.budget);
      const disbursed = numOrNull(r.disbursed);
      return {
        code: String(r.project_code),
        name: String(r.name),
        agencyCode: r.agency_code === null ? null : String(r.agency_code),
        agencyNameTh: (r.name_th as string | null) ?? null,
        agencyNameEn: (r.name_en as string | null) ?? null,
        budget,
        disbursed,
        disbursedShare: budget && disbursed !== null ? (disbursed / budget) * 100 : null,
        physicalProgress: numOrNull(r.physical_progress),
        status: (r.status as ProjectStatus | null) ?? null,
        components: parseArray(r.components),
      };
    }),
  };
}

