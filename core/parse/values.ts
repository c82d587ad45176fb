// Lenient parsing of cell values as people and eMENSCR exports write them: thousands separators, Thai
// digits, Buddhist-era dates, currency words, spreadsheet error cells, invisible characters pasted from
// web pages.
//
// Every parser returns a result instead of throwing, with a stable reason code the UI translates; the
// import preview shows one message per rejected cell, so a reason must be a code, never prose.

import { isoDateFromParts, type IsoDate } from "@/core/fiscal/calendar";
import { fromThaiDigits } from "@/core/format/thai";

export const PARSE_FAILURE_REASONS = [
  /** Blank, whitespace only, or a dash placeholder ("-", "–", "—"). */
  "empty",
  "not_a_number",
  /** A formula error cell: #REF!, #N/A, #DIV/0!, #VALUE!, … (and LibreOffice "Err:502"). */
  "spreadsheet_error",
  /** Text that is not written in any date format we read. */
  "not_a_date",
  /** A date format we read, but a day that does not exist: 31/02/2569, month 13. */
  "invalid_date",
  /** A number or year outside what can be a real date here (Excel serial outside 20000–80000, year 1700). */
  "out_of_range",
  "not_a_boolean",
] as const;
export type ParseFailureReason = (typeof PARSE_FAILURE_REASONS)[number];

export type ParseResult<T> = { ok: true; value: T } | { ok: false; reason: ParseFailureReason };

/** Spreadsheet serials in this range are 1954-10-03 … 2119-01-10; smaller numbers are counts, not dates. */
export const EXCEL_SERIAL_MIN = 20_000;
export const EXCEL_SERIAL_MAX = 80_000;
/** Dates outside these CE years are typos (or a BE year read as CE) rather than project dates. */
const MIN_CE_YEAR = 1900;
const MAX_CE_YEAR = 2200;
/** Four-digit years from here on are Buddhist era: 2400 BE = 1857 CE, and no CE date here is that late. */
const FIRST_BUDDHIST_ERA_YEAR = 2400;
const BUDDHIST_ERA_OFFSET = 543;
const MS_PER_DAY = 86_400_000;

/**
 * numeric(20,4) and numeric(18,2) columns (figures, targets, amounts) hold 16 integer digits: a figure
 * this large or larger cannot be stored, and is refused as "too large" rather than failing the write.
 */
export const MAX_STORED_MAGNITUDE = 1e16;

