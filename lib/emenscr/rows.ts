// One export row → a typed import row, or every reason it cannot be one. Pure: no database, no I/O.

import type { ProjectStatus } from "@/core/enums";
import {
  MAX_STORED_MAGNITUDE,
  normaliseText,
  parseDate,
  parseNumber,
  parsePercent,
  type ParseFailureReason,
  type ParseResult,
  type PercentScale,
} from "@/core/parse/values";
import type { ColumnMapping, ImportField } from "@/core/emenscr/fields";
import type { RawCell } from "@/lib/import/readers";
import { shownValue } from "@/lib/import/table";
import { parseProjectStatus, parseReportingPeriod } from "./row-words";

export const ROW_ERROR_REASONS = [
  "required",
  "too_long",
  "formula_cell",
  "duplicate_project_code",
  "invalid_fiscal_year",
  "period_missing",
  "invalid_period",
  "end_before_start",
  "negative_amount",
  "out_of_range",
  "missing_column",
  "no_data_rows",
  "not_a_number",
  "spreadsheet_error",
  "not_a_date",
  "invalid_date",
] as const satisfies readonly (string | ParseFailureReason)[];
export type RowErrorReason = (typeof ROW_ERROR_REASONS)[number];

export interface RowError {
  row: number;
  /** The import field, or null for a problem with the whole row. */
  field: ImportField | null;
  /** The column header as written in the file (what the user looks for). */
  column: string | null;
  reason: RowErrorReason;
  params?: Record<string, string | number>;
  /** What the cell holds, as the user would see it in the file (shortened), when that is what is wrong. */
  found?: string;
}

/** A cell as its text in the file: dates as ISO dates, formulas with their "=", error cells as their code. */
function cellText(cell: RawCell): string {
  if (cell instanceof Date) return cell.toISOString().slice(0, 10);
  if (typeof cell === "object" && cell !== null) return cell.kind === "formula" ? `=${cell.formula}` : cell.code;
  return String(cell).trim();
}

export interface ImportRow {
  rowNumber: number;
  projectCode: string;
  projectName: string;
  agencyCode: string | null;
  agencyName: string | null;
  ministry: string | null;
  fiscalYear: number | null;
  strategy: string | null;
  masterPlan: string | null;
  subPlan: string | null;
  budgetSource: string | null;
  /** Money and measures as decimal strings, the form numeric columns take and return. */
  budget: string | null;
  disbursed: string | null;
  spent: string | null;
  disbursedPercent: string | null;
  physicalProgress: string | null;
  startsOn: string | null;
  endsOn: string | null;
  kpiName: string | null;
  kpiUnit: string | null;
  kpiTarget: string | null;
  kpiResult: string | null;
  periodCode: string;
  status: ProjectStatus | null;
  rawStatus: string | null;
  approvalStatus: string | null;
  problems: string | null;
  recommendations: string | null;
  reportedOn: string | null;
}

/** Longest text accepted per field: beyond this a cell is a paste accident, not data. */
const MAX_LENGTH: Partial<Record<ImportField, number>> = {
  projectCode: 100,
  agencyCode: 50,
  projectName: 1000,
  agencyName: 500,
  ministry: 500,
  strategy: 2000,
  masterPlan: 2000,
  subPlan: 2000,
  budgetSource: 500,
  kpiName: 2000,
  kpiUnit: 200,
  reportingPeriod: 200,
  status: 200,
  approvalStatus: 200,
  problems: 10_000,
  recommendations: 10_000,
};
const DEFAULT_MAX_LENGTH = 500;
/** numeric(9,2) holds 7 integer digits (amounts and measures: MAX_STORED_MAGNITUDE). */
const MAX_PERCENT = 1e7;

/** What a numeric column holds: below `max` in magnitude, negative or not, stored with `digits` decimals. */
interface NumberBounds {
  max: number;
  digits: number;
  negative?: boolean;
  /** Factor to the stored unit (money in thousand or million baht). */
  scale?: number;
}
const PERCENT_BOUNDS: NumberBounds = { max: MAX_PERCENT, digits: 2 };
const MEASURE_BOUNDS: NumberBounds = { max: MAX_STORED_MAGNITUDE, digits: 4, negative: true };

