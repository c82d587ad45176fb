// Builds a national-scale dataset for the dashboard benchmark in a fresh PostgreSQL database:
// the demo reference data (7 components, 46 indicators with national targets, 8 quarters 2569Q1–2570Q4,
// demo users), then ≈8,000 agencies — ≈520 departments and public organisations under the 15 ministries
// and ≈7,450 local administrative organisations (under the Department of Local Administration) — each
// contributing to components, and one fact per owed agency × indicator × quarter for all 8 quarters
// (about 7% missing), generated inside the database with INSERT … SELECT; then the dashboard
// pre-aggregation is refreshed and the tables analysed.
//
//   BENCH_DATABASE_URL=postgres://…/lamnam_bench npx tsx --conditions=react-server scripts/generate-national-dataset.ts
// or let it create (and replace) a database named lamnam_bench on the server of TEST_DATABASE_URL or
// DATABASE_URL. Also 100,000 eMENSCR projects of departments and local administrations, each linked to a
// component, with quarterly progress for FY 2569, as if imported in one batch.
import { readFileSync } from "node:fs";
import path from "node:path";
import { sql } from "drizzle-orm";
import { drizzle } from "drizzle-orm/node-postgres";
import { Client, Pool } from "pg";
import { applyMigrations, MIGRATIONS_FOLDER } from "@/db/migrate";
import * as schema from "@/db/schema";
import type { Database } from "@/db/client";
import { DEMO_SEED_VERSION, seedDemoData } from "@/scripts/seed/seed";
import { refreshDashboardRollups } from "@/lib/facts/derive/rollups";

export const BENCH_DATABASE = "lamnam_bench";
export interface DatasetSize {
  departments: number;
  locals: number;
  projects: number;
}
export const NATIONAL: DatasetSize = { departments: 520, locals: 7450, projects: 100_000 };
/** Bump when what generateNationalDataset writes changes, so that prepared databases are rebuilt. */
export const NATIONAL_DATASET_VERSION = 2;

/** The benchmark database URL: BENCH_DATABASE_URL, else lamnam_bench on TEST_DATABASE_URL's or DATABASE_URL's server. */
export function benchDatabaseUrl(): string {
  if (process.env.BENCH_DATABASE_URL) return process.env.BENCH_DATABASE_URL;
  const server = process.env.TEST_DATABASE_URL ?? process.env.DATABASE_URL;
  if (!server) throw new Error("Set BENCH_DATABASE_URL, TEST_DATABASE_URL or DATABASE_URL (a PostgreSQL server) for the benchmark.");
  const url = new URL(server);
  url.pathname = `/${BENCH_DATABASE}`;
  return url.toString();
}

/** The database named by the URL (checked to be a plain name), and a client of its server's `postgres` database. */
export async function connectToServerOf(url: string): Promise<{ name: string; admin: Client }> {
  const name = decodeURIComponent(new URL(url).pathname.slice(1));
  if (!/^[a-z0-9_]+$/.test(name)) throw new Error(`refusing to manage database "${name}"`);
  const adminUrl = new URL(url);
  adminUrl.pathname = "/postgres";
  const admin = new Client({ connectionString: adminUrl.toString() });
  await admin.connect();
  return { name, admin };
}

/** Drops the URL's database (ending its sessions) and creates it empty. */
export async function recreateDatabase(url: string): Promise<void> {
  const { name, admin } = await connectToServerOf(url);
  try {
    await admin.query(`drop database if exists "${name}" with (force)`);
    await admin.query(`create database "${name}"`);
  } finally {
    await admin.end();
  }
}

/** Replaces the URL's database with a copy of `template` (which must have no open connection). */
export async function copyDatabase(url: string, template: string): Promise<void> {
  const { name, admin } = await connectToServerOf(url);
  try {
    const version = Number((await admin.query<{ v: string }>("show server_version_num")).rows[0]!.v);
    await admin.query(`drop database if exists "${name}" with (force)`);
    // FILE_COPY (PostgreSQL 15+) copies the files instead of WAL-logging every block: seconds, not minutes.
    await admin.query(`create database "${name}" template "${template}"${version >= 150000 ? " strategy file_copy" : ""}`);
  } finally {
    await admin.end();
  }
}

