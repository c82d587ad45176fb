import "server-only";
import { sql, type SQL } from "drizzle-orm";
import type { Queryable, Transaction } from "@/db/client";
import { num, type SqlNumber } from "@/db/sql-values";
import { DEFAULT_SCORING, type ScoringConfig } from "@/core/scoring";
import { EXPECTED_FACTS_SQL, agencyTargetSql, expectedFactsSql, owerCountRows } from "@/db/queries/owed-figures";

export interface RefreshOptions {
  /** Periods to rebuild; all periods when omitted. */
  periodIds?: number[];
  /**
   * Only these agencies' figures (and the ministry × type × province groups they belong to) are rebuilt: what one
   * approval or reopening changes. Omitted: every agency of the periods.
   */
  agencyIds?: number[];
  scoring?: ScoringConfig;
}

/**
 * Rebuilds the dashboard pre-aggregation (db/schema/dashboard.ts) from indicator_facts for the given
 * periods (and agencies), in one transaction. Call it after any change to facts (approving a submission,
 * committing or rolling back an import batch, the seed); it is idempotent, and a rebuild of some agencies
 * leaves exactly the rows a rebuild of the whole period would (tests/integration/derived-incremental).
 * Concurrent refreshes of the same periods are serialised by advisory locks, so two writers cannot
 * interleave their delete-and-insert; refreshes of different periods run side by side.
 */
export async function refreshDashboardRollups(db: Queryable, options: RefreshOptions = {}): Promise<{ periods: number }> {
  const band = (options.scoring ?? DEFAULT_SCORING).amberBand;
  return db.transaction(async (tx) => {
    let periodIds = await selectPeriods(tx, options.periodIds);
    await lockPeriods(tx, periodIds);
    let agencyIds = options.agencyIds ?? null;
    // The agencies' groups: rebuilt with a whole rebuild, or when one of the agencies has none yet (a new one).
    const dims = agencyIds ? await ensureAgencyDims(tx, agencyIds) : await rebuildAgencyDims(tx);
    if (dims === "regrouped" && (agencyIds || options.periodIds)) {
      // An agency changed group: every period's rows of its old and new groups change, not only these.
      const all = await selectPeriods(tx, undefined);
      await lockPeriods(tx, all.filter((id) => !periodIds.includes(id)));
      periodIds = all;
      agencyIds = null;
    }
    const slice: Slice = { periods: sql`${sql.param(periodIds)}::int[]`, agencies: agencyIds ? sql`${sql.param(agencyIds)}::int[]` : null };
    // Rebuilt groups change every component's scoped reads; otherwise the rows tell which components changed.
    const before = dims === "kept" ? await componentDigests(tx, slice) : null;

    await tx.execute(sql`delete from dashboard_indicator_rollups r where r.period_id = any(${slice.periods}) and ${inSliceGroups(slice, sql`r`)}`);
    await tx.execute(sql`delete from dashboard_agency_components c where c.period_id = any(${slice.periods}) and ${inSliceAgencies(slice, sql`c.agency_id`)}`);
    await tx.execute(sql`delete from dashboard_agency_figures g where g.period_id = any(${slice.periods}) and ${inSliceAgencies(slice, sql`g.agency_id`)}`);
    await tx.execute(sql`delete from dashboard_uncounted_figures u where u.period_id = any(${slice.periods}) and ${inSliceAgencies(slice, sql`u.agency_id`)}`);
    if (periodIds.length === 0) return { periods: 0 };

    const owers = await owerCountRows(tx);
    for (const statement of sliceStatements(slice, band, owers)) await tx.execute(statement.query);
    // Cached dashboard reads are keyed by this version (lib/facts/read/cache.ts): it moves with the rows.
    await tx.execute(sql`insert into derived_versions (period_id, version) select id, 1 from unnest(${slice.periods}) as p(id)
      on conflict (period_id) do update set version = derived_versions.version + 1, changed_at = clock_timestamp()`);
    await bumpComponentVersions(tx, slice, before);
    return { periods: periodIds.length };
  });
}

/** What a refresh rebuilds: periods, and optionally only some agencies (null: all). */
interface Slice {
  periods: SQL;
  agencies: SQL | null;
}

/** Who owes what among the slice's agencies (the whole country for a whole rebuild). */
const expectedOfSlice = (slice: Slice): SQL => expectedFactsSql(slice.agencies ? { agencies: sql`a.id = any(${slice.agencies})` } : {});