/** A text cell as stored; a leading apostrophe that neutralised a formula character on export is removed. */
function textValue(cell: string | number | boolean | Date): string {
  if (cell instanceof Date) return cell.toISOString().slice(0, 10);
  const text = normaliseText(String(cell));
  return /^'[=+\-@\t\r]/.test(text) ? text.slice(1) : text;
}

export interface ValidateOptions {
  columns: readonly ColumnMapping[];
  /** Period for every row (the upload form / --period); else each row's reporting-period column. */
  periodCode?: string;
  percentScales: Partial<Record<ImportField, Exclude<PercentScale, "auto">>>;
  /** Money columns written in thousand or million baht: the factor to baht. */
  amountScales?: Partial<Record<ImportField, number>>;
}

/** An invalid row still reports its project code (when readable) so that duplicates of it are caught. */
export type ValidatedRow = { ok: true; row: ImportRow } | { ok: false; errors: RowError[]; projectCode: string | null };

/** Percent fields whose 0–1 vs 0–100 scale is inferred per column. */
export const PERCENT_FIELDS = ["disbursedPercent", "physicalProgress"] as const satisfies readonly ImportField[];

export function validateRow(rowNumber: number, cells: readonly RawCell[], options: ValidateOptions): ValidatedRow {
  return createRowValidator(options)(rowNumber, cells);
}

/**
 * A validator for one column mapping, to call once per row. The field → column lookup is worked out
 * once, and the per-cell checks are methods rather than closures made afresh for every row: an import
 * validates millions of cells.
 */
export function createRowValidator(options: ValidateOptions): (rowNumber: number, cells: readonly RawCell[]) => ValidatedRow {
  const columnOf = new Map<ImportField, { index: number; header: string }>();
  for (const column of options.columns) {
    // A file without a header row names its columns by letter.
    if (column.field) columnOf.set(column.field, { index: column.index, header: column.header || column.letter });
  }
  return (rowNumber, cells) => new RowCheck(rowNumber, cells, columnOf, options).run();
}

class RowCheck {
  readonly errors: RowError[] = [];

  constructor(
    private readonly rowNumber: number,
    private readonly cells: readonly RawCell[],
    private readonly columnOf: ReadonlyMap<ImportField, { index: number; header: string }>,
    private readonly options: ValidateOptions,
  ) {}

  run(): ValidatedRow {
    const projectCode = this.text("projectCode", true);
    const projectName = this.text("projectName", true);
    const agencyCode = this.text("agencyCode");
    const agencyName = this.text("agencyName");
    if (!agencyCode && !agencyName && !this.errors.some((e) => e.field === "agencyCode" || e.field === "agencyName")) {
      this.fail(this.columnOf.has("agencyName") ? "agencyName" : "agencyCode", "required");
    }
    const startsOn = this.date("startDate");
    const endsOn = this.date("endDate");
    if (startsOn && endsOn && endsOn < startsOn) this.fail("endDate", "end_before_start");
    const statusText = this.text("status");
    const reportingPeriod = this.text("reportingPeriod");

    let periodCode: string | null = this.options.periodCode ?? null;
    if (!periodCode) {
      if (reportingPeriod) {
        periodCode = parseReportingPeriod(reportingPeriod);
        if (!periodCode) this.fail("reportingPeriod", "invalid_period", { value: reportingPeriod.slice(0, 80) });
      } else if (!this.errors.some((e) => e.field === "reportingPeriod")) {
        this.fail(this.columnOf.has("reportingPeriod") ? "reportingPeriod" : null, "period_missing");
      }
    }

    const row: ImportRow = {
      rowNumber: this.rowNumber,
      projectCode: projectCode ?? "",
      projectName: projectName ?? "",
      agencyCode,
      agencyName,
      ministry: this.text("ministry"),
      fiscalYear: this.fiscalYear(),
      strategy: this.text("strategy"),
      masterPlan: this.text("masterPlan"),
      subPlan: this.text("subPlan"),
      budgetSource: this.text("budgetSource"),
      budget: this.amount("budget"),
      disbursed: this.amount("disbursed"),
      spent: this.amount("spent"),
      disbursedPercent: this.percent("disbursedPercent"),
      physicalProgress: this.percent("physicalProgress"),
      startsOn,
      endsOn,
      kpiName: this.text("kpiName"),
      kpiUnit: this.text("kpiUnit"),
      kpiTarget: this.measure("kpiTarget"),
      kpiResult: this.measure("kpiResult"),
      periodCode: periodCode ?? "",
      status: statusText ? parseProjectStatus(statusText) : null,
      rawStatus: statusText,
      approvalStatus: this.text("approvalStatus"),
      problems: this.text("problems"),
      recommendations: this.text("recommendations"),
      reportedOn: this.date("reportedOn"),
    };
    return this.errors.length ? { ok: false, errors: this.errors, projectCode } : { ok: true, row };
  }

