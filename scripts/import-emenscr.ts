// Imports an eMENSCR export from the command line (scheduled jobs), through the same services as the UI.
//
//   npm run import:emenscr -- <file> [--period 2570Q1] [--sheet name] [--profile id] [--amount-unit baht|thousand-baht|million-baht]
//                               [--dry-run] [--json]
//
// Exit codes: 0 committed, unchanged, or a clean dry run; 1 the file has invalid rows, or its amounts look
// like another unit than the one read (state it with --amount-unit) — nothing committed;
// 2 the file cannot be read (missing, empty, not a spreadsheet, corrupt, protected, too large);
// 3 anything else (database unreachable or locked by the running app, bad arguments).
import { readFile, stat } from "node:fs/promises";
import path from "node:path";
import { parseArgs } from "node:util";
import { closeDb, explainConnectionError, getDatabaseKind, getDb } from "@/db/client";
import { DatabaseLockedError } from "@/db/pglite-lock";
import { applyMigrations } from "@/db/migrate";
import { SYSTEM_ACTOR } from "@/core/auth/actor";
import { AppError } from "@/core/errors";
import { assertWithinSizeLimit, ImportFileError } from "@/lib/import/errors";
import { commitImport, previewImport, type ImportSummary } from "@/lib/emenscr/import-service";
import { isAmountUnit } from "@/core/emenscr/amount-units";
import { amountUnitNote, amountWarningMessage, columnLabel, fileErrorMessage, importTranslator, rowErrorMessage } from "@/lib/emenscr/messages";

const t = importTranslator("en");

interface JsonSummary {
  rows: number;
  inserted: number;
  updated: number;
  unchanged: number;
  invalid: number;
  errors: { row: number | null; column: string | null; message: string }[];
  outcome?: string;
  batchId?: number | null;
  /** Money columns converted from thousand or million baht: column → unit. */
  amountUnits?: Record<string, string>;
  warnings?: string[];
}

function toJson(summary: ImportSummary): JsonSummary {
  return {
    rows: summary.rows,
    inserted: summary.inserted,
    updated: summary.updated,
    unchanged: summary.unchanged,
    invalid: summary.invalid,
    errors: summary.errors.map((e) => ({ row: e.row, column: columnLabel(t, e), message: rowErrorMessage(t, e) })),
    outcome: summary.outcome,
    batchId: summary.batchId,
    amountUnits: Object.fromEntries(Object.entries(summary.amountUnits).map(([field, u]) => [field, u.unit])),
    warnings: summary.amountWarning ? [amountWarningMessage(t, summary.amountWarning)] : [],
  };
}

function failureJson(message: string): JsonSummary {
  return { rows: 0, inserted: 0, updated: 0, unchanged: 0, invalid: 0, errors: [{ row: null, column: null, message }], outcome: "unreadable" };
}

