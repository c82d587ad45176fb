// Page weight (npm run bench:pages): the HTML bytes of every page route, signed in as the demo admin,
// against `next start` on loopback, and what a view costs the server: its time and CPU. Prints per page the
// status, bytes and gzip bytes, median time and server CPU per view, marks pages over 120 KB, and writes the
// table into README.md (bench:pages block).
//
//   npm run bench:pages                     # national dataset on PostgreSQL at postgres://postgres@127.0.0.1:5432
//   BENCH_PAGES_DATABASE_URL=postgres://postgres@127.0.0.1:5432/lamnam_demo npm run bench:pages
//                                           # an existing database (e.g. the demo seed) served as it is; README untouched
//
// As bench:load does: the national dataset (scripts/generate-national-dataset.ts) in lamnam_load_dataset,
// generated once and reused while its stamp matches, served from a fresh copy (lamnam_pages) that is dropped
// at the end; the production build checked (BENCH_PAGES_BUILD auto | always | never); the server stopped.
// The generator writes no lagging flags: they are evaluated on the copy first (every quarter), so /lagging is
// measured at national scale. Each page is fetched once to warm caches, then five times, counted.
// BENCH_PAGES_SAVE=<folder> keeps each page's HTML there; BENCH_PAGES_KEEP=1 keeps the copy of the dataset.
import { writeFileSync } from "node:fs";
import path from "node:path";
import { gzipSync } from "node:zlib";
import { Pool } from "pg";
import { DEMO_PASSWORD } from "@/core/demo";
import { copyDatabase, dropDatabase, prepareNationalDataset } from "./generate-national-dataset";
import { ensureProductionBuild, signIn, startAppServer, type AppServer } from "./bench/app-server";
import { writeReadmeBlock } from "./bench/readme";
import { treeCpu } from "./bench/load-monitor";
import { percentile } from "./bench/stats";

const PORT = Number(process.env.BENCH_PAGES_PORT ?? 3326);
/** A folder to keep each page's HTML in, to see what makes it heavy. */
const SAVE_DIR = process.env.BENCH_PAGES_SAVE;
const BUILD = (process.env.BENCH_PAGES_BUILD ?? "auto") as "auto" | "always" | "never";
const GIVEN_DATABASE = process.env.BENCH_PAGES_DATABASE_URL;
const DATASET_DATABASE = "lamnam_load_dataset";
const RUN_DATABASE = "lamnam_pages";
const ADMIN_EMAIL = "admin@lamnam.demo";
/** What a page may weigh (issue 20). */
const LIMIT_BYTES = 120 * 1024;

interface PageCase {
  name: string;
  path: string;
  signedIn: boolean;
  status: number;
}

interface Measured extends PageCase {
  got: number;
  bytes: number;
  gzipBytes: number;
  /** Median time to the whole answer, over loopback. */
  ms: number;
  /** The server's CPU per view (user + system, in 10 ms clock ticks, averaged over the views). */
  cpuMs: number;
}

function serverUrl(): URL {
  const url = new URL(process.env.BENCH_DATABASE_URL ?? process.env.TEST_DATABASE_URL ?? "postgres://postgres@127.0.0.1:5432/postgres");
  url.pathname = "/postgres";
  return url;
}
const databaseUrl = (name: string) => Object.assign(serverUrl(), { pathname: `/${name}` }).toString();


