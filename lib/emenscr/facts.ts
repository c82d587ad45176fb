import "server-only";
import { and, eq, inArray, sql } from "drizzle-orm";
import type { Queryable } from "@/db/client";
import { emenscrProgress, emenscrProjects, indicatorFacts, indicators, periods } from "@/db/schema";

/**
 * How eMENSCR progress becomes facts: one figure per agency × period for each eMENSCR indicator,
 * computed from that agency's project rows of the period. The fact points at the latest batch that
 * wrote those rows; the rows themselves (batch + file row number) are listed by the trace view.
 * Derivations (percentage points):
 *   ME-01 disbursement    = Σ disbursed ÷ Σ budget × 100 (projects with a budget)
 *   ME-02 physical        = budget-weighted mean of physical progress (plain mean when no budgets)
 *   ME-03 on schedule     = share of projects whose status is not "delayed" or "cancelled"
 *   ME-04 reported on time = share of rows with a report date that reported by the period's deadline
 *   POL-03 strategy link  = share of projects linked to both a national strategy and a master plan
 *                           (among projects whose export carries strategy links at all)
 */
const DERIVATIONS: Record<string, ReturnType<typeof sql>> = {
  "ME-01": sql`case when sum(${emenscrProjects.budget}) filter (where ${emenscrProjects.budget} > 0 and ${emenscrProgress.disbursed} is not null) > 0
    then 100.0 * sum(${emenscrProgress.disbursed}) filter (where ${emenscrProjects.budget} > 0 and ${emenscrProgress.disbursed} is not null)
       / sum(${emenscrProjects.budget}) filter (where ${emenscrProjects.budget} > 0 and ${emenscrProgress.disbursed} is not null) end`,
  "ME-02": sql`coalesce(
    sum(${emenscrProgress.physicalProgress} * ${emenscrProjects.budget}) filter (where ${emenscrProjects.budget} > 0 and ${emenscrProgress.physicalProgress} is not null)
      / nullif(sum(${emenscrProjects.budget}) filter (where ${emenscrProjects.budget} > 0 and ${emenscrProgress.physicalProgress} is not null), 0),
    avg(${emenscrProgress.physicalProgress}))`,
  "ME-03": sql`100.0 * count(*) filter (where ${emenscrProgress.status} is distinct from 'delayed' and ${emenscrProgress.status} is distinct from 'cancelled') / count(*)`,
  // Rows without a report date (or a file without strategy columns) say nothing: no figure rather than 0 %.
  "ME-04": sql`100.0 * count(*) filter (where ${emenscrProgress.reportedOn} <= ${periods.dueOn}) / nullif(count(${emenscrProgress.reportedOn}), 0)`,
  "POL-03": sql`100.0 * count(*) filter (where coalesce(${emenscrProjects.strategy}, '') <> '' and coalesce(${emenscrProjects.masterPlan}, '') <> '')
    / nullif(count(*) filter (where ${emenscrProjects.strategy} is not null or ${emenscrProjects.masterPlan} is not null), 0)`,
};

/**
 * Brings the eMENSCR facts of the given periods in step with the progress rows, inside the caller's
 * transaction (import commit or rollback). Facts whose rows are gone (rolled back) are removed.
 */
export async function refreshEmenscrFacts(tx: Queryable, periodIds: number[]): Promise<void> {
  if (!periodIds.length) return;
  const targetIndicators = await tx
    .select({ id: indicators.id, code: indicators.code })
    .from(indicators)
    .where(and(eq(indicators.source, "emenscr"), inArray(indicators.code, Object.keys(DERIVATIONS))));
  for (const indicator of targetIndicators) {
    const expression = DERIVATIONS[indicator.code]!;
    await tx.execute(sql`
      insert into ${indicatorFacts} (indicator_id, agency_id, period_id, value, source, state, import_batch_id, source_ref)
      select ${indicator.id}, ${emenscrProjects.agencyId}, ${emenscrProgress.periodId}, round((${expression})::numeric, 4), 'emenscr', 'approved',
             max(${emenscrProgress.batchId}), 'emenscr:' || count(*) || ' rows'
      from ${emenscrProgress}
      join ${emenscrProjects} on ${emenscrProjects.id} = ${emenscrProgress.projectId}
      join ${periods} on ${periods.id} = ${emenscrProgress.periodId}
      where ${emenscrProjects.agencyId} is not null and ${inArray(emenscrProgress.periodId, periodIds)}
      group by ${emenscrProjects.agencyId}, ${emenscrProgress.periodId}
      having (${expression}) is not null
      on conflict (indicator_id, agency_id, period_id, source) do update
        set value = excluded.value, import_batch_id = excluded.import_batch_id, source_ref = excluded.source_ref, recorded_at = now()
        where ${indicatorFacts.value} is distinct from excluded.value or ${indicatorFacts.importBatchId} is distinct from excluded.import_batch_id`);
    await tx.execute(sql`
      delete from ${indicatorFacts} f
      where f.indicator_id = ${indicator.id} and f.source = 'emenscr' and ${inArray(sql`f.period_id`, periodIds)}
        and not exists (
          select 1 from ${emenscrProgress} p join ${emenscrProjects} j on j.id = p.project_id
          where p.period_id = f.period_id and j.agency_id = f.agency_id)`);
  }
}
