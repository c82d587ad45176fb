// A quarter's report: every section collected at once (collect-sections.ts), with the headline figures of
// its first page; and its KPI section alone, for open data. A fiscal year's report is collect-year.ts.
import "server-only";
import type { CompletenessScope } from "@/db/queries/completeness";
import { isDemoDatabase } from "@/db/queries/meta";
import { countApprovedSubmissions, countFactsBySource, getPeriodByCode, latestDataChange, listPeriodImports, type FactScope } from "@/db/queries/reports";
import type { EmenscrScope } from "@/lib/facts/read/emenscr-projects";
import type { Actor } from "@/core/auth/actor";
import type { DashboardFilters } from "@/core/dashboard/filters";
import { previousPeriod, todayInBangkok } from "@/core/fiscal/calendar";
import { NotFoundError } from "@/core/errors";
import type { Status } from "@/core/scoring";
import type { Headline, ReportComponent, ReportSnapshot } from "@/core/reports/snapshot";
import { collectAsks, collectComponents, collectCompleteness, collectEmenscr, collectLagging, collectMap, share, type ScopeKind } from "./collect-sections";
import type { ResolvedRequest } from "./scope";

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

/** The report's scope as each query it reads through takes it. */
export function scopesOf(scope: ResolvedRequest["scope"], periodCode: string) {
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
