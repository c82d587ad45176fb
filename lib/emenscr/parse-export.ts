// An opened export → a stream of parse events: the header found, each typed row, each invalid row with
// its reasons, each skipped title/total/blank row. Streaming, so a 100,000-row file is never held as a
// whole; only the first rows are buffered (to find the header, infer percentage scales and show samples).
//
// Columns are mapped by their header text (recognised spellings, or a saved mapping), or — for a file
// whose header the recogniser does not know, or that has no header row at all — by position, as the
// analyst chose on the mapping screen.

import { inferPercentScale, parseDate, parseNumber, type PercentScale } from "@/core/parse/values";
import { ImportFileError } from "@/lib/import/errors";
import { findHeaderRow } from "@/core/parse/headers";
import type { OpenedExport, RawCell, RawRow } from "@/lib/import/readers";
import { AMOUNT_UNIT_SCALE, headerUnit, MONEY_FIELDS, titleUnit, type AmountUnit, type ColumnUnit, type MoneyField } from "@/core/emenscr/amount-units";
import { cellText, columnLetter, countRecognisedHeaders, isImportField, mapColumns, missingRequiredFields, type ColumnMapping, type ImportField } from "@/core/emenscr/fields";
import { classifyRow, createRowValidator, PERCENT_FIELDS, type ImportRow, type RowError, type RowKind } from "./rows";

/** Title rows above the header: eMENSCR puts a few; anything deeper is not an export. */
export const HEADER_SCAN_ROWS = 30;
/** The header row names at least this many known fields. */
const MIN_RECOGNISED_HEADERS = 3;
/** Rows sampled to decide whether a percent column is written 0–1 or 0–100. */
const SCALE_SAMPLE_ROWS = 500;
/** Sample values shown per column on the mapping screen. */
const SAMPLES_PER_COLUMN = 3;
const SAMPLE_LENGTH = 60;

export interface ParsedHeader {
  /** 1-based row of the header; 0 when the file has no header row (columns mapped by position). */
  headerRow: number;
  /** "header": columns mapped by their header text; "position": by their place (A, B, C…). */
  layout: "header" | "position";
  columns: ColumnMapping[];
  missingFields: ImportField[];
  percentScales: Partial<Record<ImportField, Exclude<PercentScale, "auto">>>;
  /** The unit of each money column present, and where it was read. */
  amountUnits: Partial<Record<MoneyField, ColumnUnit>>;
}

export type ParseEvent =
  | { type: "header"; header: ParsedHeader }
  | { type: "row"; row: ImportRow }
  | { type: "invalid"; rowNumber: number; errors: RowError[]; cells: RawCell[] }
  | { type: "skipped"; rowNumber: number; kind: Exclude<RowKind, "data"> };

export interface ParseOptions {
  /** Normalised header text → field (a saved profile, the analyst's choices); wins over the built-in spellings. */
  mapping?: Readonly<Record<string, string | null>>;
  /** 0-based column index → field: map by position instead of header text. */
  positions?: Readonly<Record<string, string | null>>;
  /** With positions: the first non-empty row is a header (skipped), not data. */
  hasHeaderRow?: boolean;
  /**
   * When no header row is recognised: report the columns by position (with sample values, nothing
   * mapped) for the mapping screen, instead of refusing the file.
   */
  offerPositionalMapping?: boolean;
  periodCode?: string;
  /** The unit of every money column, as the analyst stated it: wins over what the file says. */
  amountUnit?: AmountUnit;
}

