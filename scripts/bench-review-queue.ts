// Review-queue benchmark (npm run bench:review): the /review page's query for a ministry reviewer whose
// ministry holds 1,500 waiting submissions, in a national-size database (≈8,900 agencies: 7,400 local
// administrations in 76 provinces, 20 ministries, their departments; ≈50,000 submissions over five
// quarters with their events). Target (issue 19): p95 under 300 ms. Also times DGA's own queue and the
// "who holds submissions" view, for information. PostgreSQL only:
//   TEST_DATABASE_URL=postgres://postgres@127.0.0.1:5432/test npm run bench:review
// Options: BENCH_REVIEW_DATABASE_URL (default: database lamnam_bench_review on that server); BENCH_RUNS
// (default 60 timed runs per query, after 5 warm-up runs); BENCH_WRITE_README=1 records the figures.
import { loadavg } from "node:os";
import { drizzle } from "drizzle-orm/node-postgres";
import { Pool } from "pg";
import { applyMigrations } from "@/db/migrate";
import * as schema from "@/db/schema";
import type { Database } from "@/db/client";
import type { Actor } from "@/core/auth/actor";
import { recreateDatabase } from "./generate-national-dataset";
import { median, percentile } from "./bench/stats";
import { writeReadmeBlock } from "./bench/readme";

const WAITING = 1_500;
const TARGET_P95_MS = 300;
const RUNS = Number(process.env.BENCH_RUNS ?? 60);

function databaseUrl(): string {
  if (process.env.BENCH_REVIEW_DATABASE_URL) return process.env.BENCH_REVIEW_DATABASE_URL;
  const server = process.env.TEST_DATABASE_URL ?? process.env.DATABASE_URL;
  if (!server) throw new Error("Set BENCH_REVIEW_DATABASE_URL, TEST_DATABASE_URL or DATABASE_URL (a PostgreSQL server).");
  const url = new URL(server);
  url.pathname = "/lamnam_bench_review";
  return url.toString();
}

/** The dataset, in set-based SQL: ministry 1 (code M0001) is the reviewer's, with 1,500 agencies waiting for it. */
async function populate(pool: Pool): Promise<void> {
  const q = (text: string) => pool.query(text);
  await q(`insert into components (code, ordinal, "group", name_th, name_en, description_th, description_en)
    select 'c' || i, i, 'value_chain', 'องค์ประกอบ ' || i, 'Component ' || i, '-', '-' from generate_series(1, 3) i`);
  await q(`insert into periods (code, fiscal_year, quarter, starts_on, ends_on, due_on, status)
    select code, fy, qt, s, (s + interval '3 months - 1 day')::date, (s + interval '3 months 15 days')::date, case when code = '2570Q1' then 'open' else 'closed' end::period_status
    from (values ('2569Q1', 2569, 1, date '2025-10-01'), ('2569Q2', 2569, 2, date '2026-01-01'), ('2569Q3', 2569, 3, date '2026-04-01'),
                 ('2569Q4', 2569, 4, date '2026-07-01'), ('2570Q1', 2570, 1, date '2026-10-01')) p(code, fy, qt, s)`);
  await q(`insert into assessment_templates (component_id, name_th, name_en) select id, 'แบบ', 'Form' from components`);
  // 20 ministries; under ministry 1: 1,000 agencies directly and 500 under one of its departments (two levels);
  // 60 departments under each other ministry; 7,400 local administrations under a department of ministry 2.
  await q(`insert into agencies (code, name_th, name_en, type) select 'M' || lpad(i::text, 4, '0'), 'กระทรวง ' || i, 'Ministry ' || i, 'ministry' from generate_series(1, 20) i`);
  await q(`insert into agencies (code, name_th, name_en, type, parent_id)
    select 'A' || lpad(i::text, 5, '0'), 'หน่วยงาน ' || i, 'Agency ' || i, case when i % 3 = 0 then 'public_organization' else 'department' end::agency_type,
      (select id from agencies where code = 'M0001') from generate_series(1, 1000) i`);
  await q(`insert into agencies (code, name_th, name_en, type, parent_id)
    select 'B' || lpad(i::text, 5, '0'), 'หน่วยงานย่อย ' || i, 'Sub-agency ' || i, 'public_organization', (select id from agencies where code = 'A00001') from generate_series(1, 500) i`);
  await q(`insert into agencies (code, name_th, name_en, type, parent_id)
    select 'D' || lpad(i::text, 5, '0'), 'กรม ' || i, 'Department ' || i, 'department', (select id from agencies where code = 'M' || lpad((2 + i % 19)::text, 4, '0'))
    from generate_series(1, 1140) i`);
  await q(`insert into agencies (code, name_th, name_en, type, parent_id, province)
    select 'L' || lpad(i::text, 5, '0'), 'อปท. ' || i, 'Local administration ' || i, 'local_administration', (select id from agencies where code = 'D00001'), 'จังหวัด' || (i % 76)
    from generate_series(1, 7400) i`);
  await q(`insert into users (email, name, role, agency_id) values ('reviewer@bench.test', 'ผู้ตรวจ', 'ministry_reviewer', (select id from agencies where code = 'M0001')),
    ('analyst@bench.test', 'นักวิเคราะห์', 'analyst', null)`);
  await q(`insert into users (email, name, role, province) select 'province' || i || '@bench.test', 'ผู้ตรวจจังหวัด', 'province_reviewer', 'จังหวัด' || i from generate_series(0, 75) i`);
  // Every non-ministry agency: four approved quarters and the open one — waiting at its intermediate level for
  // ministry 1's agencies (1,500) and the local administrations, verified or approved elsewhere.
  await q(`insert into submissions (agency_id, period_id, component_id, template_id, status, version, status_changed_at, first_submitted_at, submitted_at)
    select a.id, p.id, c.id, t.id,
      case when p.code <> '2570Q1' then 'approved' when a.code like 'A%' or a.code like 'B%' then 'submitted' when a.code like 'L%' then (case when a.id % 4 = 0 then 'verified' else 'submitted' end) else 'verified' end::submission_status,
      4, p.starts_on + interval '50 days' + (a.id % 1000) * interval '1 minute', p.starts_on + interval '48 days', p.starts_on + interval '48 days'
    from agencies a cross join periods p join components c on c.code = 'c1' join assessment_templates t on t.component_id = c.id
    where a.type <> 'ministry'`);
  await q(`insert into submission_events (submission_id, action, from_status, to_status, at)
    select s.id, e.action::submission_action, e.from_s::submission_status, e.to_s::submission_status, s.status_changed_at - e.back
    from submissions s cross join (values ('save', null, 'draft', interval '9 days'), ('endorse', 'draft', 'endorsed', interval '3 days'), ('submit', 'endorsed', 'submitted', interval '2 days')) e(action, from_s, to_s, back)`);
  await q(`insert into submission_events (submission_id, action, from_status, to_status, at)
    select id, case status when 'approved' then 'approve' else 'verify' end::submission_action, 'submitted', status, status_changed_at from submissions where status in ('approved', 'verified')`);
  await q(`analyze`);
}

