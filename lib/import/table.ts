// Small reference-data tables (agency lists, targets) read from CSV/XLSX: a header row of known columns,
// then one record per row. Files of this kind have thousands of rows at most, so they are read whole.

import type { ImportFormat } from "@/core/enums";
import { ImportFileError } from "./errors";
import { cellText, findHeaderRow, headerMatcher } from "@/core/parse/headers";
import { openExport, type RawCell } from "./readers";

/** Title rows tolerated above the header. */
const HEADER_SCAN_ROWS = 15;

export interface TableColumn<F extends string> {
  index: number;
  header: string;
  field: F | null;
}

export interface TableRecord<F extends string> {
  /** Row number as the spreadsheet shows it (CSV: the line's record number). */
  rowNumber: number;
  /** Trimmed text of each mapped cell; absent when the cell is blank. */
  values: Partial<Record<F, string>>;
  /** Fields whose cell held a number rather than text (codes lose their leading zeros that way). */
  numeric: Set<F>;
}

export interface ReadTable<F extends string> {
  format: ImportFormat;
  headerRow: number;
  columns: TableColumn<F>[];
  /** Required fields without a column. */
  missing: F[];
  records: TableRecord<F>[];
}

export interface ReadTableOptions<F extends string> {
  variants: Readonly<Record<F, readonly string[]>>;
  required: readonly F[];
  /** The header row names at least this many known fields. */
  minHeaders: number;
}

/** Reads a table; throws ImportFileError when the file is not a spreadsheet or has no recognisable header. */
export async function readTable<F extends string>(bytes: Buffer, options: ReadTableOptions<F>): Promise<ReadTable<F>> {
  const matcher = headerMatcher(options.variants);
  const opened = await openExport(bytes, { scoreHeader: matcher.count });
  const iterator = opened.rows[Symbol.asyncIterator]();
  const { header, anyContent } = await findHeaderRow(iterator, matcher.count, { scanRows: HEADER_SCAN_ROWS, minScore: options.minHeaders });
  if (!anyContent) throw new ImportFileError("empty_file");
  if (!header) throw new ImportFileError("header_not_found", { rows: HEADER_SCAN_ROWS });

  const taken = new Set<F>();
  const columns = header.cells.map((cell, index): TableColumn<F> => {
    const text = cellText(cell);
    let field = matcher.recognise(text);
    // A second column naming the same field is ignored rather than allowed to overwrite the first.
    if (field && taken.has(field)) field = null;
    if (field) taken.add(field);
    return { index, header: text, field };
  });
  const records: TableRecord<F>[] = [];
  for (;;) {
    const next = await iterator.next();
    if (next.done) break;
    const record: TableRecord<F> = { rowNumber: next.value.rowNumber, values: {}, numeric: new Set() };
    for (const column of columns) {
      if (!column.field) continue;
      const cell: RawCell | undefined = next.value.cells[column.index];
      const text = cellValue(cell);
      if (text === "") continue;
      record.values[column.field] = text;
      if (typeof cell === "number") record.numeric.add(column.field);
    }
    if (Object.keys(record.values).length) records.push(record);
  }
  return { format: opened.format, headerRow: header.rowNumber, columns, missing: options.required.filter((f) => !taken.has(f)), records };
}

function cellValue(cell: RawCell | undefined): string {
  if (cell !== null && typeof cell === "object" && !(cell instanceof Date)) {
    // A formula counts by its cached result; an error cell is kept visible so it is reported, not dropped.
    return cell.kind === "formula" ? cellText(cell.result) : `#${cell.code}`;
  }
  return cellText(cell);
}

/** Why a row (or the file) cannot be imported. `reason` is a key under "tableImport.reasons." in messages. */
export interface RowProblem {
  row: number;
  /** The column as the file names it, when the problem is in one cell. */
  column: string | null;
  reason: string;
  params?: Record<string, string | number>;
  /** What the cell holds (shortened), when that is what is wrong. */
  found?: string;
}

const FOUND_MAX_LENGTH = 60;

/** A cell's text as shown beside its problem: shortened, and nothing for a blank cell. */
export function foundValue(text: string | null | undefined): string | undefined {
  const trimmed = text?.trim();
  if (!trimmed) return undefined;
  return trimmed.length > FOUND_MAX_LENGTH ? `${trimmed.slice(0, FOUND_MAX_LENGTH)}…` : trimmed;
}

/** The `found` of a problem in a cell: the cell's text, unless the problem is that it is blank or its words already quote it. */
export function shownValue(text: string | null | undefined, reason: string, params?: RowProblem["params"]): Pick<RowProblem, "found"> {
  const found = reason === "required" ? undefined : foundValue(text);
  if (!found || Object.values(params ?? {}).some((p) => String(p).trim() === text?.trim())) return {};
  return { found };
}

export type RowChange = "new" | "changed" | "unchanged" | "invalid";

export interface PreviewRow {
  row: number;
  /** What the row is about, as a person reads it: an agency code, "indicator · agency · period". */
  label: string;
  change: RowChange;
  /** For changed rows: each field that changes, with its value now and in the file. */
  changes: { field: string; before: string | null; after: string | null }[];
  problems: RowProblem[];
}

export interface TableImportSummary {
  /** preview: nothing written. committed: written in one transaction. unchanged: the data already matched. invalid: nothing written. */
  outcome: "preview" | "committed" | "unchanged" | "invalid";
  fileName: string;
  fileSha256: string;
  format: ImportFormat;
  headerRow: number;
  columns: { header: string; field: string | null }[];
  counts: Record<RowChange, number>;
  /** Problems of the file as a whole (a required column missing, no data rows). */
  fileProblems: RowProblem[];
  /** Invalid, new and changed rows first (at most MAX_PREVIEW_ROWS), then unchanged ones up to that limit. */
  rows: PreviewRow[];
  /** Rows left out of `rows`. */
  moreRows: number;
}

export const MAX_PREVIEW_ROWS = 1000;

const ORDER: Record<RowChange, number> = { invalid: 0, new: 1, changed: 2, unchanged: 3 };

/** Counts and the rows worth showing, problems first. */
export function summariseRows(rows: PreviewRow[]): Pick<TableImportSummary, "counts" | "rows" | "moreRows"> {
  const counts: Record<RowChange, number> = { new: 0, changed: 0, unchanged: 0, invalid: 0 };
  for (const row of rows) counts[row.change]++;
  const sorted = [...rows].sort((a, b) => ORDER[a.change] - ORDER[b.change] || a.row - b.row);
  return { counts, rows: sorted.slice(0, MAX_PREVIEW_ROWS), moreRows: Math.max(0, sorted.length - MAX_PREVIEW_ROWS) };
}
