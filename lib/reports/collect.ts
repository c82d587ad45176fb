import "server-only";
import { getCompleteness, type CompletenessScope } from "@/db/queries/completeness";
import { getAgencyDashboard } from "@/lib/facts/read/agency";
import { getDashboardOverview } from "@/lib/facts/read/overview";
import { getEmenscrBudgetByComponent, getEmenscrBudgetProgress, type EmenscrBudgetProgress, type EmenscrScope } from "@/lib/facts/read/emenscr-projects";
import { listDashboardFilterOptions } from "@/lib/facts/read/context";
import { type Figure, type IndicatorMeta } from "@/lib/facts/read/figures";
import { listLaggingAgencies } from "@/db/queries/flags";
import { isDemoDatabase } from "@/db/queries/meta";
import {
  agencyIdsTaggedWith,
  countApprovedSubmissions,
  countFactsBySource,
  getPeriodByCode,
  latestCaseStatuses,
  latestDataChange,
  listPeriodImports,
  type FactScope,
} from "@/db/queries/reports";
import type { Actor } from "@/core/auth/actor";
import type { DashboardFilters } from "@/core/dashboard/filters";
import { previousPeriod, todayInBangkok } from "@/core/fiscal/calendar";
import { NotFoundError } from "@/core/errors";
import { componentScore, type Status } from "@/core/scoring";
import type { ResolvedRequest } from "./scope";
import type { BudgetFigures, CompletenessCounts, Headline, LaggingAgency, ReportComponent, ReportIndicator, ReportSnapshot, YearSummary } from "@/core/reports/snapshot";
import { listPeriods } from "@/db/queries/indicators";
import { assess } from "@/core/scoring/status";
import { loadEcosystemMap } from "@/lib/ecosystem/map-data";
import type { ReportMap } from "@/core/reports/snapshot";
import { countAsks, listAsks, type AskFilters } from "@/db/queries/asks";
import type { AsksSection } from "@/core/reports/snapshot";

/** Requests listed in a report at most (the counts cover them all). */
const REPORT_REQUEST_LIMIT = 500;

const SCORED: readonly Status[] = ["green", "amber", "red"];

export interface CollectOptions {
  /** "Today" in Bangkok (tests); decides what counts as overdue. */
  today?: string;
  now?: Date;
}

/**
 * Collects one report's figures through the same queries as the dashboards, the completeness page and
 * the lagging list, as the requesting user: what a report shows is what that user may see on screen.
 */
export async function collectReport(actor: Actor, resolved: ResolvedRequest, options: CollectOptions = {}): Promise<ReportSnapshot> {
  const { request, scope } = resolved;
  const today = options.today ?? todayInBangkok(options.now);
  const period = await getPeriodByCode(request.period);
  if (!period) throw new NotFoundError("period");
  const previousRow = await getPeriodByCode(previousPeriod(period.code));
  const previous = previousRow?.code ?? null;

  const { filters, emenscrScope, completenessScope, factScope } = scopesOf(scope, period.code);
  const [componentSection, emenscr, completeness, lagging, sources, dataAsOf, demo, map, asks] = await Promise.all([
    collectComponents(actor, resolved, filters, today),
    collectEmenscr(actor, emenscrScope, previous, scope.kind),
    collectCompleteness(actor, period.code, previous, today, completenessScope, scope.kind),
    collectLagging(actor, resolved, period.id, previousRow?.id ?? null, today),
    Promise.all([countFactsBySource(period.id, factScope), listPeriodImports(period.id), countApprovedSubmissions(period.id, factScope)]),
    latestDataChange(period.id),
    isDemoDatabase(),
    collectMap(actor, resolved, today),
    collectAsks(actor, scope, period.id),
  ]);

  const headlines = headlinesOf(scope.kind, componentSection, completeness, lagging, emenscr);
  const [facts, imports, approvedSubmissions] = sources;
  return {
    version: 1,
    locale: request.locale,
    period: { code: period.code, fiscalYear: period.fiscalYear, quarter: period.quarter, startsOn: period.startsOn, endsOn: period.endsOn, dueOn: period.dueOn },
    previousPeriod: previous,
    scope: { kind: scope.kind, code: scope.code, nameTh: scope.nameTh, nameEn: scope.nameEn },
    generatedAt: (options.now ?? new Date()).toISOString(),
    generatedBy: actor.name,
    dataAsOf,
    overdue: today > period.dueOn,
    demo,
    headlines,
    components: componentSection.components,
    emenscr: { total: emenscr.total, byComponent: emenscr.byComponent },
    completeness,
    lagging: lagging.current,
    ...(map ? { map } : {}),
    asks,
    sources: { facts, imports, approvedSubmissions },
  };
}

