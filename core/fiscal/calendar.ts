// Thai government fiscal calendar.
//
// A fiscal year runs 1 October – 30 September and is named in the Buddhist era (BE = CE + 543) by the
// year in which it ends: FY 2570 = 2026-10-01 … 2027-09-30. Q1 Oct–Dec, Q2 Jan–Mar, Q3 Apr–Jun, Q4 Jul–Sep.
//
// Dates are plain calendar dates written as ISO strings "YYYY-MM-DD" in the Gregorian calendar (CE).
// All arithmetic goes through Date.UTC so the server's or browser's local time zone never shifts a day.

/** A plain calendar date "YYYY-MM-DD" (CE). */
export type IsoDate = string;
export type FiscalQuarter = 1 | 2 | 3 | 4;
/** A reporting period code such as "2570Q1" (BE fiscal year + quarter). */
export type PeriodCode = string;

export interface FiscalPeriod {
  fiscalYear: number;
  quarter: FiscalQuarter;
}

export interface DateRange {
  startsOn: IsoDate;
  endsOn: IsoDate;
}

export const BUDDHIST_ERA_OFFSET = 543;
/** Fiscal years outside this range are typos, not real periods. */
export const MIN_FISCAL_YEAR = 2500;
export const MAX_FISCAL_YEAR = 2700;
export const DEFAULT_TIME_ZONE = "Asia/Bangkok";
/** Reports are commonly due about 15 days after the quarter ends. */
export const DEFAULT_GRACE_DAYS = 15;

const MS_PER_DAY = 86_400_000;
const ISO_DATE_PATTERN = /^(\d{4})-(\d{2})-(\d{2})$/;
const PERIOD_CODE_PATTERN = /^(\d{4})Q([1-4])$/;

export function toBuddhistYear(ceYear: number): number {
  assertInteger(ceYear, "ceYear");
  return ceYear + BUDDHIST_ERA_OFFSET;
}

export function toGregorianYear(beYear: number): number {
  assertInteger(beYear, "beYear");
  return beYear - BUDDHIST_ERA_OFFSET;
}

export function isIsoDate(value: string): boolean {
  return splitIsoDate(value) !== null;
}

/** Builds "YYYY-MM-DD" from CE parts; returns null for impossible dates such as 31 February. */
export function isoDateFromParts(year: number, month: number, day: number): IsoDate | null {
  if (!Number.isInteger(year) || !Number.isInteger(month) || !Number.isInteger(day)) return null;
  if (year < 1 || year > 9999 || month < 1 || month > 12 || day < 1) return null;
  if (day > daysInMonth(year, month)) return null;
  return `${pad(year, 4)}-${pad(month, 2)}-${pad(day, 2)}`;
}

export function fiscalYearOf(isoDate: IsoDate): number {
  const { year, month } = parseIsoDateOrThrow(isoDate);
  // October–December belong to the fiscal year that ends in the following calendar year.
  return toBuddhistYear(month >= 10 ? year + 1 : year);
}

export function fiscalQuarterOf(isoDate: IsoDate): FiscalQuarter {
  const { month } = parseIsoDateOrThrow(isoDate);
  // Shift so October is month 0 of the fiscal year.
  return (Math.floor(((month + 2) % 12) / 3) + 1) as FiscalQuarter;
}

export function periodCodeOf(isoDate: IsoDate): PeriodCode {
  return formatPeriodCode(fiscalYearOf(isoDate), fiscalQuarterOf(isoDate));
}

/** Strict: "2570Q1" only (no lower case, spaces or "Q5"), fiscal year within 2500–2700; else null. */
export function parsePeriodCode(code: string): FiscalPeriod | null {
  const match = PERIOD_CODE_PATTERN.exec(code);
  if (!match) return null;
  const fiscalYear = Number(match[1]);
  if (fiscalYear < MIN_FISCAL_YEAR || fiscalYear > MAX_FISCAL_YEAR) return null;
  return { fiscalYear, quarter: Number(match[2]) as FiscalQuarter };
}