/** Zero-width and direction characters, and control characters other than white space (NUL, BEL, ESC, C1). */
const INVISIBLE_CHARACTERS = /[\u200B-\u200D\u2060\uFEFF\u200E\u200F\u202A-\u202E\u2066-\u2069\u0000-\u0008\u000E-\u001F\u007F-\u009F]/g;
const DASH_PLACEHOLDER = /^[-\u2013\u2014]$/;
const SPREADSHEET_ERROR =
  /^(#(NULL!|DIV\/0!|VALUE!|REF!|NAME\?|NUM!|N\/A|GETTING_DATA|SPILL!|CALC!|FIELD!|BLOCKED!|UNKNOWN!|BUSY!)|Err:\d{3})$/i;

/**
 * NFC, trimmed, internal whitespace (including no-break and ideographic spaces) collapsed to one space,
 * zero-width characters (U+200B–U+200D, U+2060, U+FEFF), bidi controls (U+200E, U+200F, U+202A–U+202E,
 * U+2066–U+2069) and control characters (NUL, which no database text can hold, BEL, ESC, C1) removed. Thai vowels and tone marks are untouched: NFC never
 * recombines them, and a zero-width space between Thai words is only a line-break hint.
 */
export function normaliseText(text: string): string {
  if (!NEEDS_NORMALISING.test(text)) return text;
  return text.normalize("NFC").replace(INVISIBLE_CHARACTERS, "").replace(/\s+/g, " ").trim();
}

/**
 * Text that normaliseText would change, or might. Printable ASCII and Thai with single inner spaces is
 * already normal — NFC leaves Thai alone except when two combining marks with a non-zero class are
 * adjacent (a tone mark typed before ุ/ู is reordered) — and an import reads millions of such cells.
 */
const NEEDS_NORMALISING = /[^\x21-\x7E\u0E00-\u0E7F ]|^ | $| {2}|[\u0E38-\u0E3A\u0E48-\u0E4B]{2}/;

/**
 * Numbers as typed or exported: "1,234,567.50", "๑๒๓", "(1,200)" (accounting negative), "−5" (Unicode
 * minus), "1,000 บาท", "฿1,000", "THB 1,000", "1.2E+06". Commas must group thousands exactly:
 * "1,5" is rejected rather than guessed as 1.5 or 15. "12.5 ล้านบาท" is rejected: the unit changes the scale.
 */
export function parseNumber(input: unknown): ParseResult<number> {
  if (input === null || input === undefined) return failure("empty");
  if (typeof input === "number") return Number.isFinite(input) ? success(input) : failure("not_a_number");
  if (typeof input !== "string") return failure("not_a_number");
  return parseNumberText(input, { allowCurrency: true });
}

export type PercentScale = "auto" | "fraction" | "percent";

export interface ParsePercentOptions {
  /**
   * How to read a bare number (no "%" and no "ร้อยละ"):
   * - "percent": 45 means 45 %.
   * - "fraction": 0.45 means 45 % (a column exported as 0–1).
   * - "auto" (default): the same as "percent" — a lone 0.45 cannot say which it is. Decide per column
   *   with `inferPercentScale` and pass "fraction" or "percent" explicitly.
   * A value written with "%" or "ร้อยละ" is always percentage points, whatever the scale.
   */
  scale?: PercentScale;
}

/** Returns percentage points (45 for 45 %), the scale `formatPercent` displays. No 0–100 limit is applied:
 *  a KPI can be achieved at 120 %. */
export function parsePercent(input: unknown, options: ParsePercentOptions = {}): ParseResult<number> {
  const scale = options.scale ?? "auto";
  const fromBareNumber = (value: number): number => (scale === "fraction" ? timesHundred(value) : value);
  if (input === null || input === undefined) return failure("empty");
  if (typeof input === "number") {
    return Number.isFinite(input) ? success(fromBareNumber(input)) : failure("not_a_number");
  }
  if (typeof input !== "string") return failure("not_a_number");

  const { text, explicit } = stripPercentMarker(normaliseText(fromThaiDigits(input)));
  const parsed = parseNumberText(text, { allowCurrency: false });
  if (!parsed.ok) return parsed;
  return success(explicit ? parsed.value : fromBareNumber(parsed.value));
}

/**
 * Guesses a column's scale from its values: "fraction" when every bare number lies within 0..1 and at
 * least one lies strictly between (0.45, 1, 0.8), else "percent". Values written with "%" are ignored.
 * A guess: show it in the import preview for the user to confirm.
 */
export function inferPercentScale(values: readonly unknown[]): Exclude<PercentScale, "auto"> {
  const bare: number[] = [];
  for (const value of values) {
    if (typeof value === "string" && stripPercentMarker(normaliseText(fromThaiDigits(value))).explicit) continue;
    const parsed = parsePercent(value, { scale: "percent" });
    if (parsed.ok) bare.push(parsed.value);
  }
  const allWithinUnit = bare.length > 0 && bare.every((value) => value >= 0 && value <= 1);
  const someFractional = bare.some((value) => value > 0 && value < 1);
  return allWithinUnit && someFractional ? "fraction" : "percent";
}

/**
 * Dates as eMENSCR exports and people write them, returned as ISO "YYYY-MM-DD" (CE):
 * - "2026-12-31"; "31/12/2569", "31-12-2569", "31.12.2569" (always day first; a trailing time is ignored);
 * - "31 ธ.ค. 2569", "31 ธันวาคม พ.ศ. 2569", "31 ธค 69"; "31 Dec 2026", "December 31, 2026";
 * - spreadsheet serials 20000–80000 as numbers or numeric text (1900 date system);
 * - Date objects, read in UTC (exceljs returns dates as UTC midnight).
 * A four-digit year of 2400 or more is Buddhist era; a two-digit year is Buddhist era 25xx ("69" = 2569),
 * as in eMENSCR's "1 ม.ค. 66"; "พ.ศ."/"ค.ศ." (or BE/CE) before the year overrides both rules.
 */
export function parseDate(input: unknown): ParseResult<IsoDate> {
  if (input === null || input === undefined) return failure("empty");
  if (input instanceof Date) {
    if (Number.isNaN(input.getTime())) return failure("invalid_date");
    return dateFromParts(input.getUTCFullYear(), input.getUTCMonth() + 1, input.getUTCDate());
  }
  if (typeof input === "number") return plausibleExcelSerial(input);
  if (typeof input !== "string") return failure("not_a_date");

  const text = normaliseText(fromThaiDigits(input));
  if (text === "" || DASH_PLACEHOLDER.test(text)) return failure("empty");
  if (SPREADSHEET_ERROR.test(text)) return failure("spreadsheet_error");
  if (/^\d+(\.\d+)?$/.test(text)) return plausibleExcelSerial(Number(text));

  const iso = ISO_LIKE_DATE.exec(text);
  if (iso) return dateFromWrittenParts(iso[1]!, Number(iso[2]), Number(iso[3]), undefined);

  const dayFirst = DAY_MONTH_YEAR.exec(text);
  if (dayFirst) return dateFromWrittenParts(dayFirst[3]!, Number(dayFirst[2]), Number(dayFirst[1]), undefined);

  const dayMonthName = DAY_MONTHNAME_YEAR.exec(text);
  if (dayMonthName) {
    const month = monthFromName(dayMonthName[2]!);
    if (month === null) return failure("not_a_date");
    return dateFromWrittenParts(dayMonthName[4]!, month, Number(dayMonthName[1]), dayMonthName[3]);
  }

  const monthNameFirst = MONTHNAME_DAY_YEAR.exec(text);
  if (monthNameFirst) {
    const month = monthFromName(monthNameFirst[1]!);
    if (month === null) return failure("not_a_date");
    return dateFromWrittenParts(monthNameFirst[3]!, month, Number(monthNameFirst[2]), undefined);
  }
  return failure("not_a_date");
}

/**
 * A spreadsheet serial (1900 date system) to a date, without the plausibility range of `parseDate`.
 * Serial 60 is 29 Feb 1900, a day that never existed (Lotus 1-2-3 treated 1900 as a leap year and Excel
 * kept the bug), so it is rejected, and serials from 61 on are one day later than a plain count suggests.
 * A fractional part (time of day) is ignored.
 */
export function fromExcelSerial(serial: number): ParseResult<IsoDate> {
  if (!Number.isFinite(serial) || serial < 1 || serial >= 2_958_466) return failure("out_of_range");
  const day = Math.floor(serial);
  if (day === 60) return failure("invalid_date");
  const epoch = day < 60 ? Date.UTC(1899, 11, 31) : Date.UTC(1899, 11, 30);
  const date = new Date(epoch + day * MS_PER_DAY);
  return success(isoDateFromParts(date.getUTCFullYear(), date.getUTCMonth() + 1, date.getUTCDate())!);
}

const TRUE_WORDS = new Set(["ใช่", "มี", "จริง", "yes", "y", "true", "1", "✓", "✔", "☑"]);
const FALSE_WORDS = new Set(["ไม่ใช่", "ไม่มี", "เท็จ", "no", "n", "false", "0", "✗", "✘", "☐"]);

/** ใช่/ไม่ใช่, มี/ไม่มี, yes/no, y/n, true/false, 1/0, ✓/✗ (any case). */
export function parseBoolean(input: unknown): ParseResult<boolean> {
  if (input === null || input === undefined) return failure("empty");
  if (typeof input === "boolean") return success(input);
  if (typeof input === "number") {
    if (input === 1) return success(true);
    if (input === 0) return success(false);
    return failure("not_a_boolean");
  }
  if (typeof input !== "string") return failure("not_a_boolean");
  // U+FE0F turns ✔ into an emoji; it is the same answer.
  const text = normaliseText(fromThaiDigits(input)).replace(/\uFE0F/g, "").toLowerCase();
  if (text === "" || DASH_PLACEHOLDER.test(text)) return failure("empty");
  if (TRUE_WORDS.has(text)) return success(true);
  if (FALSE_WORDS.has(text)) return success(false);
  return failure("not_a_boolean");
}

// ---------------------------------------------------------------------------------------------

function success<T>(value: T): ParseResult<T> {
  return { ok: true, value };
}

function failure<T>(reason: ParseFailureReason): ParseResult<T> {
  return { ok: false, reason };
}

const CURRENCY_PREFIX = /^(฿|THB|บาท)\s*/i;
const CURRENCY_SUFFIX = /\s*(฿|THB|บาท|baht)$/i;
const SIGNED = /^([+\-\u2212])\s*(.*)$/;
const GROUPED_NUMBER = /^\d{1,3}(,\d{3})+(\.\d+)?$/;
const PLAIN_NUMBER = /^(\d+(\.\d+)?|\.\d+)$/;
const SCIENTIFIC_NUMBER = /^\d+(\.\d+)?e[+-]?\d+$/i;

function parseNumberText(input: string, { allowCurrency }: { allowCurrency: boolean }): ParseResult<number> {
  let text = normaliseText(fromThaiDigits(input));
  if (text === "" || DASH_PLACEHOLDER.test(text)) return failure("empty");
  if (SPREADSHEET_ERROR.test(text)) return failure("spreadsheet_error");

  text = stripCurrency(text, allowCurrency);

  let negative = false;
  const bracketed = /^\((.*)\)$/.exec(text);
  if (bracketed) {
    negative = true;
    text = stripCurrency(bracketed[1]!.trim(), allowCurrency);
  } else {
    const signed = SIGNED.exec(text);
    if (signed) {
      negative = signed[1] !== "+";
      text = stripCurrency(signed[2]!, allowCurrency);
    }
  }

  if (!GROUPED_NUMBER.test(text) && !PLAIN_NUMBER.test(text) && !SCIENTIFIC_NUMBER.test(text)) {
    return failure("not_a_number");
  }
  const magnitude = Number(text.replace(/,/g, ""));
  if (!Number.isFinite(magnitude)) return failure("not_a_number");
  // Avoid -0, which would display as "-0".
  return success(negative && magnitude !== 0 ? -magnitude : magnitude);
}

function stripCurrency(text: string, allowCurrency: boolean): string {
  return allowCurrency ? text.replace(CURRENCY_PREFIX, "").replace(CURRENCY_SUFFIX, "") : text;
}

function stripPercentMarker(text: string): { text: string; explicit: boolean } {
  const suffixed = /^(.*?)\s*[%％]$/.exec(text);
  if (suffixed) return { text: suffixed[1]!, explicit: true };
  const prefixed = /^ร้อยละ\s*(.*)$/.exec(text);
  if (prefixed) return { text: prefixed[1]!, explicit: true };
  return { text, explicit: false };
}

/** 0.45 * 100 is 45.00000000000001 in binary floating point; round away the noise. */
function timesHundred(value: number): number {
  return Number.parseFloat((value * 100).toPrecision(15));
}

function plausibleExcelSerial(serial: number): ParseResult<IsoDate> {
  if (!Number.isFinite(serial) || serial < EXCEL_SERIAL_MIN || serial > EXCEL_SERIAL_MAX) {
    return failure("out_of_range");
  }
  return fromExcelSerial(serial);
}

const TIME_OF_DAY = String.raw`(?:[T ]\d{1,2}[:.]\d{2}(?:[:.]\d{2}(?:\.\d+)?)?)?`;
const ERA = String.raw`(พ\.?\s?ศ\.?|ค\.?\s?ศ\.?|B\.?E\.?|C\.?E\.?|A\.?D\.?)`;
const ISO_LIKE_DATE = new RegExp(String.raw`^(\d{4})-(\d{1,2})-(\d{1,2})${TIME_OF_DAY}$`);
const DAY_MONTH_YEAR = new RegExp(String.raw`^(\d{1,2})[/.-](\d{1,2})[/.-](\d{4}|\d{2})${TIME_OF_DAY}$`);
const DAY_MONTHNAME_YEAR = new RegExp(
  String.raw`^(?:วันที่\s*)?(\d{1,2})\s*([^\d\s,]+)\s*,?\s*(?:${ERA}\s*)?(\d{4}|\d{2})$`,
  "i",
);
const MONTHNAME_DAY_YEAR = /^([a-z]+)\.?\s+(\d{1,2}),?\s+(\d{4})$/i;

function dateFromWrittenParts(
  yearText: string,
  month: number,
  day: number,
  era: string | undefined,
): ParseResult<IsoDate> {
  const written = Number(yearText);
  const eraKind = era === undefined ? null : /^[พb]/i.test(era) ? "buddhist" : "gregorian";
  let ceYear: number;
  if (yearText.length === 2) {
    ceYear = eraKind === "gregorian" ? 2000 + written : 2500 + written - BUDDHIST_ERA_OFFSET;
  } else if (eraKind === "buddhist" || (eraKind === null && written >= FIRST_BUDDHIST_ERA_YEAR)) {
    ceYear = written - BUDDHIST_ERA_OFFSET;
  } else {
    ceYear = written;
  }
  return dateFromParts(ceYear, month, day);
}

function dateFromParts(ceYear: number, month: number, day: number): ParseResult<IsoDate> {
  if (ceYear < MIN_CE_YEAR || ceYear > MAX_CE_YEAR) return failure("out_of_range");
  const iso = isoDateFromParts(ceYear, month, day);
  return iso === null ? failure("invalid_date") : success(iso);
}

const MONTH_NAMES_BY_NUMBER: readonly (readonly string[])[] = [
  ["มกราคม", "มค", "january", "jan"],
  ["กุมภาพันธ์", "กพ", "february", "feb"],
  ["มีนาคม", "มีค", "march", "mar"],
  ["เมษายน", "เมย", "april", "apr"],
  ["พฤษภาคม", "พค", "may"],
  ["มิถุนายน", "มิย", "june", "jun"],
  // กรกฏาคม (with ฏ) is a common misspelling of กรกฎาคม.
  ["กรกฎาคม", "กรกฏาคม", "กค", "july", "jul"],
  ["สิงหาคม", "สค", "august", "aug"],
  ["กันยายน", "กย", "september", "sept", "sep"],
  ["ตุลาคม", "ตค", "october", "oct"],
  ["พฤศจิกายน", "พย", "november", "nov"],
  ["ธันวาคม", "ธค", "december", "dec"],
];
const MONTH_BY_NAME = new Map<string, number>(
  MONTH_NAMES_BY_NUMBER.flatMap((names, index) => names.map((name) => [name, index + 1] as const)),
);

/** "ธ.ค.", "ธค", "ธันวาคม", "Dec", "dec.", "December" -> 12; dots are optional in abbreviations. */
function monthFromName(token: string): number | null {
  return MONTH_BY_NAME.get(token.toLowerCase().replace(/\./g, "")) ?? null;
}
