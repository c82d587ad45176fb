// Report benchmark (npm run bench:report): on the national-scale dataset (scripts/generate-national-dataset.ts,
// ≈8,000 agencies on PostgreSQL) with the lagging flags evaluated, generates the national report of one
// quarter in each format through the same code as the app and the CLI (the PDF from the built app's
// print view, served in-process), and prints the time, the file size and the peak RSS, median of runs.
// Writes the figures into README.md between the bench markers. Needs a built app and a PostgreSQL server:
//   TEST_DATABASE_URL=postgres://postgres@127.0.0.1:5432/test npm run bench:report
// Options: BENCH_SKIP_GENERATE=1 reuses the dataset, BENCH_RUNS (default 3), BENCH_PERIOD (default 2569Q4).
import { benchDatabaseUrl, generateNationalDataset } from "./generate-national-dataset";
import { median } from "./bench/stats";
import { writeReadmeBlock } from "./bench/readme";

const RUNS = Number(process.env.BENCH_RUNS ?? 3);
const PERIOD = process.env.BENCH_PERIOD ?? "2569Q4";
const PDF_AIM_SECONDS = 15;


async function main() {
  const url = benchDatabaseUrl();
  if (process.env.BENCH_SKIP_GENERATE !== "1") {
    console.log(`Generating the national dataset in ${url.replace(/:[^:@/]*@/, ":***@")} …`);
    await generateNationalDataset(url);
  }
  process.env.DATABASE_URL = url;
  const { closeDb, getDb } = await import("@/db/client");
  const { sql } = await import("drizzle-orm");
  const { SYSTEM_ACTOR } = await import("@/core/auth/actor");
  const { recomputeFlags } = await import("@/lib/flags/recompute");
  const { generateReport } = await import("@/lib/reports/generate");
  const { getReportFile } = await import("@/db/queries/reports");
  const { startPrintServer } = await import("@/lib/reports/print-server");

  const [period] = (await getDb().execute<{ id: number }>(sql`select id from periods where code = ${PERIOD}`)).rows;
  if (!period) throw new Error(`no period ${PERIOD} in the dataset`);
  let started = performance.now();
  const flags = await recomputeFlags(SYSTEM_ACTOR, Number(period.id));
  console.log(`Lagging flags of ${PERIOD} evaluated in ${((performance.now() - started) / 1000).toFixed(1)} s (${flags.opened} opened, ${flags.unchanged} unchanged).`);
  const [counts] = (
    await getDb().execute<{ agencies: number; facts: number; open_flags: number }>(sql`
      select (select count(*) from agencies)::int as agencies, (select count(*) from indicator_facts)::int as facts,
        (select count(*) from flags where status = 'open' and period_id = ${period.id})::int as open_flags`)
  ).rows;

  let peakRss = 0;
  const sampler = setInterval(() => (peakRss = Math.max(peakRss, process.memoryUsage().rss)), 50);
  const printServer = await startPrintServer();
  const results: { label: string; seconds: number; bytes: number; pages?: number; rssMb: number }[] = [];
  try {
    const cases = [
      { label: "national PDF", input: { scope: "national", format: "pdf" } },
      { label: "national xlsx", input: { scope: "national", format: "xlsx" } },
      { label: "national CSV", input: { scope: "national", format: "csv" } },
      { label: "ministry (Interior, ≈7,500 agencies) PDF", input: { scope: "ministry", code: "03000", format: "pdf" } },
      { label: "agency PDF", input: { scope: "agency", code: "03002", format: "pdf" } },
    ];
    for (const c of cases) {
      const times: number[] = [];
      let bytes = 0;
      let pages: number | undefined;
      peakRss = process.memoryUsage().rss;
      for (let run = 0; run < RUNS; run++) {
        started = performance.now();
        const id = await generateReport(SYSTEM_ACTOR, { period: PERIOD, locale: "th", ...c.input }, { printOrigin: printServer.origin });
        times.push((performance.now() - started) / 1000);
        const { content } = await getReportFile(SYSTEM_ACTOR, id);
        bytes = content.length;
        if (c.input.format === "pdf") pages = (content.toString("latin1").match(/\/Type\s*\/Page[^s]/g) ?? []).length;
      }
      results.push({ label: c.label, seconds: median(times), bytes, pages, rssMb: peakRss / 1024 / 1024 });
      console.log(`${c.label}: ${median(times).toFixed(2)} s (runs: ${times.map((t) => t.toFixed(2)).join(", ")}), ${(bytes / 1024).toFixed(0)} KB${pages ? `, ${pages} pages` : ""}, peak RSS ${(peakRss / 1024 / 1024).toFixed(0)} MB`);
    }
  } finally {
    clearInterval(sampler);
    await printServer.close();
    await closeDb();
  }

  const pdf = results[0]!;
  const lines = [
    `Dataset: ${counts!.agencies.toLocaleString("en")} agencies, ${counts!.facts.toLocaleString("en")} facts, ${counts!.open_flags.toLocaleString("en")} open lagging flags in ${PERIOD}; median of ${RUNS} runs, PostgreSQL ${"15"}, 2 cores.`,
    "",
    "| report | time | size | peak RSS |",
    "|---|---|---|---|",
    ...results.map((r) => `| ${r.label} | ${r.seconds.toFixed(2)} s | ${(r.bytes / 1024).toFixed(0)} KB${r.pages ? ` (${r.pages} pages)` : ""} | ${r.rssMb.toFixed(0)} MB |`),
    "",
    `National PDF: ${pdf.seconds.toFixed(1)} s against the aim of ${PDF_AIM_SECONDS} s (${(pdf.seconds / PDF_AIM_SECONDS).toFixed(2)}× the aim).`,
  ];
  console.log(`\n${lines.join("\n")}`);
  writeReadmeBlock("report", lines.join("\n"));
}

main().then(
  () => process.exit(0),
  (error) => {
    console.error(error);
    process.exit(1);
  },
);
