import "server-only";
import { countNationalSubmissions } from "@/db/queries/completeness";
import { todayInBangkok } from "@/core/fiscal/calendar";
import { isPeriodProvisional } from "@/core/fiscal/reporting-period";

/** What a page says about a chosen quarter whose reports are not yet due: its due date and how many are in. */
export interface ProvisionalNotice {
  code: string;
  dueOn: string;
  expected: number;
  submitted: number;
  /** Percent of expected submissions that reached DGA; null when none are expected. */
  submittedShare: number | null;
}

/**
 * Null for a quarter whose due date has passed (the default: see core/fiscal/reporting-period.ts); for an
 * open quarter the user chose, the notice every page and report shows beside its figures.
 */
export async function getProvisionalNotice(period: { id: number; code: string; dueOn: string }, today: string = todayInBangkok()): Promise<ProvisionalNotice | null> {
  if (!isPeriodProvisional(period, today)) return null;
  const { expected, submitted } = await countNationalSubmissions(period.id);
  return { code: period.code, dueOn: period.dueOn, expected, submitted, submittedShare: expected > 0 ? (submitted / expected) * 100 : null };
}
