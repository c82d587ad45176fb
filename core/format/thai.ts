// Display formatting for the Thai and English UI.
//
// Rules the UI relies on:
// - Thai shows dates in the Buddhist era ("24 พ.ย. 2569"); English shows the Gregorian year ("24 Nov 2026").
// - Fiscal years keep their official Buddhist-era name in both languages ("Q1 FY2570"): that is the name
//   on every budget document, and a CE "FY2027" would be a second name for the same thing.
// - Date text is assembled from the month tables below rather than taken whole from Intl: server (Node ICU)
//   and browsers ship different ICU versions, and a one-character difference breaks React hydration.
//   Tests check that the tables agree with Node's "th-TH-u-ca-buddhist" output.
// - Numbers use Latin digits and comma grouping in both languages (what Thai government reports use);
//   pass `thaiDigits: true` for Thai numerals.

import type { Locale } from "@/core/enums";
import {
  BUDDHIST_ERA_OFFSET,
  DEFAULT_TIME_ZONE,
  isIsoDate,
  isoDateInTimeZone,
  parsePeriodCode,
  type IsoDate,
  type PeriodCode,
} from "@/core/fiscal/calendar";

export type DateStyle = "short" | "long";

const THAI_MONTHS_SHORT = [
  "ม.ค.", "ก.พ.", "มี.ค.", "เม.ย.", "พ.ค.", "มิ.ย.", "ก.ค.", "ส.ค.", "ก.ย.", "ต.ค.", "พ.ย.", "ธ.ค.",
] as const;
const THAI_MONTHS_LONG = [
  "มกราคม", "กุมภาพันธ์", "มีนาคม", "เมษายน", "พฤษภาคม", "มิถุนายน",
  "กรกฎาคม", "สิงหาคม", "กันยายน", "ตุลาคม", "พฤศจิกายน", "ธันวาคม",
] as const;
const ENGLISH_MONTHS_SHORT = [
  "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
] as const;
const ENGLISH_MONTHS_LONG = [
  "January", "February", "March", "April", "May", "June",
  "July", "August", "September", "October", "November", "December",
] as const;

/** Month names by locale and style, index 0 = January. Exported for pickers and for parsing. */
export const MONTH_NAMES: Readonly<Record<Locale, Readonly<Record<DateStyle, readonly string[]>>>> = {
  th: { short: THAI_MONTHS_SHORT, long: THAI_MONTHS_LONG },
  en: { short: ENGLISH_MONTHS_SHORT, long: ENGLISH_MONTHS_LONG },
};

/** Shown for values that cannot be displayed (NaN, Infinity) instead of "NaN บาท". */
export const MISSING_VALUE = "–";

const THAI_DIGITS = "๐๑๒๓๔๕๖๗๘๙";

interface WallClock {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
}

/**
 * "24 พ.ย. 2569" / "24 พฤศจิกายน 2569" in Thai, "24 Nov 2026" / "24 November 2026" in English.
 * A "YYYY-MM-DD" string is a plain calendar date and is shown as written; a Date is an instant and is
 * shown as its calendar date in Bangkok.
 */
export function formatDate(value: IsoDate | Date, locale: Locale, style: DateStyle = "short"): string {
  const { year, month, day } = typeof value === "string" ? plainDateParts(value) : bangkokWallClock(value);
  const monthName = MONTH_NAMES[locale][style][month - 1]!;
  const displayYear = locale === "th" ? year + BUDDHIST_ERA_OFFSET : year;
  return `${day} ${monthName} ${displayYear}`;
}

export interface FormatDateTimeOptions {
  style?: DateStyle;
  /** IANA time zone; defaults to Asia/Bangkok, where every user of the product works. */
  timeZone?: string;
}

/**
 * An instant as date and 24-hour time in Bangkok: "25 พ.ย. 2569 00:05 น." / "25 Nov 2026, 00:05".
 * Strings must carry an offset or "Z"; a bare "2026-11-24T17:05" is ambiguous and throws.
 */