export async function* parseExport(opened: OpenedExport, options: ParseOptions = {}): AsyncGenerator<ParseEvent> {
  const iterator = opened.rows[Symbol.asyncIterator]();
  const positional = options.positions !== undefined;
  // By position, the first non-empty row is the header unless the file has none; else the first row that
  // names enough known fields.
  const score = positional
    ? (cells: RawCell[]) => (options.hasHeaderRow !== false && hasContent(cells) ? 1 : 0)
    : (cells: RawCell[]) => countRecognisedHeaders(cells, options.mapping);
  const { header: headerRow, scanned } = await findHeaderRow(iterator, score, {
    scanRows: HEADER_SCAN_ROWS,
    minScore: positional ? 1 : MIN_RECOGNISED_HEADERS,
  });
  if (!scanned.some((r) => hasContent(r.cells))) throw new ImportFileError("empty_file");

  // Rows read while looking for the header that are data: all of them when there is no header row.
  const pending: RawRow[] = positional && !headerRow ? scanned.splice(0) : [];
  if (!positional && !headerRow) {
    if (!options.offerPositionalMapping) throw new ImportFileError("header_not_found", { rows: HEADER_SCAN_ROWS });
    yield { type: "header", header: unmappedLayout(scanned) };
    return;
  }

  // Buffer the first data rows to infer each percent column's scale and show samples before validating any row.
  while (pending.length < SCALE_SAMPLE_ROWS) {
    const next = await iterator.next();
    if (next.done) break;
    pending.push(next.value);
  }
  const width = Math.max(headerRow?.cells.length ?? 0, ...pending.map((r) => r.cells.length));
  const columns = positional ? positionalColumns(width, headerRow, options.positions!) : mapColumns(headerRow!.cells, options.mapping);
  addSamples(columns, pending);
  const missingFields = missingRequiredFields(columns);
  const codeIndex = columns.find((c) => c.field === "projectCode")?.index;

  const percentScales: ParsedHeader["percentScales"] = {};
  for (const field of PERCENT_FIELDS) {
    const column = columns.find((c) => c.field === field);
    if (column) percentScales[field] = inferPercentScale(pending.map((r) => plainSample(r.cells[column.index])));
  }
  const titleRows = headerRow ? scanned.slice(0, scanned.indexOf(headerRow)) : [];
  const amountUnits = readAmountUnits(columns, titleRows, options.amountUnit);
  yield { type: "header", header: { headerRow: headerRow?.rowNumber ?? 0, layout: positional ? "position" : "header", columns, missingFields, percentScales, amountUnits } };
  if (missingFields.length) return;

  const amountScales: Partial<Record<MoneyField, number>> = {};
  for (const [field, unit] of Object.entries(amountUnits) as [MoneyField, ColumnUnit][]) amountScales[field] = AMOUNT_UNIT_SCALE[unit.unit];
  const validate = createRowValidator({ columns, periodCode: options.periodCode, percentScales, amountScales });
  const firstRowOfCode = new Map<string, number>();
  const codeColumn = columns.find((c) => c.field === "projectCode")!;
  const codeHeader = codeColumn.header || codeColumn.letter;
  function* handle(raw: RawRow): Generator<ParseEvent> {
    const kind = classifyRow(raw.cells, codeIndex);
    if (kind !== "data") {
      yield { type: "skipped", rowNumber: raw.rowNumber, kind };
      return;
    }
    const result = validate(raw.rowNumber, raw.cells);
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

  for (const raw of pending) yield* handle(raw);
  pending.length = 0;
  for (;;) {
    const next = await iterator.next();
    if (next.done) break;
    yield* handle(next.value);
  }
}

function hasContent(cells: readonly RawCell[]): boolean {
  return cells.some((c) => c !== null && cellText(c) !== "");
}

/** Columns by position: the field the analyst chose for each, the header row's text (if any) as label. */
function positionalColumns(width: number, headerRow: RawRow | undefined, positions: Readonly<Record<string, string | null>>): ColumnMapping[] {
  const taken = new Set<ImportField>();
  return Array.from({ length: width }, (_, index) => {
    const chosen = positions[String(index)];
    let field = isImportField(chosen) ? chosen : null;
    if (field && taken.has(field)) field = null;
    if (field) taken.add(field);
    return { index, letter: columnLetter(index), header: headerRow ? cellText(headerRow.cells[index]) : "", field, samples: [] };
  });
}

/**
 * A file whose header the recogniser does not know: every column by position, nothing mapped, with the
 * first rows as samples. Row 1 is offered as the header when it reads like one (text over columns whose
 * later rows hold numbers or dates).
 */
function unmappedLayout(scanned: RawRow[]): ParsedHeader {
  const rows = scanned.filter((r) => hasContent(r.cells));
  const first = rows[0]!;
  const asHeader = looksLikeHeader(first, rows.slice(1));
  const width = Math.max(...rows.map((r) => r.cells.length));
  const columns = positionalColumns(width, asHeader ? first : undefined, {});
  addSamples(columns, asHeader ? rows.slice(1) : rows);
  return { headerRow: asHeader ? first.rowNumber : 0, layout: "position", columns, missingFields: missingRequiredFields(columns), percentScales: {}, amountUnits: {} };
}

function isValueLike(cell: RawCell | undefined): boolean {
  if (cell === null || cell === undefined) return false;
  if (typeof cell === "number" || cell instanceof Date) return true;
  if (typeof cell !== "string") return false;
  return parseNumber(cell).ok || parseDate(cell).ok;
}

export function looksLikeHeader(first: RawRow, later: readonly RawRow[]): boolean {
  const texts = first.cells.filter((c) => c !== null && cellText(c) !== "");
  if (texts.length === 0 || texts.some((c) => typeof c !== "string" || isValueLike(c))) return false;
  return first.cells.some((cell, index) => typeof cell === "string" && later.some((row) => isValueLike(row.cells[index])));
}

function addSamples(columns: ColumnMapping[], rows: readonly RawRow[]): void {
  for (const row of rows) {
    for (const column of columns) {
      if (column.samples.length >= SAMPLES_PER_COLUMN) continue;
      const text = sampleText(row.cells[column.index]);
      if (text !== "") column.samples.push(text);
    }
    if (columns.every((c) => c.samples.length >= SAMPLES_PER_COLUMN)) return;
  }
}

function sampleText(cell: RawCell | undefined): string {
  if (cell === null || cell === undefined) return "";
  const text = typeof cell === "object" && !(cell instanceof Date) ? (cell.kind === "formula" ? `=${cell.formula}` : cell.code) : cellText(cell);
  return text.length > SAMPLE_LENGTH ? `${text.slice(0, SAMPLE_LENGTH - 1)}…` : text;
}

/** Each money column's unit: stated by the analyst, else its header's, else a title row's, else baht. */
function readAmountUnits(columns: readonly ColumnMapping[], titleRows: readonly RawRow[], stated: AmountUnit | undefined): ParsedHeader["amountUnits"] {
  const fromTitle = titleRows.map((r) => titleUnit(r.cells)).find((u) => u !== null) ?? null;
  const units: ParsedHeader["amountUnits"] = {};
  for (const field of MONEY_FIELDS) {
    const column = columns.find((c) => c.field === field);
    if (!column) continue;
    const fromHeader = column.header ? headerUnit(column.header) : null;
    units[field] = stated
      ? { unit: stated, source: "stated" }
      : fromHeader
        ? { unit: fromHeader, source: "header" }
        : fromTitle
          ? { unit: fromTitle, source: "title" }
          : { unit: "baht", source: "default" };
  }
  return units;
}

function plainSample(cell: RawCell | undefined): unknown {
  if (cell === null || cell === undefined || cell instanceof Date) return null;
  return typeof cell === "object" ? null : cell;
}
