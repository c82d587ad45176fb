// Each section of a report, read through the same queries as the screen that shows it, as the requesting
// user: KPI results per component, the eMENSCR budget, completeness, lagging agencies, the ecosystem map and
// what agencies asked for.
import "server-only";
import { getCompleteness, type CompletenessScope } from "@/db/queries/completeness";
import { listLaggingAgencies } from "@/db/queries/flags";
import { agencyIdsTaggedWith, latestCaseStatuses } from "@/db/queries/reports";
import { countAsks, listAsks, type AskFilters } from "@/db/queries/asks";
import { getAgencyDashboard } from "@/lib/facts/read/agency";
import { getDashboardOverview } from "@/lib/facts/read/overview";
import { getEmenscrBudgetByComponent, getEmenscrBudgetProgress, type EmenscrBudgetProgress, type EmenscrScope } from "@/lib/facts/read/emenscr-projects";
import { listDashboardFilterOptions } from "@/lib/facts/read/context";
import { type Figure, type IndicatorMeta } from "@/lib/facts/read/figures";
import { loadEcosystemMap } from "@/lib/ecosystem/map-data";
import type { Actor } from "@/core/auth/actor";
import type { DashboardFilters } from "@/core/dashboard/filters";
import { componentScore, type Status } from "@/core/scoring";
import type { AsksSection, BudgetFigures, CompletenessCounts, LaggingAgency, ReportComponent, ReportIndicator, ReportMap, ReportSnapshot } from "@/core/reports/snapshot";
import type { ResolvedRequest } from "./scope";

/** Requests listed in a report at most (the counts cover them all). */
const REPORT_REQUEST_LIMIT = 500;

/** The most agencies one component lists on a ministry's printed map (as on the /map page). */
const MAP_AGENCY_CAP = 8;

export type ScopeKind = ResolvedRequest["scope"]["kind"];

/** A percentage, or null when there is nothing to take it of. */
export function share(part: number, whole: number): number | null {
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
export async function collectComponents(actor: Actor, { scope }: ResolvedRequest, filters: DashboardFilters, today: string) {
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

/** The eMENSCR budget in the scope, the previous quarter's disbursement rate, and (beyond one component) per component. */
export async function collectEmenscr(actor: Actor, scope: EmenscrScope, previous: string | null, kind: ScopeKind) {
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

/** Submissions expected, submitted, on time and approved, with the previous quarter's totals and the forms still missing. */
export async function collectCompleteness(
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

/** The lagging agencies in the scope (or the agency's own flags), with the previous quarter's count. */
export async function collectLagging(actor: Actor, { scope }: ResolvedRequest, periodId: number, previousId: number | null, today: string) {
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
 * The ecosystem map of a national or ministry report: the /map page's graph and layout for the quarter
 * (and ministry), positions made absolute for a static drawing. Component and agency reports have none.
 */
export async function collectMap(actor: Actor, { request, scope }: ResolvedRequest, today: string): Promise<ReportMap | null> {
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
export async function collectAsks(actor: Actor, scope: ResolvedRequest["scope"], periodId: number): Promise<AsksSection> {
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
