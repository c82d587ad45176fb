import { describe, expect, it } from "vitest";
import {
  addDays,
  daysBetween,
  defaultDueDate,
  elapsedShare,
  fiscalQuarterOf,
  fiscalYearBounds,
  fiscalYearOf,
  formatPeriodCode,
  isoDateInTimeZone,
  listPeriods,
  parsePeriodCode,
  periodBounds,
  periodCodeOf,
  previousPeriod,
  samePeriodLastYear,
  toBuddhistYear,
  toGregorianYear,
  todayInBangkok,
  type FiscalQuarter,
} from "@/core/fiscal/calendar";

describe("Buddhist era conversion", () => {
  it.each([
    [2026, 2569],
    [2024, 2567],
    [1957, 2500],
  ])("CE %i is BE %i and back", (ce, be) => {
    expect(toBuddhistYear(ce)).toBe(be);
    expect(toGregorianYear(be)).toBe(ce);
  });

  it("rejects a fractional year", () => {
    expect(() => toBuddhistYear(2026.5)).toThrow(RangeError);
  });
});

describe("fiscal year and quarter of a date", () => {
  it.each([
    // The fiscal year turns over between 30 Sep and 1 Oct.
    ["2026-09-30", 2569, 4, "2569Q4"],
    ["2026-10-01", 2570, 1, "2570Q1"],
    // The calendar year turns over inside Q1/Q2 of the same fiscal year.
    ["2026-12-31", 2570, 1, "2570Q1"],
    ["2027-01-01", 2570, 2, "2570Q2"],
    ["2027-03-31", 2570, 2, "2570Q2"],
    ["2027-04-01", 2570, 3, "2570Q3"],
    ["2027-06-30", 2570, 3, "2570Q3"],
    ["2027-07-01", 2570, 4, "2570Q4"],
    ["2027-09-30", 2570, 4, "2570Q4"],
    ["2024-02-29", 2567, 2, "2567Q2"],
    ["2026-11-24", 2570, 1, "2570Q1"],
  ])("%s is in FY %i Q%i (%s)", (date, fiscalYear, quarter, code) => {
    expect(fiscalYearOf(date)).toBe(fiscalYear);
    expect(fiscalQuarterOf(date)).toBe(quarter);
    expect(periodCodeOf(date)).toBe(code);
  });

  it.each(["2026-13-01", "2026-02-29", "2026-9-30", "30/09/2026", "", "2026-09-30T00:00:00Z"])(
    "rejects %j, which is not a real ISO calendar date",
    (value) => {
      expect(() => fiscalYearOf(value)).toThrow(RangeError);
    },
  );
});

describe("period codes", () => {
  it.each([
    ["2570Q1", { fiscalYear: 2570, quarter: 1 }],
    ["2569Q4", { fiscalYear: 2569, quarter: 4 }],
    ["2500Q1", { fiscalYear: 2500, quarter: 1 }],
    ["2700Q4", { fiscalYear: 2700, quarter: 4 }],
  ])("parses %s", (code, expected) => {
    expect(parsePeriodCode(code)).toEqual(expected);
  });

  it.each([
    ["2570Q5", "no fifth quarter"],
    ["2570Q0", "no quarter zero"],
    ["2570q1", "lower-case q"],
    [" 2570Q1", "leading space"],
    ["2570Q1 ", "trailing space"],
    ["2570-Q1", "separator"],
    ["70Q1", "two-digit year"],
    ["2026Q1", "CE year, below 2500"],
    ["2499Q4", "just below the range"],
    ["2701Q1", "just above the range"],
    ["๒๕๗๐Q1", "Thai digits"],
    ["", "empty"],
  ])("rejects %j (%s)", (code) => {
    expect(parsePeriodCode(code)).toBeNull();
  });

  it("formats a fiscal year and quarter as a code", () => {
    expect(formatPeriodCode(2570, 3)).toBe("2570Q3");
  });

  it.each([
    [2026, 1],
    [2570, 5],
  ])("refuses to format FY %i Q%i", (fiscalYear, quarter) => {
    expect(() => formatPeriodCode(fiscalYear, quarter as FiscalQuarter)).toThrow(RangeError);
  });
});

describe("period bounds and due dates", () => {
  it.each([
    [2570, 1, "2026-10-01", "2026-12-31", "2027-01-15"],
    [2570, 2, "2027-01-01", "2027-03-31", "2027-04-15"],
    [2570, 3, "2027-04-01", "2027-06-30", "2027-07-15"],
    [2570, 4, "2027-07-01", "2027-09-30", "2027-10-15"],
    // Q2 of FY 2567 contains the leap day 29 Feb 2024.
    [2567, 2, "2024-01-01", "2024-03-31", "2024-04-15"],
  ])("FY %i Q%i runs %s to %s, report due %s", (fiscalYear, quarter, startsOn, endsOn, due) => {
    expect(periodBounds(fiscalYear, quarter as FiscalQuarter)).toEqual({ startsOn, endsOn });
    expect(defaultDueDate(fiscalYear, quarter as FiscalQuarter)).toBe(due);
  });

  it.each([
    [0, "2026-12-31"],
    [30, "2027-01-30"],
    [45, "2027-02-14"],
  ])("a grace period of %i days after Q1 FY 2570 gives %s", (graceDays, due) => {
    expect(defaultDueDate(2570, 1, graceDays)).toBe(due);
  });

  it("rejects a negative grace period", () => {
    expect(() => defaultDueDate(2570, 1, -1)).toThrow(RangeError);
  });

  it.each([
    [2570, "2026-10-01", "2027-09-30"],
    [2567, "2023-10-01", "2024-09-30"],
  ])("FY %i runs %s to %s", (fiscalYear, startsOn, endsOn) => {
    expect(fiscalYearBounds(fiscalYear)).toEqual({ startsOn, endsOn });
  });
});

