// Files for the bad-input corpus, made in code: real workbooks (exceljs), hand-made archives that no
// spreadsheet program would write (tests/corpus/zip.ts), text in the encodings Thai offices use, and
// the first bytes of formats that are not what their name says.
import iconv from "iconv-lite";
import ExcelJS from "@/lib/import/exceljs";
import { zip, type RepeatedContent, type ZipEntry } from "./zip";

export type Cell = string | number | boolean | Date | null | { formula: string; result?: string | number };

/** A real workbook as Excel would save it (one sheet, shared strings). */
export async function workbook(rows: readonly (readonly Cell[])[], sheetName = "Sheet1"): Promise<Buffer> {
  const book = new ExcelJS.Workbook();
  const sheet = book.addWorksheet(sheetName);
  for (const row of rows) sheet.addRow(row.map((cell) => (cell && typeof cell === "object" && "formula" in cell ? { formula: cell.formula, result: cell.result } : cell)));
  return Buffer.from(await book.xlsx.writeBuffer());
}

// A minimal SpreadsheetML package, part by part, for archives exceljs would never write.
const CONTENT_TYPES = `<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/><Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/></Types>`;
const PACKAGE_RELS = `<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>`;
const WORKBOOK = `<?xml version="1.0" encoding="UTF-8"?><workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets><sheet name="Sheet1" sheetId="1" r:id="rId1"/></sheets></workbook>`;
const WORKBOOK_RELS = `<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/></Relationships>`;
const EMPTY_SHARED_STRINGS = `<?xml version="1.0" encoding="UTF-8"?><sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" count="0" uniqueCount="0"></sst>`;
export const SHEET_START = `<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>`;
export const SHEET_END = `</sheetData></worksheet>`;
export const SHARED_STRINGS_START = `<?xml version="1.0" encoding="UTF-8"?><sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">`;

const escapeXml = (text: string) => text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");

/** One `<row>` of inline-string cells (no shared strings needed). */
export function sheetRow(rowNumber: number, cells: readonly string[]): string {
  return `<row r="${rowNumber}">${cells.map((c) => `<c t="inlineStr"><is><t>${escapeXml(c)}</t></is></c>`).join("")}</row>`;
}

/** Sheet XML of inline-string rows, the header first. */
export function sheetXml(rows: readonly (readonly string[])[]): string {
  return SHEET_START + rows.map((cells, i) => sheetRow(i + 1, cells)).join("") + SHEET_END;
}

export interface PackageOptions {
  sheet: string | RepeatedContent;
  sharedStrings?: string | RepeatedContent;
  /** The sheet before the workbook and shared strings in the archive (exceljs then spools it to a temporary file). */
  sheetFirst?: boolean;
  /** Claim this uncompressed size for the sheet instead of the true one. */
  sheetDeclaredSize?: number;
}

/** A workbook assembled part by part. */
export function xlsxPackage(options: PackageOptions): Buffer {
  const sheet: ZipEntry = { name: "xl/worksheets/sheet1.xml", content: options.sheet, declaredSize: options.sheetDeclaredSize };
  const parts: ZipEntry[] = [
    { name: "[Content_Types].xml", content: CONTENT_TYPES },
    { name: "_rels/.rels", content: PACKAGE_RELS },
    { name: "xl/workbook.xml", content: WORKBOOK },
    { name: "xl/_rels/workbook.xml.rels", content: WORKBOOK_RELS },
    { name: "xl/sharedStrings.xml", content: options.sharedStrings ?? EMPTY_SHARED_STRINGS },
  ];
  return zip(options.sheetFirst ? [sheet, ...parts] : [...parts, sheet]);
}

const MB = 1024 * 1024;
/** About one megabyte of `unit` repeated. */
export function megabyteOf(unit: string): string {
  return unit.repeat(Math.ceil(MB / unit.length));
}

/**
 * Zip bombs: a few kilobytes that inflate to `megabytes` of XML. `rows` fills the sheet with rows after
 * a header, `emptyRows` with empty rows, `sharedStrings` the shared-string table (held in memory by
 * exceljs), `spooled` puts the sheet first so that it is spooled to disk before anything is parsed.
 */
