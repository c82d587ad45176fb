import "server-only";
import { sql, type SQL } from "drizzle-orm";
import type { Queryable } from "@/db/client";
import { num, type SqlNumber } from "@/db/sql-values";
import { cachedByDataVersion } from "./data-versions";
import { SROI_INDICATOR_CODE } from "@/core/sroi/source-ref";

/**
 * Which figures each agency owes (agency × indicator), the base of completeness, lagging and data
 * quality, and the only agencies whose figures count: every active indicator of every component the
 * agency contributes to (agency_components), except "latest" indicators, which are stock figures of one
 * platform and are owed only by the agency operating it (the indicator's service owner). Ministries are
 * umbrellas and owe nothing themselves. The SROI ratio (ME-SROI, "latest" of no platform) is owed by the
 * agencies whose SROI inputs are recorded: it is derived from them (lib/facts/write/sroi-facts.ts).
 */
export function expectedFactsSql(only: { indicators?: SQL; agencies?: SQL } = {}): SQL {
  // Only the indicators (alias i) and agencies (alias a) meeting the conditions, each branch filtered: one
  // agency's refresh does not list the nation's.
  const condition = sql.join([only.indicators, only.agencies].filter((c) => c !== undefined).map((c) => sql` and ${c}`));
  return sql`
  select ac.agency_id, i.id as indicator_id
  from agency_components ac
  join agencies a on a.id = ac.agency_id and a.active and a.type <> 'ministry'
  join indicators i on i.component_id = ac.component_id and i.active and i.aggregation <> 'latest' ${condition}
  union
  select s.owner_agency_id as agency_id, i.id as indicator_id
  from indicators i
  join services s on s.id = i.service_id
  join agencies a on a.id = s.owner_agency_id and a.active
  where i.active and i.aggregation = 'latest' ${condition}
  union
  select distinct sa.agency_id, i.id as indicator_id
  from sroi_assessments sa
  join agencies a on a.id = sa.agency_id and a.active
  join indicators i on i.code = ${SROI_INDICATOR_CODE} and i.active ${condition}`;
}

export const EXPECTED_FACTS_SQL = expectedFactsSql();

/**
 * The target an agency is held to, the one rule (dashboards, flags, the form, reports): its own target,
 * else the national one — for a summed indicator, its share of it (national ÷ the agencies that owe it).
 */
export function agencyTargetSql(own: SQL, national: SQL, aggregation: SQL, owers: SQL): SQL {
  return sql`coalesce(${own}, case when ${aggregation} = 'sum' and ${national} is not null then ${national} / greatest(${owers}, 1) else ${national} end)`;
}

export type TargetBasis = "own" | "share" | "national";

export interface AgencyTarget {
  indicatorId: number;
  /** What the agency is judged against. */
  target: number | null;
  /** The national target of the period, named as such beside the agency's. */
  national: number | null;
  basis: TargetBasis | null;
  /** Agencies sharing a summed national target (0 for an indicator not summed: none is counted). */
  owers: number;
}

/** Agencies owing each indicator: the same in every period (the period only decides whether a count is used). */
type OwerCounts = Map<number, number>;

/**
 * How many agencies owe each indicator (the agencies sharing a summed national target), counted once per
 * catalogue version: a count over the nation's agencies, not repeated on every form.
 */
const countOwers = cachedByDataVersion("catalogue", "owed-figures.countOwers", async (db): Promise<OwerCounts> => {
  const result = await db.execute<{ indicator_id: SqlNumber; n: SqlNumber }>(sql`select indicator_id, count(*) as n from (${EXPECTED_FACTS_SQL}) e group by 1`);
  return new Map(result.rows.map((row) => [num(row.indicator_id), num(row.n)]));
}, 4);

/** The same counts as rows (indicator_id, n) to join in SQL, as the refresh of the derived rows does. */
export async function owerCountRows(db: Queryable): Promise<SQL> {
  const counts = await countOwers(db);
  return sql`select * from unnest(${sql.param([...counts.keys()])}::int[], ${sql.param([...counts.values()])}::numeric[]) as o(indicator_id, n)`;
}

/** The agency's target for each indicator in a period, with the national target and how one came from the other. */
export async function listAgencyTargets(db: Queryable, agencyId: number, periodId: number, indicatorIds: number[]): Promise<Map<number, AgencyTarget>> {
  if (!indicatorIds.length) return new Map();
  const counts = await countOwers(db);
  const ids = sql`${sql.param(indicatorIds)}::int[]`;
  const owerCountsOf = sql`${sql.param(indicatorIds.map((id) => counts.get(id) ?? 0))}::numeric[]`;
  const result = await db.execute<{ indicator_id: SqlNumber; own: string | null; national: string | null; aggregation: string; owers: SqlNumber; target: string | null }>(sql`
    with owers as (select * from unnest(${ids}, ${owerCountsOf}) as o(indicator_id, n))
    select i.id as indicator_id, own.value as own, nat.value as national, def.aggregation,
      -- Owers divide a summed national target only: the other indicators count none.
      case when def.aggregation = 'sum' then o.n else 0 end as owers,
      ${agencyTargetSql(sql`own.value`, sql`nat.value`, sql`def.aggregation`, sql`o.n`)} as target
    from indicators i
    -- The aggregation of the definition this period's figures are made under.
    join indicator_period_definitions def on def.indicator_id = i.id and def.period_id = ${periodId}
    join owers o on o.indicator_id = i.id
    left join targets own on own.indicator_id = i.id and own.period_id = ${periodId} and own.agency_id = ${agencyId}
    left join targets nat on nat.indicator_id = i.id and nat.period_id = ${periodId} and nat.agency_id is null
    where i.id = any(${ids})`);
  const out = new Map<number, AgencyTarget>();
  for (const row of result.rows) {
    const basis: TargetBasis | null = row.own !== null ? "own" : row.national === null ? null : row.aggregation === "sum" ? "share" : "national";
    out.set(num(row.indicator_id), {
      indicatorId: num(row.indicator_id),
      target: row.target === null ? null : Number(row.target),
      national: row.national === null ? null : Number(row.national),
      basis,
      owers: num(row.owers),
    });
  }
  return out;
}