/** Every page route, with the records its dynamic segments name taken from the database. */
async function pageCases(db: Pool): Promise<PageCase[]> {
  const first = async (query: string, fallback: string) => (await db.query<{ v: string | number }>(query)).rows[0]?.v?.toString() ?? fallback;
  const component = await first(`select code as v from components order by ordinal limit 1`, "upstream");
  const largestComponent = await first(
    `select c.code as v from components c join indicators i on i.component_id = c.id group by c.code order by count(*) desc, c.code limit 1`,
    component,
  );
  const agency = await first(`select code as v from agencies where code = '03002' union all select code from agencies where active and type <> 'ministry' limit 1`, "03002");
  const lagging = await first(`select a.code as v from flags f join agencies a on a.id = f.agency_id where f.status = 'open' group by a.code order by count(*) desc, a.code limit 1`, agency);
  const caseId = await first(`select id as v from follow_up_cases order by id limit 1`, "");
  const service = await first(`select code as v from services order by code limit 1`, "svc.gdcc");
  const indicator = await first(`select code as v from indicators order by code limit 1`, "UP-01");
  const page = (name: string, path: string, status = 200, signedIn = true): PageCase => ({ name, path, status, signedIn });
  return [
    page("overview", "/"),
    page("component", `/components/${component}`),
    page("component, most indicators", `/components/${largestComponent}`),
    page("component indicators", `/components/${largestComponent}?view=indicators`),
    page("component agencies", `/components/${largestComponent}?view=agencies`),
    page("agency profile", `/agencies/${agency}`),
    page("agencies", "/agencies"),
    page("map", "/map"),
    page("platforms", "/platforms"),
    page("platform", `/platforms/${service}`),
    page("indicator", `/indicators/${indicator}`),
    page("scorecard", "/scorecard"),
    page("open data", "/open-data"),
    page("asks", "/asks"),
    page("indicators", "/indicators"),
    page("lagging", "/lagging"),
    page("lagging ministries", "/lagging?group=ministry"),
    page("lagging provinces", "/lagging?group=province"),
    page("lagging rules", "/lagging?group=rule"),
    page("lagging agency", `/lagging/${lagging}`),
    ...(caseId ? [page("follow-up case", `/cases/${caseId}`)] : []),
    page("review", "/review"),
    page("completeness", "/completeness"),
    page("notifications", "/notifications"),
    page("reports", "/reports"),
    page("imports", "/imports"),
    page("import rules", "/imports/rules"),
    page("admin", "/admin"),
    page("admin users", "/admin/users"),
    page("admin agencies", "/admin/agencies"),
    page("admin agency", `/admin/agencies/${agency}`),
    page("admin agency import", "/admin/agencies/import"),
    page("admin periods", "/admin/periods"),
    page("admin templates", "/admin/templates"),
    page("admin targets", "/admin/targets"),
    page("admin target import", "/admin/targets/import"),
    page("admin rules", "/admin/rules"),
    page("admin audit", "/admin/audit"),
    page("admin jobs", "/admin/jobs"),
    page("admin components", "/admin/components"),
    page("admin indicators", "/admin/indicators"),
    page("admin indicator", `/admin/indicators/${indicator}`),
    page("admin platforms", "/admin/platforms"),
    page("admin review chains", "/admin/review-chains"),
    page("admin SROI", "/admin/sroi"),
    page("admin asks", "/admin/asks"),
    page("admin API tokens", "/admin/api-tokens"),
    page("notification settings", "/settings/notifications"),
    page("API docs", "/api-docs"),
    page("sign-in", "/signin", 200, false),
    page("404", "/no-such-page", 404),
  ];
}

/** The generator leaves the lagging flags out: evaluated here on the copy, every quarter, as the app would. */
async function evaluateFlags(url: string): Promise<void> {
  process.env.DATABASE_URL = url;
  const { closeDb } = await import("@/db/client");
  const { recomputeFlags } = await import("@/lib/flags/recompute");
  const { SYSTEM_ACTOR } = await import("@/core/auth/actor");
  const db = new Pool({ connectionString: url, max: 1 });
  const started = performance.now();
  try {
    for (const { id } of (await db.query<{ id: number }>(`select id from periods order by starts_on`)).rows) await recomputeFlags(SYSTEM_ACTOR, Number(id));
  } finally {
    await db.end();
    await closeDb();
  }
  console.log(`Lagging flags evaluated for every quarter in ${((performance.now() - started) / 1000).toFixed(1)} s.`);
}

/** Views of each page measured after the first (which warms caches): their median time and the server's CPU per view. */
const VIEWS = 5;

