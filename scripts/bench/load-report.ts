// The load test's figures (scripts/bench-load.ts): per request kind from what was recorded, printed as a
// table with the import, the server and the database, and rendered for README.md.
import os from "node:os";
import { TIMEOUT_SECONDS, RUN_DATABASE } from "./load-config";
import type { ImportRun } from "./load-import";
import type { ResourceMonitor } from "./load-monitor";
import type { LoadRecorder } from "./load-traffic";
import { percentile } from "./stats";

/** One kind of request's figures: answered and lost requests, failures by reason, latency percentiles (ms), throughput. */
export interface KindFigures {
  kind: string;
  count: number;
  errors: number;
  errorReasons: Record<string, number>;
  p50: number;
  p95: number;
  p99: number;
  perSecond: number;
}

/** The figures of each kind of request, in the order of their names. */
export function summarizeKinds(recorder: LoadRecorder, loadSeconds: number): KindFigures[] {
  return [...recorder.stats.entries()]
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([kind, s]) => {
      const errors = [...s.errors.values()].reduce((a, b) => a + b, 0);
      const answered = s.latencies.length;
      return {
        kind,
        count: answered + (s.errors.get("no answer (timeout or connection lost)") ?? 0),
        errors,
        errorReasons: Object.fromEntries(s.errors),
        p50: percentile(s.latencies, 50),
        p95: percentile(s.latencies, 95),
        p99: percentile(s.latencies, 99),
        perSecond: answered / loadSeconds,
      };
    });
}

export interface PrintedFigures {
  users: number;
  loadSeconds: number;
  rows: KindFigures[];
  /** Every answer's latency (ms). */
  all: number[];
  totalErrors: number;
  importRun: ImportRun | null;
  recorder: LoadRecorder;
  monitor: ResourceMonitor;
  rssBeforeLoadPerInstance: number[];
  cpuUsed: number;
  workerCpuUsed: number;
  benchCpuUsed: number;
  databaseCpuUsed: number;
  serverErrors: string[];
}

/** The run's figures on the console. */
export function printFigures(f: PrintedFigures): void {
  const { rows, all, loadSeconds, totalErrors, monitor } = f;
  const finishedImport = f.importRun;
  const ms = (v: number) => (Number.isNaN(v) ? "–" : v.toFixed(0));
  console.log(`\nLoad: ${f.users} users for ${loadSeconds.toFixed(0)} s on ${os.cpus().length} cores; request timeout ${TIMEOUT_SECONDS} s.\n`);
  console.log(`${"request".padEnd(26)}${"count".padStart(8)}${"errors".padStart(8)}${"p50 ms".padStart(9)}${"p95 ms".padStart(9)}${"p99 ms".padStart(9)}${"req/s".padStart(8)}`);
  for (const r of rows) {
    console.log(`${r.kind.padEnd(26)}${String(r.count).padStart(8)}${String(r.errors).padStart(8)}${ms(r.p50).padStart(9)}${ms(r.p95).padStart(9)}${ms(r.p99).padStart(9)}${r.perSecond.toFixed(1).padStart(8)}`);
  }
  console.log(
    `${"all".padEnd(26)}${String(all.length).padStart(8)}${String(totalErrors).padStart(8)}${ms(percentile(all, 50)).padStart(9)}${ms(percentile(all, 95)).padStart(9)}${ms(percentile(all, 99)).padStart(9)}${(all.length / loadSeconds).toFixed(1).padStart(8)}`,
  );
  for (const r of rows.filter((r) => r.errors)) console.log(`  ${r.kind}: ${Object.entries(r.errorReasons).map(([reason, n]) => `${n}× ${reason}`).join(", ")}`);
  if (finishedImport) {
    console.log(
      `\nImport under load (${finishedImport.rows.toLocaleString("en")} rows, ${(finishedImport.fileBytes / 1048576).toFixed(1)} MB, from second ${finishedImport.startedAtSecond.toFixed(0)}): ` +
        (finishedImport.error ? `FAILED — ${finishedImport.error}` : `preview ${finishedImport.previewSeconds.toFixed(1)} s, commit ${finishedImport.commitSeconds.toFixed(1)} s (${finishedImport.inserted.toLocaleString("en")} rows inserted).`),
    );
  }
  console.log(
    `Server: peak RSS per instance ${monitor.peakRssPerInstance.map((rss) => (rss / 1048576).toFixed(0)).join(", ")} MB (${f.rssBeforeLoadPerInstance.map((rss) => (rss / 1048576).toFixed(0)).join(", ")} MB before the load); CPU ${f.cpuUsed.toFixed(0)} s in ${loadSeconds.toFixed(0)} s (${(f.cpuUsed / loadSeconds).toFixed(2)} cores). ` +
      `Worker (jobs, imports): peak RSS ${(monitor.peakWorkerRss / 1048576).toFixed(0)} MB, CPU ${f.workerCpuUsed.toFixed(0)} s. Load generator and proxy: CPU ${f.benchCpuUsed.toFixed(0)} s. ` +
      `Sockets: ${f.recorder.timeouts} timeouts, ${f.recorder.socketErrors} connection errors. Errors in the server log: ${f.serverErrors.length}.`,
  );
  console.log(
    `PostgreSQL: peak ${monitor.peakConnections} connections to ${RUN_DATABASE}, ${monitor.peakAllConnections} in all, of max_connections ${monitor.maxConnections}; ` +
      `its backends used ${f.databaseCpuUsed.toFixed(0)} s of CPU (${(f.databaseCpuUsed / loadSeconds).toFixed(2)} cores). Load average ${os.loadavg().map((n) => n.toFixed(1)).join(" ")}.`,
  );
  for (const line of f.serverErrors.slice(0, 5)) console.log(`  server: ${line.slice(0, 300)}`);
}

