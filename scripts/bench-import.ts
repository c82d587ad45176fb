// Benchmark of the eMENSCR import against a plain PostgreSQL COPY of the same rows (not part of npm test).
//
//   npm run bench:import [-- --rows 100000 --runs 3 --xlsx file-from-generate-emenscr-with-seed-2570.xlsx]
//
// Generates one xlsx export (and the same rows as CSV), then per run, in a fresh child process and a
// fresh database on the server of DATABASE_URL (or TEST_DATABASE_URL), dropped afterwards: imports the
// xlsx through the same service as the UI and the CLI (one transaction, then the dashboard rollups and
// lagging flags), then COPYs the CSV into a plain table of text columns with psql's \copy — in the same
// run, so that load on the machine weighs on both. Prints rows/s, peak RSS, the COPY time, the ratio and
// where the import's time went; with several runs, the medians.
import { execFile, spawn } from "node:child_process";
import { mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { parseArgs } from "node:util";
import { Client } from "pg";
import { median } from "./bench/stats";

const { values } = parseArgs({
  options: {
    rows: { type: "string", default: "100000" },
    runs: { type: "string", default: "3" },
    keep: { type: "boolean", default: false },
    /** An export generated earlier with the same --rows (and seed 2570), to skip generating it again. */
    xlsx: { type: "string" },
    // Internal: one measured run (a child process, so that its RSS is the import's alone).
    child: { type: "string" },
  },
});
const rows = Number(values.rows);
const serverUrl = process.env.DATABASE_URL || process.env.TEST_DATABASE_URL;
if (!serverUrl) {
  console.error("✖ Set DATABASE_URL or TEST_DATABASE_URL to a PostgreSQL server (a fresh database is created there).");
  process.exit(2);
}

const PHASES = ["read", "validate", "match", "diff", "write", "facts", "commit", "after"] as const;

interface RunReport {
  rows: number;
  importSeconds: number;
  importRowsPerSecond: number;
  /** Import up to and including COMMIT, without the dashboard/flag refresh that follows it. */
  committedSeconds: number;
  copySeconds: number;
  ratioToCopy: number;
  committedRatioToCopy: number;
  importCpuSeconds: number;
  /** CPU of the import's PostgreSQL backends, when the server runs on this machine (read from /proc). */
  databaseCpuSeconds: number | null;
  /** The same three figures at the commit, before the dashboard and flag refresh. */
  committedCpuSeconds: number | null;
  committedDatabaseCpuSeconds: number | null;
  committedPeakRssMb: number | null;
  /** CPU of the COPY's backend, likewise. */
  copyCpuSeconds: number | null;
  baselineRssMb: number;
  peakRssMb: number;
  phasesSeconds: Record<string, number>;
  loadAverage: number;
}

const round = (value: number, digits = 2) => Number(value.toFixed(digits));

async function withDatabase<T>(work: (url: string) => Promise<T>): Promise<T> {
  const name = `lamnam_bench_${process.pid}_${Date.now()}`;
  const admin = new Client({ connectionString: serverUrl });
  await admin.connect();
  await admin.query(`create database "${name}"`);
  await admin.end();
  const url = new URL(serverUrl!);
  url.pathname = `/${name}`;
  try {
    return await work(url.toString());
  } finally {
    if (!values.keep) {
      const cleanup = new Client({ connectionString: serverUrl });
      await cleanup.connect();
      await cleanup.query(`drop database if exists "${name}" with (force)`);
      await cleanup.end();
    }
  }
}

/** One run's import and COPY, in a child process whose RSS is the import's alone. Prints its report as JSON. */
async function childRun(dir: string): Promise<void> {
  const url = process.env.DATABASE_URL!;
  const [{ closeDb, getDb }, { SYSTEM_ACTOR }, { commitImport }, { SYNTHETIC_HEADERS }] = await Promise.all([
    import("@/db/client"),
    import("@/core/auth/actor"),
    import("@/lib/emenscr/import-service"),
    import("@/scripts/generators/emenscr-synthetic"),
  ]);
  try {
    const bytes = await readFile(path.join(dir, "export.xlsx"));
    await getDb().execute("select 1");
    (globalThis as { gc?: () => void }).gc?.();

    const baseline = process.memoryUsage().rss;
    let peak = baseline;
    const sampler = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 10);
    const timings: Partial<Record<(typeof PHASES)[number], number>> = {};
    const started = performance.now();
    const cpuBefore = process.cpuUsage();
    // CPU and memory up to the commit, apart from the dashboard and flag refresh that follows it.
    let atCommit: { cpu: NodeJS.CpuUsage; peak: number; database: Promise<number | null> } | null = null;
    const onProgress = ({ phase }: { phase: string }) => {
      if (phase === "refresh") atCommit = { cpu: process.cpuUsage(cpuBefore), peak, database: backendCpuSeconds(getDb()) };
    };
    const summary = await commitImport(SYSTEM_ACTOR, { fileName: "bench.xlsx", bytes, periodCode: "2570Q1", timings, onProgress });
    const importMs = performance.now() - started;
    const cpu = process.cpuUsage(cpuBefore);
    const databaseCpu = await backendCpuSeconds(getDb());
    const committed = atCommit as { cpu: NodeJS.CpuUsage; peak: number; database: Promise<number | null> } | null;
    const databaseCpuAtCommit = committed ? await committed.database : null;
    clearInterval(sampler);
    peak = Math.max(peak, process.memoryUsage().rss);
    if (summary.outcome !== "committed" || summary.inserted !== rows) {
      throw new Error(`import did not commit every row: ${JSON.stringify({ ...summary, sample: undefined, columns: undefined, errors: summary.errors.slice(0, 5) })}`);
    }

    const columns = SYNTHETIC_HEADERS.map((_, i) => `c${i} text`).join(", ");
    await getDb().execute(`create table bench_copy (${columns})`);
    const copyStarted = performance.now();
    // The same session then reads its backend's CPU time (superuser on a local server; else no figure).
    const copyOutput = await new Promise<string>((resolve, reject) =>
      execFile(
        "psql",
        [url, "-v", "ON_ERROR_STOP=1", "-tA", "-c", `\\copy bench_copy from '${path.join(dir, "rows.csv")}' with (format csv, header true)`, "-c", "select pg_read_file('/proc/self/stat')"],
        (error, out, stderr) => (error && !/pg_read_file|permission denied|could not open/i.test(stderr) ? reject(new Error(stderr || error.message)) : resolve(out)),
      ),
    );
    const copyMs = performance.now() - copyStarted;
    const copyStat = /\(postgres\) (.*)/.exec(copyOutput)?.[1]?.split(" ");
    const committedMs = importMs - (timings.after ?? 0);
    const report: RunReport = {
      rows,
      importSeconds: round(importMs / 1000),
      importRowsPerSecond: Math.round(rows / (importMs / 1000)),
      committedSeconds: round(committedMs / 1000),
      copySeconds: round(copyMs / 1000),
      ratioToCopy: round(importMs / copyMs, 1),
      committedRatioToCopy: round(committedMs / copyMs, 1),
      importCpuSeconds: round((cpu.user + cpu.system) / 1e6),
      databaseCpuSeconds: databaseCpu === null ? null : round(databaseCpu),
      committedCpuSeconds: committed ? round((committed.cpu.user + committed.cpu.system) / 1e6) : null,
      committedDatabaseCpuSeconds: databaseCpuAtCommit === null ? null : round(databaseCpuAtCommit),
      committedPeakRssMb: committed ? Math.round(committed.peak / 1048576) : null,
      copyCpuSeconds: copyStat ? round((Number(copyStat[11]) + Number(copyStat[12])) / 100) : null,
      baselineRssMb: Math.round(baseline / 1048576),
      peakRssMb: Math.round(peak / 1048576),
      phasesSeconds: Object.fromEntries(PHASES.map((p) => [p, round((timings[p] ?? 0) / 1000)])),
      loadAverage: round(os.loadavg()[0]!, 1),
    };
    process.stdout.write(`${JSON.stringify(report)}\n`);
  } finally {
    await closeDb();
  }
}

