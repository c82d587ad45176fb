// Early warning: where a project's (and an agency's) disbursement will end the fiscal year if it keeps the
// pace that projects showed in previous years, and projects that end this year far behind on the ground.
//
// Model: the cumulative-share curve. For previous fiscal years, share(q) = Σ cumulative disbursed at the end
// of quarter q ÷ Σ disbursed at year end, over project-years with a year-end figure (a budget-weighted
// curve: big projects shape it more, as they do the money at stake). This year's projection after quarter
// q is disbursed ÷ share(q), capped at the budget. The agency's own history is used when it has at least
// MIN_CURVE_PROJECT_YEARS project-years, else the national curve, else a straight line (disbursed × 4 ÷ q).
import { elapsedShare, type FiscalQuarter, type IsoDate } from "@/core/fiscal/calendar";

/** Project-years needed before a curve is trusted over the straight line. */
export const MIN_CURVE_PROJECT_YEARS = 3;

/** One project in one previous fiscal year: cumulative disbursed at the end of Q1..Q4 (null: not reported). */
export interface PastProjectYear {
  cumulative: readonly [number | null, number | null, number | null, number | null];
}

/** share[q-1]: the part of year-end disbursement reached by the end of quarter q (share[3] is 1). */
export type ShareCurve = readonly [number, number, number, number];

export type ProjectionModel = "actual" | "agency_curve" | "national_curve" | "linear";

/**
 * The sums a curve is made of, per quarter 1–3: over project-years with a year-end figure > 0 and a
 * figure for that quarter, Σ the quarter's cumulative disbursed, Σ their year-end figures, and how many.
 * The database computes them (db/queries/early-warning.ts); shareCurve computes them from rows.
 */
export type CurveTotals = readonly { quarterSum: number; yearEndSum: number; projectYears: number }[];

export function curveTotals(history: readonly PastProjectYear[]): CurveTotals {
  const usable = history.filter((h) => h.cumulative[3] !== null && h.cumulative[3] > 0);
  return [0, 1, 2].map((q) => {
    const withQuarter = usable.filter((h) => h.cumulative[q] !== null);
    return {
      quarterSum: withQuarter.reduce((sum, h) => sum + Math.max(0, h.cumulative[q]!), 0),
      yearEndSum: withQuarter.reduce((sum, h) => sum + h.cumulative[3]!, 0),
      projectYears: withQuarter.length,
    };
  });
}

/** The curve of the totals, or null when a quarter has too little history to trust. */
export function curveFromTotals(totals: CurveTotals, minProjectYears = MIN_CURVE_PROJECT_YEARS): ShareCurve | null {
  if (totals.length !== 3 || totals.some((t) => t.projectYears < minProjectYears || t.yearEndSum <= 0)) return null;
  // A later correction can put a quarter above year end; a share above 1 would project a fall.
  const [q1, q2, q3] = totals.map((t) => Math.min(1, t.quarterSum / t.yearEndSum)) as [number, number, number];
  return [q1, q2, q3, 1];
}

/** The cumulative-share curve of the given project-years, or null with too little history to trust. */
export function shareCurve(history: readonly PastProjectYear[], minProjectYears = MIN_CURVE_PROJECT_YEARS): ShareCurve | null {
  return curveFromTotals(curveTotals(history), minProjectYears);
}

export interface ProjectionInput {
  /** Cumulative disbursed at the end of `quarter` (baht). */
  disbursed: number;
  quarter: FiscalQuarter;
  /** Allocated budget (baht); the projection never exceeds it. Null or 0: no cap and no percentage. */
  budget: number | null;
  agencyCurve: ShareCurve | null;
  nationalCurve: ShareCurve | null;
}

export interface Projection {
  projected: number;
  /** Percent of budget; null without a budget. */
  projectedPercent: number | null;
  model: ProjectionModel;
}

/** The projected year-end disbursement of one project (or of a sum of projects, with their summed figures). */
export function projectYearEnd(input: ProjectionInput): Projection {
  const { disbursed, quarter, budget } = input;
  let projected: number;
  let model: ProjectionModel;
  if (quarter === 4) {
    projected = disbursed;
    model = "actual";
  } else {
    const [curve, curveModel] = input.agencyCurve ? [input.agencyCurve, "agency_curve" as const] : input.nationalCurve ? [input.nationalCurve, "national_curve" as const] : [null, "linear" as const];
    const share = curve?.[quarter - 1];
    // A curve that reached nothing by this quarter in the past says nothing about the pace: straight line.
    if (curve && share !== undefined && share > 0) {
      projected = disbursed / share;
      model = curveModel;
    } else {
      projected = (disbursed * 4) / quarter;
      model = "linear";
    }
  }
  projected = Math.max(0, budget && budget > 0 ? Math.min(projected, Math.max(budget, disbursed)) : projected);
  return { projected, projectedPercent: budget && budget > 0 ? (projected / budget) * 100 : null, model };
}

/** Percentage points the projection falls short of the annual target (positive = short), or null. */
export function shortfallPoints(projection: Projection, annualTargetPercent: number): number | null {
  return projection.projectedPercent === null ? null : annualTargetPercent - projection.projectedPercent;
}

/** Points behind the elapsed share of its time a project ending this year may be before it is warned of. */
export const DEFAULT_MAX_POINTS_BEHIND = 20;

export interface EndingProjectInput {
  startsOn: IsoDate | null;
  endsOn: IsoDate | null;
  /** Physical progress, percent; null when not reported. */
  progress: number | null;
  asOf: IsoDate;
  fiscalYearStart: IsoDate;
  fiscalYearEnd: IsoDate;
}

export interface EndingProjectWarning {
  expected: number;
  progress: number;
  pointsBehind: number;
}

/**
 * A project that ends within this fiscal year (and has not ended before `asOf`'s quarter began, i.e. any
 * end date in the year) and whose physical progress trails the elapsed share of its duration by more than
 * `maxPointsBehind`; null otherwise (also when a date or the progress is missing: nothing to judge).
 */
export function endingProjectWarning(input: EndingProjectInput, maxPointsBehind = DEFAULT_MAX_POINTS_BEHIND): EndingProjectWarning | null {
  const { startsOn, endsOn, progress, asOf } = input;
  if (!startsOn || !endsOn || progress === null || endsOn < startsOn) return null;
  if (endsOn < input.fiscalYearStart || endsOn > input.fiscalYearEnd) return null;
  const expected = elapsedShare(startsOn, endsOn, asOf) * 100;
  const pointsBehind = expected - progress;
  return pointsBehind > maxPointsBehind ? { expected, progress, pointsBehind } : null;
}
