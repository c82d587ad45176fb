// Dashboard benchmark (npm run bench:dashboard): builds the national-scale dataset on PostgreSQL
// (scripts/generate-national-dataset.ts), then measures p50/p95 of each dashboard query function against
// the best hand-written SQL for the same answer (interleaved, same run, same server), and of the pages
// served by `next start` over loopback. Prints the figures and writes them into README.md between the
// bench markers. Needs a built app (`npx next build`) and a PostgreSQL server:
//   TEST_DATABASE_URL=postgres://postgres@127.0.0.1:5432/test npm run bench:dashboard
// Options: BENCH_SKIP_GENERATE=1 reuses the dataset, BENCH_RUNS (default 40), BENCH_PORT (default 3210).
import { Pool } from "pg";
import { benchDatabaseUrl, generateNationalDataset, type DatasetSummary } from "./generate-national-dataset";
import { percentile } from "./bench/stats";
import { writeReadmeBlock } from "./bench/readme";
import { ensureProductionBuild, signIn, startAppServer } from "./bench/app-server";

const RUNS = Number(process.env.BENCH_RUNS ?? 40);
const WARMUP = 5;
const PORT = Number(process.env.BENCH_PORT ?? 3210);

interface Stat {
  p50: number;
  p95: number;
}
const stat = (values: number[]): Stat => ({ p50: percentile(values, 50), p95: percentile(values, 95) });
const ms = (value: number) => value.toFixed(1);

async function time(fn: () => Promise<unknown>): Promise<number> {
  const start = performance.now();
  await fn();
  return performance.now() - start;
}

/** Runs two implementations interleaved (so drift hits both alike) and returns their timings. */
async function compare(a: () => Promise<unknown>, b: () => Promise<unknown>, runs = RUNS): Promise<[Stat, Stat]> {
  for (let i = 0; i < WARMUP; i++) {
    await a();
    await b();
  }
  const ta: number[] = [];
  const tb: number[] = [];
  for (let i = 0; i < runs; i++) {
    if (i % 2) {
      ta.push(await time(a));
      tb.push(await time(b));
    } else {
      tb.push(await time(b));
      ta.push(await time(a));
    }
  }
  return [stat(ta), stat(tb)];
}