export function formatPeriodCode(fiscalYear: number, quarter: FiscalQuarter): PeriodCode {
  assertFiscalPeriod(fiscalYear, quarter);
  return `${fiscalYear}Q${quarter}`;
}

export function periodBounds(fiscalYear: number, quarter: FiscalQuarter): DateRange {
  assertFiscalPeriod(fiscalYear, quarter);
  const endingCeYear = toGregorianYear(fiscalYear);
  const firstMonth = [10, 1, 4, 7][quarter - 1]!;
  const ceYear = quarter === 1 ? endingCeYear - 1 : endingCeYear;
  const lastMonth = firstMonth + 2;
  return {
    startsOn: isoDateFromParts(ceYear, firstMonth, 1)!,
    endsOn: isoDateFromParts(ceYear, lastMonth, daysInMonth(ceYear, lastMonth))!,
  };
}

/** The report deadline: `graceDays` calendar days after the quarter's last day. */
export function defaultDueDate(
  fiscalYear: number,
  quarter: FiscalQuarter,
  graceDays: number = DEFAULT_GRACE_DAYS,
): IsoDate {
  assertInteger(graceDays, "graceDays");
  if (graceDays < 0) throw new RangeError(`graceDays must not be negative (got ${graceDays})`);
  return addDays(periodBounds(fiscalYear, quarter).endsOn, graceDays);
}

export function fiscalYearBounds(fiscalYear: number): DateRange {
  return {
    startsOn: periodBounds(fiscalYear, 1).startsOn,
    endsOn: periodBounds(fiscalYear, 4).endsOn,
  };
}

/** Every period from `fromCode` to `toCode`, both included; empty when `fromCode` comes after `toCode`. */
export function listPeriods(fromCode: PeriodCode, toCode: PeriodCode): PeriodCode[] {
  const from = parsePeriodCodeOrThrow(fromCode);
  const to = parsePeriodCodeOrThrow(toCode);
  const periods: PeriodCode[] = [];
  for (let index = periodIndex(from); index <= periodIndex(to); index++) {
    periods.push(formatPeriodCode(Math.floor(index / 4), ((index % 4) + 1) as FiscalQuarter));
  }
  return periods;
}

/** "2570Q1" -> "2569Q4". */
export function previousPeriod(code: PeriodCode): PeriodCode {
  const index = periodIndex(parsePeriodCodeOrThrow(code)) - 1;
  return formatPeriodCode(Math.floor(index / 4), ((index % 4) + 1) as FiscalQuarter);
}

/** "2570Q1" -> "2569Q1": the comparison a year-on-year chart needs. */
export function samePeriodLastYear(code: PeriodCode): PeriodCode {
  const { fiscalYear, quarter } = parsePeriodCodeOrThrow(code);
  return formatPeriodCode(fiscalYear - 1, quarter);
}

/** The calendar date of an instant as seen in an IANA time zone. */
const dateFormats = new Map<string, Intl.DateTimeFormat>();

export function isoDateInTimeZone(instant: Date, timeZone: string): IsoDate {
  if (Number.isNaN(instant.getTime())) throw new RangeError("instant is an invalid Date");
  // en-US with explicit Gregorian calendar and Latin digits gives parts we can read back as numbers.
  // Made once per time zone: building a formatter costs far more than using it.
  let format = dateFormats.get(timeZone);
  if (!format) dateFormats.set(timeZone, (format = new Intl.DateTimeFormat("en-US-u-ca-gregory-nu-latn", { timeZone, year: "numeric", month: "numeric", day: "numeric" })));
  const parts = format.formatToParts(instant);
  const part = (type: Intl.DateTimeFormatPartTypes): number =>
    Number(parts.find((p) => p.type === type)?.value);
  return isoDateFromParts(part("year"), part("month"), part("day"))!;
}

/** Today's date in Bangkok. The server may run in UTC, where 00:30 in Bangkok is still yesterday. */
export function todayInBangkok(now: Date = new Date()): IsoDate {
  return isoDateInTimeZone(now, DEFAULT_TIME_ZONE);
}

