import "server-only";
import { countNationalSubmissions } from "@/db/queries/completeness";
import type { Actor } from "@/core/auth/actor";
import { todayInBangkok } from "@/core/fiscal/calendar";
import { isPeriodProvisional } from "@/core/fiscal/reporting-period";
import { cachedDashboardRead } from "./cache";

/** What a page says about a chosen quarter whose reports are not yet due: its due date and how many are in. */
export interface ProvisionalNotice {
  code: string;
  dueOn: string;
  expected: number;
  submitted: number;
  /** Percent of expected submissions that reached DGA; null when none are expected. */
  submittedShare: number | null;
}

type NoticePeriod = { id: number; code: string; dueOn: string };

/**
 * The national count beside the dashboards' figures, kept with them: a first submission queues the period's
 * derived refresh, whose version keys this read, so the count moves with the figures it qualifies.
 */
const countSubmissionsWithFigures = cachedDashboardRead("provisional", (_actor: Actor, periodId: number, _periodCode: string) => countNationalSubmissions(periodId), {
  everyone: true,
  periodOf: ([, periodCode]) => periodCode,
});

/**
 * Null for a quarter whose due date has passed (the default: see core/fiscal/reporting-period.ts); for an
 * open quarter the user chose, the notice every page and report shows beside its figures.
 */
export async function getProvisionalNotice(actor: Actor, period: NoticePeriod, today: string = todayInBangkok()): Promise<ProvisionalNotice | null> {
  if (!isPeriodProvisional(period, today)) return null;
  return noticeOf(period, await countSubmissionsWithFigures(actor, period.id, period.code));
}

/** The same notice counted now, for a page that shows the submissions themselves (the completeness tally). */
export async function getLiveProvisionalNotice(period: NoticePeriod, today: string = todayInBangkok()): Promise<ProvisionalNotice | null> {
  if (!isPeriodProvisional(period, today)) return null;
  return noticeOf(period, await countNationalSubmissions(period.id));
}

function noticeOf(period: NoticePeriod, { expected, submitted }: { expected: number; submitted: number }): ProvisionalNotice {
  return { code: period.code, dueOn: period.dueOn, expected, submitted, submittedShare: expected > 0 ? (submitted / expected) * 100 : null };
}