const inSliceAgencies = (slice: Slice, agencyId: SQL): SQL => (slice.agencies ? sql`${agencyId} = any(${slice.agencies})` : sql`true`);

/** Rollup groups (ministry × agency type × province) holding one of the slice's agencies: their sums are recomputed whole. */
const inSliceGroups = (slice: Slice, row: SQL): SQL =>
  slice.agencies
    ? sql`exists (select 1 from dashboard_agency_dims sd where sd.agency_id = any(${slice.agencies})
        and sd.ministry_id is not distinct from ${row}.ministry_id and sd.agency_type = ${row}.agency_type
        and sd.province is not distinct from ${row}.province)`
    : sql`true`;

/** The periods asked for (all when none are named), in id order. */
async function selectPeriods(tx: Transaction, ids: number[] | undefined): Promise<number[]> {
  const rows = await tx.execute<{ id: SqlNumber }>(
    ids ? sql`select id from periods where id = any(${sql.param(ids)}::int[]) order by id` : sql`select id from periods order by id`,
  );
  return rows.rows.map((r) => num(r.id));
}

/** Serialises refreshes of the same periods: two writers cannot interleave their delete-and-insert. */
async function lockPeriods(tx: Transaction, periodIds: number[]): Promise<void> {
  for (const id of periodIds) await tx.execute(sql`select pg_advisory_xact_lock(hashtext('lamnam.dashboard_rollups'), ${id})`);
}

/** What became of the agencies' groups: left as they were, rebuilt the same, or rebuilt with an agency in another group. */
type DimsOutcome = "kept" | "rebuilt" | "regrouped";

/**
 * The agencies' dimension rows, when one is missing (a new agency): otherwise they stand as the last full
 * rebuild left them.
 */
async function ensureAgencyDims(tx: Transaction, agencyIds: number[]): Promise<DimsOutcome> {
  const result = await tx.execute<{ missing: SqlNumber }>(
    sql`select count(*) as missing from unnest(${sql.param(agencyIds)}::int[]) a(id) where not exists (select 1 from dashboard_agency_dims d where d.agency_id = a.id)`,
  );
  return num(result.rows[0]!.missing) === 0 ? "kept" : rebuildAgencyDims(tx);
}

/**
 * A digest of the slice's derived rows per period and component: its agencies' figures, uncounted figures
 * and agency × component rows, and its groups' rollups (without their refresh time). Compared before and
 * after a refresh, it tells which components' rows the refresh changed.
 */
async function componentDigests(tx: Transaction, slice: Slice): Promise<Map<string, string>> {
  const result = await tx.execute<{ period_id: SqlNumber; component_id: SqlNumber; digest: string }>(sql`
    select x.period_id, x.component_id, md5(string_agg(x.line, '|' order by x.line)) as digest
    from (
      select g.period_id, i.component_id, 'f' || (to_jsonb(g))::text as line
      from dashboard_agency_figures g join indicators i on i.id = g.indicator_id
      where g.period_id = any(${slice.periods}) and ${inSliceAgencies(slice, sql`g.agency_id`)}
      union all
      select u.period_id, i.component_id, 'u' || (to_jsonb(u))::text
      from dashboard_uncounted_figures u join indicators i on i.id = u.indicator_id
      where u.period_id = any(${slice.periods}) and ${inSliceAgencies(slice, sql`u.agency_id`)}
      union all
      select c.period_id, c.component_id, 'c' || (to_jsonb(c) - 'refreshed_at')::text
      from dashboard_agency_components c
      where c.period_id = any(${slice.periods}) and ${inSliceAgencies(slice, sql`c.agency_id`)}
      union all
      select r.period_id, i.component_id, 'r' || (to_jsonb(r) - 'refreshed_at')::text
      from dashboard_indicator_rollups r join indicators i on i.id = r.indicator_id
      where r.period_id = any(${slice.periods}) and ${inSliceGroups(slice, sql`r`)}
    ) x
    group by x.period_id, x.component_id`);
  return new Map(result.rows.map((r) => [`${num(r.period_id)}:${num(r.component_id)}`, r.digest]));
}

/**
 * Moves the version of each period × component whose rows the refresh changed (all of them when `before`
 * is null: a whole rebuild, or the agencies' dimensions rebuilt), so reads of the others stay cached.
 */