async function measure(server: AppServer, cookie: string, page: PageCase): Promise<Measured> {
  const get = () => fetch(`${server.origin}${page.path}`, { redirect: "manual", headers: page.signedIn ? { cookie } : {} });
  await (await get()).arrayBuffer();
  const times: number[] = [];
  const cpuBefore = treeCpu(server.process.pid!);
  let response: Response | undefined;
  let body = Buffer.alloc(0);
  for (let view = 0; view < VIEWS; view++) {
    const started = performance.now();
    response = await get();
    body = Buffer.from(await response.arrayBuffer());
    times.push(performance.now() - started);
  }
  const cpuMs = ((treeCpu(server.process.pid!) - cpuBefore) * 1000) / VIEWS;
  if (SAVE_DIR) writeFileSync(path.join(SAVE_DIR, `${page.name.replace(/\W+/g, "-")}.html`), body);
  return { ...page, got: response!.status, bytes: body.length, gzipBytes: gzipSync(body).length, ms: percentile(times, 50), cpuMs };
}

const kb = (bytes: number) => `${(bytes / 1024).toFixed(1)} KB`;

function table(results: Measured[]): string {
  const rows = results.map((r) => `| ${r.name} | \`${r.path}\` | ${r.got} | ${kb(r.bytes)}${r.bytes > LIMIT_BYTES ? " ⚠" : ""} | ${kb(r.gzipBytes)} | ${r.ms.toFixed(0)} | ${r.cpuMs.toFixed(0)} |`);
  return ["| Page | Path | Status | HTML | gzip | time ms | server CPU ms |", "|---|---|---:|---:|---:|---:|---:|", ...rows].join("\n");
}

async function main() {
  const national = !GIVEN_DATABASE;
  let url = GIVEN_DATABASE ?? databaseUrl(RUN_DATABASE);
  if (national) {
    await prepareNationalDataset(databaseUrl(DATASET_DATABASE));
    await copyDatabase(databaseUrl(RUN_DATABASE), DATASET_DATABASE);
    url = databaseUrl(RUN_DATABASE);
    await evaluateFlags(url);
  }
  const db = new Pool({ connectionString: url, max: 1 });
  let server: AppServer | null = null;
  try {
    const cases = await pageCases(db);
    const [dataset] = (await db.query<{ agencies: number; flags: number }>(`select (select count(*) from agencies)::int agencies, (select count(*) from flags where status = 'open')::int flags`)).rows;
    ensureProductionBuild(BUILD);
    server = await startAppServer({ port: PORT, databaseUrl: url });
    const cookie = await signIn(server.origin, ADMIN_EMAIL, DEMO_PASSWORD);
    const results: Measured[] = [];
    for (const page of cases) {
      const result = await measure(server, cookie, page);
      results.push(result);
      console.log(`${result.got === page.status ? "  " : "✗ "}${page.name.padEnd(22)} ${String(result.got).padStart(3)} ${kb(result.bytes).padStart(11)} ${kb(result.gzipBytes).padStart(10)} ${result.ms.toFixed(0).padStart(6)} ms ${result.cpuMs.toFixed(0).padStart(5)} ms CPU  ${page.path}`);
    }
    const over = results.filter((r) => r.bytes > LIMIT_BYTES);
    const wrong = results.filter((r) => r.got !== r.status);
    const largest = results.reduce((a, b) => (b.bytes > a.bytes ? b : a));
    const summary = `${results.length} pages on ${national ? "the national dataset" : "the given database"} (${dataset!.agencies.toLocaleString("en")} agencies, ${dataset!.flags.toLocaleString("en")} open flags), signed in as the admin; largest ${largest.name} ${kb(largest.bytes)}; ${over.length ? `over 120 KB: ${over.map((r) => r.name).join(", ")}` : "every page under 120 KB"}.`;
    console.log(summary);
    if (national) writeReadmeBlock("pages", `${summary} Measured ${new Date().toISOString().slice(0, 16)}Z.\n\n${table(results)}`);
    if (wrong.length) {
      console.error(`Unexpected status: ${wrong.map((r) => `${r.path} ${r.got} (expected ${r.status})`).join(", ")}`);
      process.exitCode = 1;
    }
  } finally {
    await server?.stop();
    await db.end();
    if (national && process.env.BENCH_PAGES_KEEP !== "1") await dropDatabase(databaseUrl(RUN_DATABASE));
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
