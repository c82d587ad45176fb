// Write-path benchmark (npm run bench:write): what an approval and an import commit cost the request, and
// how long until their figures reach the dashboard tables, with the derived-data refresh done by a
// separate `npm run worker` process as in production.
//
//   npm run bench:write                      # PostgreSQL at postgres://postgres@127.0.0.1:5432 by default
//
// What it does, in order:
//  1. The national dataset (scripts/generate-national-dataset.ts) in lamnam_load_dataset, shared with
//     bench:load and generated once; each run works on a fresh copy, lamnam_write (CREATE DATABASE …
//     TEMPLATE), dropped at the end. BENCH_WRITE_DATASET=demo uses the demo seed instead (a quick check).
//  2. One agency head per chosen agency and BENCH_WRITE_REVIEWERS analysts, inserted by SQL; `npm run
//     worker` started against the copy; this process marks the queue active, so the services queue their
//     derived refresh instead of running it.
//  3. Submissions prepared through the real services (the head saves and endorses a complete form, then
//     submits it), one per agency in the open quarter; then the queue is left to drain.
//  4. (a) single approvals one after another: the service call (transitionSubmission approve) and the time
//     from its return until the agency's rows in dashboard_agency_figures were rewritten after the approval;
//     (b) BENCH_WRITE_BURST approvals by BENCH_WRITE_REVIEWERS reviewers at once: the time until all are
//     reflected; (c) an eMENSCR import of BENCH_WRITE_IMPORT_ROWS rows: its duration up to the commit and
//     the time until the period's derived version moves (its dashboard refresh committed).
//  5. Prints a table, writes bench-results/write-<time>.json and the README block (bench:write).
//
// Options (environment): BENCH_DATABASE_URL (the server; its database name is not used), BENCH_WRITE_DATASET
// (national | demo), BENCH_WRITE_SINGLE (30), BENCH_WRITE_BURST (1000), BENCH_WRITE_REVIEWERS (50),
// BENCH_WRITE_IMPORT_ROWS (100000; 0 skips the import), BENCH_WRITE_KEEP=1 (keep the copy),
// DATABASE_POOL_MAX (20 here: the pool the reviewers share).
import { mkdirSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { Pool } from "pg";
import { copyDatabase, dropDatabase, prepareNationalDataset } from "./generate-national-dataset";
import { writeReadmeBlock } from "./bench/readme";
import { percentile } from "./bench/stats";
import { prepareDemoDataset, type Timed } from "./bench/write-support";
import { startWorkerProcess, stopWorkerProcess } from "./bench/worker-process";

const DATASET = (process.env.BENCH_WRITE_DATASET ?? "national") as "national" | "demo";
const SINGLE = Number(process.env.BENCH_WRITE_SINGLE ?? 30);
const BURST = Number(process.env.BENCH_WRITE_BURST ?? 1000);
const REVIEWERS = Number(process.env.BENCH_WRITE_REVIEWERS ?? 50);
const IMPORT_ROWS = Number(process.env.BENCH_WRITE_IMPORT_ROWS ?? 100_000);
const DATASET_DATABASE = DATASET === "national" ? "lamnam_load_dataset" : "lamnam_write_demo_dataset";
const RUN_DATABASE = "lamnam_write";
const OPEN_PERIOD = "2570Q1";
/** Submissions prepared at once (each a save-and-endorse and a submit through the services). */
const PREPARE_CONCURRENCY = 8;
const TARGETS = { approvalP95Ms: 300, figuresP95Ms: 5000, burstSeconds: 120, importCommitSeconds: 21 };

function serverUrl(): URL {
  const url = new URL(process.env.BENCH_DATABASE_URL ?? process.env.TEST_DATABASE_URL ?? process.env.DATABASE_URL ?? "postgres://postgres@127.0.0.1:5432/postgres");
  url.pathname = "/postgres";
  return url;
}
const databaseUrl = (name: string) => Object.assign(serverUrl(), { pathname: `/${name}` }).toString();
const loadAverage = () => os.loadavg().map((n) => Number(n.toFixed(1)));


async function main() {
  const started = new Date();
  const stamp = started.toISOString().replace(/[:.]/g, "-");
  mkdirSync("bench-results", { recursive: true });
  console.log(`bench:write on the ${DATASET} dataset, server ${serverUrl().host}. Load average before: ${loadAverage().join(" ")}.`);
  if (DATASET === "national") await prepareNationalDataset(databaseUrl(DATASET_DATABASE));
  else await prepareDemoDataset(databaseUrl(DATASET_DATABASE));
  await copyDatabase(databaseUrl(RUN_DATABASE), DATASET_DATABASE);
  const url = databaseUrl(RUN_DATABASE);
  process.env.DATABASE_URL = url;
  process.env.PGLITE_DIR = "";
  process.env.DATABASE_POOL_MAX ??= "20";
  const monitor = new Pool({ connectionString: url, max: 2 });
  const worker = startWorkerProcess(url, path.join("bench-results", `write-worker-${stamp}.log`));
  const { runWriteBench } = await import("./bench/write-run");
  try {
    const result = await runWriteBench({ monitor, openPeriod: OPEN_PERIOD, single: SINGLE, burst: BURST, reviewers: REVIEWERS, importRows: IMPORT_ROWS, prepareConcurrency: PREPARE_CONCURRENCY });
    const report = { startedAt: started.toISOString(), dataset: DATASET, machine: { cores: os.cpus().length, cpu: os.cpus()[0]?.model, loadAverageAtEnd: loadAverage() }, targets: TARGETS, ...result };
    printTable(report);
    const file = path.join("bench-results", `write-${stamp}.json`);
    writeFileSync(file, `${JSON.stringify(report, null, 2)}\n`);
    console.log(`Wrote ${file}.`);
    if (DATASET === "national") writeReadmeBlock("write", renderReadme(report));
  } finally {
    await stopWorkerProcess(worker);
    await monitor.end();
    if (process.env.BENCH_WRITE_KEEP !== "1") await dropDatabase(databaseUrl(RUN_DATABASE));
  }
}

type Report = Awaited<ReturnType<typeof import("./bench/write-run").runWriteBench>> & {
  startedAt: string;
  dataset: string;
  machine: { cores: number; cpu?: string; loadAverageAtEnd: number[] };
  targets: typeof TARGETS;
};

function rows(r: Report): [string, string, string][] {
  const ms = (values: Timed[], p: number) => `${Math.round(percentile(values.map((v) => v.ms), p))} ms`;
  const a = r.single;
  const b = r.burst;
  const c = r.import;
  return [
    [`(a) approval, service call p50 / p95 (${a.approvals.length} one after another)`, `${ms(a.approvals, 50)} / ${ms(a.approvals, 95)}`, `p95 < ${TARGETS.approvalP95Ms} ms`],
    ["(a) its figures in dashboard_agency_figures after the call, p50 / p95", `${ms(a.figures, 50)} / ${ms(a.figures, 95)}`, `p95 < ${TARGETS.figuresP95Ms / 1000} s`],
    [`(b) ${b.count} approvals by ${b.reviewers} reviewers: all reflected`, `${b.reflectedSeconds} s (approvals done at ${b.approvalsSeconds} s; call p95 ${ms(b.approvals, 95)})`, `< ${TARGETS.burstSeconds} s`],
    c
      ? [`(c) import of ${c.rows.toLocaleString("en")} rows: commit`, `${c.committedSeconds} s (whole call ${c.callSeconds} s)`, `≤ ${TARGETS.importCommitSeconds} s`]
      : ["(c) import", "skipped", ""],
    c ? ["(c) its dashboard refresh committed, after the commit", `${c.refreshedSeconds} s`, "asynchronous"] : ["", "", ""],
  ];
}

function printTable(r: Report): void {
  console.log("");
  for (const [what, value, target] of rows(r)) if (what) console.log(`${what.padEnd(72)} ${value.padEnd(44)} ${target}`);
  console.log(`\nPrepared ${r.prepared.count} submitted submissions in ${r.prepared.seconds} s; load average ${r.loadAverages.map((l) => l.join(" ")).join(" → ")}.`);
}

function renderReadme(r: Report): string {
  return [
    `Run of ${r.startedAt.slice(0, 16).replace("T", " ")} UTC on the national dataset (PostgreSQL on loopback, ${r.machine.cores} cores (${r.machine.cpu ?? "unknown CPU"}) shared with other work: ` +
      `load average ${r.loadAverages.map((l) => l[0]).join(", ")} at the steps below), the derived refresh in one \`npm run worker\` process; the services called in the bench process ` +
      `(pool of ${process.env.DATABASE_POOL_MAX} connections).`,
    "",
    "| measure | result | target |",
    "|---|---|---|",
    ...rows(r)
      .filter(([what]) => what)
      .map(([what, value, target]) => `| ${what} | ${value} | ${target} |`),
  ].join("\n");
}

main().then(
  () => process.exit(process.exitCode ?? 0),
  (error) => {
    console.error(error);
    process.exit(1);
  },
);
