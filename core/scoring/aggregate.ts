// How the agencies' figures of one indicator and period combine into one figure (national or for a
// filtered group), by the indicator's aggregation rule:
// - sum: the total (counts, transactions, people);
// - mean: the plain average over reporting agencies (shares, levels, yes/no as a share of "yes");
// - weighted_mean: Σ value × weight ÷ Σ weight, the weight being the fact's own (budget for
//   disbursement, respondents for satisfaction); a fact without a weight counts as 1;
// - latest: the most recently recorded figure (stock figures reported by the one agency operating the
//   platform, e.g. registered Tang Rat users), ties broken by the later fact id.
// An empty input gives null ("no data"), never 0.

import type { Aggregation } from "@/core/enums";

export interface FigureInput {
  value: number;
  weight?: number | null;
  /** When the figure was recorded (ISO string or epoch ms): orders "latest". */
  recordedAt: string | number;
  /** Tie-breaker for "latest". */
  id?: number;
}

export function aggregateFigures(rule: Aggregation, figures: readonly FigureInput[]): number | null {
  if (figures.length === 0) return null;
  switch (rule) {
    case "sum":
      return figures.reduce((total, f) => total + f.value, 0);
    case "mean":
      return figures.reduce((total, f) => total + f.value, 0) / figures.length;
    case "weighted_mean": {
      let weightSum = 0;
      let weighted = 0;
      for (const f of figures) {
        const w = f.weight ?? 1;
        weightSum += w;
        weighted += f.value * w;
      }
      return weightSum === 0 ? null : weighted / weightSum;
    }
    case "latest": {
      let best = figures[0]!;
      for (const f of figures.slice(1)) {
        const [a, b] = [toMillis(f.recordedAt), toMillis(best.recordedAt)];
        if (a > b || (a === b && (f.id ?? 0) > (best.id ?? 0))) best = f;
      }
      return best.value;
    }
  }
}

/** The additive parts of a group of figures, as stored in dashboard_indicator_rollups. */
export interface RollupParts {
  count: number;
  sum: number;
  weightSum: number;
  weightedSum: number;
  latestValue: number | null;
  latestAt: string | number | null;
  latestId?: number | null;
}

export const EMPTY_PARTS: RollupParts = { count: 0, sum: 0, weightSum: 0, weightedSum: 0, latestValue: null, latestAt: null, latestId: null };

export function combineParts(a: RollupParts, b: RollupParts): RollupParts {
  const bLater =
    b.latestAt !== null &&
    (a.latestAt === null ||
      toMillis(b.latestAt) > toMillis(a.latestAt) ||
      (toMillis(b.latestAt) === toMillis(a.latestAt) && (b.latestId ?? 0) > (a.latestId ?? 0)));
  return {
    count: a.count + b.count,
    sum: a.sum + b.sum,
    weightSum: a.weightSum + b.weightSum,
    weightedSum: a.weightedSum + b.weightedSum,
    latestValue: bLater ? b.latestValue : a.latestValue,
    latestAt: bLater ? b.latestAt : a.latestAt,
    latestId: bLater ? b.latestId : a.latestId,
  };
}

/** The same answer as aggregateFigures, from pre-aggregated parts. */
export function aggregateParts(rule: Aggregation, parts: RollupParts): number | null {
  if (parts.count === 0) return null;
  switch (rule) {
    case "sum":
      return parts.sum;
    case "mean":
      return parts.sum / parts.count;
    case "weighted_mean":
      return parts.weightSum === 0 ? null : parts.weightedSum / parts.weightSum;
    case "latest":
      return parts.latestValue;
  }
}

/**
 * The target a group is held to. Sums are national totals, so a part of the country (a ministry, an
 * agency type, one agency) is held to its share: national × expected reporters in the group ÷ expected
 * reporters nationally. Every other rule is a level (a share, a mean), the same for any group.
 */
export function scopedTarget(
  rule: Aggregation,
  nationalTarget: number | null,
  expectedInScope: number,
  expectedNationally: number,
): number | null {
  if (nationalTarget === null) return null;
  if (rule !== "sum" || expectedInScope === expectedNationally) return nationalTarget;
  if (expectedNationally === 0) return null;
  return (nationalTarget * expectedInScope) / expectedNationally;
}

function toMillis(at: string | number): number {
  return typeof at === "number" ? at : Date.parse(at);
}