/**
 * The report's KPI section alone (components with their scores and indicators) for the resolved scope:
 * what open data publishes, so a published figure is the report's figure by construction.
 */
export async function collectReportComponents(actor: Actor, resolved: ResolvedRequest, options: CollectOptions = {}): Promise<ReportComponent[]> {
  const today = options.today ?? todayInBangkok(options.now);
  const { filters } = scopesOf(resolved.scope, resolved.request.period);
  return (await collectComponents(actor, resolved, filters, today)).components;
}

type ScopeKind = ResolvedRequest["scope"]["kind"];

/** The most agencies one component lists on a ministry's printed map (as on the /map page). */
const MAP_AGENCY_CAP = 8;

/**
 * The ecosystem map of a national or ministry report: the /map page's graph and layout for the quarter
 * (and ministry), positions made absolute for a static drawing. Component and agency reports have none.
 */
async function collectMap(actor: Actor, { request, scope }: ResolvedRequest, today: string): Promise<ReportMap | null> {
  if (scope.kind !== "national" && scope.kind !== "ministry") return null;
  const { placed } = await loadEcosystemMap(actor, {
    filters: { period: request.period, ministry: scope.kind === "ministry" ? (scope.code ?? undefined) : undefined },
    listAgenciesOf: [],
    agencyCap: MAP_AGENCY_CAP,
    locale: request.locale,
    today,
  });
  const byId = new Map(placed.nodes.map((n) => [n.id, n]));
  const absolute = (id: string | null): { x: number; y: number } => {
    const n = id ? byId.get(id) : undefined;
    if (!n) return { x: 0, y: 0 };
    const parent = absolute(n.parentId);
    return { x: parent.x + n.x, y: parent.y + n.y };
  };
  return {
    width: placed.width,
    height: placed.height,
    // A component says DGA's role as its role edge does ("สพร.: ผู้นำ"): the printed map draws no edge labels.
    nodes: placed.nodes.map((n) => ({
      id: n.id,
      kind: n.kind,
      label: n.label,
      status: n.status,
      statusText: n.statusText,
      roleText: placed.edges.find((e) => e.kind === "role" && e.target === n.id)?.label ?? n.roleText,
      ...absolute(n.id),
      width: n.width,
      height: n.height,
    })),
    edges: placed.edges.map((e) => ({ id: e.id, kind: e.kind, source: e.source, target: e.target, label: e.label })),
  };
}

/** What agencies asked for in the quarter and what DGA did, in the report's scope, through the /asks queries. */
async function collectAsks(actor: Actor, scope: ResolvedRequest["scope"], periodId: number): Promise<AsksSection> {
  const filters: AskFilters = {
    periodIds: [periodId],
    ...(scope.kind === "component" ? { componentCode: scope.code! } : scope.kind === "ministry" ? { ministryCode: scope.code! } : scope.kind === "agency" ? { agencyId: scope.agencyId! } : {}),
  };
  const [counts, routed] = await Promise.all([countAsks(actor, filters), listAsks(actor, { ...filters, routedOnly: true }, { limit: REPORT_REQUEST_LIMIT, offset: 0 })]);
  return {
    total: { asks: counts.total.asks, routed: counts.total.routed, answered: counts.total.answered, unconfirmed: counts.unconfirmed },
    byTag: counts.byTag.map((t) => ({ code: t.code, nameTh: t.nameTh, nameEn: t.nameEn, asks: t.asks })),
    byComponent: counts.byComponent.map((c) => ({ code: c.code ?? "-", nameTh: c.nameTh ?? "-", nameEn: c.nameEn ?? "-", asks: c.asks, routed: c.routed, answered: c.answered })),
    requests: routed.rows.map((r) => ({
      agencyCode: r.agencyCode,
      agencyTh: r.agencyNameTh,
      agencyEn: r.agencyNameEn,
      componentCode: r.componentCode,
      componentTh: r.componentNameTh,
      componentEn: r.componentNameEn,
      source: r.source,
      text: r.text,
      tags: r.confirmedTags ?? [],
      unitTh: r.request!.unitNameTh,
      unitEn: r.request!.unitNameEn,
      status: r.request!.status,
      answer: r.request!.answer,
    })),
  };
}