async function main(argv: string[]): Promise<number> {
  let args;
  try {
    args = parseArgs({
      args: argv,
      allowPositionals: true,
      options: {
        period: { type: "string" },
        sheet: { type: "string" },
        profile: { type: "string" },
        "amount-unit": { type: "string" },
        "dry-run": { type: "boolean", default: false },
        json: { type: "boolean", default: false },
      },
    });
  } catch (error) {
    console.error(`✖ ${(error as Error).message}`);
    return 3;
  }
  const json = args.values.json;
  const file = args.positionals[0];
  const emit = (summary: JsonSummary, human: () => void) => (json ? process.stdout.write(`${JSON.stringify(summary)}\n`) : human());
  if (!file) {
    console.error("Usage: npm run import:emenscr -- <file> [--period 2570Q1] [--sheet name] [--profile id] [--amount-unit baht|thousand-baht|million-baht] [--dry-run] [--json]");
    return 3;
  }
  const amountUnit = args.values["amount-unit"]?.replace(/-/g, "_");
  if (amountUnit !== undefined && !isAmountUnit(amountUnit)) {
    console.error("✖ --amount-unit must be baht, thousand-baht or million-baht");
    return 3;
  }

  let bytes: Buffer;
  try {
    const info = await stat(file);
    assertWithinSizeLimit(info.size);
    bytes = await readFile(file);
  } catch (error) {
    const message = error instanceof ImportFileError ? fileErrorMessage(t, error) : `Cannot read ${file}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`;
    emit(failureJson(message), () => console.error(`✖ ${message}`));
    return 2;
  }

  try {
    // Scheduled jobs may run before anyone started the app: bring the schema up to date first.
    await applyMigrations(getDb(), getDatabaseKind());
    const profile = args.values.profile ? Number(args.values.profile) : undefined;
    const options = {
      fileName: path.basename(file),
      bytes,
      periodCode: args.values.period,
      sheetName: args.values.sheet,
      mappingProfileId: Number.isInteger(profile) ? profile : undefined,
      amountUnit,
      onProgress: json || !process.stderr.isTTY ? undefined : ({ phase, rows }: { phase: string; rows: number }) => process.stderr.write(`\r${phase}: ${rows} rows`),
    };
    const summary = args.values["dry-run"] ? await previewImport(SYSTEM_ACTOR, options) : await commitImport(SYSTEM_ACTOR, options);
    if (options.onProgress) process.stderr.write("\n");
    emit(toJson(summary), () => printHuman(summary, args.values["dry-run"] ?? false));
    return summary.outcome === "invalid" || summary.outcome === "unit_unconfirmed" ? 1 : 0;
  } catch (error) {
    if (error instanceof ImportFileError) {
      const message = fileErrorMessage(t, error);
      emit(failureJson(message), () => console.error(`✖ ${message}`));
      return 2;
    }
    const message =
      error instanceof DatabaseLockedError
        ? error.message
        : error instanceof AppError
          ? `${error.code}${"fieldErrors" in error ? ` ${JSON.stringify((error as { fieldErrors: unknown }).fieldErrors)}` : ""}`
          : /ECONN|ENOTFOUND|timeout|password authentication|does not exist/i.test(String((error as Error).message) + String((error as { code?: string }).code ?? ""))
            ? explainConnectionError(error)
            : String((error as Error).stack ?? error);
    emit({ ...failureJson(message), outcome: "error" }, () => console.error(`✖ ${message}`));
    return 3;
  } finally {
    await closeDb();
  }
}

function printHuman(summary: ImportSummary, dryRun: boolean): void {
  const counts = `${summary.rows} rows: ${summary.inserted} new, ${summary.updated} changed, ${summary.unchanged} unchanged, ${summary.invalid} invalid (${summary.skipped} title/total rows skipped)`;
  console.log(`${summary.fileName} (${summary.format}${summary.encoding ? `, ${summary.encoding}` : ""}${summary.sheetName ? `, sheet ${summary.sheetName}` : ""}) sha256 ${summary.fileSha256}`);
  console.log(counts);
  for (const error of summary.errors) console.log(`  row ${error.row}${columnLabel(t, error) ? `, ${columnLabel(t, error)}` : ""}: ${rowErrorMessage(t, error)}`);
  for (const u of summary.unmatchedAgencies) {
    const hint = u.suggestions.length ? ` — did you mean ${u.suggestions.map((s) => `${s.code} ${s.nameTh}`).join(" / ")}?` : "";
    console.log(`  unmatched agency "${u.rawName ?? ""}" ${u.rawCode ?? ""} (${u.rows} rows)${hint}`);
  }
  for (const [field, unit] of Object.entries(summary.amountUnits)) {
    if (unit.unit !== "baht") console.log(`  ${t(`fields.${field as "budget"}`)}: ${amountUnitNote(t, unit)}`);
  }
  if (summary.amountWarning) console.log(`  ⚠ ${amountWarningMessage(t, summary.amountWarning)}`);
  if (summary.outcome === "invalid") console.log("✖ Nothing was committed: fix the rows above and import again.");
  else if (summary.outcome === "unit_unconfirmed") console.log("✖ Nothing was committed: state the unit of the amounts with --amount-unit and import again.");
  else if (dryRun) console.log("Dry run: nothing was written.");
  else if (summary.outcome === "unchanged") console.log(`No changes: every row already matches the stored data; nothing was written.${summary.previousBatch ? ` (This file was imported as batch ${summary.previousBatch.id}.)` : ""}`);
  else console.log(`✔ Committed as import batch ${summary.batchId}.`);
}

main(process.argv.slice(2)).then((code) => process.exit(code));
