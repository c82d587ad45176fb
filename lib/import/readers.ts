// File readers shared by every spreadsheet import (eMENSCR exports, agency lists, targets): bytes in,
// rows of raw cells out. The file kind is decided by content, never by the extension: a renamed .exe or
// photo must be refused, and an .xlsx saved as .csv still read.

import { Readable } from "node:stream";
import type { Row } from "exceljs";
import ExcelJS from "./exceljs";
import iconv from "iconv-lite";
import Papa from "papaparse";
import type { ImportFormat } from "@/lib/domain/enums";
import { ImportFileError } from "./errors";
import { countTextCells } from "./headers";

/** A cell as the validator sees it. Formulas and error cells stay recognisable so they can be refused. */
export type RawCell =
  | string
  | number
  | boolean
  | Date
  | null
  | { kind: "formula"; formula: string; result: unknown }
  | { kind: "error"; code: string };

export interface RawRow {
  /** 1-based row number as a spreadsheet shows it (for CSV: the record number). */
  rowNumber: number;
  cells: RawCell[];
}

export interface OpenedExport {
  format: ImportFormat;
  /** xlsx: the sheet read; csv: null. */
  sheetName: string | null;
  /** csv: the encoding detected. */
  encoding: string | null;
  rows: AsyncIterable<RawRow>;
}

const ZIP_SIGNATURE = [0x50, 0x4b, 0x03, 0x04];
const CFB_SIGNATURE = [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1];
/** Password-protected OOXML is a CFB container holding this stream (name stored in UTF-16LE). */
const ENCRYPTED_PACKAGE = Buffer.from("EncryptedPackage", "utf16le");

function startsWith(bytes: Uint8Array, signature: readonly number[]): boolean {
  return signature.every((b, i) => bytes[i] === b);
}

export type SniffResult = { format: ImportFormat } | { error: "empty_file" | "not_a_spreadsheet" | "password_protected" | "legacy_xls" };

/** What a file is, from its first bytes. Text without NUL bytes is taken as CSV. */
export function sniffFormat(bytes: Uint8Array): SniffResult {
  if (bytes.length === 0) return { error: "empty_file" };
  if (startsWith(bytes, ZIP_SIGNATURE)) return { format: "xlsx" };
  if (startsWith(bytes, CFB_SIGNATURE)) {
    return Buffer.from(bytes).includes(ENCRYPTED_PACKAGE) ? { error: "password_protected" } : { error: "legacy_xls" };
  }
  const head = bytes.subarray(0, 8192);
  // UTF-16 text (Excel's "Unicode text" export) has NUL bytes but starts with a BOM.
  if ((head[0] === 0xff && head[1] === 0xfe) || (head[0] === 0xfe && head[1] === 0xff)) return { format: "csv" };
  if (head.includes(0)) return { error: "not_a_spreadsheet" };
  // Control characters other than tab/CR/LF/FF do not occur in text exports.
  let control = 0;
  for (const b of head) if (b < 0x09 || (b > 0x0d && b < 0x20) || b === 0x7f) control++;
  if (control > head.length / 100) return { error: "not_a_spreadsheet" };
  return { format: "csv" };
}

/** Scores a row as a header: how many of its cells name known fields. */
export type HeaderScore = (cells: readonly unknown[]) => number;

export interface OpenExportOptions {
  sheetName?: string;
  /** Picks the CSV delimiter; without it, the delimiter under which a row has the most text cells wins. */
  scoreHeader?: HeaderScore;
}

/** Opens an export for reading; throws ImportFileError when it is not one. */
export function openExport(bytes: Buffer, options: OpenExportOptions = {}): OpenedExport {
  const sniffed = sniffFormat(bytes);
  if ("error" in sniffed) throw new ImportFileError(sniffed.error);
  if (sniffed.format === "csv") {
    const { text, encoding } = decodeText(bytes);
    return { format: "csv", sheetName: null, encoding, rows: readCsvRows(text, options.scoreHeader ?? countTextCells) };
  }
  const opened: OpenedExport = { format: "xlsx", sheetName: null, encoding: null, rows: readXlsxRows(bytes, options.sheetName, (name) => (opened.sheetName = name)) };
  return opened;
}

// ---------------------------------------------------------------------------------------------
// CSV

/**
 * UTF-8 (with or without BOM), UTF-16 with BOM, else Windows-874 (the Thai Windows code page, a superset
 * of TIS-620) when the bytes are not valid UTF-8. Thai in Windows-874 is almost never valid UTF-8, so a
 * strict UTF-8 decode is a reliable test.
 */