/**
 * CPU time of this database's backends (the pool's connections, opened for the import), from /proc when
 * PostgreSQL runs on this machine; null otherwise.
 */
async function backendCpuSeconds(db: { execute: (query: string) => Promise<{ rows: unknown[] }> }): Promise<number | null> {
  const { rows: backends } = await db.execute("select pid from pg_stat_activity where datname = current_database()");
  let ticks = 0;
  try {
    for (const { pid } of backends as { pid: number }[]) {
      const fields = (await readFile(`/proc/${pid}/stat`, "utf8")).replace(/^.*\) /, "").split(" ");
      // utime and stime: fields 14 and 15 of /proc/<pid>/stat, 12 and 13 after the command name.
      ticks += Number(fields[11]) + Number(fields[12]);
    }
  } catch {
    return null;
  }
  return ticks / 100;
}

/** A fresh database with the schema and the demo reference data (agencies the export names), made here, not in the measured child. */
async function prepareDatabase(url: string): Promise<void> {
  const [{ closeDb, getDb }, { applyMigrations }, { seedDemoData }] = await Promise.all([import("@/db/client"), import("@/db/migrate"), import("@/scripts/seed/seed")]);
  process.env.DATABASE_URL = url;
  try {
    await applyMigrations(getDb(), "postgres");
    await seedDemoData(getDb());
  } finally {
    await closeDb();
  }
}

