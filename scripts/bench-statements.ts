// Statements per answer (npm run bench:statements): how many SQL statements the server sends to answer each
// kind of bench:load request, on a copy of the national dataset, one request at a time. Under load an
// instance's CPU goes largely to sending statements and reading their answers, and PostgreSQL parses and
// plans each one, so this count is what the load test's throughput follows from request to request.
//
//   npm run bench:statements      # PostgreSQL at postgres://postgres@127.0.0.1:5432 (or BENCH_DATABASE_URL's server)
//
// Needs pg_stat_statements on that server (shared_preload_libraries = 'pg_stat_statements', then
// `create extension pg_stat_statements` in its postgres database). It counts the calls recorded for the
// copy's database around each request: the first of three rounds of the load's users' steps fills the
// caches and is not counted, as a running server's caches are warm. No job worker runs, so nothing else
// writes to the copy meanwhile. Prints per kind the median, largest and mean count, the mean time of an
// answer (one at a time, so the time of the work alone) and the CPU it took the server and PostgreSQL's
// backends (from /proc, in ticks of 10 ms: a mean over the kind's answers), and writes them to the
// bench:statements README block. Under load the two cores are shared by both, so the sum of the two CPU
// columns is what an answer costs the machine.
import { Pool } from "pg";
import { copyDatabase, dropDatabase, prepareNationalDataset } from "./generate-national-dataset";
import { startAppServer } from "./bench/app-server";
import { DATASET_DATABASE, databaseUrl, PORT } from "./bench/load-config";
import { readReference } from "./bench/load-database";
import { cpuSeconds, treeCpu } from "./bench/load-monitor";
import { UserSession, type Kind } from "./bench/load-session";
import { createUsers, signInUsers } from "./bench/load-users";
import { writeReadmeBlock } from "./bench/readme";
import { median } from "./bench/stats";

const COPY = "lamnam_statements";
const USERS = 20;
const ROUNDS = 3;
const STEPS_PER_ROUND = 8;

interface Answer {
  statements: number;
  ms: number;
  /** CPU seconds of the server's process tree and of the copy's backends while answering. */
  serverCpu: number;
  databaseCpu: number;
}

async function main() {
  const monitor = new Pool({ connectionString: databaseUrl("postgres"), max: 1 });
  try {
    await monitor.query("select 1 from pg_stat_statements limit 1").catch(() => {
      throw new Error("pg_stat_statements is not available on this server: see the top of scripts/bench-statements.ts");
    });
    await prepareNationalDataset(databaseUrl(DATASET_DATABASE));
    await copyDatabase(databaseUrl(COPY), DATASET_DATABASE);
    const answers = await measure(monitor);
    report(answers);
  } finally {
    await monitor.end();
    await dropDatabase(databaseUrl(COPY));
  }
}

async function measure(monitor: Pool): Promise<Map<Kind, Answer[]>> {
  const db = new Pool({ connectionString: databaseUrl(COPY), max: 2 });
  const server = await startAppServer({ port: PORT + 20, databaseUrl: databaseUrl(COPY), env: { JOB_WORKERS: "off" } });
  try {
    const users = await createUsers(db, USERS);
    const reference = await readReference(db, []);
    const databaseId = (await monitor.query<{ oid: number }>("select oid from pg_database where datname = $1", [COPY])).rows[0]!.oid;
    const statementsSoFar = async () =>
      Number((await monitor.query<{ n: string }>("select coalesce(sum(calls), 0) as n from pg_stat_statements where dbid = $1", [databaseId])).rows[0]!.n);
    // The pool's backends stay open between requests (idle timeout 30 s), so their CPU counters carry over.
    const backendsCpu = async () => {
      const { rows } = await monitor.query<{ pid: number }>("select pid from pg_stat_activity where datname = $1 and backend_type = 'client backend' and pid <> pg_backend_pid()", [COPY]);
      return new Map(rows.map((r) => [r.pid, cpuSeconds(r.pid)]));
    };
    const serverPid = server.process.pid!;
    await signInUsers(server.origin, users);
    const answers = new Map<Kind, Answer[]>();
    for (let round = 0; round < ROUNDS; round++) {
      for (const [i, user] of users.entries()) {
        const session = new UserSession(user, reference, server.origin, 1000 + 100 * round + i);
        for (let step = 0; step < STEPS_PER_ROUND; step++) {
          const planned = session.next();
          const before = await statementsSoFar();
          const backendsBefore = await backendsCpu();
          const serverBefore = treeCpu(serverPid);
          const started = performance.now();
          const response = await fetch(`${server.origin}${planned.path}`, {
            method: planned.method,
            headers: { ...planned.headers, cookie: user.cookie! },
            body: planned.body ? new Uint8Array(planned.body) : undefined,
            redirect: "manual",
          });
          const problem = planned.check(response.status, await response.text());
          const ms = performance.now() - started;
          const serverCpu = treeCpu(serverPid) - serverBefore;
          let databaseCpu = 0;
          for (const [pid, used] of await backendsCpu()) databaseCpu += used - (backendsBefore.get(pid) ?? used);
          if (problem) throw new Error(`${planned.kind} ${planned.path}: ${problem}`);
          const statements = (await statementsSoFar()) - before;
          if (round > 0) answers.set(planned.kind, [...(answers.get(planned.kind) ?? []), { statements, ms, serverCpu, databaseCpu }]);
        }
      }
    }
    return answers;
  } finally {
    await server.stop();
    await db.end();
  }
}

function report(answers: Map<Kind, Answer[]>) {
  const rows = [...answers].sort(([a], [b]) => a.localeCompare(b));
  const mean = (values: number[]) => values.reduce((a, b) => a + b, 0) / values.length;
  const table = [
    "| request | answers | statements: median | largest | mean | mean ms (one at a time) | server CPU ms | PostgreSQL CPU ms |",
    "|---|---:|---:|---:|---:|---:|---:|---:|",
    ...rows.map(([kind, list]) => {
      const counts = list.map((a) => a.statements);
      const cpuMs = (pick: (a: Answer) => number) => (mean(list.map(pick)) * 1000).toFixed(0);
      return `| ${kind} | ${list.length} | ${median(counts)} | ${Math.max(...counts)} | ${mean(counts).toFixed(1)} | ${mean(list.map((a) => a.ms)).toFixed(0)} | ${cpuMs((a) => a.serverCpu)} | ${cpuMs((a) => a.databaseCpu)} |`;
    }),
  ];
  const text = [
    `Run of ${new Date().toISOString().slice(0, 16).replace("T", " ")} UTC: ${USERS} of the load test's users, ${ROUNDS - 1} counted rounds of ${STEPS_PER_ROUND} steps each (after one that warms the caches), one request at a time, on a copy of the national dataset.`,
    "",
    ...table,
  ].join("\n");
  console.log(text);
  writeReadmeBlock("statements", text);
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    console.error(error);
    process.exit(1);
  },
);
