// An opened export → a stream of parse events: the header found, each typed row, each invalid row with
// its reasons, each skipped title/total/blank row. Streaming, so a 100,000-row file is never held as a
// whole; only the first rows are buffered (to find the header and infer percentage scales).

import { inferPercentScale, type PercentScale } from "@/lib/parse/values";
import { ImportFileError } from "@/lib/import/errors";
import { findHeaderRow } from "@/lib/import/headers";
import { countRecognisedHeaders, mapColumns, missingRequiredFields, type ColumnMapping, type ImportField } from "./fields";
import type { OpenedExport, RawCell, RawRow } from "@/lib/import/readers";
import { classifyRow, PERCENT_FIELDS, validateRow, type ImportRow, type RowError, type RowKind } from "./rows";

/** Title rows above the header: eMENSCR puts a few; anything deeper is not an export. */
export const HEADER_SCAN_ROWS = 30;
/** The header row names at least this many known fields. */
const MIN_RECOGNISED_HEADERS = 3;
/** Rows sampled to decide whether a percent column is written 0–1 or 0–100. */
const SCALE_SAMPLE_ROWS = 500;

export interface ParsedHeader {
  headerRow: number;
  columns: ColumnMapping[];
  missingFields: ImportField[];
  percentScales: Partial<Record<ImportField, Exclude<PercentScale, "auto">>>;
}

export type ParseEvent =
  | { type: "header"; header: ParsedHeader }
  | { type: "row"; row: ImportRow }
  | { type: "invalid"; rowNumber: number; errors: RowError[]; cells: RawCell[] }
  | { type: "skipped"; rowNumber: number; kind: Exclude<RowKind, "data"> };

export interface ParseOptions {
  mapping?: Readonly<Record<string, string | null>>;
  periodCode?: string;
}

export async function* parseExport(opened: OpenedExport, options: ParseOptions = {}): AsyncGenerator<ParseEvent> {
  const iterator = opened.rows[Symbol.asyncIterator]();
  const { header: headerRow, anyContent } = await findHeaderRow(iterator, (cells) => countRecognisedHeaders(cells, options.mapping), {
    scanRows: HEADER_SCAN_ROWS,
    minScore: MIN_RECOGNISED_HEADERS,
  });
  if (!anyContent) throw new ImportFileError("empty_file");
  if (!headerRow) throw new ImportFileError("header_not_found", { rows: HEADER_SCAN_ROWS });

  const columns = mapColumns(headerRow.cells, options.mapping);
  const missingFields = missingRequiredFields(columns);
  const codeIndex = columns.find((c) => c.field === "projectCode")?.index;

  // Buffer the first data rows to infer each percent column's scale before validating any row.
  const buffered: RawRow[] = [];
  while (buffered.length < SCALE_SAMPLE_ROWS) {
    const next = await iterator.next();
    if (next.done) break;
    buffered.push(next.value);
  }
  const percentScales: ParsedHeader["percentScales"] = {};
  for (const field of PERCENT_FIELDS) {
    const column = columns.find((c) => c.field === field);
    if (column) percentScales[field] = inferPercentScale(buffered.map((r) => plainSample(r.cells[column.index])));
  }
  yield { type: "header", header: { headerRow: headerRow.rowNumber, columns, missingFields, percentScales } };
  if (missingFields.length) return;

  const firstRowOfCode = new Map<string, number>();
  const codeHeader = columns.find((c) => c.field === "projectCode")!.header;
  function* handle(raw: RawRow): Generator<ParseEvent> {
    const kind = classifyRow(raw.cells, codeIndex);
    if (kind !== "data") {
      yield { type: "skipped", rowNumber: raw.rowNumber, kind };
      return;
    }
    const result = validateRow(raw.rowNumber, raw.cells, { columns, periodCode: options.periodCode, percentScales });
    const code = result.ok ? result.row.projectCode : result.projectCode;
    const errors = result.ok ? [] : result.errors;
    if (code !== null) {
      // A project appears once per export; a second row would silently overwrite the first.
      const first = firstRowOfCode.get(code);
      if (first !== undefined) {
        errors.push({ row: raw.rowNumber, field: "projectCode", column: codeHeader, reason: "duplicate_project_code", params: { code, firstRow: first } });
      } else firstRowOfCode.set(code, raw.rowNumber);
    }
    if (errors.length) yield { type: "invalid", rowNumber: raw.rowNumber, errors, cells: raw.cells };
    else if (result.ok) yield { type: "row", row: result.row };
  }

  for (const raw of buffered) yield* handle(raw);
  buffered.length = 0;
  for (;;) {
    const next = await iterator.next();
    if (next.done) break;
    yield* handle(next.value);
  }
}

function plainSample(cell: RawCell | undefined): unknown {
  if (cell === null || cell === undefined || cell instanceof Date) return null;
  return typeof cell === "object" ? null : cell;
}
