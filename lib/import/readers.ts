// File readers shared by every spreadsheet import (eMENSCR exports, agency lists, targets): bytes in,
// rows of raw cells out. The file kind is decided by content, never by the extension: a renamed .exe or
// photo must be refused, and an .xlsx saved as .csv still read.

import { Readable } from "node:stream";
import { iterateStream, unzipParse } from "./exceljs";
import iconv from "iconv-lite";
import Papa from "papaparse";
import type { ImportFormat } from "@/core/enums";
import { formatBytes, ImportFileError, unpackedLimit } from "./errors";
import { countTextCells } from "@/core/parse/headers";
import { readXlsxRows } from "./xlsx-rows";

/** A cell as the validator sees it. Formulas and error cells stay recognisable so they can be refused. */
export type { RawCell, RawRow } from "@/core/parse/headers";
import type { RawRow } from "@/core/parse/headers";

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
