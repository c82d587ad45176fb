// File readers shared by every spreadsheet import (eMENSCR exports, agency lists, targets): bytes in,
// rows of raw cells out. The file kind is decided by content, never by the extension: a renamed .exe or
// photo must be refused, and an .xlsx saved as .csv still read.

import { Readable } from "node:stream";
import ExcelJS, { excelUtils, iterateStream, parseSax, unzipParse } from "./exceljs";
import iconv from "iconv-lite";
import Papa from "papaparse";
import type { ImportFormat } from "@/core/enums";
import { formatBytes, ImportFileError, unpackedLimit } from "./errors";
import { countTextCells } from "@/core/parse/headers";

/** A cell as the validator sees it. Formulas and error cells stay recognisable so they can be refused. */
export type { RawCell, RawRow } from "@/core/parse/headers";
import type { RawCell, RawRow } from "@/core/parse/headers";

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

/**
 * Opens an export for reading; throws ImportFileError when it is not one, or when a workbook is damaged
 * or unpacks to more than it may (checked before any row is read, and before any import writes).
 */
export async function openExport(bytes: Buffer, options: OpenExportOptions = {}): Promise<OpenedExport> {
  const sniffed = sniffFormat(bytes);
  if ("error" in sniffed) throw new ImportFileError(sniffed.error);
  if (sniffed.format === "csv") {
    const { text, encoding } = decodeText(bytes);
    return { format: "csv", sheetName: null, encoding, rows: readCsvRows(text, options.scoreHeader ?? countTextCells) };
  }
  await checkArchive(bytes);
  const opened: OpenedExport = { format: "xlsx", sheetName: null, encoding: null, rows: readXlsxRows(bytes, options.sheetName, (name) => (opened.sheetName = name)) };
  return opened;
}

/**
 * Unpacks the archive once, counting what it inflates to, with the zip reader exceljs uses (so both see
 * the same entries): a zip bomb is refused after its first `unpackedLimit` bytes instead of being parsed
 * for hours, held in memory (shared strings) or spooled to disk (a sheet stored before the workbook); a
 * damaged archive is refused before anything is read. Costs about 0.4 s per 100 MB of XML.
 */
async function checkArchive(bytes: Buffer): Promise<void> {
  if (!endsWithCentralDirectory(bytes)) throw new ImportFileError("corrupt_file");
  const limit = unpackedLimit(bytes.length);
  const zip = Readable.from([bytes]).pipe(unzipParse({ forceStream: true }));
  // An entry cut short by the end of the file never ends: unzipper reports FILE_ENDED on the archive
  // stream instead, possibly before it hands out that entry. The archive's error fails the entry being
  // read, and any entry still handed out after it.
  let failure: Error | undefined;
  let reading: Readable | undefined;
  zip.on("error", (error: Error) => {
    failure = error;
    reading?.destroy(error);
  });
  let unpacked = 0;
  try {
    for await (const entry of iterateStream<Readable>(zip)) {
      if (failure) throw failure;
      reading = entry;
      for await (const chunk of iterateStream<Buffer>(entry)) {
        unpacked += chunk.length;
        if (unpacked > limit) throw new ImportFileError("too_large_unpacked", { limit: formatBytes(limit) });
      }
      reading = undefined;
    }
  } catch (error) {
    if (error instanceof ImportFileError) throw error;
    throw new ImportFileError("corrupt_file", {}, { cause: error });
  } finally {
    (zip as unknown as { destroy?: () => void }).destroy?.();
  }
}

const END_OF_CENTRAL_DIRECTORY = 0x06054b50;
const END_RECORD_LENGTH = 22;

/**
 * Whether the archive ends with its end-of-central-directory record (22 bytes and a comment of the length
 * it states), as every complete zip does. A download or copy cut short fails this at once, before the
 * streaming reader meets an entry that never ends.
 */