/** The figures for README.md (between the bench:load markers). */
export function renderReadme(r: {
  startedAt: string;
  machine: { cores: number; cpu?: string; loadAverage: number[] };
  config: { users: number; timeoutSeconds: number; rate: number | null; importRows: number; thinkMs: number };
  dataset: { agencies: number; facts: number; projects: number };
  users: Record<string, number>;
  signIn: { seconds: number; concurrency: number; p50: number; p95: number };
  loadSeconds: number;
  requests: { kind: string; count: number; errors: number; p50: number; p95: number; p99: number; perSecond: number }[];
  total: { count: number; errors: number; p50: number; p95: number; p99: number; perSecond: number };
  import: ImportRun | null;
  server: { instances: number; heapMb: number | null; semiSpaceMb?: number | null; peakRssMbPerInstance: number[]; rssBeforeLoadMb: number; cpuSeconds: number; loggedErrors: number };
  worker: { peakRssMb: number; cpuSeconds: number };
  loadGenerator: { cpuSeconds: number };
  database: { peakConnections: number; maxConnections: number; cpuSeconds: number };
}): string {
  const n = (v: number) => Math.round(v).toLocaleString("en");
  const row = (kind: string, x: { count: number; errors: number; p50: number; p95: number; p99: number; perSecond: number }) =>
    `| ${kind} | ${n(x.count)} | ${x.errors} | ${n(x.p50)} | ${n(x.p95)} | ${n(x.p99)} | ${x.perSecond.toFixed(1)} |`;
  const imp = r.import;
  return [
    `Run of ${r.startedAt.slice(0, 16).replace("T", " ")} UTC: ${r.config.users} users (${Object.entries(r.users).map(([role, count]) => `${count} ${role.replace("_", " ")}s`).join(", ")}) for ${r.loadSeconds.toFixed(0)} s, ` +
      `${r.config.thinkMs ? `each user pausing ${r.config.thinkMs / 2000}–${(r.config.thinkMs * 3) / 2000} s after every answer (${r.config.thinkMs / 1000} s on average)` : r.config.rate ? `${r.config.rate} requests/s each` : "closed loop (each user sends the next request as soon as the last one answered: no think time)"}, request timeout ${r.config.timeoutSeconds} s. ` +
      `${r.machine.cores} cores (${r.machine.cpu ?? "unknown CPU"}) running the server, PostgreSQL 15 and the load generator (load average ${r.machine.loadAverage.map((v) => v.toFixed(1)).join(" ")} at the end, this run's own processes included). ` +
      `Dataset: ${n(r.dataset.agencies)} agencies, ${n(r.dataset.facts)} facts, ${n(r.dataset.projects)} eMENSCR projects.`,
    "",
    "| request | count | errors | p50 ms | p95 ms | p99 ms | req/s |",
    "|---|---:|---:|---:|---:|---:|---:|",
    ...r.requests.map((x) => row(x.kind, x)),
    row("**all**", r.total),
    "",
    imp
      ? `eMENSCR import during the load (${n(imp.rows)} rows, ${(imp.fileBytes / 1048576).toFixed(1)} MB xlsx, from second ${imp.startedAtSecond.toFixed(0)}): ` +
        (imp.error ? `**failed**: ${imp.error}.` : `preview ${imp.previewSeconds.toFixed(1)} s, commit ${imp.commitSeconds.toFixed(1)} s (${n(imp.inserted)} rows inserted).`)
      : "No import ran.",
    `Servers: ${r.server.instances} instance${r.server.instances > 1 ? "s behind a loopback round-robin proxy" : ""}${r.server.heapMb ? ` (each \`--max-old-space-size=${r.server.heapMb}\`${r.server.semiSpaceMb ? ` \`--max-semi-space-size=${r.server.semiSpaceMb}\`` : ""})` : ""}, jobs in one \`npm run worker\`; peak RSS per instance ${r.server.peakRssMbPerInstance.map(n).join(", ")} MB (at most ${n(r.server.rssBeforeLoadMb)} MB before the load), ${(r.server.cpuSeconds / r.loadSeconds).toFixed(2)} cores of CPU on average together, ${r.server.loggedErrors} errors logged; the worker (jobs and the import) peaked at ${n(r.worker.peakRssMb)} MB, ${(r.worker.cpuSeconds / r.loadSeconds).toFixed(2)} cores; the load generator and proxy ${(r.loadGenerator.cpuSeconds / r.loadSeconds).toFixed(2)} cores. ` +
      `PostgreSQL: at most ${r.database.peakConnections} connections of ${r.database.maxConnections}, its backends ${(r.database.cpuSeconds / r.loadSeconds).toFixed(2)} cores. ` +
      `Signing the ${r.config.users} users in before the load took ${r.signIn.seconds.toFixed(0)} s (${r.signIn.concurrency} at a time; p50 ${n(r.signIn.p50)} ms, p95 ${n(r.signIn.p95)} ms).`,
  ].join("\n");
}
