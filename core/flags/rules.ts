import { z } from "zod";

// Lagging-agency rules: what each kind checks, its parameters and their defaults. Rules are data
// (admin-editable, versioned in the database); this file defines their shapes and the meaning of
// every parameter, shared by the editor form, the database and the evaluator.

export const RULE_KINDS = [
  "indicator_below_target",
  "physical_progress_behind",
  "disbursement_below_target",
  "submission_missing_or_late",
  "score_drop",
  "recurrence",
] as const;
export type RuleKind = (typeof RULE_KINDS)[number];

export const SEVERITIES = ["low", "medium", "high", "critical"] as const;
export type Severity = (typeof SEVERITIES)[number];

const share = z.number().min(0).max(2);
const points = z.number().min(0).max(100);

export const RULE_PARAMS = {
  /** Flags a result below `minShareOfTarget` of its target (0.9 = 90 %); for lower-is-better, above target ÷ share. */
  indicator_below_target: z.object({ minShareOfTarget: share.default(0.9) }),
  /** Flags a project whose physical progress trails the elapsed share of its duration by more than N points. */
  physical_progress_behind: z.object({ maxPointsBehind: points.default(10) }),
  /**
   * Flags an agency whose cumulative disbursement is below the quarter's target (% of allocated budget).
   * Targets change every year (Cabinet / Ministry of Finance), so they are parameters, not constants.
   */
  disbursement_below_target: z.object({
    quarterTargets: z
      .object({ q1: points, q2: points, q3: points, q4: points })
      .default({ q1: 30, q2: 52, q3: 75, q4: 96 }),
  }),
  /** Flags an expected submission not submitted by the deadline (+ grace), or submitted after it. */
  submission_missing_or_late: z.object({ graceDays: z.number().int().min(0).max(90).default(0), flagLate: z.boolean().default(true) }),
  /** Flags a score that dropped by more than N points from the previous period. */
  score_drop: z.object({ maxDropPoints: points.default(10) }),
  /** Flags a lagging finding that was resolved or recovered within the last N periods and is back. */
  recurrence: z.object({ lookbackPeriods: z.number().int().min(1).max(12).default(4) }),
} as const satisfies Record<RuleKind, z.ZodType>;

export type RuleParams<K extends RuleKind> = z.infer<(typeof RULE_PARAMS)[K]>;

export interface RuleDefinition<K extends RuleKind = RuleKind> {
  code: string;
  kind: K;
  version: number;
  severity: Severity;
  params: RuleParams<K>;
}

/** Validates stored or edited parameters for a kind, filling defaults; throws ZodError when invalid. */
export function parseRuleParams<K extends RuleKind>(kind: K, params: unknown): RuleParams<K> {
  return RULE_PARAMS[kind].parse(params ?? {}) as RuleParams<K>;
}