async function main() {
  const url = benchDatabaseUrl();
  let dataset: DatasetSummary | null = null;
  if (process.env.BENCH_SKIP_GENERATE !== "1") {
    console.log(`Generating the national dataset in ${url.replace(/:[^:@/]*@/, ":***@")} …`);
    dataset = await generateNationalDataset(url);
  }
  // The query functions open the one database handle of the process from DATABASE_URL, lazily.
  process.env.DATABASE_URL = url;
  const { getDb, closeDb } = await import("@/db/client");
  const dashboard = {
    ...(await import("@/lib/facts/read/overview")),
    ...(await import("@/lib/facts/read/component")),
    ...(await import("@/lib/facts/read/agency")),
    ...(await import("@/lib/facts/read/provenance")),
    ...(await import("@/lib/facts/read/emenscr-projects")),
  };
  const hand = new Pool({ connectionString: url, max: 4 });
  const one = async <T extends Record<string, unknown>>(text: string, values: unknown[] = []) => (await hand.query<T>(text, values)).rows;

  const [exec] = await one<{ id: number; email: string; name: string }>(`select id, email, name from users where email = 'executive@lamnam.demo'`);
  const actor = { id: exec!.id, email: exec!.email, name: exec!.name, role: "executive" as const, agencyId: null, agencyCode: null, locale: "th" as const };
  const [period] = await one<{ id: number; code: string; due_on: string }>(`select id, code, due_on::text from periods where code = '2569Q4'`);
  const periods = await one<{ id: number; code: string }>(`select id, code from periods order by fiscal_year, quarter`);
  const overviewPeriodIds = periods.filter((p) => ["2568Q4", "2569Q1", "2569Q2", "2569Q3", "2569Q4"].includes(p.code)).map((p) => p.id);
  const [moi] = await one<{ id: number; code: string }>(`select id, code from agencies where code = '03000'`);
  const [local] = await one<{ id: number; code: string }>(`select id, code from agencies where code = 'L00042'`);
  const downstream = (await one<{ id: number }>(`select id from indicators where component_id = (select id from components where code = 'downstream') and active`)).map((r) => r.id);
  const totals = await one<{ facts: string; agencies: string; indicators: string }>(
    `select (select count(*) from indicator_facts) as facts, (select count(*) from agencies) as agencies, (select count(*) from indicators where active) as indicators`,
  );
  const overdue = true;

  // The best hand-written SQL for each answer, reading the same pre-aggregated tables.
  const figuresSql = (extra: string) => `
    with f as (
      select r.period_id, r.indicator_id, sum(r.fact_count) n, sum(r.value_sum) s, sum(r.weight_sum) ws, sum(r.weighted_sum) wv,
        (array_agg(r.latest_value order by r.latest_at desc nulls last, r.latest_fact_id desc nulls last) filter (where r.latest_at is not null))[1] lv,
        sum(r.expected_count) e, sum(r.provisional_count) pc, sum(r.green_count) g, sum(r.amber_count) a, sum(r.red_count) rd
      from dashboard_indicator_rollups r where r.period_id = any($1) ${extra} group by 1, 2)
    select i.component_id, i.code, i.aggregation, i.weight, p.id as period_id, f.n, f.s, f.ws, f.wv, f.lv, f.e, f.pc, f.g, f.a, f.rd, t.value as target
    from indicators i cross join unnest($1::int[]) p(id)
    left join f on f.indicator_id = i.id and f.period_id = p.id
    left join targets t on t.indicator_id = i.id and t.period_id = p.id and t.agency_id is null
    where i.active and ($2::int[] is null or i.id = any($2))`;
  const laggingSql = (extra: string) => `
    select component_id, count(*) n, count(*) filter (where red_count > 0 or ($2 and present_count < expected_count)) lagging,
      sum(expected_count) e, sum(present_count) p
    from dashboard_agency_components where period_id = $1 ${extra} group by component_id`;

  const cases: { name: string; fn: () => Promise<unknown>; sql: () => Promise<unknown> }[] = [
    {
      name: "overview (national)",
      fn: () => dashboard.getDashboardOverview(actor, { period: period!.code }),
      sql: async () => {
        await one(figuresSql(""), [overviewPeriodIds, null]);
        await one(laggingSql(""), [period!.id, overdue]);
      },
    },
    {
      name: "overview (Ministry of Interior, local administrations)",
      fn: () => dashboard.getDashboardOverview(actor, { period: period!.code, ministry: "03000", type: "local_administration" }),
      sql: async () => {
        // Expected nationally is needed for pro-rated sum targets: a second pass without the filter.
        await one(figuresSql(`and r.ministry_id = ${moi!.id} and r.agency_type = 'local_administration'`), [overviewPeriodIds, null]);
        await one(`select indicator_id, period_id, sum(expected_count) from dashboard_indicator_rollups where period_id = any($1) group by 1, 2`, [overviewPeriodIds]);
        await one(laggingSql(`and ministry_id = ${moi!.id} and agency_type = 'local_administration'`), [period!.id, overdue]);
      },
    },
    {
      name: "component page data (downstream)",
      fn: () => dashboard.getComponentDashboard(actor, "downstream", { period: period!.code }),
      sql: async () => {
        await Promise.all([
          one(figuresSql(""), [periods.map((p) => p.id), downstream]),
          one(
            `select indicator_id, percentile_cont(array[0, 0.25, 0.5, 0.75, 1]) within group (order by value) from dashboard_agency_figures
             where period_id = $1 and indicator_id = any($2) group by 1`,
            [period!.id, downstream],
          ),
          one(
            `select i.id, x.* from unnest($2::int[]) i(id) cross join lateral (
               (select 'best' side, agency_id, value, attainment from dashboard_agency_figures f where f.period_id = $1 and f.indicator_id = i.id and attainment is not null order by attainment desc limit 3)
               union all
               (select 'worst', agency_id, value, attainment from dashboard_agency_figures f where f.period_id = $1 and f.indicator_id = i.id and attainment is not null order by attainment asc limit 3)) x`,
            [period!.id, downstream],
          ),
          one(laggingSql("and component_id = (select id from components where code = 'downstream')"), [period!.id, overdue]),
        ]);
      },
    },
    {
      name: "agency profile data (a local administration)",
      fn: () => dashboard.getAgencyDashboard(actor, local!.code, { period: period!.code }),
      sql: async () => {
        await Promise.all([
          one(`select period_id, indicator_id, fact_id, value, target, attainment, status from dashboard_agency_figures where agency_id = $1`, [local!.id]),
          one(
            `select period_id, sum(expected_count), sum(present_count), sum(on_time_count), sum(valid_count) from dashboard_agency_components where agency_id = $1 group by 1`,
            [local!.id],
          ),
          one(`select period_id, count(*) from indicator_facts where agency_id = $1 and state = 'provisional' group by 1`, [local!.id]),
          one(figuresSql(""), [periods.map((p) => p.id), null]),
        ]);
      },
    },
    {
      name: "trace a figure (DOWN-02, first 50 facts)",
      fn: () => dashboard.listFigureProvenance(actor, { indicator: "DOWN-02", period: period!.code, limit: 50 }),
      sql: async () => {
        const where = `f.period_id = $1 and f.indicator_id = (select id from indicators where code = 'DOWN-02')`;
        await Promise.all([
          one(
            `select count(*) total, count(g.fact_id) counted from indicator_facts f
             left join dashboard_agency_figures g on g.period_id = f.period_id and g.indicator_id = f.indicator_id and g.agency_id = f.agency_id and g.fact_id = f.id
             where ${where}`,
            [period!.id],
          ),
          one(
            `select f.id, a.code, a.name_th, a.name_en, f.value, f.weight, f.source, f.state, f.source_id, f.import_batch_id, f.source_row,
               f.source_ref, f.recorded_at, g.fact_id is not null as counted
             from indicator_facts f join agencies a on a.id = f.agency_id
             left join dashboard_agency_figures g on g.period_id = f.period_id and g.indicator_id = f.indicator_id and g.agency_id = f.agency_id and g.fact_id = f.id
             where ${where}
             order by a.code, f.recorded_at desc, f.id desc limit 50`,
            [period!.id],
          ),
          one(figuresSql(""), [[period!.id], null]),
        ]);
      },
    },
    {
      name: "eMENSCR budget panel (national, 100,000 projects)",
      fn: () => dashboard.getEmenscrBudgetProgress(actor, { period: period!.code }),
      sql: () =>
        one(
          `select count(*), sum(j.budget), sum(p.disbursed),
             sum(p.physical_progress * j.budget) filter (where j.budget > 0) / nullif(sum(j.budget) filter (where j.budget > 0), 0)
           from emenscr_progress p join emenscr_projects j on j.id = p.project_id where p.period_id = $1`,
          [period!.id],
        ),
    },
    {
      name: "eMENSCR project list (downstream, first page)",
      fn: () => dashboard.listEmenscrProjects(actor, { period: period!.code, component: "downstream" }),
      sql: () =>
        Promise.all([
          one(
            `select count(*) from emenscr_progress p join project_components pc on pc.project_id = p.project_id
             where p.period_id = $1 and pc.component_id = (select id from components where code = 'downstream')`,
            [period!.id],
          ),
          one(
            `select j.project_code, j.name, a.code, a.name_th, j.budget, p.disbursed, p.physical_progress, p.status
             from emenscr_progress p join emenscr_projects j on j.id = p.project_id join agencies a on a.id = j.agency_id
             join project_components pc on pc.project_id = j.id
             where p.period_id = $1 and pc.component_id = (select id from components where code = 'downstream')
             order by j.budget desc nulls last, j.project_code limit 20`,
            [period!.id],
          ),
        ]),
    },
  ];

  const results: { name: string; fn: Stat; sql: Stat }[] = [];
  for (const c of cases) {
    const [fn, sqlStat] = await compare(c.fn, c.sql);
    results.push({ name: c.name, fn, sql: sqlStat });
    console.log(`${c.name}: function p50 ${ms(fn.p50)} / p95 ${ms(fn.p95)} ms; hand-written SQL p50 ${ms(sqlStat.p50)} / p95 ${ms(sqlStat.p95)} ms; ratio ${(fn.p50 / sqlStat.p50).toFixed(2)}`);
  }

  // For reference: the same overview numbers straight from the fact layer, without the pre-aggregation.
  const raw: number[] = [];
  for (let i = 0; i < 5; i++)
    raw.push(
      await time(() =>
        one(
          `with eff as (
             select distinct on (indicator_id, agency_id, period_id) indicator_id, period_id, value, coalesce(weight, 1) w
             from indicator_facts where state = 'approved' and period_id = any($1)
             order by indicator_id, agency_id, period_id, recorded_at desc, id desc)
           select period_id, indicator_id, count(*), sum(value), sum(value * w), sum(w) from eff group by 1, 2`,
          [overviewPeriodIds],
        ),
      ),
    );
  const rawStat = stat(raw);
  console.log(`overview figures from raw facts (no pre-aggregation): p50 ${ms(rawStat.p50)} ms`);

  const refresh: number[] = [];
  const { refreshDashboardRollups } = await import("@/lib/facts/derive/rollups");
  for (let i = 0; i < 3; i++) refresh.push(await time(() => refreshDashboardRollups(getDb(), { periodIds: [period!.id] })));
  const refreshStat = stat(refresh);
  console.log(`refresh of one quarter's pre-aggregation: p50 ${ms(refreshStat.p50)} ms`);

  const pages = await measurePages(url, local!.code);
  await hand.end();
  await closeDb();

  const report = renderReport({ dataset, totals: totals[0]!, results, rawStat, refreshStat, pages });
  console.log(`\n${report}`);
  writeReadmeBlock("dashboard", report);
}

