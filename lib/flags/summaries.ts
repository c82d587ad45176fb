import "server-only";
import { sql } from "drizzle-orm";
import type { Queryable } from "@/db/client";
import { nearestMinistrySql } from "@/db/queries/review-levels";

/**
 * Brings the worklist's per-agency summary (agency_flag_summaries) in step with the flags of one quarter,
 * for the agencies named or the whole quarter: called by the flag evaluation in its own transaction, so
 * the worklist never shows a score from other flags than the page beside it. One grouped statement.
 */
export async function refreshFlagSummaries(db: Queryable, periodId: number, agencyIds?: readonly number[]): Promise<void> {
  const only = agencyIds ? sql`and f.agency_id = any(${sql.param([...agencyIds])}::int[])` : sql``;
  await db.execute(sql`delete from agency_flag_summaries f where f.period_id = ${periodId} ${only}`);
  await db.execute(sql`
    insert into agency_flag_summaries (agency_id, period_id, ministry_id, open_flags, worst_rank, oldest_open_at, budget_baht, updated_at)
    select f.agency_id, ${periodId},
      case when a.type = 'ministry' then a.id else ${nearestMinistrySql(sql`a.parent_id`)} end,
      count(*) filter (where f.status = 'open'),
      coalesce(max(case f.severity when 'critical' then 4 when 'high' then 3 when 'medium' then 2 else 1 end) filter (where f.status = 'open'), 0),
      min(f.first_seen_at) filter (where f.status = 'open'),
      coalesce((select sum(pr.budget) from emenscr_projects pr where pr.agency_id = f.agency_id
        and pr.fiscal_year = (select p.fiscal_year from periods p where p.id = ${periodId})), 0),
      now()
    from flags f join agencies a on a.id = f.agency_id
    where f.period_id = ${periodId} ${only}
    group by f.agency_id, a.id`);
}
