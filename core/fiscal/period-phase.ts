// Where a reporting period stands for agencies on a given day. The stored status (open/closed) is what an
// administrator or analyst set by hand; dates do the rest: before its first day a quarter is upcoming
// (it says when it opens), and after its closing day (the due date plus a grace period, when set) it no
// longer accepts agencies' work without anyone having to close it.
import { addDays, type IsoDate } from "./calendar";

export const PERIOD_PHASES = ["upcoming", "open", "closed"] as const;
export type PeriodPhase = (typeof PERIOD_PHASES)[number];

export interface PhasedPeriod {
  status: "open" | "closed";
  startsOn: IsoDate;
  closesOn: IsoDate | null;
}

/** Days after the due date that a quarter created by the fiscal-year rollover keeps accepting late work. */
export const DEFAULT_CLOSE_AFTER_DUE_DAYS = 30;

export function periodPhase(period: PhasedPeriod, today: IsoDate): PeriodPhase {
  if (today < period.startsOn) return "upcoming";
  if (period.status === "closed") return "closed";
  if (period.closesOn !== null && today > period.closesOn) return "closed";
  return "open";
}

/** The closing day of a quarter due on `dueOn`. */
export function closingDay(dueOn: IsoDate, closeAfterDueDays: number = DEFAULT_CLOSE_AFTER_DUE_DAYS): IsoDate {
  return addDays(dueOn, closeAfterDueDays);
}

/**
 * The quarters an agency's submissions are listed for on a given day (its home and its profile): every
 * open one, the next to open (which says when) and the last closed before them. Quarters further ahead,
 * created in advance with the next fiscal year, would only be rows of "not started".
 */
export function submissionListPeriods<P extends PhasedPeriod>(periods: readonly P[], today: IsoDate): P[] {
  const open = periods.filter((p) => periodPhase(p, today) === "open");
  const nextUpcoming = periods.find((p) => periodPhase(p, today) === "upcoming");
  const lastClosed = periods.filter((p) => periodPhase(p, today) === "closed" && (!open.length || p.startsOn < open[0]!.startsOn)).at(-1);
  return [...(nextUpcoming ? [nextUpcoming] : []), ...open, ...(lastClosed ? [lastClosed] : [])];
}