/** The report's scope as each query it reads through takes it. */
function scopesOf(scope: ResolvedRequest["scope"], periodCode: string) {
  const filters: DashboardFilters = { period: periodCode, ...(scope.kind === "ministry" && scope.code ? { ministry: scope.code } : {}) };
  const emenscrScope: EmenscrScope = {
    ...filters,
    ...(scope.kind === "component" && scope.code ? { component: scope.code } : {}),
    ...(scope.kind === "agency" && scope.code ? { agency: scope.code } : {}),
  };
  const completenessScope: CompletenessScope =
    scope.kind === "component" ? { componentCode: scope.code! } : scope.kind === "ministry" ? { ministryCode: scope.code! } : scope.kind === "agency" ? { agencyCode: scope.code! } : {};
  const factScope: FactScope =
    scope.kind === "agency" ? { agencyId: scope.agencyId! } : scope.kind === "ministry" ? { ministryId: scope.agencyId! } : scope.kind === "component" ? { componentCode: scope.code! } : {};
  return { filters, emenscrScope, completenessScope, factScope };
}

/** The five figures on the report's first page, each with the previous quarter's. */
function headlinesOf(
  kind: ScopeKind,
  componentSection: Awaited<ReturnType<typeof collectComponents>>,
  completeness: ReportSnapshot["completeness"],
  lagging: Awaited<ReturnType<typeof collectLagging>>,
  emenscr: Awaited<ReturnType<typeof collectEmenscr>>,
): Headline[] {
  const indicators = componentSection.components.flatMap((c) => c.indicators);
  const scoredNow = indicators.filter((i) => SCORED.includes(i.status));
  const scoredBefore = componentSection.previousStatuses.filter((s) => SCORED.includes(s));
  return [
    {
      key: "averageScore",
      unit: "points",
      value: mean(componentSection.components.map((c) => c.score)),
      previous: mean(componentSection.components.map((c) => c.previousScore)),
      higherIsBetter: true,
    },
    {
      // A share, so quarters with different numbers of scored indicators compare fairly.
      key: "indicatorsOnTarget",
      unit: "percent",
      value: share(scoredNow.filter((i) => i.status === "green").length, scoredNow.length),
      previous: share(scoredBefore.filter((s) => s === "green").length, scoredBefore.length),
      detail: { count: scoredNow.filter((i) => i.status === "green").length, of: scoredNow.length },
      higherIsBetter: true,
    },
    {
      key: "submissionRate",
      unit: "percent",
      value: share(completeness.total.submitted, completeness.total.expected),
      previous: completeness.previous ? share(completeness.previous.submitted, completeness.previous.expected) : null,
      higherIsBetter: true,
    },
    kind === "agency"
      ? { key: "openFlags", unit: "count", value: lagging.current[0]?.flags ?? 0, previous: lagging.previousCount, higherIsBetter: false }
      : { key: "laggingAgencies", unit: "count", value: lagging.current.length, previous: lagging.previousCount, higherIsBetter: false },
    {
      key: "disbursementRate",
      unit: "percent",
      value: emenscr.total?.disbursementRate ?? null,
      previous: emenscr.previousRate,
      higherIsBetter: true,
    },
  ];
}

function mean(values: (number | null)[]): number | null {
  const present = values.filter((v): v is number => v !== null);
  return present.length ? present.reduce((a, b) => a + b, 0) / present.length : null;
}

function share(part: number, whole: number): number | null {
  return whole > 0 ? (part / whole) * 100 : null;
}

function indicatorOf(meta: Omit<ReportIndicator, "actual" | "target" | "attainment" | "status" | "previousActual" | "reporting" | "expected" | "national">, current: Figure, previous: Figure | null | undefined): ReportIndicator {
  return {
    ...meta,
    actual: current.actual,
    target: current.target,
    attainment: current.attainment,
    status: current.status,
    previousActual: previous?.actual ?? null,
    reporting: current.reporting,
    expected: current.expected,
  };
}

const metaOf = (m: IndicatorMeta) => ({
  code: m.code,
  nameTh: m.nameTh,
  nameEn: m.nameEn,
  unitTh: m.unitTh,
  unitEn: m.unitEn,
  valueType: m.valueType,
  direction: m.direction,
  weight: m.weight,
});

