import { describe, expect, it } from "vitest";
import { defaultDueDate, listPeriods, parsePeriodCode, periodBounds, type FiscalQuarter } from "@/core/fiscal/calendar";
import { defaultReportingPeriod, isPeriodProvisional, periodOpenForReporting } from "@/core/fiscal/reporting-period";

/** Periods as the database holds them: dates from the calendar, due 15 days after the quarter ends. */
function periodsOf(from: string, to: string, open?: string) {
  return listPeriods(from, to).map((code) => {
    const { fiscalYear, quarter } = parsePeriodCode(code)!;
    return { code, ...periodBounds(fiscalYear, quarter as FiscalQuarter), dueOn: defaultDueDate(fiscalYear, quarter as FiscalQuarter), status: code === open ? "open" : "closed" };
  });
}

const DEMO = periodsOf("2569Q1", "2570Q4", "2570Q1");

describe("defaultReportingPeriod: the latest quarter whose reports are due", () => {
  it.each([
    // today         expected   why
    ["2026-12-05", "2569Q4", "Q1/2570 is open (due 15 Jan 2027): the last quarter due is Q4/2569"],
    ["2026-10-15", "2569Q3", "on Q4's due date itself reports may still arrive"],
    ["2026-10-16", "2569Q4", "the day after Q4's due date"],
    ["2027-01-15", "2569Q4", "on Q1/2570's due date"],
    ["2027-01-16", "2570Q1", "the day after Q1/2570's due date"],
    ["2027-10-16", "2570Q4", "after the last quarter's due date"],
    ["2030-01-01", "2570Q4", "long after the last period"],
  ])("on %s it is %s (%s)", (today, expected) => {
    expect(defaultReportingPeriod(DEMO, today)?.code).toBe(expected);
  });

  it.each([
    ["2025-10-01", "2569Q1", "the first day of the first quarter: none is due, the current one"],
    ["2026-01-10", "2569Q2", "Q1 ended, not yet due: the latest quarter that has started"],
    ["2025-06-01", "2569Q1", "before any period has started: the first"],
  ])("before any quarter is due, on %s it is %s (%s)", (today, expected) => {
    expect(defaultReportingPeriod(DEMO, today)?.code).toBe(expected);
  });

  it("does not depend on the order the periods are listed in", () => {
    expect(defaultReportingPeriod([...DEMO].reverse(), "2026-12-05")?.code).toBe("2569Q4");
  });

  it("has no answer without periods", () => {
    expect(defaultReportingPeriod([], "2026-12-05")).toBeUndefined();
  });
});

describe("periodOpenForReporting: the quarter agencies fill in now", () => {
  it.each([
    ["2026-12-05", "2570Q1"],
    ["2026-10-01", "2570Q1"],
    ["2026-09-30", "2569Q4"],
  ])("on %s it is %s (the quarter containing today)", (today, expected) => {
    expect(periodOpenForReporting(DEMO, today)?.code).toBe(expected);
  });

  it("outside every period: the latest marked open, else the latest", () => {
    expect(periodOpenForReporting(DEMO, "2031-01-01")?.code).toBe("2570Q1");
    expect(periodOpenForReporting(periodsOf("2569Q1", "2569Q4"), "2031-01-01")?.code).toBe("2569Q4");
  });

  it("differs from the default period while the current quarter's reports are not due", () => {
    expect(periodOpenForReporting(DEMO, "2026-12-05")?.code).not.toBe(defaultReportingPeriod(DEMO, "2026-12-05")?.code);
  });
});

describe("isPeriodProvisional", () => {
  const q1 = DEMO.find((p) => p.code === "2570Q1")!;
  it.each([
    ["2026-12-05", true],
    ["2027-01-15", true],
    ["2027-01-16", false],
  ])("Q1/2570 (due 2027-01-15) on %s: %s", (today, provisional) => {
    expect(isPeriodProvisional(q1, today)).toBe(provisional);
  });
});