export function zipBomb(kind: "rows" | "emptyRows" | "sharedStrings" | "spooled", header: readonly string[], megabytes: number): Buffer {
  const head = SHEET_START + sheetRow(1, header);
  switch (kind) {
    case "rows":
      return xlsxPackage({ sheet: { head, repeat: megabyteOf(`<row><c t="inlineStr"><is><t>1</t></is></c></row>`), times: megabytes, tail: SHEET_END } });
    case "emptyRows":
      return xlsxPackage({ sheet: { head, repeat: megabyteOf("<row/>"), times: megabytes, tail: SHEET_END } });
    case "sharedStrings":
      return xlsxPackage({
        sheet: sheetXml([header]),
        sharedStrings: { head: SHARED_STRINGS_START, repeat: megabyteOf(`<si><t>${"A".repeat(4000)}</t></si>`), times: megabytes, tail: "</sst>" },
      });
    case "spooled":
      return xlsxPackage({ sheet: { head, repeat: megabyteOf("<row/>"), times: megabytes, tail: SHEET_END }, sheetFirst: true });
  }
}

/** The first `fraction` of a file: what an interrupted upload or a full disk leaves. */
export function truncated(bytes: Buffer, fraction = 0.5): Buffer {
  return bytes.subarray(0, Math.max(1, Math.floor(bytes.length * fraction)));
}

export type TextEncoding = "utf-8" | "utf-8-bom" | "windows-874" | "utf-16le-bom" | "utf-16be-bom";

/** Text as a file in the given encoding (Thai offices still save Windows-874 and "Unicode text"). */
export function encodeText(text: string, encoding: TextEncoding): Buffer {
  switch (encoding) {
    case "utf-8":
      return Buffer.from(text, "utf8");
    case "utf-8-bom":
      return Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(text, "utf8")]);
    case "windows-874":
      return iconv.encode(text, "windows-874");
    case "utf-16le-bom":
      return Buffer.concat([Buffer.from([0xff, 0xfe]), iconv.encode(text, "utf-16le")]);
    case "utf-16be-bom":
      return Buffer.concat([Buffer.from([0xfe, 0xff]), iconv.encode(text, "utf-16be")]);
  }
}

/** CSV text of rows: fields with commas, quotes or line breaks quoted, lines ended with CRLF. */
export function csv(rows: readonly (readonly string[])[]): string {
  const field = (v: string) => (/[",\r\n]/.test(v) ? `"${v.replace(/"/g, '""')}"` : v);
  return rows.map((r) => r.map(field).join(",")).join("\r\n");
}

// The first bytes of formats, enough for any signature check.
export const PDF = Buffer.from("%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n");
export const PNG = Buffer.from("89504e470d0a1a0a0000000d49484452000000010000000108060000001f15c4890000000d49444154789c6360000002000154a24f5d0000000049454e44ae426082", "hex");
export const JPEG = Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0x00, 0x10]), Buffer.from("JFIF\0"), Buffer.alloc(64, 0x20), Buffer.from([0xff, 0xd9])]);
export const ELF = Buffer.concat([Buffer.from([0x7f, 0x45, 0x4c, 0x46, 0x02, 0x01, 0x01, 0x00]), Buffer.alloc(120)]);
export const WINDOWS_EXE = Buffer.concat([Buffer.from("MZ\x90\x00\x03\x00\x00\x00\x04\x00\x00\x00\xff\xff", "latin1"), Buffer.alloc(120)]);
export const HTML_PAGE = Buffer.from('<!doctype html><html><body><script>alert(document.cookie)</script></body></html>');
export const SVG_SCRIPT = Buffer.from('<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"><script>alert(1)</script></svg>');
/** An Office file that is really a CFB container (old .xls/.doc, or a password-protected .xlsx). */
export const LEGACY_OFFICE = Buffer.concat([Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]), Buffer.alloc(504)]);
export const PASSWORD_PROTECTED_XLSX = Buffer.concat([LEGACY_OFFICE, Buffer.from("EncryptedPackage", "utf16le"), Buffer.alloc(64)]);