async function measurePages(url: string, agencyCode: string): Promise<{ name: string; stat: Stat }[]> {
  ensureProductionBuild("never");
  const server = await startAppServer({ port: PORT, databaseUrl: url });
  try {
    const cookie = await signIn(server.origin, "executive@lamnam.demo", "Lamnam-demo-2569");
    const get = async (pathname: string) => {
      const response = await fetch(`${server.origin}${pathname}`, { headers: { cookie }, redirect: "manual" });
      const body = await response.text();
      if (response.status !== 200 || !body.includes("</html>")) throw new Error(`${pathname} answered ${response.status}`);
    };
    const out: { name: string; stat: Stat }[] = [];
    for (const [name, pathname] of [
      ["overview page /", "/?period=2569Q4"],
      ["overview page, ministry filter", "/?period=2569Q4&ministry=03000&type=local_administration"],
      ["component page /components/downstream", "/components/downstream?period=2569Q4"],
      ["agency profile page", `/agencies/${agencyCode}?period=2569Q4`],
    ] as const) {
      for (let i = 0; i < WARMUP; i++) await get(pathname);
      const times: number[] = [];
      for (let i = 0; i < RUNS; i++) times.push(await time(() => get(pathname)));
      out.push({ name, stat: stat(times) });
      console.log(`${name}: p50 ${ms(stat(times).p50)} / p95 ${ms(stat(times).p95)} ms`);
    }
    return out;
  } finally {
    await server.stop();
  }
}

