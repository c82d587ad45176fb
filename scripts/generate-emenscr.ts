// Writes a synthetic eMENSCR-like export (DEMO DATA) for tests, demos and the benchmark.
//
//   npm run generate:emenscr -- --rows 1000 --format xlsx|csv --encoding utf8|utf8-bom|windows-874 --out file
//                               [--seed 1] [--period 2570Q1] [--revision 1 --change-every 10] [--tab]
import { writeFile } from "node:fs/promises";
import { parseArgs } from "node:util";
import { parsePeriodCode } from "@/core/fiscal/calendar";
import { generateSyntheticExport, type SyntheticEncoding, type SyntheticFormat } from "@/scripts/generators/emenscr-synthetic";

const { values } = parseArgs({
  options: {
    rows: { type: "string", default: "100" },
    format: { type: "string", default: "xlsx" },
    encoding: { type: "string", default: "utf8" },
    out: { type: "string" },
    seed: { type: "string", default: "1" },
    period: { type: "string", default: "2570Q1" },
    revision: { type: "string", default: "0" },
    "change-every": { type: "string", default: "10" },
    tab: { type: "boolean", default: false },
  },
});

const rows = Number(values.rows);
const format = values.format as SyntheticFormat;
const encoding = values.encoding as SyntheticEncoding;
const problems: string[] = [];
if (!Number.isInteger(rows) || rows < 0) problems.push("--rows must be a whole number");
if (!["xlsx", "csv"].includes(format)) problems.push("--format must be xlsx or csv");
if (!["utf8", "utf8-bom", "windows-874"].includes(encoding)) problems.push("--encoding must be utf8, utf8-bom or windows-874");
if (!values.out) problems.push("--out is required");
if (!parsePeriodCode(values.period!)) problems.push("--period must look like 2570Q1");
if (problems.length) {
  console.error(problems.map((p) => `✖ ${p}`).join("\n"));
  process.exit(2);
}

const started = performance.now();
const bytes = await generateSyntheticExport({
  rows,
  format,
  encoding,
  seed: Number(values.seed),
  periodCode: values.period,
  revision: Number(values.revision),
  changeEvery: Number(values["change-every"]),
  delimiter: values.tab ? "\t" : ",",
});
await writeFile(values.out!, bytes);
console.log(`Wrote ${values.out} (${rows} rows, ${format}${format === "csv" ? `, ${encoding}` : ""}, ${bytes.length} bytes) in ${Math.round(performance.now() - started)} ms`);
