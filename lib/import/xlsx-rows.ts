// XLSX rows, streaming: the workbook is never loaded as a whole.
//
// exceljs' WorkbookReader does the zip, the workbook and its relationships, the shared strings and the
// styles. The sheet's cells are read here from exceljs' SAX events directly instead of through its
// WorksheetReader, which builds a full cell model (Row, Cell, value and style objects) for every cell:
// for 100,000 rows × 30 columns that model cost more time than unzipping and parsing the XML together,
// and most of the garbage. The cell semantics are exceljs' own (shared strings, date formats, formulas,
// error cells), through its utils.

import { Readable } from "node:stream";
import type { RawCell, RawRow } from "@/core/parse/headers";
import { ImportFileError } from "./errors";
import ExcelJS, { excelUtils, parseSax, type SaxEvent } from "./exceljs";

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

export async function* readXlsxRows(bytes: Buffer, sheetName: string | undefined, onSheet: (name: string) => void): AsyncIterable<RawRow> {
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

/** One sheet's rows from its SAX events. Rows come in batches per decompressed chunk. */
async function* readSheetCells(xml: AsyncIterable<Buffer | string>, workbook: WorkbookInternals): AsyncIterable<RawRow> {
  const reader = new SheetCellReader(workbook);
  for await (const events of parseSax(xml)) {
    for (const row of reader.read(events)) yield row;
  }
}

/**
 * Reads <row r> elements holding <c r s t> cells with a <v> value, an <f> formula and/or an inline
 * <is><t> string. State is kept across batches of events: a row or cell may straddle two.
 */
class SheetCellReader {
  private readonly sharedStrings: readonly unknown[];
  private readonly date1904: boolean;
  private readonly dateStyles = new Map<number, boolean>();
  private inSheetData = false;
  private rowNumber = 0;
  private cells: RawCell[] | null = null;
  // The cell being read.
  private column = -1;
  private type: string | undefined;
  private style = 0;
  private value: string | null = null;
  private formula: string | null = null;
  private reading: "v" | "f" | "t" | null = null;

  constructor(private readonly workbook: WorkbookInternals) {
    this.sharedStrings = workbook.sharedStrings ?? [];
    this.date1904 = Boolean(workbook.properties?.date1904 ?? workbook.model?.properties?.date1904);
  }

  /** The rows that one batch of events completes. */
  read(events: readonly SaxEvent[]): RawRow[] {
    const rows: RawRow[] = [];
    for (const event of events) {
      if (event.eventType === "text") this.text(event.value);
      else if (event.eventType === "opentag") this.open(event.value.name, event.value.attributes);
      else this.close(event.value.name, rows);
    }
    return rows;
  }

  private text(text: string): void {
    if (this.reading === "v" || this.reading === "t") this.value = this.value === null ? text : this.value + text;
    else if (this.reading === "f") this.formula = this.formula === null ? text : this.formula + text;
  }

  private open(tag: string, attributes: Record<string, string>): void {
    switch (tag) {
      case "sheetData":
        this.inSheetData = true;
        break;
      case "row":
        if (this.inSheetData) {
          const r = Number.parseInt(attributes.r ?? "", 10);
          this.rowNumber = Number.isNaN(r) ? this.rowNumber + 1 : r;
          this.cells = [];
          this.column = -1;
        }
        break;
      case "c":
        if (this.cells) this.openCell(attributes);
        break;
      case "v":
        if (this.cells) this.reading = "v";
        break;
      case "f":
        if (this.cells) {
          this.reading = "f";
          this.formula ??= "";
        }
        break;
      case "t":
        // <is><t> or rich-text runs <is><r><t>: the runs are joined.
        if (this.cells) {
          this.reading = "t";
          this.value ??= "";
        }
        break;
    }
  }

  private openCell(attributes: Record<string, string>): void {
    this.column = columnIndexOf(attributes.r) ?? this.column + 1;
    if (this.column >= MAX_COLUMNS) throw new ImportFileError("corrupt_file");
    this.type = attributes.t;
    this.style = Number.parseInt(attributes.s ?? "0", 10) || 0;
    this.value = null;
    this.formula = null;
  }

  private close(tag: string, rows: RawRow[]): void {
    switch (tag) {
      case "v":
      case "f":
      case "t":
        this.reading = null;
        break;
      case "c":
        if (this.cells && this.column >= 0) {
          while (this.cells.length < this.column) this.cells.push(null);
          this.cells[this.column] = cellValue(this.type, this.value, this.formula, this.style, this.sharedStrings, this.isDateStyle, this.date1904);
        }
        break;
      case "row":
        if (this.cells) rows.push({ rowNumber: this.rowNumber, cells: this.cells });
        this.cells = null;
        break;
      case "sheetData":
        this.inSheetData = false;
        break;
    }
  }

  private readonly isDateStyle = (style: number): boolean => {
    let isDate = this.dateStyles.get(style);
    if (isDate === undefined) this.dateStyles.set(style, (isDate = excelUtils.isDateFmt(this.workbook.styles.getStyleModel(style)?.numFmt)));
    return isDate;
  };
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
