// Which quarter "now" means. Two different questions, two functions, never to be swapped:
//
// - defaultReportingPeriod: the quarter every page, report and CLI shows when the user has not chosen
//   one — the latest quarter whose reports are due (its due date has passed), so the figures are as
//   complete as they will get and a comparison with the quarter before compares like with like. Before
//   any quarter is due (a new installation), the latest one that has started, else the first.
// - periodOpenForReporting: the quarter agencies are filling in now (the officer's home and form) —
//   the one containing today. Its figures are provisional until its due date has passed.
//
// A quarter is provisional while its due date has not passed (today ≤ due date): shown only when the
// user chooses it, and then marked as such on the page and in the report.
import type { IsoDate } from "./calendar";

/** What the rule needs of a period: its dates (ISO "YYYY-MM-DD"). */
export interface PeriodDates {
  startsOn: IsoDate;
  endsOn: IsoDate;
  dueOn: IsoDate;
}

/** True once the period's due date has passed: missing reports are overdue and its figures final enough to judge. */
export function isPeriodDue(period: Pick<PeriodDates, "dueOn">, today: IsoDate): boolean {
  return today > period.dueOn;
}

/** True while reports for the period may still arrive: its figures are preliminary. */
export function isPeriodProvisional(period: Pick<PeriodDates, "dueOn">, today: IsoDate): boolean {
  return !isPeriodDue(period, today);
}

/** The period shown when none is chosen: the latest one whose reports are due; before any is due, the current one. */
export function defaultReportingPeriod<P extends PeriodDates>(periods: readonly P[], today: IsoDate): P | undefined {
  const sorted = byStart(periods);
  return sorted.filter((p) => isPeriodDue(p, today)).at(-1) ?? sorted.filter((p) => p.startsOn <= today).at(-1) ?? sorted[0];
}

/** The period a page shows: the one the user chose (by code) when it exists, else the default. */
export function selectReportingPeriod<P extends PeriodDates & { code: string }>(periods: readonly P[], chosen: string | null | undefined, today: IsoDate): P | undefined {
  return (chosen ? periods.find((p) => p.code === chosen) : undefined) ?? defaultReportingPeriod(periods, today);
}

/**
 * The quarter agencies are reporting on now (which form to fill in): the one containing today; else the
 * latest marked open; else the latest. Not a default for figures: its reports are not all in yet.
 */
export function periodOpenForReporting<P extends PeriodDates & { status?: string }>(periods: readonly P[], today: IsoDate): P | undefined {
  const sorted = byStart(periods);
  return sorted.find((p) => p.startsOn <= today && today <= p.endsOn) ?? sorted.filter((p) => p.status === "open").at(-1) ?? sorted.at(-1);
}

function byStart<P extends PeriodDates>(periods: readonly P[]): P[] {
  return [...periods].sort((a, b) => a.startsOn.localeCompare(b.startsOn));
}