/** KPI results per component: the overview's figures, or one agency's own figures beside the national ones. */
async function collectComponents(actor: Actor, { scope }: ResolvedRequest, filters: DashboardFilters, today: string) {
  const previousStatuses: Status[] = [];
  if (scope.kind === "agency") {
    const dashboard = await getAgencyDashboard(actor, scope.code!, filters, { today });
    const index = dashboard.periods.indexOf(dashboard.period.code);
    const components: ReportComponent[] = dashboard.components.map((c, i) => {
      const indicators = c.indicators.map((row) => {
        const before = index > 0 ? row.series[index - 1] : undefined;
        if (before) previousStatuses.push(before.status);
        return { ...indicatorOf(metaOf(row), row.current, before), national: row.national.actual };
      });
      // The agency dashboard scores the selected quarter; the one before is scored the same way from its series.
      const before = index > 0 ? componentScore(c.indicators.map((row) => ({ weight: row.weight, ...row.series[index - 1]! }))).score : null;
      return { code: c.code, nameTh: c.nameTh, nameEn: c.nameEn, ordinal: i + 1, score: c.score, previousScore: before, status: c.status, indicators };
    });
    return { components, previousStatuses };
  }
  const overview = await getDashboardOverview(actor, filters, { today });
  const components: ReportComponent[] = overview.components
    .filter((c) => scope.kind !== "component" || c.code === scope.code)
    .map((c) => ({
      code: c.code,
      nameTh: c.nameTh,
      nameEn: c.nameEn,
      ordinal: c.ordinal,
      score: c.score,
      previousScore: c.previousScore,
      status: c.status,
      indicators: c.indicators.map((i) => {
        if (i.previous) previousStatuses.push(i.previous.status);
        return indicatorOf(metaOf(i), i.current, i.previous);
      }),
    }));
  return { components, previousStatuses };
}

function budgetOf(progress: EmenscrBudgetProgress): BudgetFigures | null {
  if (!progress.available) return null;
  return {
    projects: progress.projects,
    allocated: progress.allocated,
    disbursed: progress.disbursed,
    disbursementRate: share(progress.disbursed, progress.allocated),
    physicalProgress: progress.physicalProgress,
  };
}

async function collectEmenscr(actor: Actor, scope: EmenscrScope, previous: string | null, kind: ScopeKind) {
  const [total, before, parts, componentList] = await Promise.all([
    getEmenscrBudgetProgress(actor, scope),
    previous ? getEmenscrBudgetProgress(actor, { ...scope, period: previous }) : Promise.resolve({ available: false } as const),
    kind === "component" ? Promise.resolve([]) : getEmenscrBudgetByComponent(actor, scope),
    kind === "component" ? Promise.resolve([]) : listDashboardFilterOptions(actor).then((o) => o.components),
  ]);
  const names = new Map(componentList.map((c) => [c.code, c]));
  return {
    total: budgetOf(total),
    previousRate: budgetOf(before)?.disbursementRate ?? null,
    byComponent: parts.map((p) => ({ code: p.componentCode, nameTh: names.get(p.componentCode)!.nameTh, nameEn: names.get(p.componentCode)!.nameEn, ...budgetOf(p.progress)! })),
  };
}

const countsOf = (c: CompletenessCounts): CompletenessCounts => ({ expected: c.expected, submitted: c.submitted, onTime: c.onTime, approved: c.approved });

async function collectCompleteness(
  actor: Actor,
  period: string,
  previous: string | null,
  today: string,
  scope: CompletenessScope,
  kind: ScopeKind,
): Promise<ReportSnapshot["completeness"]> {
  const [now, before] = await Promise.all([getCompleteness(actor, period, today, scope), previous ? getCompleteness(actor, previous, today, scope) : Promise.resolve(null)]);
  const unitKind = kind === "national" ? "ministry" : kind === "agency" ? null : "agency";
  const units = unitKind === "ministry" ? now.byMinistry : unitKind === "agency" ? now.byAgency : [];
  return {
    total: countsOf(now.total),
    previous: before ? countsOf(before.total) : null,
    byComponent: now.byComponent.map((r) => ({ code: r.code, nameTh: r.nameTh, nameEn: r.nameEn, ...countsOf(r) })),
    byUnit: units.map((r) => ({ code: r.code, nameTh: r.nameTh, nameEn: r.nameEn, ...countsOf(r) })),
    unitKind,
    missing: now.overdue.map((r) => ({
      code: r.agencyCode,
      nameTh: r.agencyNameTh,
      nameEn: r.agencyNameEn,
      componentCode: r.componentCode,
      componentTh: r.componentNameTh,
      componentEn: r.componentNameEn,
      daysOverdue: r.daysOverdue,
    })),
  };
}