function runChild(dir: string, url: string): Promise<RunReport> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [...process.execArgv, process.argv[1]!, "--rows", String(rows), "--child", dir], {
      stdio: ["ignore", "pipe", "inherit"],
      env: { ...process.env, DATABASE_URL: url },
    });
    let out = "";
    child.stdout.on("data", (chunk: Buffer) => (out += chunk.toString()));
    child.on("error", reject);
    child.on("exit", (code) => (code === 0 ? resolve(JSON.parse(out.trim().split("\n").pop()!) as RunReport) : reject(new Error(`run failed with exit code ${code}`))));
  });
}

async function main() {
  if (values.child) return childRun(values.child);
  const { generateSyntheticExport } = await import("@/scripts/generators/emenscr-synthetic");
  const runs = Math.max(1, Number(values.runs));
  const dir = await mkdtemp(path.join(os.tmpdir(), "lamnam-bench-"));
  try {
    let started = performance.now();
    const xlsx = values.xlsx ? await readFile(values.xlsx) : await generateSyntheticExport({ rows, format: "xlsx", seed: 2570 });
    await writeFile(path.join(dir, "export.xlsx"), xlsx);
    await writeFile(path.join(dir, "rows.csv"), await generateSyntheticExport({ rows, format: "csv", encoding: "utf8", seed: 2570, decorations: false }));
    console.log(`Generated ${rows} rows: xlsx ${(xlsx.length / 1048576).toFixed(1)} MB in ${((performance.now() - started) / 1000).toFixed(1)} s`);

    const reports: RunReport[] = [];
    for (let run = 1; run <= runs; run++) {
      started = performance.now();
      const report = await withDatabase(async (url) => {
        await prepareDatabase(url);
        return runChild(dir, url);
      });
      reports.push(report);
      const phases = PHASES.map((p) => `${p} ${report.phasesSeconds[p]!.toFixed(2)}`).join(", ");
      console.log(
        `Run ${run}/${runs}: import ${report.importSeconds.toFixed(2)} s (${report.importRowsPerSecond} rows/s, committed after ${report.committedSeconds.toFixed(2)} s), ` +
          `COPY ${report.copySeconds.toFixed(2)} s (CPU ${report.copyCpuSeconds?.toFixed(2) ?? "–"} s), ratio ${report.ratioToCopy}× (${report.committedRatioToCopy}× to the commit), ` +
          `peak RSS ${report.peakRssMb} MB (baseline ${report.baselineRssMb} MB), ` +
          `CPU: app ${report.importCpuSeconds.toFixed(2)} s, database ${report.databaseCpuSeconds?.toFixed(2) ?? "–"} s, load ${report.loadAverage}`,
      );
      console.log(`  phases (s, overlapping: the database writes one chunk while the next is read): ${phases}`);
      console.log(
        `  up to the commit: CPU app ${report.committedCpuSeconds?.toFixed(2) ?? "–"} s, database ${report.committedDatabaseCpuSeconds?.toFixed(2) ?? "–"} s, peak RSS ${report.committedPeakRssMb ?? "–"} MB`,
      );
    }
    const summary = {
      rows,
      runs,
      medianImportSeconds: round(median(reports.map((r) => r.importSeconds))),
      medianRowsPerSecond: Math.round(median(reports.map((r) => r.importRowsPerSecond))),
      medianCopySeconds: round(median(reports.map((r) => r.copySeconds))),
      medianRatioToCopy: round(median(reports.map((r) => r.ratioToCopy)), 1),
      medianCommittedRatioToCopy: round(median(reports.map((r) => r.committedRatioToCopy)), 1),
      medianPeakRssMb: Math.round(median(reports.map((r) => r.peakRssMb))),
      medianCpuSeconds: { app: round(median(reports.map((r) => r.importCpuSeconds))), database: round(median(reports.map((r) => r.databaseCpuSeconds ?? 0))), copy: round(median(reports.map((r) => r.copyCpuSeconds ?? 0))) },
      maxPeakRssMb: Math.max(...reports.map((r) => r.peakRssMb)),
      medianPhasesSeconds: Object.fromEntries(PHASES.map((p) => [p, round(median(reports.map((r) => r.phasesSeconds[p]!)))])),
      node: process.version,
      cpus: os.cpus().length,
    };
    console.log(
      `Median of ${runs}: import ${summary.medianImportSeconds} s (${summary.medianRowsPerSecond} rows/s), COPY ${summary.medianCopySeconds} s, ` +
        `ratio ${summary.medianRatioToCopy}× (${summary.medianCommittedRatioToCopy}× to the commit), peak RSS ${summary.medianPeakRssMb} MB (max ${summary.maxPeakRssMb} MB)`,
    );
    console.log(JSON.stringify({ summary, reports }));
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
