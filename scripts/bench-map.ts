// Ecosystem-map benchmark (npm run bench:map): the map's data at national scale — the quarter's overview
// (statuses), the structure query (components, elements, platforms, agency counts) and the ELK layout,
// exactly what /map and the report's map section run (lib/ecosystem/map-data.ts) — for the nation and
// for a ministry filter (which lists that ministry's agencies in every component). Target (issue 22):
// p95 under 300 ms. PostgreSQL only; read-only, so it reuses the national dataset when it is current:
//   TEST_DATABASE_URL=postgres://postgres@127.0.0.1:5432/test npm run bench:map
// Options: BENCH_MAP_DATABASE_URL (default: database lamnam_bench_map on that server); BENCH_RUNS (default
// 40 timed runs per case, after 5 warm-up runs); BENCH_WRITE_README=1 records the figures in README.md.
//
// The dashboard cache is turned off (DASHBOARD_CACHE=off) so every run reads the database; the layout is
// cached per graph shape in the process (lib/ecosystem/map-layout.ts), so a first, cold layout is timed
// on its own.
import { loadavg } from "node:os";
import { Pool } from "pg";
import { prepareNationalDataset } from "./generate-national-dataset";
import { median, percentile } from "./bench/stats";
import { writeReadmeBlock } from "./bench/readme";
import type { Actor } from "@/core/auth/actor";

const TARGET_P95_MS = 300;
const RUNS = Number(process.env.BENCH_RUNS ?? 40);
const PERIOD = "2569Q4";

function databaseUrl(): string {
  if (process.env.BENCH_MAP_DATABASE_URL) return process.env.BENCH_MAP_DATABASE_URL;
  const server = process.env.TEST_DATABASE_URL ?? process.env.DATABASE_URL;
  if (!server) throw new Error("Set BENCH_MAP_DATABASE_URL, TEST_DATABASE_URL or DATABASE_URL (a PostgreSQL server).");
  const url = new URL(server);
  url.pathname = "/lamnam_bench_map";
  return url.toString();
}

async function time(label: string, run: () => Promise<unknown>) {
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
  await prepareNationalDataset(url);
  process.env.DATABASE_URL = url;
  process.env.DASHBOARD_CACHE = "off";
  const { loadEcosystemMap } = await import("@/lib/ecosystem/map-data");
  const { closeDb } = await import("@/db/client");
  const pool = new Pool({ connectionString: url, max: 1 });
  const query = async <T>(text: string): Promise<T[]> => (await pool.query(text)).rows as T[];
  const [analystRow] = await query<{ id: number; email: string; name: string }>(`select id, email, name from users where role = 'analyst' and active order by id limit 1`);
  if (!analystRow) throw new Error("no analyst in the dataset");
  const analyst: Actor = { id: analystRow.id, email: analystRow.email, name: analystRow.name, role: "analyst", agencyId: null, agencyCode: null, locale: "th" };
  // The ministry with the most agencies (Interior, with the local administrations under it).
  const [ministry] = await query<{ code: string; n: number }>(`
    select m.code, count(*)::int as n from agencies a join agencies m on m.id = a.parent_id and m.type = 'ministry'
    group by m.code order by n desc limit 1`);
  const [counts] = await query<{ agencies: number; facts: number }>(`select (select count(*) from agencies)::int as agencies, (select count(*) from indicator_facts)::int as facts`);
  await pool.end();
  console.log(`Dataset: ${counts!.agencies} agencies, ${counts!.facts} facts; ministry filter ${ministry!.code} (${ministry!.n} agencies directly under it).`);
  console.log(`Load average before: ${loadavg().map((n) => n.toFixed(1)).join(" ")} (2 shared cores: wall times include waiting for other jobs).`);

  const request = (ministryCode?: string, listAgenciesOf: string[] = []) => ({ filters: { period: PERIOD, ministry: ministryCode }, listAgenciesOf, agencyCap: 8, locale: "th" as const });
  const coldStart = performance.now();
  const cold = await loadEcosystemMap(analyst, request());
  const coldMs = performance.now() - coldStart;
  console.log(`First map (cold layout): ${coldMs.toFixed(0)} ms, ${cold.graph.nodes.length} nodes, ${cold.graph.edges.length} edges.`);
  const results = [
    await time("Nation", () => loadEcosystemMap(analyst, request())),
    await time("Nation, agencies of two components shown", () => loadEcosystemMap(analyst, request(undefined, ["upstream", "downstream"]))),
    await time(`Ministry filter (${ministry!.code}: its agencies in every component)`, () => loadEcosystemMap(analyst, request(ministry!.code))),
  ];
  await closeDb();
  const worst = Math.max(...results.map((r) => r.p95));
  const verdict = worst < TARGET_P95_MS ? "within" : "OVER";
  console.log(`Map p95 ${worst.toFixed(0)} ms: ${verdict} the ${TARGET_P95_MS} ms target.`);
  if (process.env.BENCH_WRITE_README === "1") {
    writeReadmeBlock(
      "map",
      [
        `Measured ${new Date().toISOString().slice(0, 10)} on PostgreSQL, ${counts!.agencies.toLocaleString("en")} agencies, ${counts!.facts.toLocaleString("en")} facts, quarter ${PERIOD}, dashboard cache off, ${RUNS} runs each (load average ${loadavg()[0]!.toFixed(1)} on 2 shared cores):`,
        "",
        "| map (overview + structure query + ELK layout) | p50 | p95 |",
        "|---|---:|---:|",
        ...results.map((r) => `| ${r.label} | ${r.p50.toFixed(0)} ms | ${r.p95.toFixed(0)} ms |`),
        "",
        `The first map of a process also lays the graph out (${coldMs.toFixed(0)} ms, ${cold.graph.nodes.length} nodes); later maps of the same shape reuse that layout. Target: p95 under ${TARGET_P95_MS} ms (${verdict}).`,
      ].join("\n"),
    );
  }
  if (worst >= TARGET_P95_MS) process.exitCode = 1;
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
