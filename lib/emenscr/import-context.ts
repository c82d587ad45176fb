import "server-only";
import { eq, sql } from "drizzle-orm";
import type { Queryable } from "@/db/client";
import { agencies, agencyAliases, componentRules, periods } from "@/db/schema";
import { assessAmountUnit, median, type AgencyBudgets } from "@/core/emenscr/amount-units";
import { defaultDueDate, parsePeriodCode, periodBounds, todayInBangkok } from "@/core/fiscal/calendar";
import { AgencyMatcher } from "./agency-match";
import { compileRules, type CompiledRule } from "./component-rules";
import type { ImportSummary } from "./import-summary";

/** The reference data an import matches its rows against, read once per import. */
export interface ImportContext {
  /** Budgets of this file's rows (in baht, as they would be stored) per matched agency; null = unmatched. */
  budgets: Map<number | null, number[]>;
  matcher: AgencyMatcher;
  agencyNames: Map<number, string>;
  rules: CompiledRule[];
  periodIds: Map<string, number>;
}

export async function loadContext(db: Queryable): Promise<ImportContext> {
  const [agencyRows, aliasRows, ruleRows, periodRows] = await Promise.all([
    db
      .select({ id: agencies.id, code: agencies.code, nameTh: agencies.nameTh, nameEn: agencies.nameEn, abbrTh: agencies.abbrTh, abbrEn: agencies.abbrEn })
      .from(agencies),
    db.select({ aliasKey: agencyAliases.aliasKey, agencyId: agencyAliases.agencyId }).from(agencyAliases),
    db.select().from(componentRules).where(eq(componentRules.active, true)),
    db.select({ id: periods.id, code: periods.code }).from(periods),
  ]);
  return {
    budgets: new Map(),
    matcher: new AgencyMatcher(agencyRows, new Map(aliasRows.map((a) => [a.aliasKey, a.agencyId]))),
    agencyNames: new Map(agencyRows.map((a) => [a.id, a.nameTh])),
    rules: compileRules(ruleRows),
    periodIds: new Map(periodRows.map((p) => [p.code, p.id])),
  };
}

/** Periods named in a file may predate the reference data; they are created from the fiscal calendar. */
export async function ensurePeriod(db: Queryable, context: ImportContext, code: string): Promise<number> {
  const known = context.periodIds.get(code);
  if (known !== undefined) return known;
  const period = parsePeriodCode(code)!;
  const bounds = periodBounds(period.fiscalYear, period.quarter);
  await db
    .insert(periods)
    .values({
      code,
      fiscalYear: period.fiscalYear,
      quarter: period.quarter,
      ...bounds,
      dueOn: defaultDueDate(period.fiscalYear, period.quarter),
      status: bounds.endsOn < todayInBangkok() ? "closed" : "open",
    })
    .onConflictDoNothing();
  const [row] = await db.select({ id: periods.id }).from(periods).where(eq(periods.code, code));
  context.periodIds.set(code, row!.id);
  return row!.id;
}

/** The ids of the periods the file's rows named (those that exist). */
export function periodIdsOf(summary: ImportSummary, context: ImportContext): number[] {
  return summary.periodCodes.map((code) => context.periodIds.get(code)).filter((id): id is number => id !== undefined);
}

/** Median stored budget per agency (projects with a budget). */
export async function loadBudgetHistory(db: Queryable): Promise<Map<number, number>> {
  const result = await db.execute<{ agency_id: number; median: string }>(sql`
    select agency_id, percentile_cont(0.5) within group (order by budget) as median
    from emenscr_projects where agency_id is not null and budget > 0 group by agency_id`);
  return new Map(result.rows.map((r) => [Number(r.agency_id), Number(r.median)]));
}

/**
 * Whether the budgets, as they would be stored, are in a believable unit (core/emenscr/amount-units.ts).
 * Sets summary.amountWarning; true when the import must not be committed without the analyst stating the unit.
 */
export async function checkAmountUnit(summary: ImportSummary, context: ImportContext, history: Promise<Map<number, number>>): Promise<boolean> {
  const unit = summary.amountUnits.budget;
  const budgets = context.budgets;
  if (!unit || budgets.size === 0) return false;
  const earlier = await history;
  const all: number[] = [];
  const agencies: AgencyBudgets[] = [];
  for (const [agencyId, values] of budgets) {
    for (const value of values) all.push(value);
    if (agencyId === null) continue;
    agencies.push({ agencyId, agencyName: context.agencyNames.get(agencyId) ?? "", fileMedian: median(values)!, earlierMedian: earlier.get(agencyId) ?? null });
  }
  summary.amountWarning = assessAmountUnit({ source: unit.source, unit: unit.unit, fileMedian: median(all), agencies });
  return summary.amountWarning !== null;
}