describe("period navigation", () => {
  it.each([
    ["2570Q1", "2570Q1", ["2570Q1"]],
    ["2569Q3", "2570Q2", ["2569Q3", "2569Q4", "2570Q1", "2570Q2"]],
    ["2570Q2", "2570Q1", []],
  ])("lists %s to %s", (from, to, expected) => {
    expect(listPeriods(from, to)).toEqual(expected);
  });

  it("lists all eight quarters of two fiscal years", () => {
    expect(listPeriods("2569Q1", "2570Q4")).toHaveLength(8);
  });

  it("rejects an invalid bound instead of listing nothing", () => {
    expect(() => listPeriods("2570Q1", "2570Q9")).toThrow(RangeError);
  });

  it.each([
    ["2570Q1", "2569Q4"],
    ["2570Q2", "2570Q1"],
    ["2570Q4", "2570Q3"],
  ])("the period before %s is %s", (code, expected) => {
    expect(previousPeriod(code)).toBe(expected);
  });

  it.each([
    ["2570Q1", "2569Q1"],
    ["2570Q4", "2569Q4"],
  ])("the same period a year before %s is %s", (code, expected) => {
    expect(samePeriodLastYear(code)).toBe(expected);
  });

  it("refuses to step below the supported range", () => {
    expect(() => previousPeriod("2500Q1")).toThrow(RangeError);
  });
});

describe("today in Bangkok", () => {
  it.each([
    // 00:30 on 1 Oct in Bangkok is still 30 Sep in UTC: the new fiscal year has begun in Bangkok.
    ["2026-09-30T17:30:00Z", "2026-10-01"],
    // 23:59 on 30 Sep in Bangkok.
    ["2026-09-30T16:59:59Z", "2026-09-30"],
    // New Year: 00:00 on 1 Jan 2027 in Bangkok.
    ["2026-12-31T17:00:00Z", "2027-01-01"],
  ])("at %s it is %s in Bangkok", (instant, expected) => {
    expect(todayInBangkok(new Date(instant))).toBe(expected);
  });

  it("makes the fiscal quarter turn over at Bangkok midnight, not UTC midnight", () => {
    expect(periodCodeOf(todayInBangkok(new Date("2026-12-31T17:30:00Z")))).toBe("2570Q2");
  });

  it("reads the date in another zone when asked", () => {
    expect(isoDateInTimeZone(new Date("2026-09-30T17:30:00Z"), "UTC")).toBe("2026-09-30");
  });
});

describe("day arithmetic", () => {
  it.each([
    ["2026-01-01", "2026-01-02", 1],
    ["2026-01-02", "2026-01-01", -1],
    ["2024-02-28", "2024-03-01", 2],
    ["2026-02-28", "2026-03-01", 1],
    ["2026-10-01", "2027-09-30", 364],
    ["2023-10-01", "2024-09-30", 365],
  ])("from %s to %s is %i days", (a, b, days) => {
    expect(daysBetween(a, b)).toBe(days);
  });

  it.each([
    ["2024-02-28", 1, "2024-02-29"],
    ["2026-02-28", 1, "2026-03-01"],
    ["2026-12-31", 1, "2027-01-01"],
    ["2027-01-01", -1, "2026-12-31"],
  ])("%s plus %i day is %s", (date, days, expected) => {
    expect(addDays(date, days)).toBe(expected);
  });
});

describe("elapsed share of a project's time", () => {
  const start = "2026-10-01";
  const end = "2027-09-30"; // FY 2570: 365 days

  it.each([
    ["2026-09-15", 0],
    ["2026-10-01", 1 / 365],
    ["2026-12-31", 92 / 365],
    ["2027-03-31", 182 / 365],
    ["2027-09-30", 1],
    ["2028-01-01", 1],
  ])("as of %s the share is %d", (asOf, expected) => {
    expect(elapsedShare(start, end, asOf)).toBeCloseTo(expected, 10);
  });

  it("treats a one-day project as complete on its day", () => {
    expect(elapsedShare("2027-01-05", "2027-01-05", "2027-01-05")).toBe(1);
    expect(elapsedShare("2027-01-05", "2027-01-05", "2027-01-04")).toBe(0);
  });

  it("rejects an end date before the start", () => {
    expect(() => elapsedShare("2027-01-05", "2027-01-04", "2027-01-05")).toThrow(/before start/);
  });
});
