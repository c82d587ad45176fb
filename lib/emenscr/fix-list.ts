// The "fix list": invalid rows of an export, as they were, plus what to fix — an xlsx the analyst corrects
// and imports again. Any text a spreadsheet would run as a formula is neutralised on the way out.

import { PassThrough } from "node:stream";
import type { Locale } from "@/core/enums";
import { neutraliseCell } from "@/core/format/spreadsheet";
import ExcelJS from "@/lib/import/exceljs";
import type { ColumnMapping } from "@/core/emenscr/fields";
import { columnLabel, importTranslator, rowErrorMessage } from "./messages";
import type { RawCell } from "@/lib/import/readers";
import type { RowError } from "./rows";

function exportCell(cell: RawCell | undefined): string | number | boolean | Date | null {
  if (cell === undefined || cell === null) return null;
  if (typeof cell === "object" && !(cell instanceof Date)) {
    // A formula is exported as its text (neutralised), an error cell as its code: never as a live formula.
    return cell.kind === "formula" ? neutraliseCell(`=${cell.formula}`) : cell.code;
  }
  return neutraliseCell(cell);
}

export interface FixListOptions {
  columns: readonly ColumnMapping[];
  /** False for a file without a header row: the fix list has none either, so the same positional profile reads it. */
  headerRow?: boolean;
  rows: readonly { rowNumber: number; cells: RawCell[] }[];
  errors: readonly RowError[];
  locale: Locale;
}

export async function buildFixList(options: FixListOptions): Promise<Buffer> {
  const t = importTranslator(options.locale);
  const reasonsByRow = new Map<number, string[]>();
  for (const error of options.errors) {
    const column = columnLabel(t, error);
    (reasonsByRow.get(error.row) ?? reasonsByRow.set(error.row, []).get(error.row)!).push(`${column ? `${column}: ` : ""}${rowErrorMessage(t, error)}`);
  }
  const sink = new PassThrough();
  const chunks: Buffer[] = [];
  sink.on("data", (chunk: Buffer) => chunks.push(chunk));
  const done = new Promise<void>((resolve, reject) => {
    sink.on("end", resolve);
    sink.on("error", reject);
  });
  const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: sink, useSharedStrings: true });
  const sheet = workbook.addWorksheet(t("fixList.sheet"));
  const width = Math.max(0, ...options.columns.map((c) => c.index + 1));
  const headers: (string | null)[] = Array.from({ length: width }, (_, i) => neutraliseCell(options.columns.find((c) => c.index === i)?.header ?? "") as string | null);
  if (options.headerRow !== false) sheet.addRow([...headers, t("fixList.rowColumn"), t("fixList.reasonColumn")]).commit();
  for (const row of options.rows) {
    const cells = Array.from({ length: width }, (_, i) => exportCell(row.cells[i]));
    sheet.addRow([...cells, row.rowNumber, neutraliseCell((reasonsByRow.get(row.rowNumber) ?? []).join("\n"))]).commit();
  }
  sheet.commit();
  await workbook.commit();
  await done;
  return Buffer.concat(chunks);
}
