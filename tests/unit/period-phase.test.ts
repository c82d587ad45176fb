import { describe, expect, it } from "vitest";
import { defaultDueDate, listPeriods, parsePeriodCode, periodBounds, type FiscalQuarter } from "@/core/fiscal/calendar";
import { closingDay, periodPhase, submissionListPeriods } from "@/core/fiscal/period-phase";

/** Quarters as the fiscal-year rollover creates them: open, closing 30 days after their due date. */
const periods = listPeriods("2569Q1", "2570Q4").map((code) => {
  const { fiscalYear, quarter } = parsePeriodCode(code)!;
  const dueOn = defaultDueDate(fiscalYear, quarter as FiscalQuarter);
  return { code, ...periodBounds(fiscalYear, quarter as FiscalQuarter), dueOn, closesOn: closingDay(dueOn), status: "open" as const };
});

describe("submissionListPeriods: the quarters an agency's submissions are listed for", () => {
  it("lists the next quarter, the open one and the last closed, not the quarters created ahead for the new fiscal year", () => {
    // 5 Dec 2026: Q1/2570 is open, Q4/2569 closed on 14 Nov, Q2–Q4/2570 exist but open from January on.
    expect(submissionListPeriods(periods, "2026-12-05").map((p) => p.code)).toEqual(["2570Q2", "2570Q1", "2569Q4"]);
  });

  it("lists both quarters open at once while the last one still takes late work", () => {
    // 20 Oct 2026: Q4/2569 is past due but still open; Q1/2570 has begun.
    expect(periodPhase(periods.find((p) => p.code === "2569Q4")!, "2026-10-20")).toBe("open");
    expect(submissionListPeriods(periods, "2026-10-20").map((p) => p.code)).toEqual(["2570Q2", "2569Q4", "2570Q1", "2569Q3"]);
  });

  it("a quarter an administrator closed by hand is closed, whatever its dates", () => {
    const closedByHand = periods.map((p) => (p.code === "2570Q1" ? { ...p, status: "closed" as const } : p));
    expect(submissionListPeriods(closedByHand, "2026-12-05").map((p) => p.code)).toEqual(["2570Q2", "2570Q1"]);
  });
});