/** Drops the URL's database, ending its sessions. */
export async function dropDatabase(url: string): Promise<void> {
  const { name, admin } = await connectToServerOf(url);
  try {
    await admin.query(`drop database if exists "${name}" with (force)`);
  } finally {
    await admin.end();
  }
}

/** What a prepared database is stamped with: the dataset's and the demo seed's versions and the last migration. */
function datasetStamp(): string {
  const journal = JSON.parse(readFileSync(path.join(MIGRATIONS_FOLDER, "meta", "_journal.json"), "utf8")) as { entries: { tag: string }[] };
  return `lamnam national dataset v${NATIONAL_DATASET_VERSION}; seed v${DEMO_SEED_VERSION}; migration ${journal.entries.at(-1)?.tag ?? "none"}`;
}

/**
 * The national dataset in the database of the URL: kept when it was prepared by this function with the
 * same dataset version, seed version and migrations (a comment on the database says so), otherwise
 * generated anew. For benchmarks that copy the database rather than write to it (CREATE DATABASE …
 * TEMPLATE): a benchmark that changes the data must not reuse it this way.
 */
export async function prepareNationalDataset(
  url: string,
  log: (line: string) => void = console.log,
): Promise<{ reused: boolean; summary: DatasetSummary | null }> {
  const stamp = datasetStamp();
  const { name, admin } = await connectToServerOf(url);
  try {
    const { rows } = await admin.query<{ stamp: string | null }>(
      `select shobj_description(oid, 'pg_database') as stamp from pg_database where datname = $1`,
      [name],
    );
    if (rows[0]?.stamp === stamp) {
      log(`Reusing the national dataset in ${name} (${stamp}).`);
      return { reused: true, summary: null };
    }
    log(`Generating the national dataset in ${name} (${rows.length ? `stamp was "${rows[0]!.stamp ?? "none"}"` : "new database"}) …`);
    // Unstamped while it is being rebuilt: an interrupted run is never taken for a prepared one.
    const summary = await generateNationalDataset(url, log);
    await admin.query(`comment on database "${name}" is '${stamp.replace(/'/g, "''")}'`);
    return { reused: false, summary };
  } finally {
    await admin.end();
  }
}

export interface DatasetSummary {
  agencies: number;
  indicators: number;
  periods: number;
  facts: number;
  projects: number;
  seconds: { reference: number; agencies: number; facts: number; projects: number; refresh: number };
}

export async function generateNationalDataset(url: string, log: (line: string) => void = console.log): Promise<DatasetSummary> {
  await recreateDatabase(url);
  const pool = new Pool({ connectionString: url, max: 4 });
  const db = drizzle({ client: pool, schema, casing: "snake_case" }) as unknown as Database;
  try {
    await applyMigrations(db, "postgres");
    return await populateNationalDataset(db, NATIONAL, log);
  } finally {
    await pool.end();
  }
}

/**
 * Fills a migrated, empty database with the demo reference data and a national-shaped population of the
 * given size. The benchmarks use the national size; tests use the same shape, smaller.
 */