function renderReport(input: {
  dataset: DatasetSummary | null;
  totals: { facts: string; agencies: string; indicators: string };
  results: { name: string; fn: Stat; sql: Stat }[];
  rawStat: Stat;
  refreshStat: Stat;
  pages: { name: string; stat: Stat }[];
}): string {
  const n = (v: string | number) => Number(v).toLocaleString("en");
  const lines = [
    `Dataset: ${n(input.totals.agencies)} agencies (≈7,450 local administrations), ${n(input.totals.indicators)} indicators, 8 quarters, ` +
      `${n(input.totals.facts)} facts, 100,000 eMENSCR projects with FY 2569 progress; PostgreSQL, ${RUNS} runs after ${WARMUP} warm-up runs, loopback.` +
      (input.dataset
        ? ` Generated in ${(input.dataset.seconds.reference + input.dataset.seconds.agencies + input.dataset.seconds.facts + input.dataset.seconds.projects).toFixed(0)} s; full pre-aggregation refresh (8 quarters) ${input.dataset.seconds.refresh.toFixed(1)} s.`
        : ""),
    "",
    "| query function | p50 ms | p95 ms | hand-written SQL p50 ms | p95 ms | ratio (p50) |",
    "|---|---:|---:|---:|---:|---:|",
    ...input.results.map((r) => `| ${r.name} | ${ms(r.fn.p50)} | ${ms(r.fn.p95)} | ${ms(r.sql.p50)} | ${ms(r.sql.p95)} | ${(r.fn.p50 / r.sql.p50).toFixed(2)} |`),
    "",
    "| page (`next start`, signed in as executive) | p50 ms | p95 ms |",
    "|---|---:|---:|",
    ...input.pages.map((p) => `| ${p.name} | ${ms(p.stat.p50)} | ${ms(p.stat.p95)} |`),
    "",
    `For comparison, the overview's figures computed straight from the fact layer (no pre-aggregation): p50 ${ms(input.rawStat.p50)} ms. ` +
      `Refreshing one quarter's pre-aggregation: p50 ${ms(input.refreshStat.p50)} ms.`,
  ];
  return lines.join("\n");
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
