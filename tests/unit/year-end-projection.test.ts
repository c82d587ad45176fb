import { describe, expect, it } from "vitest";
import { curveFromTotals, endingProjectWarning, projectYearEnd, shareCurve, shortfallPoints, type PastProjectYear, type ShareCurve } from "@/core/projections/year-end";

const year = (q1: number | null, q2: number | null, q3: number | null, q4: number | null): PastProjectYear => ({ cumulative: [q1, q2, q3, q4] });

describe("the cumulative-share curve of previous years", () => {
  it.each<[string, PastProjectYear[], ShareCurve | null]>([
    ["too little history: no curve", [year(10, 40, 70, 100), year(20, 50, 80, 100)], null],
    ["three alike project-years: their shape", [year(10, 40, 70, 100), year(10, 40, 70, 100), year(10, 40, 70, 100)], [0.1, 0.4, 0.7, 1]],
    ["budget-weighted: the big project shapes it", [year(0, 0, 0, 10), year(0, 0, 0, 10), year(500, 800, 900, 1000)], [500 / 1020, 800 / 1020, 900 / 1020, 1]],
    ["project-years without a year-end figure are left out", [year(10, 40, 70, 100), year(10, 40, 70, 100), year(10, 40, 70, 100), year(90, 90, 90, null), year(5, 5, 5, 0)], [0.1, 0.4, 0.7, 1]],
    ["a quarter above year end is capped at 1", [year(120, 120, 120, 100), year(120, 120, 120, 100), year(120, 120, 120, 100)], [1, 1, 1, 1]],
    ["a quarter reported by too few: no curve", [year(null, 40, 70, 100), year(null, 40, 70, 100), year(10, 40, 70, 100)], null],
  ])("%s", (_name, history, expected) => {
    const curve = shareCurve(history);
    if (expected === null) expect(curve).toBeNull();
    else expected.forEach((share, i) => expect(curve![i]).toBeCloseTo(share, 10));
  });

  it("is the same whether the sums come from rows or from the database", () => {
    const history = [year(10, 40, 70, 100), year(30, 60, 90, 200), year(5, 20, 45, 50)];
    const totals = [
      { quarterSum: 45, yearEndSum: 350, projectYears: 3 },
      { quarterSum: 120, yearEndSum: 350, projectYears: 3 },
      { quarterSum: 205, yearEndSum: 350, projectYears: 3 },
    ];
    expect(curveFromTotals(totals)).toEqual(shareCurve(history));
  });
});

describe("projected year-end disbursement", () => {
  const curve: ShareCurve = [0.2, 0.5, 0.75, 1];
  it.each<[string, Parameters<typeof projectYearEnd>[0], { projected: number; percent: number | null; model: string }]>([
    ["after Q1 on the agency's own curve", { disbursed: 10, quarter: 1, budget: 100, agencyCurve: curve, nationalCurve: null }, { projected: 50, percent: 50, model: "agency_curve" }],
    ["the national curve when the agency has none", { disbursed: 25, quarter: 2, budget: 100, agencyCurve: null, nationalCurve: curve }, { projected: 50, percent: 50, model: "national_curve" }],
    ["the agency's curve wins over the national one", { disbursed: 30, quarter: 3, budget: 100, agencyCurve: [0.1, 0.3, 0.6, 1], nationalCurve: curve }, { projected: 50, percent: 50, model: "agency_curve" }],
    ["no curve at all: straight line", { disbursed: 30, quarter: 2, budget: 100, agencyCurve: null, nationalCurve: null }, { projected: 60, percent: 60, model: "linear" }],
    ["a curve at zero for the quarter: straight line", { disbursed: 10, quarter: 1, budget: 100, agencyCurve: [0, 0.5, 0.75, 1], nationalCurve: null }, { projected: 40, percent: 40, model: "linear" }],
    ["never above the budget", { disbursed: 60, quarter: 1, budget: 100, agencyCurve: curve, nationalCurve: null }, { projected: 100, percent: 100, model: "agency_curve" }],
    ["already above the budget: what was disbursed", { disbursed: 120, quarter: 2, budget: 100, agencyCurve: curve, nationalCurve: null }, { projected: 120, percent: 120, model: "agency_curve" }],
    ["Q4 is the actual figure", { disbursed: 90, quarter: 4, budget: 100, agencyCurve: curve, nationalCurve: null }, { projected: 90, percent: 90, model: "actual" }],
    ["no budget: no percentage, no cap", { disbursed: 10, quarter: 1, budget: null, agencyCurve: curve, nationalCurve: null }, { projected: 50, percent: null, model: "agency_curve" }],
    ["nothing disbursed projects nothing", { disbursed: 0, quarter: 2, budget: 100, agencyCurve: curve, nationalCurve: null }, { projected: 0, percent: 0, model: "agency_curve" }],
  ])("%s", (_name, input, expected) => {
    const p = projectYearEnd(input);
    expect(p.projected).toBeCloseTo(expected.projected, 8);
    if (expected.percent === null) expect(p.projectedPercent).toBeNull();
    else expect(p.projectedPercent).toBeCloseTo(expected.percent, 8);
    expect(p.model).toBe(expected.model);
  });

  it("says how far short of the annual target", () => {
    expect(shortfallPoints({ projected: 80, projectedPercent: 80, model: "linear" }, 96)).toBe(16);
    expect(shortfallPoints({ projected: 80, projectedPercent: null, model: "linear" }, 96)).toBeNull();
  });
});

describe("projects ending this fiscal year far behind", () => {
  const fy = { fiscalYearStart: "2026-10-01", fiscalYearEnd: "2027-09-30" };
  it.each<[string, { startsOn: string | null; endsOn: string | null; progress: number | null; asOf: string }, number | null]>([
    ["half the time gone, 10 % done: 40 points behind", { startsOn: "2026-10-01", endsOn: "2027-03-31", progress: 10, asOf: "2026-12-30" }, 50 - 10],
    ["just within the margin is no warning", { startsOn: "2026-10-01", endsOn: "2027-09-30", progress: 6, asOf: "2026-12-31" }, null],
    ["ending next fiscal year: not this year's worry", { startsOn: "2026-10-01", endsOn: "2027-10-31", progress: 0, asOf: "2027-06-30" }, null],
    ["ended in a previous year: not this year's", { startsOn: "2025-10-01", endsOn: "2026-09-30", progress: 0, asOf: "2026-12-31" }, null],
    ["no progress reported: nothing to judge", { startsOn: "2026-10-01", endsOn: "2027-03-31", progress: null, asOf: "2026-12-31" }, null],
    ["no dates: nothing to judge", { startsOn: null, endsOn: "2027-03-31", progress: 0, asOf: "2026-12-31" }, null],
  ])("%s", (_name, input, behind) => {
    const warning = endingProjectWarning({ ...input, ...fy });
    if (behind === null) expect(warning).toBeNull();
    else expect(warning!.pointsBehind).toBeCloseTo(behind, 0);
  });
});
