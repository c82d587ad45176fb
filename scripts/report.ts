// Generates a quarterly report from the command line (scheduled jobs), through the same services as the
// UI; the report is archived like one made in the app (created by "system") and written to --out.
//
//   npm run report -- [--period 2570Q1 | --year 2569] --scope national|component|ministry|agency [--code X]
//                     --format pdf|xlsx|csv [--locale th|en] --out <path> [--json]
//
// Without --period: the latest quarter whose reports are due, as on every page (core/fiscal/reporting-period.ts).
//
// Exit codes: 0 written; 1 the request is invalid (unknown period, scope or code); 2 a PDF cannot be made
// here (no Chromium, app not built); 3 anything else (database unreachable or locked by the running app).
import { mkdir, writeFile } from "node:fs/promises";
import path from "node:path";
import { parseArgs } from "node:util";
import { closeDb, explainConnectionError, getDatabaseKind, getDb } from "@/db/client";
import { DatabaseLockedError } from "@/db/pglite-lock";
import { applyMigrations } from "@/db/migrate";
import { getReportFile } from "@/db/queries/reports";
import { getDefaultReportingPeriod } from "@/db/queries/indicators";
import { todayInBangkok } from "@/core/fiscal/calendar";
import { SYSTEM_ACTOR } from "@/core/auth/actor";
import { NotFoundError, ValidationError } from "@/core/errors";
import { generateReport } from "@/lib/reports/generate";
import { PdfUnavailableError } from "@/lib/reports/pdf";
import { AppNotBuiltError, startPrintServer, type PrintServer } from "@/lib/reports/print-server";

const USAGE = "Usage: npm run report -- [--period 2570Q1 | --year 2569] --scope national|component|ministry|agency [--code X] --format pdf|xlsx|csv [--locale th|en] --out <path> [--json]";

async function main(argv: string[]): Promise<number> {
  let values;
  try {
    ({ values } = parseArgs({
      args: argv,
      options: {
        period: { type: "string" },
        /** A fiscal year's report (its four quarters side by side) instead of one quarter's. */
        year: { type: "string" },
        scope: { type: "string", default: "national" },
        code: { type: "string" },
        format: { type: "string" },
        locale: { type: "string", default: "th" },
        out: { type: "string" },
        json: { type: "boolean", default: false },
      },
    }));
  } catch (error) {
    console.error(`✖ ${(error as Error).message}\n${USAGE}`);
    return 1;
  }
  if (!values.out || !values.format) {
    console.error(USAGE);
    return 1;
  }
  const out = path.resolve(values.out);
  let printServer: PrintServer | null = null;
  const started = Date.now();
  try {
    await applyMigrations(getDb(), getDatabaseKind());
    const period = values.year ?? values.period ?? (await getDefaultReportingPeriod(todayInBangkok()))?.code;
    if (!period) throw new NotFoundError("period");
    if (values.format === "pdf") printServer = await startPrintServer();
    const id = await generateReport(
      SYSTEM_ACTOR,
      { period, span: values.year ? "year" : "quarter", scope: values.scope, code: values.code, format: values.format, locale: values.locale },
      { printOrigin: printServer?.origin },
    );
    const { report, content } = await getReportFile(SYSTEM_ACTOR, id);
    await mkdir(path.dirname(out), { recursive: true });
    await writeFile(out, content);
    const summary = { id, period, file: out, bytes: content.length, sha256: report.sha256, dataAsOf: report.dataAsOf?.toISOString() ?? null, seconds: (Date.now() - started) / 1000 };
    if (values.json) process.stdout.write(`${JSON.stringify(summary)}\n`);
    else console.log(`✔ Report ${id} (${period}) written to ${out} (${content.length} bytes, sha256 ${report.sha256}, data as of ${summary.dataAsOf ?? "–"}) in ${summary.seconds.toFixed(1)} s`);
    return 0;
  } catch (error) {
    if (error instanceof ValidationError) {
      console.error(`✖ Invalid request: ${Object.entries(error.fieldErrors).map(([field, codes]) => `${field}: ${codes.join(", ")}`).join("; ")}\n${USAGE}`);
      return 1;
    }
    if (error instanceof NotFoundError) {
      console.error(`✖ No such ${error.entity}: check --period and --code.`);
      return 1;
    }
    if (error instanceof PdfUnavailableError || error instanceof AppNotBuiltError) {
      console.error(`✖ ${error.message}`);
      return 2;
    }
    const message =
      error instanceof DatabaseLockedError
        ? error.message
        : /ECONN|ENOTFOUND|timeout|password authentication|does not exist/i.test(String((error as Error).message) + String((error as { code?: string }).code ?? ""))
          ? explainConnectionError(error)
          : String((error as Error).stack ?? error);
    console.error(`✖ ${message}`);
    return 3;
  } finally {
    await printServer?.close();
    await closeDb();
  }
}

main(process.argv.slice(2)).then((code) => process.exit(code));