export function formatDateTime(
  value: Date | string,
  locale: Locale,
  options: FormatDateTimeOptions = {},
): string {
  const instant = typeof value === "string" ? parseInstant(value) : value;
  const clock = wallClock(instant, options.timeZone ?? DEFAULT_TIME_ZONE);
  const date = formatDate(isoFromParts(clock), locale, options.style ?? "short");
  const time = `${twoDigits(clock.hour)}:${twoDigits(clock.minute)}`;
  return locale === "th" ? `${date} ${time} น.` : `${date}, ${time}`;
}

export type PeriodStyle = "long" | "short";

/**
 * "ไตรมาส 1 ปีงบประมาณ 2570" / "ไตรมาส 1/2570" in Thai, "Q1 FY2570" / "Q1/2570" in English.
 * The fiscal year stays in the Buddhist era in English too (see the note at the top of the file).
 */
export function formatPeriod(code: PeriodCode, locale: Locale, style: PeriodStyle = "long"): string {
  const period = parsePeriodCode(code);
  if (!period) throw new RangeError(`expected a period code such as "2570Q1", got ${JSON.stringify(code)}`);
  const { fiscalYear, quarter } = period;
  if (locale === "th") {
    return style === "long" ? `ไตรมาส ${quarter} ปีงบประมาณ ${fiscalYear}` : `ไตรมาส ${quarter}/${fiscalYear}`;
  }
  return style === "long" ? `Q${quarter} FY${fiscalYear}` : `Q${quarter}/${fiscalYear}`;
}

export interface FormatNumberOptions {
  minimumFractionDigits?: number;
  /** Defaults to 2 (or to `minimumFractionDigits` when that is larger). */
  maximumFractionDigits?: number;
  /** Write ๐–๙ instead of 0–9 (formal Thai documents). */
  thaiDigits?: boolean;
}

/** "1,234,567.5" — grouped, at most 2 decimals unless asked; NaN and Infinity show "–". */
export function formatNumber(value: number, locale: Locale, options: FormatNumberOptions = {}): string {
  if (!Number.isFinite(value)) return MISSING_VALUE;
  const minimumFractionDigits = options.minimumFractionDigits ?? 0;
  const maximumFractionDigits = Math.max(options.maximumFractionDigits ?? 2, minimumFractionDigits);
  const text = numberFormat(numberLocale(locale), minimumFractionDigits, maximumFractionDigits).format(value);
  return options.thaiDigits ? toThaiDigits(text) : text;
}

// Building an Intl formatter costs far more than formatting with it (≈35 µs against ≈1 µs), and pages
// format thousands of figures: the formatters are made once per settings and reused (found by the load test).
const numberFormats = new Map<string, Intl.NumberFormat>();
function numberFormat(locale: string, minimumFractionDigits: number, maximumFractionDigits: number): Intl.NumberFormat {
  const key = `${locale}/${minimumFractionDigits}/${maximumFractionDigits}`;
  let format = numberFormats.get(key);
  if (!format) numberFormats.set(key, (format = new Intl.NumberFormat(locale, { minimumFractionDigits, maximumFractionDigits })));
  return format;
}

export interface FormatPercentOptions {
  /** Decimals shown; defaults to 1. */
  fractionDigits?: number;
  thaiDigits?: boolean;
}

/**
 * Takes percentage points, the scale the product stores (45.6 -> "45.6%"), not a 0–1 fraction:
 * `parsePercent` returns the same scale. Trailing zeros are dropped ("50%", not "50.0%").
 */
export function formatPercent(value: number, locale: Locale, options: FormatPercentOptions = {}): string {
  if (!Number.isFinite(value)) return MISSING_VALUE;
  const number = formatNumber(value, locale, {
    maximumFractionDigits: options.fractionDigits ?? 1,
    thaiDigits: options.thaiDigits,
  });
  return `${number}%`;
}

export interface FormatBahtOptions {
  /** Amounts of a million baht and more in millions: "12.3 ล้านบาท" / "12.3 M THB". */
  compact?: boolean;
  /** Decimals of the compact figure; defaults to 1. */
  fractionDigits?: number;
  thaiDigits?: boolean;
}

const ONE_MILLION = 1_000_000;