async function bumpComponentVersions(tx: Transaction, slice: Slice, before: Map<string, string> | null): Promise<void> {
  let changed: SQL;
  if (before) {
    const after = await componentDigests(tx, slice);
    const keys = [...new Set([...before.keys(), ...after.keys()])].filter((key) => before.get(key) !== after.get(key));
    if (!keys.length) return;
    changed = sql`select split_part(k, ':', 1)::int as period_id, split_part(k, ':', 2)::int as component_id from unnest(${sql.param(keys)}::text[]) k`;
  } else {
    changed = sql`select p.id as period_id, c.id as component_id from unnest(${slice.periods}) as p(id) cross join components c`;
  }
  await tx.execute(sql`insert into derived_component_versions (period_id, component_id, version) select x.period_id, x.component_id, 1 from (${changed}) x
    on conflict (period_id, component_id) do update set version = derived_component_versions.version + 1, changed_at = clock_timestamp()`);
}

/**
 * The ministry, type and province of every agency, the dimensions the rollups are grouped by. The ministry of
 * an agency is its nearest ancestor of type ministry (a municipality sits under the Department of Local
 * Administration, which sits under the Ministry of Interior). Walked down from every ministry (not up from
 * every agency, which grew with the square of the agencies): through agencies that are not ministries, at
 * most six levels, nearest ministry first.
 */
const FRESH_DIMS_SQL = sql`
  with recursive below as (
    select m.id as agency_id, m.id as ministry_id, m.type, 0 as depth from agencies m where m.type = 'ministry'
    union all
    select a.id, b.ministry_id, a.type, b.depth + 1
    from below b join agencies a on a.parent_id = b.agency_id
    where b.depth < 6 and (b.depth = 0 or b.type <> 'ministry')
  ),
  nearest as (
    select distinct on (agency_id) agency_id, ministry_id from below where depth > 0 order by agency_id, depth
  )
  select a.id as agency_id, n.ministry_id, a.type as agency_type, a.province from agencies a left join nearest n on n.agency_id = a.id`;

/** Rebuilds the agencies' groups; "regrouped" when an agency that had one is now in another. */
async function rebuildAgencyDims(tx: Transaction): Promise<DimsOutcome> {
  const moved = await tx.execute<{ moved: boolean }>(sql`
    select exists (
      select 1 from (${FRESH_DIMS_SQL}) f join dashboard_agency_dims d on d.agency_id = f.agency_id
      where (d.ministry_id, d.agency_type, d.province) is distinct from (f.ministry_id, f.agency_type, f.province)
    ) as moved`);
  await tx.execute(sql`delete from dashboard_agency_dims`);
  await tx.execute(sql`insert into dashboard_agency_dims (agency_id, ministry_id, agency_type, province) ${FRESH_DIMS_SQL}`);
  return moved.rows[0]!.moved ? "regrouped" : "rebuilt";
}

/**
 * The rebuild in steps: each agency's scored figure first, then the two summaries read from it (analysed
 * first, so the planner knows their size) instead of recomputing the effective facts. `owers`: how many
 * agencies owe each indicator (rows of indicator_id, n), the divisor of a summed national target.
 */
function sliceStatements(slice: Slice, band: number, owers: SQL): { name: string; query: SQL }[] {
  return [
    { name: "agency figures", query: agencyFiguresStatement(slice, band, owers) },
    // A whole-period rebuild changes the tables' size enough for the planner to need new statistics.
    ...(slice.agencies ? [] : [{ name: "analyse", query: sql`analyze dashboard_agency_figures, dashboard_agency_dims` }]),
    { name: "indicator rollups", query: indicatorRollupsStatement(slice) },
    { name: "agency components", query: agencyComponentsStatement(slice) },
  ];
}

/**
 * Common table expressions ending in `scored`: the effective fact of each agency (latest approved,
 * whatever the source), what is expected, and the target each agency is held to (its own, else
 * national — pro-rated for sums), with status and attainment.
 */