export async function populateNationalDataset(db: Database, size: DatasetSize, log: (line: string) => void = console.log): Promise<DatasetSummary> {
  const timer = () => {
    const start = performance.now();
    return () => (performance.now() - start) / 1000;
  };
  let elapsed = timer();
  await seedDemoData(db);
  const reference = elapsed();
  log(`reference data and demo seed: ${reference.toFixed(1)} s`);

  elapsed = timer();
  // Departments under the ministries, local administrations under the Department of Local
  // Administration (03003), with deterministic types, provinces and component links.
  await db.execute(sql`
    insert into agencies (code, name_th, name_en, type, parent_id, province)
    select 'D' || lpad(g::text, 5, '0'), 'กรมทดสอบ ' || g, 'Benchmark department ' || g,
      (case when g % 9 = 0 then 'public_organization' else 'department' end)::agency_type,
      (select id from agencies where type = 'ministry' order by code offset (g % 15) limit 1), null
    from generate_series(1, ${size.departments}) g`);
  await db.execute(sql`
    insert into agencies (code, name_th, name_en, type, parent_id, province)
    select 'L' || lpad(g::text, 5, '0'), 'องค์การบริหารส่วนตำบลทดสอบ ' || g, 'Benchmark subdistrict administration ' || g,
      'local_administration', (select id from agencies where code = '03003'), 'จังหวัด ' || (g % 77 + 1)
    from generate_series(1, ${size.locals}) g`);
  // Departments: two or three components; local administrations: downstream and one enabler.
  await db.execute(sql`
    insert into agency_components (agency_id, component_id, dga_role)
    select a.id, c.id, (array['leader','doer','follower','connector'])[1 + abs(hashtext(a.code || c.code)) % 4]::dga_role
    from agencies a cross join components c
    where a.code like 'D%' and (abs(hashtext(a.code || ':' || c.code)) % 7 < 2 or c.ordinal = 1 + abs(hashtext(a.code)) % 7)
    union all
    select a.id, c.id, 'follower'::dga_role
    from agencies a join components c on c.code = 'downstream' or c.ordinal = 4 + abs(hashtext(a.code)) % 4
    where a.code like 'L%'
    on conflict do nothing`);
  const agencySeconds = elapsed();
  log(`agencies and component links: ${agencySeconds.toFixed(1)} s`);

  elapsed = timer();
  // One fact per owed agency × indicator × quarter, around the (pro-rated) national target, with an
  // agency "form" so that some agencies lag; about 7% missing. Values derive from hashes: repeatable.
  await db.execute(sql`
    insert into indicator_facts (indicator_id, agency_id, period_id, value, weight, source, state, source_ref, recorded_at)
    with expected as (
      select ac.agency_id, i.id as indicator_id
      from agency_components ac
      join agencies a on a.id = ac.agency_id and a.active and a.type <> 'ministry'
      join indicators i on i.component_id = ac.component_id and i.active and i.aggregation <> 'latest'
      where a.code like 'D%' or a.code like 'L%'
    ),
    n as (select indicator_id, count(*) as n from expected group by indicator_id),
    base as (
      select x.agency_id, x.indicator_id, p.id as period_id, p.due_on, i.value_type, i.direction, i.aggregation, t.value as target, n.n,
        0.72 + (abs(hashtext('form' || x.agency_id)) % 40) / 100.0 + (abs(hashtext(x.agency_id || ':' || x.indicator_id || ':' || p.id)) % 100) / 1000.0 as perf,
        abs(hashtext(p.id || '/' || x.agency_id || '/' || x.indicator_id)) % 100 as r
      from expected x
      join indicators i on i.id = x.indicator_id
      join n on n.indicator_id = x.indicator_id
      cross join periods p
      join targets t on t.indicator_id = i.id and t.period_id = p.id and t.agency_id is null
    )
    select indicator_id, agency_id, period_id,
      round(case
        when value_type = 'boolean' then case when r < perf * 100 then 1 else 0 end
        when value_type = 'level' then greatest(1, least(5, round(target * perf)))
        when value_type = 'percent' then least(100, case when direction = 'lower' then target / perf else target * perf end)
        when aggregation = 'sum' then target / n * perf
        when direction = 'lower' then target / perf
        else target * perf end, 4),
      case when aggregation = 'weighted_mean' then 50 + r * 20 end,
      'demo_seed', 'approved', 'bench',
      (due_on - (r % 20) + (case when r > 92 then 25 else 0 end))::timestamp + interval '3 hours'
    from base
    where r >= 7`);
  const { rows } = await db.execute<{ n: string }>(sql`select count(*) as n from indicator_facts`);
  const facts = Number(rows[0]!.n);
  const factSeconds = elapsed();
  log(`facts: ${facts.toLocaleString("en")} in ${factSeconds.toFixed(1)} s`);

  elapsed = timer();
  // eMENSCR: one synthetic import batch holding 100,000 projects spread over the departments and local
  // administrations, budgets from 0.2 to 50 million baht, cumulative disbursement and physical progress
  // growing through FY 2569's four quarters (some projects behind), each linked to one component.
  const [batch] = (
    await db.execute<{ id: number }>(sql`
      insert into import_batches (file_name, file_sha256, file_bytes, format, actor_label, status, row_count, inserted_count, updated_count, unchanged_count, started_at)
      values ('bench-emenscr-2569.xlsx', repeat('0', 64), 0, 'xlsx', 'system', 'committed', ${size.projects * 4}, ${size.projects * 4}, 0, 0, now())
      returning id`)
  ).rows;
  await db.execute(sql`
    insert into emenscr_projects (project_code, name, agency_id, fiscal_year, budget, content_hash, created_batch_id, last_batch_id)
    with owners as (select id, row_number() over (order by code) - 1 as n, count(*) over () as total from agencies where code like 'D%' or code like 'L%')
    select 'BP-' || lpad(g::text, 6, '0'), 'โครงการทดสอบ ' || g, o.id, 2569,
      (200000 + (abs(hashtext('budget' || g)) % 4980) * 10000)::numeric, md5(g::text), ${batch!.id}, ${batch!.id}
    from generate_series(1, ${size.projects}) g
    join owners o on o.n = g % o.total`);
  await db.execute(sql`
    insert into emenscr_progress (project_id, period_id, disbursed, physical_progress, status, content_hash, created_batch_id, batch_id, source_row)
    select j.id, p.id,
      round(j.budget * least(1, p.quarter * (0.12 + (abs(hashtext('pace' || j.id)) % 20) / 100.0)), 2),
      least(100, p.quarter * (10 + abs(hashtext('prog' || j.id)) % 20)),
      (case when abs(hashtext('late' || j.id)) % 10 = 0 then 'delayed' when p.quarter = 4 and abs(hashtext('done' || j.id)) % 3 = 0 then 'completed' else 'in_progress' end)::project_status,
      md5(j.id || ':' || p.id), ${batch!.id}, ${batch!.id}, j.id + 1
    from emenscr_projects j cross join periods p
    where p.fiscal_year = 2569`);
  await db.execute(sql`
    insert into project_components (project_id, component_id, source)
    select j.id, c.id, 'manual' from emenscr_projects j join components c on c.ordinal = 1 + abs(hashtext('cmp' || j.id)) % 7`);
  const projectSeconds = elapsed();
  log(`eMENSCR: ${size.projects.toLocaleString("en")} projects with FY 2569 progress in ${projectSeconds.toFixed(1)} s`);

  // Fresh statistics first: planned on an empty-table estimate, the refresh's joins take minutes.
  await db.execute(sql`analyze`);
  elapsed = timer();
  await refreshDashboardRollups(db);
  const refresh = elapsed();
  log(`dashboard pre-aggregation refreshed (all 8 quarters): ${refresh.toFixed(1)} s`);
  // As autovacuum leaves a database some time after a bulk load: statistics, and visibility maps that let
  // counts over an index (an agency's rank) skip the table. Without it, such a count reads thousands of pages.
  await db.execute(sql`vacuum analyze`);
  const counts = await db.execute<{ agencies: string; indicators: string; periods: string }>(sql`
    select (select count(*) from agencies) as agencies, (select count(*) from indicators where active) as indicators,
      (select count(*) from periods) as periods`);
  const c = counts.rows[0]!;
  return {
    agencies: Number(c.agencies),
    indicators: Number(c.indicators),
    periods: Number(c.periods),
    facts,
    projects: size.projects,
    seconds: { reference, agencies: agencySeconds, facts: factSeconds, projects: projectSeconds, refresh },
  };
}

if (import.meta.url === `file://${process.argv[1]}`) {
  generateNationalDataset(benchDatabaseUrl())
    .then((s) => console.log(JSON.stringify(s, null, 2)))
    .catch((error) => {
      console.error(error);
      process.exit(1);
    });
}
