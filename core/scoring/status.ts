// The traffic-light rule, the same everywhere (dashboards, agency profiles, lagging counts). The SQL
// functions in drizzle/0007_dashboard_scoring_functions.sql implement it for the database; a test runs
// both on the same table.
//
// - attainment: actual as a percentage of target (lower-is-better indicators invert the ratio);
// - shortfall: how far below target, in percentage points for percent indicators (the reading of
//   "10 points below" in Thai monitoring: 42% disbursed against a 52% target is 10 points) and in points
//   of attainment for every other indicator (85 days against a target of 100 is 15 points);
// - status: green when the shortfall is ≤ 0 (target met), amber within `amberBand` points, red beyond;
//   "no_data" without an approved figure, "no_target" without a target.

import type { IndicatorDirection, ValueType } from "@/core/enums";

export const STATUSES = ["green", "amber", "red", "no_data", "no_target"] as const;
export type Status = (typeof STATUSES)[number];
/** The three colours a figure can earn; "no_data"/"no_target" are not scored. */
export type ScoredStatus = Extract<Status, "green" | "amber" | "red">;

export interface ScoringConfig {
  /** Points below target still shown amber; the common Thai government scheme uses 10. */
  amberBand: number;
}
export const DEFAULT_SCORING: ScoringConfig = { amberBand: 10 };

/** Rounds to 6 decimals, as the SQL functions do, so both sides agree on boundaries. */
export function round6(value: number): number {
  return Math.round(value * 1e6) / 1e6;
}

export function attainment(actual: number | null, target: number | null, direction: IndicatorDirection): number | null {
  if (actual === null || target === null || !Number.isFinite(actual) || !Number.isFinite(target)) return null;
  if (direction === "higher") {
    if (target > 0) return round6((actual * 100) / target);
    return actual >= target ? 100 : 0;
  }
  if (actual <= target) return actual > 0 ? round6((target * 100) / actual) : 100;
  return target > 0 ? round6((target * 100) / actual) : 0;
}

export function shortfall(
  actual: number | null,
  target: number | null,
  direction: IndicatorDirection,
  valueType: ValueType,
): number | null {
  if (actual === null || target === null || !Number.isFinite(actual) || !Number.isFinite(target)) return null;
  if (valueType === "percent") return round6(direction === "higher" ? target - actual : actual - target);
  return round6(100 - attainment(actual, target, direction)!);
}

export interface Assessment {
  status: Status;
  attainment: number | null;
  /** Points below target (negative: above target). */
  shortfall: number | null;
}

export function assess(
  actual: number | null,
  target: number | null,
  indicator: { direction: IndicatorDirection; valueType: ValueType },
  config: ScoringConfig = DEFAULT_SCORING,
): Assessment {
  if (actual === null || !Number.isFinite(actual)) return { status: "no_data", attainment: null, shortfall: null };
  if (target === null || !Number.isFinite(target)) return { status: "no_target", attainment: null, shortfall: null };
  const gap = shortfall(actual, target, indicator.direction, indicator.valueType)!;
  return {
    status: statusOfShortfall(gap, config),
    attainment: attainment(actual, target, indicator.direction),
    shortfall: gap,
  };
}

export function statusOfShortfall(gap: number, config: ScoringConfig = DEFAULT_SCORING): ScoredStatus {
  if (gap <= 0) return "green";
  if (gap <= config.amberBand) return "amber";
  return "red";
}