function scoredFiguresCtes(slice: Slice, band: number, owers: SQL): SQL {
  const ids = slice.periods;
  return sql`
    eff as (
      select distinct on (f.indicator_id, f.agency_id, f.period_id)
        f.id, f.indicator_id, f.agency_id, f.period_id, f.value, coalesce(f.weight, 1) as weight, f.recorded_at,
        f.needs_confirmation and f.confirmed_at is null as unconfirmed
      from indicator_facts f
      where f.state = 'approved' and f.period_id = any(${ids}) and ${inSliceAgencies(slice, sql`f.agency_id`)}
      order by f.indicator_id, f.agency_id, f.period_id, f.recorded_at desc, f.id desc
    ),
    expected as (${expectedOfSlice(slice)}),
    expected_n as (${owers}),
    agency_target as (
      select p.id as period_id, i.id as indicator_id, t.value as national, coalesce(en.n, 0) as expected_n
      from periods p cross join indicators i
      left join targets t on t.indicator_id = i.id and t.period_id = p.id and t.agency_id is null
      left join expected_n en on en.indicator_id = i.id
      where p.id = any(${ids})
    ),
    judged as (
      select e.*, ${UNCOUNTED_REASON_SQL} as uncounted_reason
      from eff e join indicators i on i.id = e.indicator_id
      left join expected owes on owes.agency_id = e.agency_id and owes.indicator_id = e.indicator_id
    ),
    scored as (
      select e.*, i.component_id, def.direction, i.value_type, i.weight as indicator_weight,
        p.due_on,
        tgt.target,
        lamnam_status(e.value, tgt.target, def.direction, i.value_type, ${band}::numeric) as status,
        lamnam_attainment(e.value, tgt.target, def.direction) as attainment
      from judged e
      join indicators i on i.id = e.indicator_id
      -- The definition the period's figures are made under (a later version never rewrites them).
      join indicator_period_definitions def on def.indicator_id = e.indicator_id and def.period_id = e.period_id
      join periods p on p.id = e.period_id
      join agency_target at on at.period_id = e.period_id and at.indicator_id = e.indicator_id
      left join targets own on own.indicator_id = e.indicator_id and own.period_id = e.period_id and own.agency_id = e.agency_id
      cross join lateral (select ${agencyTargetSql(sql`own.value`, sql`at.national`, sql`def.aggregation`, sql`at.expected_n`)} as target) tgt
    )`;
}

/**
 * Why an agency's effective fact is not counted, the one definition (null: it counts). In this order:
 * the agency does not owe the indicator (so reporters can never outnumber owers); the value is impossible
 * for its type (lamnam_value_valid: a negative count, a share over 100 %); the writer held it as
 * implausible and no analyst has confirmed it yet.
 */
const UNCOUNTED_REASON_SQL = sql`case
  when owes.agency_id is null then 'not_owed'
  when not lamnam_value_valid(e.value, i.value_type) then 'invalid'
  when e.unconfirmed then 'unconfirmed'
end`;

/**
 * Step 1: one scored figure per agency × indicator × period (dashboard_agency_figures) for the facts
 * that count, and the others with their reason (dashboard_uncounted_figures), in one pass.
 */
function agencyFiguresStatement(slice: Slice, band: number, owers: SQL): SQL {
  return sql`
    with ${scoredFiguresCtes(slice, band, owers)},
    uncounted as (
      insert into dashboard_uncounted_figures (period_id, indicator_id, agency_id, fact_id, value, reason)
      select period_id, indicator_id, agency_id, id, value, uncounted_reason from judged where uncounted_reason is not null
    )
    insert into dashboard_agency_figures (period_id, indicator_id, agency_id, fact_id, value, weight, target, attainment, status, recorded_at)
    select period_id, indicator_id, agency_id, id, value, weight, target, attainment, status, recorded_at from scored
    where uncounted_reason is null`;
}