export function addDays(isoDate: IsoDate, days: number): IsoDate {
  assertInteger(days, "days");
  return isoDateFromEpochDay(epochDay(isoDate) + days);
}

/** Signed number of days from `a` to `b`: daysBetween("2026-01-01", "2026-01-02") === 1. */
export function daysBetween(a: IsoDate, b: IsoDate): number {
  return epochDay(b) - epochDay(a);
}

/**
 * Share of a date range that has passed by the end of `asOfIso`, clamped to 0..1. Both ends are
 * included, so a report "as of" the last day of Q1 of a fiscal-year project shows 92/365, and
 * the last day of the range shows 1. Used to compare physical progress with elapsed time.
 */
export function elapsedShare(startIso: IsoDate, endIso: IsoDate, asOfIso: IsoDate): number {
  const totalDays = daysBetween(startIso, endIso) + 1;
  if (totalDays < 1) throw new RangeError(`end date ${endIso} is before start date ${startIso}`);
  const elapsedDays = daysBetween(startIso, asOfIso) + 1;
  return Math.min(1, Math.max(0, elapsedDays / totalDays));
}

// ---------------------------------------------------------------------------------------------

interface DateParts {
  year: number;
  month: number;
  day: number;
}

function splitIsoDate(value: string): DateParts | null {
  const match = ISO_DATE_PATTERN.exec(value);
  if (!match) return null;
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  return isoDateFromParts(year, month, day) === null ? null : { year, month, day };
}

function parseIsoDateOrThrow(isoDate: IsoDate): DateParts {
  const parts = splitIsoDate(isoDate);
  if (!parts) throw new RangeError(`expected a date "YYYY-MM-DD", got ${JSON.stringify(isoDate)}`);
  return parts;
}

function parsePeriodCodeOrThrow(code: PeriodCode): FiscalPeriod {
  const period = parsePeriodCode(code);
  if (!period) throw new RangeError(`expected a period code such as "2570Q1", got ${JSON.stringify(code)}`);
  return period;
}

function assertFiscalPeriod(fiscalYear: number, quarter: number): void {
  if (!Number.isInteger(fiscalYear) || fiscalYear < MIN_FISCAL_YEAR || fiscalYear > MAX_FISCAL_YEAR) {
    throw new RangeError(
      `fiscal year must be a Buddhist-era year from ${MIN_FISCAL_YEAR} to ${MAX_FISCAL_YEAR} (got ${fiscalYear})`,
    );
  }
  if (quarter !== 1 && quarter !== 2 && quarter !== 3 && quarter !== 4) {
    throw new RangeError(`quarter must be 1, 2, 3 or 4 (got ${quarter})`);
  }
}

function assertInteger(value: number, name: string): void {
  if (!Number.isInteger(value)) throw new RangeError(`${name} must be an integer (got ${value})`);
}

/** Quarters counted continuously so that ranges and "previous" cross fiscal-year boundaries. */
function periodIndex({ fiscalYear, quarter }: FiscalPeriod): number {
  return fiscalYear * 4 + (quarter - 1);
}

function epochDay(isoDate: IsoDate): number {
  const { year, month, day } = parseIsoDateOrThrow(isoDate);
  return utcDate(year, month, day).getTime() / MS_PER_DAY;
}

function isoDateFromEpochDay(days: number): IsoDate {
  const date = new Date(days * MS_PER_DAY);
  const iso = isoDateFromParts(date.getUTCFullYear(), date.getUTCMonth() + 1, date.getUTCDate());
  if (!iso) throw new RangeError("date is outside years 0001–9999");
  return iso;
}

function utcDate(year: number, month: number, day: number): Date {
  const date = new Date(Date.UTC(2000, month - 1, day));
  // Date.UTC maps years 0–99 to 1900–1999; set the year separately to keep it literal.
  date.setUTCFullYear(year);
  return date;
}

function daysInMonth(year: number, month: number): number {
  const isLeap = (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
  return [31, isLeap ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][month - 1]!;
}

function pad(value: number, width: number): string {
  return String(value).padStart(width, "0");
}