async function time(label: string, run: () => Promise<unknown>): Promise<{ label: string; p50: number; p95: number }> {
  for (let i = 0; i < 5; i++) await run();
  const samples: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    const start = performance.now();
    await run();
    samples.push(performance.now() - start);
  }
  const result = { label, p50: median(samples), p95: percentile(samples, 95) };
  console.log(`${label}: p50 ${result.p50.toFixed(1)} ms, p95 ${result.p95.toFixed(1)} ms (${RUNS} runs)`);
  return result;
}

async function main() {
  const url = databaseUrl();
  console.log(`Building the dataset in ${url.replace(/:[^:@/]*@/, ":***@")} …`);
  await recreateDatabase(url);
  const pool = new Pool({ connectionString: url, max: 2 });
  const started = performance.now();
  await applyMigrations(drizzle({ client: pool, schema, casing: "snake_case" }) as unknown as Database, "postgres");
  await populate(pool);
  const { rows: [counts] } = await pool.query<{ agencies: string; submissions: string; events: string }>(
    `select (select count(*) from agencies) agencies, (select count(*) from submissions) submissions, (select count(*) from submission_events) events`,
  );
  console.log(`Dataset: ${counts!.agencies} agencies, ${counts!.submissions} submissions, ${counts!.events} events (${((performance.now() - started) / 1000).toFixed(1)} s).`);

  process.env.DATABASE_URL = url;
  const { listHoldingScopes, listLevelQueue } = await import("@/db/queries/review-levels");
  const { closeDb } = await import("@/db/client");
  const user = async (email: string): Promise<Actor> => {
    const { rows } = await pool.query<{ id: number; role: Actor["role"]; agency_id: number | null; province: string | null }>(`select id, role, agency_id, province from users where email = $1`, [email]);
    const u = rows[0]!;
    return { id: u.id, email, name: email, role: u.role, agencyId: u.agency_id, agencyCode: null, locale: "th", province: u.province };
  };
  const reviewer = await user("reviewer@bench.test");
  const analyst = await user("analyst@bench.test");
  const first = await listLevelQueue(reviewer);
  if (first.total !== WAITING) throw new Error(`expected ${WAITING} waiting for the ministry, found ${first.total}`);
  console.log(`Load average before: ${loadavg().map((n) => n.toFixed(1)).join(" ")} (2 shared cores: wall times include waiting for other jobs).`);
  const results = [
    await time(`Ministry reviewer's queue, first page (1,500 waiting)`, () => listLevelQueue(reviewer)),
    await time(`Ministry reviewer's queue, last page`, () => listLevelQueue(reviewer, { page: Math.ceil(WAITING / first.pageSize) })),
    await time(`DGA's queue (waiting for DGA), first page`, () => listLevelQueue(analyst)),
    await time(`DGA: ministries and provinces holding submissions`, () => listHoldingScopes(analyst)),
  ];
  await closeDb();
  await pool.end();
  const reviewerP95 = Math.max(results[0]!.p95, results[1]!.p95);
  const verdict = reviewerP95 < TARGET_P95_MS ? "within" : "OVER";
  console.log(`Review queue p95 ${reviewerP95.toFixed(0)} ms: ${verdict} the ${TARGET_P95_MS} ms target.`);
  if (process.env.BENCH_WRITE_README === "1") {
    const lines = [
      `Measured ${new Date().toISOString().slice(0, 10)} on PostgreSQL, ${counts!.agencies} agencies, ${counts!.submissions} submissions, ${counts!.events} events, ${RUNS} runs each:`,
      "",
      "| query | p50 | p95 |",
      "|---|---:|---:|",
      ...results.map((r) => `| ${r.label} | ${r.p50.toFixed(0)} ms | ${r.p95.toFixed(0)} ms |`),
      "",
      `Target: a ministry's queue page under ${TARGET_P95_MS} ms p95 (${verdict}).`,
    ];
    writeReadmeBlock("review", lines.join("\n"));
  }
  if (reviewerP95 >= TARGET_P95_MS) process.exitCode = 1;
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