/** Step 2: per indicator × period × ministry × agency type × province, the parts every scope's figure is combined from. */
function indicatorRollupsStatement(slice: Slice): SQL {
  const ids = slice.periods;
  return sql`
    insert into dashboard_indicator_rollups (period_id, indicator_id, ministry_id, agency_type, province, fact_count, value_sum,
      weight_sum, weighted_sum, latest_value, latest_at, latest_fact_id, expected_count, provisional_count,
      green_count, amber_count, red_count)
    with expected as (${
      slice.agencies
        ? expectedFactsSql({ agencies: sql`a.id in (select d.agency_id from dashboard_agency_dims d where ${inSliceGroups(slice, sql`d`)})` })
        : EXPECTED_FACTS_SQL
    }),
    parts as (
      select g.period_id, g.indicator_id, d.ministry_id, d.agency_type, d.province, count(*) as fact_count, sum(g.value) as value_sum,
        sum(g.weight) as weight_sum, sum(g.value * g.weight) as weighted_sum,
        (array_agg(g.value order by g.recorded_at desc, g.fact_id desc))[1] as latest_value,
        max(g.recorded_at) as latest_at,
        (array_agg(g.fact_id order by g.recorded_at desc, g.fact_id desc))[1] as latest_fact_id,
        0 as expected_count, 0 as provisional_count,
        count(*) filter (where g.status = 'green') as green_count,
        count(*) filter (where g.status = 'amber') as amber_count,
        count(*) filter (where g.status = 'red') as red_count
      from dashboard_agency_figures g join dashboard_agency_dims d on d.agency_id = g.agency_id
      where g.period_id = any(${ids}) and ${inSliceGroups(slice, sql`d`)}
      group by 1, 2, 3, 4, 5
      union all
      select p.id, x.indicator_id, d.ministry_id, d.agency_type, d.province, 0, 0, 0, 0, null, null, null, count(*), 0, 0, 0, 0
      from expected x cross join (select unnest(${ids}) as id) p join dashboard_agency_dims d on d.agency_id = x.agency_id
      where ${inSliceGroups(slice, sql`d`)}
      group by 1, 2, 3, 4, 5
      union all
      select f.period_id, f.indicator_id, d.ministry_id, d.agency_type, d.province, 0, 0, 0, 0, null, null, null, 0, count(*), 0, 0, 0
      from indicator_facts f join dashboard_agency_dims d on d.agency_id = f.agency_id
      where f.state = 'provisional' and f.period_id = any(${ids}) and ${inSliceGroups(slice, sql`d`)}
      group by 1, 2, 3, 4, 5
    )
    select period_id, indicator_id, ministry_id, agency_type, province, sum(fact_count), sum(value_sum), sum(weight_sum), sum(weighted_sum),
      (array_agg(latest_value order by latest_at desc nulls last, latest_fact_id desc nulls last))[1],
      max(latest_at),
      (array_agg(latest_fact_id order by latest_at desc nulls last, latest_fact_id desc nulls last))[1],
      sum(expected_count), sum(provisional_count), sum(green_count), sum(amber_count), sum(red_count)
    from parts
    group by 1, 2, 3, 4, 5`;
}

/** Step 3: per agency × component × period, what was owed, present, on time and valid, and the score. */
function agencyComponentsStatement(slice: Slice): SQL {
  const ids = slice.periods;
  return sql`
    insert into dashboard_agency_components (period_id, component_id, agency_id, ministry_id, agency_type, expected_count,
      present_count, on_time_count, valid_count, green_count, amber_count, red_count, score)
    with expected as (${expectedOfSlice(slice)}),
    owed as (
      select p.id as period_id, x.agency_id, x.indicator_id, i.component_id, i.weight as indicator_weight, i.value_type,
        ((p.due_on + 1)::timestamp - interval '7 hours') at time zone 'UTC' as due_at
      from expected x cross join periods p join indicators i on i.id = x.indicator_id
      where p.id = any(${ids}) and ${inSliceAgencies(slice, sql`x.agency_id`)}
    )
    select o.period_id, o.component_id, o.agency_id, d.ministry_id, d.agency_type,
      count(*),
      count(coalesce(g.fact_id, u.fact_id)),
      count(coalesce(g.fact_id, u.fact_id)) filter (where coalesce(g.recorded_at, f.recorded_at) < o.due_at),
      count(g.fact_id),
      count(*) filter (where g.status = 'green'),
      count(*) filter (where g.status = 'amber'),
      count(*) filter (where g.status = 'red'),
      round(sum(o.indicator_weight * least(g.attainment, 100)) filter (where g.attainment is not null)
        / nullif(sum(o.indicator_weight) filter (where g.attainment is not null), 0), 4)
    from owed o
    join dashboard_agency_dims d on d.agency_id = o.agency_id
    left join dashboard_agency_figures g on g.period_id = o.period_id and g.agency_id = o.agency_id and g.indicator_id = o.indicator_id
    left join dashboard_uncounted_figures u on u.period_id = o.period_id and u.agency_id = o.agency_id and u.indicator_id = o.indicator_id
    left join indicator_facts f on f.id = u.fact_id
    group by 1, 2, 3, 4, 5`;
}