/**
 * "1,234,567 บาท" / "1,234,567 THB"; satang appear, always with two digits, only when present
 * ("1,234.50 บาท"). Compact keeps millions as the one unit even for very large sums ("3,480,000 ล้านบาท"),
 * as Thai budget documents do, so a column of amounts compares at a glance; below a million it falls back
 * to whole baht.
 */
export function formatBaht(amount: number, locale: Locale, options: FormatBahtOptions = {}): string {
  if (!Number.isFinite(amount)) return MISSING_VALUE;
  const thaiDigits = options.thaiDigits;
  if (options.compact && Math.abs(amount) >= ONE_MILLION) {
    const millions = formatNumber(amount / ONE_MILLION, locale, {
      maximumFractionDigits: options.fractionDigits ?? 1,
      thaiDigits,
    });
    return locale === "th" ? `${millions} ล้านบาท` : `${millions} M THB`;
  }
  const hasSatang = Math.round(amount * 100) % 100 !== 0;
  const digits = hasSatang ? 2 : 0;
  const number = formatNumber(amount, locale, {
    minimumFractionDigits: digits,
    maximumFractionDigits: digits,
    thaiDigits,
  });
  return locale === "th" ? `${number} บาท` : `${number} THB`;
}

export function toThaiDigits(text: string | number): string {
  return String(text).replace(/[0-9]/g, (digit) => THAI_DIGITS[Number(digit)]!);
}

export function fromThaiDigits(text: string): string {
  return text.replace(/[๐-๙]/g, (digit) => String(THAI_DIGITS.indexOf(digit)));
}

// ---------------------------------------------------------------------------------------------

function numberLocale(locale: Locale): string {
  // Pin Latin digits: some Thai user agents default th-TH to Thai numerals.
  return locale === "th" ? "th-TH-u-nu-latn" : "en-US-u-nu-latn";
}

function plainDateParts(isoDate: string): Pick<WallClock, "year" | "month" | "day"> {
  if (!isIsoDate(isoDate)) throw new RangeError(`expected a date "YYYY-MM-DD", got ${JSON.stringify(isoDate)}`);
  const [year, month, day] = isoDate.split("-").map(Number) as [number, number, number];
  return { year, month, day };
}

function bangkokWallClock(instant: Date): Pick<WallClock, "year" | "month" | "day"> {
  return plainDateParts(isoDateInTimeZone(instant, DEFAULT_TIME_ZONE));
}

/** One date-time formatter per time zone, made on first use (see numberFormat). */
const wallClockFormats = new Map<string, Intl.DateTimeFormat>();

function wallClock(instant: Date, timeZone: string): WallClock {
  if (Number.isNaN(instant.getTime())) throw new RangeError("cannot format an invalid Date");
  let format = wallClockFormats.get(timeZone);
  if (!format) {
    format = new Intl.DateTimeFormat("en-US-u-ca-gregory-nu-latn", {
      timeZone,
      year: "numeric",
      month: "numeric",
      day: "numeric",
      hour: "numeric",
      minute: "numeric",
      hourCycle: "h23",
    });
    wallClockFormats.set(timeZone, format);
  }
  const parts = format.formatToParts(instant);
  const part = (type: Intl.DateTimeFormatPartTypes): number =>
    Number(parts.find((p) => p.type === type)?.value);
  return { year: part("year"), month: part("month"), day: part("day"), hour: part("hour"), minute: part("minute") };
}

const INSTANT_PATTERN = /^\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})$/i;

function parseInstant(text: string): Date {
  const instant = INSTANT_PATTERN.test(text) ? new Date(text.replace(" ", "T")) : null;
  if (!instant || Number.isNaN(instant.getTime())) {
    throw new RangeError(`expected a timestamp with a time zone offset, got ${JSON.stringify(text)}`);
  }
  return instant;
}

function isoFromParts({ year, month, day }: Pick<WallClock, "year" | "month" | "day">): IsoDate {
  return `${String(year).padStart(4, "0")}-${twoDigits(month)}-${twoDigits(day)}`;
}

function twoDigits(value: number): string {
  return String(value).padStart(2, "0");
}
