import "server-only";
import { getPeriodByCode } from "@/db/queries/reports";
import { listPeriods } from "@/db/queries/indicators";
import type { Actor } from "@/core/auth/actor";
import { todayInBangkok } from "@/core/fiscal/calendar";
import { NotFoundError } from "@/core/errors";
import { assess } from "@/core/scoring/status";
import type { CompletenessCounts, ReportComponent, ReportIndicator, ReportSnapshot, YearSummary } from "@/core/reports/snapshot";
import { collectReport, scopesOf, type CollectOptions } from "./collect";
import { collectComponents, collectCompleteness } from "./collect-sections";
import type { ResolvedRequest } from "./scope";

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
