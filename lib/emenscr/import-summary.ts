// What an eMENSCR import reports back (preview and commit alike), and how its outcome is decided.
import type { ImportFormat } from "@/core/enums";
import type { ColumnMapping, ImportField } from "@/core/emenscr/fields";
import type { AmountUnit, AmountUnitWarning } from "@/core/emenscr/amount-units";
import type { RawCell } from "@/lib/import/readers";
import type { AgencySuggestion } from "./agency-match";
import type { RowChange } from "./import-sql";
import type { ParsedHeader } from "./parse-export";
import type { ImportRow, RowError } from "./rows";
import type { RowNotice } from "./soft-checks";
import type { ImportTimings } from "./timings";

export type { RowChange } from "./import-sql";

export type ImportMode = "preview" | "commit";

export interface ImportOptions {
  fileName: string;
  bytes: Buffer;
  /** "2570Q1": the period of every row. Without it, each row's reporting-period column decides. */
  periodCode?: string;
  sheetName?: string;
  mappingProfileId?: number;
  /** Ad-hoc header → field choices from the mapping screen (normalised header keys); win over the profile. */
  mapping?: Record<string, string | null>;
  /** Ad-hoc mapping by position (0-based column index → field), for files without a recognisable header. */
  positions?: Record<string, string | null>;
  /** With positions: whether row 1 is a header row rather than data (default: the profile's choice, else yes). */
  hasHeaderRow?: boolean;
  /** When no header is recognised, preview the columns by position for mapping instead of refusing the file (the UI). */
  offerPositionalMapping?: boolean;
  /** The unit of the money columns as the analyst states it; wins over what the file says. */
  amountUnit?: AmountUnit;
  /** Commit only if the file is the one previewed. */
  expectedSha256?: string;
  /** Keep raw cells of invalid rows (for the fix list). */
  keepInvalidCells?: boolean;
  onProgress?: (progress: ImportProgress) => void;
  /** Filled with milliseconds per phase (the benchmark prints them). */
  timings?: ImportTimings;
}

export interface ImportProgress {
  /**
   * queued: handed to the job queue, waiting for a worker; refresh: the data is committed, dashboards and
   * lagging flags are being brought up to date.
   */
  phase: "queued" | "parse" | "write" | "refresh";
  rows: number;
}

export interface SampleRow extends ImportRow {
  change: RowChange;
  agencyId: number | null;
  matchedAgencyName: string | null;
}

export interface UnmatchedAgency {
  rawCode: string | null;
  rawName: string | null;
  rows: number;
  firstRow: number;
  suggestions: AgencySuggestion[];
}

export interface ImportSummary {
  /**
   * preview: nothing written. committed: a batch was written. unchanged: the data already matched, nothing
   * written. invalid: nothing written. unit_unconfirmed: valid, but the amounts' unit looks wrong and was
   * not stated (amountWarning): nothing written.
   */
  outcome: "preview" | "committed" | "unchanged" | "invalid" | "unit_unconfirmed";
  fileName: string;
  fileSha256: string;
  fileBytes: number;
  format: ImportFormat;
  sheetName: string | null;
  encoding: string | null;
  /** 1-based header row; 0 when the columns are mapped by position without a header row. */
  headerRow: number;
  layout: ParsedHeader["layout"];
  columns: ColumnMapping[];
  missingFields: ImportField[];
  percentScales: ParsedHeader["percentScales"];
  /** Each money column's unit (converted to baht when thousand or million) and where it was read. */
  amountUnits: ParsedHeader["amountUnits"];
  /** The budgets look like another unit than the one read: commit only once the analyst states the unit. */
  amountWarning: AmountUnitWarning | null;
  periodCodes: string[];
  /** Data rows (valid + invalid); title, blank and total rows are `skipped`. */
  rows: number;
  inserted: number;
  updated: number;
  unchanged: number;
  invalid: number;
  skipped: number;
  errors: RowError[];
  /** Valid rows whose values are worth a second look (lib/emenscr/soft-checks.ts), the first MAX_NOTICES_KEPT; they don't stop the import. */
  notices: RowNotice[];
  noticeCount: number;
  invalidRows?: { rowNumber: number; cells: RawCell[] }[];
  sample: SampleRow[];
  unmatchedAgencies: UnmatchedAgency[];
  mappingProfileId: number | null;
  batchId: number | null;
  /** An earlier committed batch of the very same file, if any. */
  previousBatch: { id: number; createdAt: Date } | null;
}

export interface OpenedFileFacts {
  mode: ImportMode;
  fileSha256: string;
  format: ImportFormat;
  encoding: string | null;
  previousBatch: ImportSummary["previousBatch"];
}

/** The summary before the file is read: nothing counted yet. */
export function emptySummary(options: ImportOptions, file: OpenedFileFacts): ImportSummary {
  return {
    outcome: file.mode === "preview" ? "preview" : "committed",
    fileName: options.fileName,
    fileSha256: file.fileSha256,
    fileBytes: options.bytes.length,
    format: file.format,
    sheetName: null,
    encoding: file.encoding,
    headerRow: 0,
    layout: "header",
    columns: [],
    missingFields: [],
    percentScales: {},
    amountUnits: {},
    amountWarning: null,
    periodCodes: [],
    rows: 0,
    inserted: 0,
    updated: 0,
    unchanged: 0,
    invalid: 0,
    skipped: 0,
    errors: [],
    notices: [],
    noticeCount: 0,
    ...(options.keepInvalidCells ? { invalidRows: [] } : {}),
    sample: [],
    unmatchedAgencies: [],
    mappingProfileId: options.mappingProfileId ?? null,
    batchId: null,
    previousBatch: file.previousBatch,
  };
}

/** The outcome once the file is read (and, when committing, the transaction has ended). */
export function settleOutcome(summary: ImportSummary, mode: ImportMode): void {
  if (summary.errors.length > 0) {
    summary.outcome = "invalid";
    // A refused commit inserted and updated nothing; the would-be counts belong to the preview.
    if (mode === "commit") summary.inserted = summary.updated = 0;
  } else if (summary.amountWarning && mode === "commit") {
    summary.outcome = "unit_unconfirmed";
    summary.inserted = summary.updated = 0;
  } else if (mode === "commit" && summary.batchId === null) summary.outcome = "unchanged";
}