export function decodeText(bytes: Buffer): { text: string; encoding: string } {
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) return { text: bytes.subarray(3).toString("utf8"), encoding: "utf-8-bom" };
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return { text: iconv.decode(bytes.subarray(2), "utf-16le"), encoding: "utf-16le" };
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return { text: iconv.decode(bytes.subarray(2), "utf-16be"), encoding: "utf-16be" };
  try {
    return { text: new TextDecoder("utf-8", { fatal: true }).decode(bytes), encoding: "utf-8" };
  } catch {
    return { text: iconv.decode(bytes, "windows-874"), encoding: "windows-874" };
  }
}

const DELIMITERS = [",", "\t", ";", "|"] as const;

/**
 * The delimiter under which some early line reads as the best header. papaparse's own guess counts
 * delimiters, and loses on tab-separated exports whose amounts carry thousands separators ("1,234.00").
 */
export function chooseDelimiter(text: string, scoreHeader: HeaderScore = countTextCells): string | undefined {
  let best: { delimiter: string; score: number } | undefined;
  for (const delimiter of DELIMITERS) {
    const preview = Papa.parse<string[]>(text, { delimiter, preview: 30 }).data;
    const score = Math.max(0, ...preview.map((cells) => scoreHeader(cells)));
    if (score > 0 && (!best || score > best.score)) best = { delimiter, score };
  }
  return best?.delimiter;
}

async function* readCsvRows(text: string, scoreHeader: HeaderScore): AsyncIterable<RawRow> {
  // papaparse handles quoted fields with newlines; the delimiter is chosen by header recognition, else guessed.
  const delimiter = chooseDelimiter(text, scoreHeader);
  const parsed = Papa.parse<string[]>(text, delimiter ? { delimiter } : { delimitersToGuess: [...DELIMITERS] });
  let rowNumber = 0;
  for (const record of parsed.data) {
    rowNumber++;
    yield { rowNumber, cells: record.map((v) => (v === "" ? null : v)) };
  }
}

// ---------------------------------------------------------------------------------------------
// XLSX (streaming: the workbook is never loaded as a whole)

async function* readXlsxRows(bytes: Buffer, sheetName: string | undefined, onSheet: (name: string) => void): AsyncIterable<RawRow> {
  const reader = new ExcelJS.stream.xlsx.WorkbookReader(Readable.from([bytes]), {
    worksheets: "emit",
    sharedStrings: "cache",
    hyperlinks: "ignore",
    styles: "cache",
    entries: "emit",
  });
  let found = false;
  const seen: string[] = [];
  try {
    for await (const worksheet of reader) {
      const name = (worksheet as unknown as { name?: string }).name ?? `Sheet${seen.length + 1}`;
      seen.push(name);
      const wanted = sheetName === undefined ? !found : !found && name.trim() === sheetName.trim();
      if (!wanted) {
        // The stream must be drained to reach the next sheet.
        for await (const _row of worksheet) void _row;
        continue;
      }
      found = true;
      onSheet(name);
      for await (const row of worksheet) {
        const values = (row as Row).values as unknown[];
        const cells: RawCell[] = [];
        for (let i = 1; i < values.length; i++) cells.push(toRawCell(values[i]));
        yield { rowNumber: (row as Row).number, cells };
      }
      if (sheetName === undefined) break;
    }
  } catch (error) {
    if (error instanceof ImportFileError) throw error;
    throw new ImportFileError("corrupt_file", {}, { cause: error });
  }
  if (!found) {
    if (sheetName !== undefined) throw new ImportFileError("sheet_not_found", { sheet: sheetName, sheets: seen.join(", ") });
    throw new ImportFileError("corrupt_file");
  }
}

/** exceljs cell values (rich text, hyperlinks, formulas, error objects) to the small RawCell model. */
export function toRawCell(value: unknown): RawCell {
  if (value === null || value === undefined) return null;
  if (typeof value === "string" || typeof value === "number" || typeof value === "boolean") return value;
  if (value instanceof Date) return value;
  if (typeof value === "object") {
    const v = value as Record<string, unknown>;
    if ("formula" in v || "sharedFormula" in v) {
      return { kind: "formula", formula: String(v.formula ?? v.sharedFormula ?? ""), result: v.result ?? null };
    }
    if ("error" in v) return { kind: "error", code: String(v.error) };
    if (Array.isArray(v.richText)) return (v.richText as { text?: string }[]).map((p) => p.text ?? "").join("");
    if ("text" in v) return toRawCell(v.text);
  }
  return String(value);
}
