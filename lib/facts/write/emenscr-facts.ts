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
 * transaction (import commit or rollback): every indicator's figure from ONE grouped pass over the
 * periods' rows, upserted, and facts with no figure any more (rows rolled back, or nothing left to
 * derive from) removed — one statement.
 */
export async function refreshEmenscrFacts(tx: Queryable, periodIds: number[]): Promise<void> {
  if (!periodIds.length) return;
  const targetIndicators = await tx
    .select({ id: indicators.id, code: indicators.code })
    .from(indicators)
    .where(and(eq(indicators.source, "emenscr"), inArray(indicators.code, Object.keys(DERIVATIONS))));
  if (!targetIndicators.length) return;
  const periodList = sql`${sql.param(periodIds)}::int[]`;
  const indicatorList = sql`${sql.param(targetIndicators.map((i) => i.id))}::int[]`;
  // One value per indicator, in the order of indicatorList.
  const values = sql.join(targetIndicators.map((i) => sql`(${DERIVATIONS[i.code]!})::numeric`), sql`, `);
  await tx.execute(sql`
    with per_agency as (
      select ${emenscrProjects.agencyId} as agency_id, ${emenscrProgress.periodId} as period_id, max(${emenscrProgress.batchId}) as batch_id,
             count(*) as row_count, array[${values}] as vals
      from ${emenscrProgress}
      join ${emenscrProjects} on ${emenscrProjects.id} = ${emenscrProgress.projectId}
      join ${periods} on ${periods.id} = ${emenscrProgress.periodId}
      where ${emenscrProjects.agencyId} is not null and ${emenscrProgress.periodId} = any(${periodList})
      group by ${emenscrProjects.agencyId}, ${emenscrProgress.periodId}
    ),
    figures as (
      select t.indicator_id, a.agency_id, a.period_id, round(a.vals[t.ord], 4) as value, a.batch_id, a.row_count
      from per_agency a cross join unnest(${indicatorList}) with ordinality as t(indicator_id, ord)
      where a.vals[t.ord] is not null
    ),
    upserted as (
      insert into ${indicatorFacts} (indicator_id, agency_id, period_id, value, source, state, import_batch_id, source_ref)
      select indicator_id, agency_id, period_id, value, 'emenscr', 'approved', batch_id, 'emenscr:' || row_count || ' rows' from figures
      on conflict (indicator_id, agency_id, period_id, source) do update
        set value = excluded.value, import_batch_id = excluded.import_batch_id, source_ref = excluded.source_ref, recorded_at = now()
        where ${indicatorFacts.value} is distinct from excluded.value or ${indicatorFacts.importBatchId} is distinct from excluded.import_batch_id
      returning 1
    )
    delete from ${indicatorFacts} f
    where f.source = 'emenscr' and f.indicator_id = any(${indicatorList}) and f.period_id = any(${periodList})
      and not exists (select 1 from figures x where x.indicator_id = f.indicator_id and x.agency_id = f.agency_id and x.period_id = f.period_id)`);
}
