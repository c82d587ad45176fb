import { z } from "zod";
import { SEVERITIES, type Severity } from "./rules";

// The worklist's priority score: which lagging agency DGA acts on first this quarter. Pure arithmetic on
// figures the flag evaluation stores per agency and quarter (db/schema/flags.ts agency_flag_summaries);
// the weights are admin-set and versioned (lib/flags/priority-weights.ts). Each factor is explained on
// screen, so the formula stays a product of a few plain factors:
//
//   score = severity × flags × budget × recurrence × time open
//   severity   = the weight of the worst open flag's severity
//   flags      = 1 + w_flags × ln(1 + open flags)          (a hundred KPI flags is not a hundred times worse)
//   budget     = 1 + w_budget × log10(1 + budget in million baht)
//   recurrence = 1 + w_recurrence × quarters lagging among the previous four
//   time open  = 1 + w_age × quarters since the oldest open flag was first seen (at most four)

const factorWeight = z.number().min(0).max(5);

export const priorityWeightsSchema = z.object({
  severity: z.object({ low: z.number().min(0).max(10), medium: z.number().min(0).max(10), high: z.number().min(0).max(10), critical: z.number().min(0).max(10) }),
  openFlags: factorWeight,
  budget: factorWeight,
  recurrence: factorWeight,
  age: factorWeight,
});
export type PriorityWeights = z.infer<typeof priorityWeightsSchema>;

export const DEFAULT_PRIORITY_WEIGHTS: PriorityWeights = {
  severity: { low: 1, medium: 2, high: 3, critical: 5 },
  openFlags: 1,
  budget: 0.5,
  recurrence: 0.25,
  age: 0.25,
};

/** How many previous quarters recurrence looks at, and the cap on time open (in quarters). */
export const RECURRENCE_LOOKBACK = 4;
export const MAX_QUARTERS_OPEN = 4;
const DAYS_PER_QUARTER = 91;

export interface PriorityInput {
  openFlags: number;
  /** Worst severity among the open flags (null: none open). */
  worstSeverity: Severity | null;
  /** Allocated budget of the agency's eMENSCR projects in the quarter's fiscal year, baht. */
  budgetBaht: number;
  /** Previous quarters (of the last four) in which the agency had lagging flags. */
  quartersLaggingBefore: number;
  /** Days since the oldest open flag was first seen. */
  daysOpen: number;
}

export interface PriorityFactors {
  severity: number;
  openFlags: number;
  budget: number;
  recurrence: number;
  age: number;
}

export interface PriorityScore {
  /** Rounded to one decimal; 0 when nothing is open. */
  score: number;
  factors: PriorityFactors;
}

const round = (value: number, digits: number) => Math.round(value * 10 ** digits) / 10 ** digits;

export function scorePriority(input: PriorityInput, weights: PriorityWeights): PriorityScore {
  const open = Math.max(0, input.openFlags);
  const quartersOpen = Math.min(MAX_QUARTERS_OPEN, Math.max(0, input.daysOpen) / DAYS_PER_QUARTER);
  const factors: PriorityFactors = {
    severity: open && input.worstSeverity ? weights.severity[input.worstSeverity] : 0,
    openFlags: round(1 + weights.openFlags * Math.log(1 + open), 3),
    budget: round(1 + weights.budget * Math.log10(1 + Math.max(0, input.budgetBaht) / 1_000_000), 3),
    recurrence: round(1 + weights.recurrence * Math.min(RECURRENCE_LOOKBACK, Math.max(0, input.quartersLaggingBefore)), 3),
    age: round(1 + weights.age * quartersOpen, 3),
  };
  const score = factors.severity * factors.openFlags * factors.budget * factors.recurrence * factors.age;
  return { score: round(score, 1), factors };
}

export const TRENDS = ["new", "up", "down", "same"] as const;
export type Trend = (typeof TRENDS)[number];

/** Against the previous quarter's score: a change under 5 % is "same"; no score before is "new". */
export function trendOf(current: number, previous: number | null): Trend {
  if (previous === null || previous === 0) return "new";
  const change = (current - previous) / previous;
  if (Math.abs(change) < 0.05) return "same";
  return change > 0 ? "up" : "down";
}

/** The worst severity of a rank (1 low … 4 critical), as stored in the summary. */
export function severityOfRank(rank: number): Severity | null {
  return rank >= 1 && rank <= SEVERITIES.length ? SEVERITIES[rank - 1]! : null;
}

/** The reasons behind a score, most telling first, as message keys with values (the page words them). */
export type PriorityReason =
  | { key: "worstSeverity"; severity: Severity; count: number }
  | { key: "budget"; millionBaht: number }
  | { key: "recurrence"; quarters: number }
  | { key: "openFor"; days: number };

export function priorityReasons(input: PriorityInput): PriorityReason[] {
  const reasons: PriorityReason[] = [];
  if (input.worstSeverity && input.openFlags > 0) reasons.push({ key: "worstSeverity", severity: input.worstSeverity, count: input.openFlags });
  if (input.budgetBaht > 0) reasons.push({ key: "budget", millionBaht: round(input.budgetBaht / 1_000_000, 1) });
  if (input.quartersLaggingBefore > 0) reasons.push({ key: "recurrence", quarters: Math.min(RECURRENCE_LOOKBACK, input.quartersLaggingBefore) });
  if (input.daysOpen > 0) reasons.push({ key: "openFor", days: input.daysOpen });
  return reasons;
}