export function endsWithCentralDirectory(bytes: Uint8Array): boolean {
  const view = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const earliest = Math.max(0, view.length - END_RECORD_LENGTH - 0xffff);
  for (let at = view.length - END_RECORD_LENGTH; at >= earliest; at--) {
    if (view.readUInt32LE(at) === END_OF_CENTRAL_DIRECTORY && at + END_RECORD_LENGTH + view.readUInt16LE(at + 20) === view.length) return true;
  }
  return false;
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
//
// exceljs' WorkbookReader does the zip, the workbook and its relationships, the shared strings and the
// styles. The sheet's cells are read here from exceljs' SAX events directly instead of through its
// WorksheetReader, which builds a full cell model (Row, Cell, value and style objects) for every cell:
// for 100,000 rows × 30 columns that model cost more time than unzipping and parsing the XML together,
// and most of the garbage. The cell semantics are exceljs' own (shared strings, date formats, formulas,
// error cells), through its utils.

interface WorksheetSource {
  name?: string;
  /** The sheet's XML, as exceljs hands it to its WorksheetReader. */
  iterator: AsyncIterable<Buffer | string>;
}

interface WorkbookInternals {
  parse: () => AsyncIterable<{ eventType: string; value: unknown }>;
  sharedStrings?: unknown[];
  styles: { getStyleModel: (id: number) => { numFmt?: string } | null };
  properties?: { date1904?: boolean };
  model?: { properties?: { date1904?: boolean } };
}

async function* readXlsxRows(bytes: Buffer, sheetName: string | undefined, onSheet: (name: string) => void): AsyncIterable<RawRow> {
  const reader = new ExcelJS.stream.xlsx.WorkbookReader(Readable.from([bytes]), {
    worksheets: "emit",
    sharedStrings: "cache",
    hyperlinks: "ignore",
    styles: "cache",
    entries: "ignore",
  }) as unknown as WorkbookInternals;
  let found = false;
  const seen: string[] = [];
  try {
    for await (const { eventType, value } of reader.parse()) {
      if (eventType !== "worksheet") continue;
      const worksheet = value as WorksheetSource;
      const name = worksheet.name ?? `Sheet${seen.length + 1}`;
      seen.push(name);
      const wanted = sheetName === undefined ? !found : !found && name.trim() === sheetName.trim();
      if (!wanted) {
        // The stream must be drained to reach the next sheet.
        for await (const _chunk of worksheet.iterator) void _chunk;
        continue;
      }
      found = true;
      onSheet(name);
      yield* readSheetCells(worksheet.iterator, reader);
      if (sheetName === undefined) {
        // exceljs must see the rest of the zip to finish cleanly (temporary files of later sheets).
        continue;
      }
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

/** Excel's last column is XFD (16,384 columns). */
const MAX_COLUMNS = 16_384;

/**
 * "B12" → 1 (0-based column); null when the reference has no column letters. A column beyond XFD exists
 * in no workbook: a reference like "ZZZZZZ1" would have the row padded to 321 million cells.
 */
function columnIndexOf(ref: string | undefined): number | null {
  if (!ref) return null;
  let column = 0;
  let i = 0;
  for (; i < ref.length; i++) {
    const code = ref.charCodeAt(i);
    if (code >= 65 && code <= 90) column = column * 26 + (code - 64);
    else if (code >= 97 && code <= 122) column = column * 26 + (code - 96);
    else break;
    if (column > MAX_COLUMNS) throw new ImportFileError("corrupt_file");
  }
  return i === 0 ? null : column - 1;
}

/**
 * One sheet's rows from its SAX events: <row r> holds <c r s t> cells with a <v> value, an <f> formula
 * and/or an inline <is><t> string. Rows come in batches per decompressed chunk.
 */
async function* readSheetCells(xml: AsyncIterable<Buffer | string>, workbook: WorkbookInternals): AsyncIterable<RawRow> {
  const sharedStrings = workbook.sharedStrings ?? [];
  const date1904 = Boolean(workbook.properties?.date1904 ?? workbook.model?.properties?.date1904);
  const dateStyles = new Map<number, boolean>();
  const isDateStyle = (style: number): boolean => {
    let isDate = dateStyles.get(style);
    if (isDate === undefined) dateStyles.set(style, (isDate = excelUtils.isDateFmt(workbook.styles.getStyleModel(style)?.numFmt)));
    return isDate;
  };

  let inSheetData = false;
  let rowNumber = 0;
  let cells: RawCell[] | null = null;
  // The cell being read.
  let column = -1;
  let type: string | undefined;
  let style = 0;
  let value: string | null = null;
  let formula: string | null = null;
  let reading: "v" | "f" | "t" | null = null;

  for await (const events of parseSax(xml)) {
    const rows: RawRow[] = [];
    for (const event of events) {
      if (event.eventType === "text") {
        if (reading === "v" || reading === "t") value = value === null ? event.value : value + event.value;
        else if (reading === "f") formula = formula === null ? event.value : formula + event.value;
        continue;
      }
      const tag = event.value.name;
      if (event.eventType === "opentag") {
        const attributes = event.value.attributes;
        switch (tag) {
          case "sheetData":
            inSheetData = true;
            break;
          case "row":
            if (inSheetData) {
              const r = Number.parseInt(attributes.r ?? "", 10);
              rowNumber = Number.isNaN(r) ? rowNumber + 1 : r;
              cells = [];
              column = -1;
            }
            break;
          case "c":
            if (cells) {
              column = columnIndexOf(attributes.r) ?? column + 1;
              if (column >= MAX_COLUMNS) throw new ImportFileError("corrupt_file");
              type = attributes.t;
              style = Number.parseInt(attributes.s ?? "0", 10) || 0;
              value = null;
              formula = null;
            }
            break;
          case "v":
            if (cells) reading = "v";
            break;
          case "f":
            if (cells) {
              reading = "f";
              formula ??= "";
            }
            break;
          case "t":
            // <is><t> or rich-text runs <is><r><t>: the runs are joined.
            if (cells) {
              reading = "t";
              value ??= "";
            }
            break;
        }
      } else {
        switch (tag) {
          case "v":
          case "f":
          case "t":
            reading = null;
            break;
          case "c":
            if (cells && column >= 0) {
              while (cells.length < column) cells.push(null);
              cells[column] = cellValue(type, value, formula, style, sharedStrings, isDateStyle, date1904);
            }
            break;
          case "row":
            if (cells) rows.push({ rowNumber, cells });
            cells = null;
            break;
          case "sheetData":
            inSheetData = false;
            break;
        }
      }
    }
    for (const row of rows) yield row;
  }
}

function cellValue(
  type: string | undefined,
  value: string | null,
  formula: string | null,
  style: number,
  sharedStrings: readonly unknown[],
  isDateStyle: (style: number) => boolean,
  date1904: boolean,
): RawCell {
  if (formula !== null) {
    const result = value === null ? null : type === "str" ? excelUtils.xmlDecode(value) : Number.parseFloat(value);
    return { kind: "formula", formula, result };
  }
  if (value === null) return null;
  switch (type) {
    case "s":
      return toRawCell(sharedStrings[Number.parseInt(value, 10)]);
    case "inlineStr":
    case "str":
      return excelUtils.xmlDecode(value);
    case "e":
      return { kind: "error", code: value };
    case "b":
      return Number.parseInt(value, 10) !== 0;
    default: {
      const number = Number.parseFloat(value);
      return style && isDateStyle(style) ? excelUtils.excelToDate(number, date1904) : number;
    }
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
