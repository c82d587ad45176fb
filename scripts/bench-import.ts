// Benchmark of the eMENSCR import against a plain PostgreSQL COPY of the same rows (not part of npm test).
//
//   npm run bench:import [-- --rows 100000]
//
// Uses a fresh database on the server of DATABASE_URL (or TEST_DATABASE_URL), dropped afterwards:
// generates an xlsx export, imports it through the same service as the UI and the CLI (one transaction),
// then COPYs the same rows from CSV into a plain table of text columns with psql's \copy, and reports
// rows/s, peak RSS and the ratio of the two times.
import { execFile } from "node:child_process";
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { parseArgs } from "node:util";
import { Client } from "pg";
import { closeDb, getDb } from "@/db/client";
import { applyMigrations } from "@/db/migrate";
import { seedDemoData } from "@/db/seed/seed";
import { SYSTEM_ACTOR } from "@/lib/auth/actor";
import { commitImport } from "@/lib/emenscr/import-service";
import { generateSyntheticExport, SYNTHETIC_HEADERS } from "@/lib/emenscr/synthetic";

const { values } = parseArgs({ options: { rows: { type: "string", default: "100000" }, keep: { type: "boolean", default: false } } });
const rows = Number(values.rows);
const serverUrl = process.env.DATABASE_URL || process.env.TEST_DATABASE_URL;
if (!serverUrl) {
  console.error("✖ Set DATABASE_URL or TEST_DATABASE_URL to a PostgreSQL server (a fresh database is created there).");
  process.exit(2);
}

const mb = (bytes: number) => `${(bytes / 1048576).toFixed(1)} MB`;
const seconds = (ms: number) => `${(ms / 1000).toFixed(2)} s`;

async function main() {
  const name = `lamnam_bench_${process.pid}`;
  const admin = new Client({ connectionString: serverUrl });
  await admin.connect();
  await admin.query(`create database "${name}"`);
  await admin.end();
  const url = new URL(serverUrl!);
  url.pathname = `/${name}`;
  process.env.DATABASE_URL = url.toString();
  const dir = await mkdtemp(path.join(os.tmpdir(), "lamnam-bench-"));
  try {
    await applyMigrations(getDb(), "postgres");
    await seedDemoData(getDb());

    let started = performance.now();
    const xlsx = await generateSyntheticExport({ rows, format: "xlsx", seed: 2570 });
    console.log(`Generated ${rows} rows: xlsx ${mb(xlsx.length)} in ${seconds(performance.now() - started)}`);
    // Let the generator's garbage go before measuring the import's memory (when run with --expose-gc).
    (globalThis as { gc?: () => void }).gc?.();

    // Peak RSS of the import alone: sampled, and the process high-water mark after it.
    const baseline = process.memoryUsage().rss;
    let peak = baseline;
    const sampler = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 20);
    started = performance.now();
    const cpuBefore = process.cpuUsage();
    const summary = await commitImport(SYSTEM_ACTOR, { fileName: "bench.xlsx", bytes: xlsx, periodCode: "2570Q1" });
    const importMs = performance.now() - started;
    const importCpu = process.cpuUsage(cpuBefore);
    clearInterval(sampler);
    peak = Math.max(peak, process.memoryUsage().rss);
    if (summary.outcome !== "committed" || summary.inserted !== rows) throw new Error(`import did not commit every row: ${JSON.stringify({ ...summary, sample: undefined, columns: undefined })}`);

    // The CSV for COPY is generated only now, so that its 100 MB do not count in the import's RSS.
    const csvPath = path.join(dir, "rows.csv");
    await writeFile(csvPath, await generateSyntheticExport({ rows, format: "csv", encoding: "utf8", seed: 2570, decorations: false }));
    const columns = SYNTHETIC_HEADERS.map((_, i) => `c${i} text`).join(", ");
    await getDb().execute(`create table bench_copy (${columns})`);
    started = performance.now();
    await new Promise<void>((resolve, reject) =>
      execFile("psql", [process.env.DATABASE_URL!, "-v", "ON_ERROR_STOP=1", "-c", `\\copy bench_copy from '${csvPath}' with (format csv, header true)`], (error, _out, stderr) =>
        error ? reject(new Error(stderr || error.message)) : resolve(),
      ),
    );
    const copyMs = performance.now() - started;

    const report = {
      rows,
      importSeconds: Number((importMs / 1000).toFixed(2)),
      importRowsPerSecond: Math.round(rows / (importMs / 1000)),
      copySeconds: Number((copyMs / 1000).toFixed(2)),
      copyRowsPerSecond: Math.round(rows / (copyMs / 1000)),
      ratioToCopy: Number((importMs / copyMs).toFixed(1)),
      importCpuSeconds: Number(((importCpu.user + importCpu.system) / 1e6).toFixed(2)),
      loadAverage: os.loadavg()[0]!.toFixed(1),
      peakRssMb: Number((peak / 1048576).toFixed(0)),
      maxRssMb: Number((process.resourceUsage().maxRSS / 1024).toFixed(0)),
      node: process.version,
      cpus: os.cpus().length,
    };
    console.log(`Import (xlsx → validated, upserted, one transaction): ${seconds(importMs)}, ${report.importRowsPerSecond} rows/s`);
    console.log(`Plain COPY of the same rows from CSV:               ${seconds(copyMs)}, ${report.copyRowsPerSecond} rows/s`);
    console.log(`Ratio import / COPY: ${report.ratioToCopy}×   peak RSS during import: ${mb(peak)} (process max ${report.maxRssMb} MB)`);
    console.log(JSON.stringify(report));
  } finally {
    await closeDb();
    await rm(dir, { recursive: true, force: true });
    if (!values.keep) {
      const cleanup = new Client({ connectionString: serverUrl });
      await cleanup.connect();
      await cleanup.query(`drop database if exists "${name}" with (force)`);
      await cleanup.end();
    }
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