  private fail(field: ImportField | null, reason: RowErrorReason, params?: Record<string, string | number>): void {
    const mapped = field ? this.columnOf.get(field) : undefined;
    const column = field ? (mapped?.header ?? field) : null;
    const cell = mapped ? this.cells[mapped.index] : undefined;
    const text = cell === undefined || cell === null ? "" : cellText(cell);
    this.errors.push({ row: this.rowNumber, field, column, reason, ...(params ? { params } : {}), ...shownValue(text, reason, params) });
  }

  /** The cell's value, or undefined after recording why it has none usable. Formulas and error cells are refused. */
  private plain(field: ImportField): string | number | boolean | Date | null | undefined {
    const column = this.columnOf.get(field);
    const value = column ? (this.cells[column.index] ?? null) : null;
    if (value === null) return null;
    if (typeof value === "object" && !(value instanceof Date)) {
      if (value.kind === "error") this.fail(field, "spreadsheet_error", { value: value.code });
      else this.fail(field, "formula_cell", { formula: `=${value.formula}`.slice(0, 60) });
      return undefined;
    }
    // Error codes start with "#" (#REF!, #N/A) or "Err:" (LibreOffice); only those need the full check.
    if (typeof value === "string" && /^\s*(#|err:)/i.test(value)) {
      const asNumber = parseNumber(value);
      if (!asNumber.ok && asNumber.reason === "spreadsheet_error") {
        this.fail(field, "spreadsheet_error", { value: normaliseText(value) });
        return undefined;
      }
    }
    return value;
  }

  private text(field: ImportField, required = false): string | null {
    const value = this.plain(field);
    if (value === undefined) return null;
    const result = value === null ? "" : textValue(value);
    if (result === "") {
      if (required) this.fail(field, "required");
      return null;
    }
    const max = MAX_LENGTH[field] ?? DEFAULT_MAX_LENGTH;
    if (result.length > max) {
      this.fail(field, "too_long", { max, length: result.length });
      return null;
    }
    return result;
  }

  /** A parse failure as the row error to show ("empty" is no error: the cell is simply blank). */
  private failParse(field: ImportField, reason: ParseFailureReason, otherwise: RowErrorReason): void {
    if (reason === "empty") return;
    this.fail(field, reason === "spreadsheet_error" ? "spreadsheet_error" : otherwise);
  }

  private amount(field: ImportField): string | null {
    const value = this.plain(field);
    if (value === undefined || value === null) return null;
    const parsed = parseNumber(value instanceof Date ? value.toISOString() : value);
    return this.bounded(field, parsed, { max: MAX_STORED_MAGNITUDE, digits: 2, scale: this.options.amountScales?.[field] ?? 1 });
  }

  private percent(field: (typeof PERCENT_FIELDS)[number]): string | null {
    const value = this.plain(field);
    if (value === undefined || value === null) return null;
    const parsed = parsePercent(value instanceof Date ? value.toISOString() : value, { scale: this.options.percentScales[field] ?? "percent" });
    return this.bounded(field, parsed, PERCENT_BOUNDS);
  }

  /** KPI targets and results are numbers or percentages ("ร้อยละ 80", "80%"), and may be negative. */
  private measure(field: ImportField): string | null {
    const value = this.plain(field);
    if (value === undefined || value === null) return null;
    const input = value instanceof Date ? value.toISOString() : value;
    const asNumber = parseNumber(input);
    return this.bounded(field, asNumber.ok ? asNumber : parsePercent(input, { scale: "percent" }), MEASURE_BOUNDS);
  }

  /** A parsed number (scaled) as fixed decimals if it fits its column, else null after recording why not. */
  private bounded(field: ImportField, parsed: ParseResult<number>, bounds: NumberBounds): string | null {
    if (!parsed.ok) {
      this.failParse(field, parsed.reason, "not_a_number");
      return null;
    }
    if (!bounds.negative && parsed.value < 0) {
      this.fail(field, "negative_amount");
      return null;
    }
    const value = parsed.value * (bounds.scale ?? 1);
    if (Math.abs(value) >= bounds.max) {
      this.fail(field, "out_of_range");
      return null;
    }
    return decimal(value, bounds.digits);
  }

  private date(field: ImportField): string | null {
    const value = this.plain(field);
    if (value === undefined || value === null) return null;
    const parsed = parseDate(value);
    if (!parsed.ok) {
      const reason = parsed.reason;
      this.failParse(field, reason, reason === "out_of_range" ? "out_of_range" : reason === "invalid_date" ? "invalid_date" : "not_a_date");
      return null;
    }
    return parsed.value;
  }

  private fiscalYear(): number | null {
    const value = this.plain("fiscalYear");
    if (value === undefined || value === null) return null;
    const parsed = parseNumber(value instanceof Date ? value.toISOString() : value);
    if (!parsed.ok) {
      if (parsed.reason !== "empty") this.fail("fiscalYear", "invalid_fiscal_year");
      return null;
    }
    // eMENSCR writes BE years; a CE year (2026) is converted rather than refused.
    const year = parsed.value >= 1900 && parsed.value < 2300 ? parsed.value + 543 : parsed.value;
    if (!Number.isInteger(year) || year < 2500 || year > 2700) {
      this.fail("fiscalYear", "invalid_fiscal_year");
      return null;
    }
    return year;
  }
}

/** Fixed decimals without float noise: 0.1 + 0.2 stored as "0.30". */
function decimal(value: number, digits: number): string {
  return value.toFixed(digits);
}

// No \b: JavaScript's word boundary knows only ASCII, so it never matches after Thai letters.
const SUMMARY_WORDS = /^(รวม|ยอดรวม|ผลรวม|total|grand total|sum|subtotal)(?![a-z])/i;

export type RowKind = "blank" | "summary" | "note" | "data";

/**
 * Rows that are not projects: blank rows, total rows at the bottom ("รวม", "Total"), and lone notes
 * ("ที่มา: eMENSCR", "หมายเหตุ …") — a row without a project code and at most one filled cell.
 */
export function classifyRow(cells: readonly RawCell[], projectCodeIndex: number | undefined): RowKind {
  const filled = cells.filter((c) => c !== null && !(typeof c === "string" && normaliseText(c) === ""));
  if (filled.length === 0) return "blank";
  const code = projectCodeIndex === undefined ? null : cells[projectCodeIndex];
  const codeText = typeof code === "string" ? normaliseText(code) : code === null || code === undefined ? "" : "x";
  if (codeText === "" || SUMMARY_WORDS.test(codeText)) {
    if (filled.some((c) => typeof c === "string" && SUMMARY_WORDS.test(normaliseText(c)))) return "summary";
    if (filled.length <= 1) return "note";
  }
  return "data";
}