async function collectLagging(actor: Actor, { scope }: ResolvedRequest, periodId: number, previousId: number | null, today: string) {
  const ministryCode = scope.kind === "ministry" ? (scope.code ?? undefined) : undefined;
  const tagged = scope.kind === "component" ? await agencyIdsTaggedWith(scope.code!) : null;
  const inScope = (row: { agencyId: number }) => (scope.kind === "agency" ? row.agencyId === scope.agencyId : tagged ? tagged.has(row.agencyId) : true);
  const [rows, beforeRows, caseStatus] = await Promise.all([
    listLaggingAgencies(actor, { periodId, ministryCode, today }),
    previousId ? listLaggingAgencies(actor, { periodId: previousId, ministryCode, today }) : Promise.resolve(null),
    latestCaseStatuses(periodId),
  ]);
  const current: LaggingAgency[] = rows.filter(inScope).map((r) => ({
    code: r.code,
    nameTh: r.nameTh,
    nameEn: r.nameEn,
    ministryTh: r.ministryNameTh,
    ministryEn: r.ministryNameEn,
    flags: r.flagCount,
    worstSeverity: r.worstSeverity,
    reasonsTh: [...r.rulesTh].sort(),
    reasonsEn: [...r.rulesEn].sort(),
    openCases: Number(r.cases?.open ?? 0),
    overdueCases: Number(r.cases?.overdue ?? 0),
    latestCaseStatus: caseStatus.get(r.agencyId) ?? null,
  }));
  const before = beforeRows?.filter(inScope) ?? null;
  const previousCount = before === null ? null : scope.kind === "agency" ? (before[0]?.flagCount ?? 0) : before.length;
  return { current, previousCount };
}


/**
 * A fiscal year's report: its last quarter's report (the year-end state of completeness, lagging agencies,
 * budget) with the year's summary on top, every quarter's figures collected the same way as its own
 * quarterly report, so the two always agree.
 */
export async function collectYearReport(actor: Actor, resolved: ResolvedRequest, options: CollectOptions = {}): Promise<ReportSnapshot> {
  const today = options.today ?? todayInBangkok(options.now);
  const anchor = await getPeriodByCode(resolved.request.period);
  if (!anchor) throw new NotFoundError("period");
  const quarters = await listPeriods(anchor.fiscalYear);
  const base = await collectReport(actor, resolved, options);
  const { completenessScope } = scopesOf(resolved.scope, anchor.code);
  const perQuarter: { code: string; components: ReportComponent[]; completeness: CompletenessCounts }[] = [];
  // One quarter after another: the dashboards' queries are heavy enough without running four at once.
  for (const q of quarters) {
    const { components } = await collectComponents(actor, resolved, scopesOf(resolved.scope, q.code).filters, today);
    const completeness = await collectCompleteness(actor, q.code, null, today, completenessScope, resolved.scope.kind);
    perQuarter.push({ code: q.code, components, completeness: completeness.total });
  }
  const componentOrder = new Map<string, ReportComponent>();
  for (const q of perQuarter) for (const c of q.components) if (!componentOrder.has(c.code)) componentOrder.set(c.code, c);
  const components: YearSummary["components"] = [...componentOrder.values()].map((c) => {
    const indicatorOrder = new Map<string, ReportIndicator>();
    for (const q of perQuarter) for (const i of q.components.find((x) => x.code === c.code)?.indicators ?? []) if (!indicatorOrder.has(i.code)) indicatorOrder.set(i.code, i);
    return {
      code: c.code,
      nameTh: c.nameTh,
      nameEn: c.nameEn,
      ordinal: c.ordinal,
      scores: perQuarter.map((q) => q.components.find((x) => x.code === c.code)?.score ?? null),
      indicators: [...indicatorOrder.values()].map((meta) => {
        const figures = perQuarter.map((q) => q.components.find((x) => x.code === c.code)?.indicators.find((i) => i.code === meta.code));
        const values = figures.map((f) => f?.actual ?? null);
        const targets = figures.map((f) => f?.target ?? null);
        const last = values.findLastIndex((v) => v !== null);
        const yearEnd = last >= 0 ? values[last]! : null;
        // The year's target is the last quarter's (targets are set per quarter; the fourth quarter's is annual).
        const annualTarget = targets.findLast((v) => v !== null) ?? null;
        const { status, attainment } = assess(yearEnd, annualTarget, meta);
        return { code: meta.code, nameTh: meta.nameTh, nameEn: meta.nameEn, unitTh: meta.unitTh, unitEn: meta.unitEn, values, targets, yearEnd, yearEndQuarter: last >= 0 ? perQuarter[last]!.code : null, annualTarget, attainment, status };
      }),
    };
  });
  return { ...base, year: { fiscalYear: anchor.fiscalYear, quarters: perQuarter.map((q) => q.code), components, completeness: perQuarter.map((q) => q.completeness) } };
}
