// Load test (npm run bench:load): 200 signed-in users at once against `next start` on loopback, on the
// national-scale dataset on PostgreSQL, mixing dashboard pages and JSON, assessment form saves (the real
// server action) and an eMENSCR import. Prints per request kind the count, errors, p50/p95/p99 latency and
// throughput, the import's duration under load, the server's peak RSS and the database connections; writes
// the figures as JSON under bench-results/ and exits 1 if any request failed.
//
//   npm run bench:load                      # PostgreSQL at postgres://postgres@127.0.0.1:5432 by default
//
// What it does, in order:
//  1. The national dataset (scripts/generate-national-dataset.ts: ≈8,000 agencies, ≈870,000 facts, 100,000
//     eMENSCR projects) in the database lamnam_load_dataset, generated once and reused while its version
//     stamp matches; each run serves a fresh copy of it, lamnam_load (CREATE DATABASE … TEMPLATE), so the
//     saves and the import of one run never change the next run's data. The copy is dropped at the end.
//  2. The production build: kept if newer than every source file, otherwise `next build` is run.
//  3. `next start` on 127.0.0.1:BENCH_LOAD_PORT against the copy (NEXTAUTH_SECRET/NEXTAUTH_URL for loopback).
//  4. The users — 70% agency officers and heads, each of a distinct agency; 20% executives; 10% analysts —
//     inserted with one password hash, then each signed in through next-auth's credentials flow.
//  5. One connection per user for BENCH_LOAD_SECONDS, each sending its next request as soon as the last one
//     answered (no think time: the most the server can be asked); meanwhile one analyst uploads an eMENSCR
//     export (scripts/generators/emenscr-synthetic.ts) to the preview and then the commit route, as the import screen does.
//     The load goes on until the import is committed.
//  6. The server is stopped: nothing is left running.
//
// Several instances (BENCH_LOAD_INSTANCES, 2 by default): each `next start` on its own port (BENCH_LOAD_PORT + 1,
// + 2, …) with JOB_WORKERS=off, one `npm run worker` for the jobs, and a small round-robin proxy on
// BENCH_LOAD_PORT in front (scripts/bench/proxy.ts); with 1, the one instance listens on BENCH_LOAD_PORT.
// Analysts also approve: BENCH_LOAD_APPROVALS (400) submissions are prepared in the submitted state before
// the load (through the services, of agencies without load users), and each analyst opens the next one's
// page and approves it through the page's server action. BENCH_LOAD_THINK_MS (0): each user's pause after
// every answer (5000 for the think-time run; its figures go to the bench:load-think README block).
// BENCH_LOAD_IMPORT_ROWS=0 runs the mix without the eMENSCR import (blocks bench:load-no-import and
// bench:load-think-no-import).
//
// Options (environment): BENCH_DATABASE_URL (the PostgreSQL server to use; its database name is not used),
// BENCH_LOAD_USERS (200), BENCH_LOAD_SECONDS (60), BENCH_LOAD_IMPORT_ROWS (50000), BENCH_LOAD_TIMEOUT
// (seconds a request may take before it counts as timed out, 60), BENCH_LOAD_PORT (3325), BENCH_LOAD_BUILD
// (auto | always | never), BENCH_LOAD_CPU_PROFILE=1 (the server's CPU profile into bench-results/),
// BENCH_LOAD_RATE (whole requests per second per user, to pace the users instead of the closed loop;
// autocannon counts per second, so not below 1), BENCH_LOAD_KEEP=1 (keep the lamnam_load copy to inspect);
// DATABASE_POOL_MAX, MAX_CONCURRENT_REQUESTS and the app's other variables pass through to the server.
//
// Why autocannon: it keeps one keep-alive connection per user and sends that user's requests one after
// another, which is how a browser tab behaves, at a cost per request low enough to share two cores with
// the server. Its setupClient/setupRequest/onResponse hooks give each connection its own user, cookie and
// next request (the save needs the version of the previous answer); its own statistics are not per kind,
// so latency and failures are recorded here per request kind from its 'response' and 'timeout' events.
import { createWriteStream, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { Pool } from "pg";
import { prepareNationalDataset } from "./generate-national-dataset";
import { ensureProductionBuild, startAppServer, type AppServer } from "./bench/app-server";
import { startRoundRobinProxy, type RoundRobinProxy } from "./bench/proxy";
import { startWorkerProcess, stopWorkerProcess } from "./bench/worker-process";
import { percentile } from "./bench/stats";
import { writeReadmeBlock } from "./bench/readme";
import { APPROVALS, BUILD, DATASET_DATABASE, databaseUrl, HEAP_MB, IMPORT_ROWS, INSTANCES, PORT, RATE, redact, RUN_DATABASE, SECONDS, SEMI_SPACE_MB, serverUrl, THINK_MS, TIMEOUT_SECONDS, USERS } from "./bench/load-config";
import { copyDataset, countDataset, dropCopy, prepareApprovals, readReference } from "./bench/load-database";
import { importDuringLoad, importExport } from "./bench/load-import";
import { ResourceMonitor } from "./bench/load-monitor";
import { printFigures, renderReadme, summarizeKinds } from "./bench/load-report";
import { UserSession } from "./bench/load-session";
import { LoadRecorder, startClosedLoop, startThinkingUsers, warmUp } from "./bench/load-traffic";
import { createUsers, SIGN_IN_CONCURRENCY, signInUsers } from "./bench/load-users";

async function main() {
  const startedAt = new Date();
  const stamp = startedAt.toISOString().replace(/[:.]/g, "-");
  mkdirSync("bench-results", { recursive: true });
  console.log(`Load test: ${USERS} users, ${SECONDS} s${RATE ? ` at ${RATE} requests/s each` : THINK_MS > 0 ? ` (each user pauses ${THINK_MS / 2}–${(THINK_MS * 3) / 2} ms after every answer, ${THINK_MS} ms on average)` : " (closed loop, no think time)"}, import of ${IMPORT_ROWS.toLocaleString("en")} rows; server ${redact(serverUrl().toString())}; ${os.cpus().length} cores.`);

  const prepared = await prepareNationalDataset(databaseUrl(DATASET_DATABASE));
  const started = performance.now();
  await copyDataset();
  console.log(`Copied ${DATASET_DATABASE} to ${RUN_DATABASE} in ${((performance.now() - started) / 1000).toFixed(1)} s.`);

  const db = new Pool({ connectionString: databaseUrl(RUN_DATABASE), max: 2 });
  const servers: AppServer[] = [];
  let proxy: RoundRobinProxy | null = null;
  let monitor: ResourceMonitor | null = null;
  const worker = startWorkerProcess(databaseUrl(RUN_DATABASE), path.join("bench-results", `load-worker-${stamp}.log`));
  let releaseServices = async () => {};
  try {
    const users = await createUsers(db, USERS);
    const approvals = await prepareApprovals(db, (release) => (releaseServices = release));
    const reference = await readReference(db, approvals);
    const dataset = await countDataset(db);
    console.log(`Dataset: ${dataset.agencies.toLocaleString("en")} agencies, ${dataset.facts.toLocaleString("en")} facts, ${dataset.projects.toLocaleString("en")} eMENSCR projects.`);
    const roles = Object.entries(users.reduce<Record<string, number>>((n, u) => ({ ...n, [u.role]: (n[u.role] ?? 0) + 1 }), {}));
    console.log(`Users: ${roles.map(([role, n]) => `${n} ${role}`).join(", ")}.`);

    // 0: no import, the issue's mix (pages, routes, saves and approvals) alone.
    const importFile = IMPORT_ROWS > 0 ? await importExport(IMPORT_ROWS) : null;

    ensureProductionBuild(BUILD);
    const serverLog = path.join("bench-results", `load-server-${stamp}.log`);
    const logStream = createWriteStream(serverLog);
    const publicOrigin = `http://127.0.0.1:${PORT}`;
    for (let i = 0; i < INSTANCES; i++) {
      const profile = process.env.BENCH_LOAD_CPU_PROFILE === "1" ? ["--cpu-prof", `--cpu-prof-dir=${path.resolve("bench-results")}`, `--cpu-prof-name=load-server-${stamp}-${i + 1}.cpuprofile`] : [];
      const nodeArgs = [...profile, ...(HEAP_MB ? [`--max-old-space-size=${HEAP_MB}`] : []), ...(SEMI_SPACE_MB ? [`--max-semi-space-size=${SEMI_SPACE_MB}`] : [])];
      // Jobs run in the worker process; every instance signs sessions for the address the users see.
      const env = { JOB_WORKERS: "off", NEXTAUTH_URL: publicOrigin };
      servers.push(await startAppServer({ port: INSTANCES > 1 ? PORT + 1 + i : PORT, databaseUrl: databaseUrl(RUN_DATABASE), output: logStream, nodeArgs, env }));
    }
    if (INSTANCES > 1) proxy = await startRoundRobinProxy(PORT, servers.map((s) => s.origin));
    const server = { origin: publicOrigin };
    const pids = servers.map((s) => s.process.pid!);
    console.log(
      `Servers: ${INSTANCES} × next start (pids ${pids.join(", ")}; ports ${servers.map((s) => new URL(s.origin).port).join(", ")}${proxy ? `, behind a round-robin proxy on ${PORT}` : ""}; pool of ${process.env.DATABASE_POOL_MAX ?? "10 (default)"} connections, ${process.env.MAX_CONCURRENT_REQUESTS ?? "8 (default)"} requests at once each; jobs in one npm run worker); their output in ${serverLog}.`,
    );

    // Peak memory of each instance and database connections, sampled throughout.
    const resources = new ResourceMonitor(pids, worker.pid!);
    monitor = resources;
    await resources.start();
    try {
      const { signInTimes, signInSeconds } = await signInUsers(server.origin, users);
      await warmUp(users, reference, server.origin);
      const rssBeforeLoadPerInstance = resources.resetPeakRss();

      // The load, and the import during it.
      const recorder = new LoadRecorder();
      const sessions = users.map((user, i) => new UserSession(user, reference, server.origin, 1000 + i));
      const cpuBefore = resources.serverCpu();
      const workerCpuBefore = resources.workerCpu();
      const benchCpuBefore = process.cpuUsage();
      resources.startDatabaseCpu();
      const loadStarted = performance.now();
      const load = THINK_MS > 0 ? startThinkingUsers(sessions, server.origin, recorder) : startClosedLoop(sessions, server.origin, recorder);
      const analyst = users.find((u) => u.role === "analyst")!;
      const importDone = importFile ? importDuringLoad(server.origin, analyst, importFile, loadStarted) : Promise.resolve(null);
      const progress = setInterval(() => {
        const recent = recorder.takeRecent();
        const window = recent.length ? `p50 ${percentile(recent, 50).toFixed(0)} ms, p95 ${percentile(recent, 95).toFixed(0)} ms in the last 10 s, ` : "";
        console.log(`  ${((performance.now() - loadStarted) / 1000).toFixed(0)} s: ${recorder.answered()} answers (${window}${recorder.failed()} failed), server RSS ${resources.instanceRss().map((rss) => (rss / 1048576).toFixed(0)).join(" + ")} MB`);
      }, 10_000);
      const [, importRun] = await Promise.all([new Promise((r) => setTimeout(r, SECONDS * 1000)), importDone]);
      const loadSeconds = (performance.now() - loadStarted) / 1000;
      const cpuUsed = resources.serverCpu() - cpuBefore;
      const workerCpuUsed = resources.workerCpu() - workerCpuBefore;
      const benchCpu = process.cpuUsage(benchCpuBefore);
      // This process: the users' requests (autocannon), the proxy between them and the instances, the monitor.
      const benchCpuUsed = (benchCpu.user + benchCpu.system) / 1e6;
      const databaseCpuUsed = resources.databaseCpuUsed();
      await load.stop();
      clearInterval(progress);
      resources.stopSampling();

      // The figures.
      const rows = summarizeKinds(recorder, loadSeconds);
      const all = [...recorder.stats.values()].flatMap((s) => s.latencies);
      const totalErrors = rows.reduce((n, r) => n + r.errors, 0);
      const serverErrors = readFileSync(serverLog, "utf8").split("\n").filter((line) => /"level":"error"|⨯|Error:/.test(line));
      printFigures({ users: users.length, loadSeconds, rows, all, totalErrors, importRun, recorder, monitor: resources, rssBeforeLoadPerInstance, cpuUsed, workerCpuUsed, benchCpuUsed, databaseCpuUsed, serverErrors });

      const { peakRssPerInstance, peakConnections, peakAllConnections, maxConnections } = resources;
      const result = {
        startedAt: startedAt.toISOString(),
        machine: { cores: os.cpus().length, cpu: os.cpus()[0]?.model, memoryGb: Math.round(os.totalmem() / 1073741824), loadAverage: os.loadavg() },
        config: { users: users.length, seconds: SECONDS, instances: INSTANCES, thinkMs: THINK_MS, approvalsPrepared: APPROVALS, rate: RATE ?? null, timeoutSeconds: TIMEOUT_SECONDS, importRows: IMPORT_ROWS, poolMax: process.env.DATABASE_POOL_MAX ?? null, maxConcurrentRequests: process.env.MAX_CONCURRENT_REQUESTS ?? null },
        dataset: { ...dataset, reused: prepared.reused },
        users: Object.fromEntries(roles),
        signIn: { seconds: signInSeconds, concurrency: SIGN_IN_CONCURRENCY, p50: percentile(signInTimes, 50), p95: percentile(signInTimes, 95) },
        loadSeconds,
        requests: rows,
        total: { count: all.length, errors: totalErrors, p50: percentile(all, 50), p95: percentile(all, 95), p99: percentile(all, 99), perSecond: all.length / loadSeconds },
        import: importRun,
        server: {
          instances: INSTANCES,
          heapMb: HEAP_MB || null,
          semiSpaceMb: SEMI_SPACE_MB || null,
          proxyCounts: proxy?.counts ?? null,
          peakRssMb: Math.max(...peakRssPerInstance) / 1048576,
          peakRssMbPerInstance: peakRssPerInstance.map((rss) => rss / 1048576),
          rssBeforeLoadMb: Math.max(...rssBeforeLoadPerInstance) / 1048576,
          cpuSeconds: cpuUsed,
          timeouts: recorder.timeouts,
          socketErrors: recorder.socketErrors,
          loggedErrors: serverErrors.length,
        },
        worker: { peakRssMb: resources.peakWorkerRss / 1048576, cpuSeconds: workerCpuUsed },
        loadGenerator: { cpuSeconds: benchCpuUsed },
        database: { peakConnections, peakAllConnections, maxConnections, cpuSeconds: databaseCpuUsed },
      };
      const file = path.join("bench-results", `load-${stamp}.json`);
      writeFileSync(file, `${JSON.stringify(result, null, 2)}\n`);
      console.log(`\nWrote ${file}.`);
      writeReadmeBlock(`${THINK_MS > 0 ? "load-think" : "load"}${importRun ? "" : "-no-import"}`, renderReadme(result));
      const failed = totalErrors > 0 || Boolean(importRun?.error) || serverErrors.length > 0;
      if (failed) console.log("✖ The load test had errors.");
      process.exitCode = failed ? 1 : 0;
    } finally {
      resources.stopSampling();
    }
  } finally {
    await proxy?.stop();
    for (const server of servers) await server.stop();
    await stopWorkerProcess(worker);
    await releaseServices();
    await monitor?.end();
    await db.end();
    if (process.env.BENCH_LOAD_KEEP !== "1") await dropCopy();
  }
}

main().then(
  () => process.exit(process.exitCode ?? 0),
  (error) => {
    console.error(error);
    process.exit(1);
  },
);
