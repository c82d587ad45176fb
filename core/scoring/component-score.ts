// A component's (or one agency's) score: the weighted mean of its indicators' attainment, each capped
// at 100 so that over-achieving one indicator cannot hide another one lagging. The score is judged by
// the same rule as a single figure: 100 (every indicator on target) is green, within the amber band
// below is amber, further below is red. Indicators without data or target are left out and counted.

import { DEFAULT_SCORING, round6, statusOfShortfall, type ScoringConfig, type Status } from "./status";

export interface ScoredItem {
  weight: number;
  attainment: number | null;
  status: Status;
}

export interface ComponentScore {
  /** 0–100, null when no indicator has both data and target. */
  score: number | null;
  status: Status;
  counts: Record<Status, number>;
  scored: number;
  total: number;
}

export function componentScore(items: readonly ScoredItem[], config: ScoringConfig = DEFAULT_SCORING): ComponentScore {
  const counts: Record<Status, number> = { green: 0, amber: 0, red: 0, no_data: 0, no_target: 0 };
  let weightSum = 0;
  let weighted = 0;
  for (const item of items) {
    counts[item.status]++;
    if (item.attainment === null) continue;
    weightSum += item.weight;
    weighted += item.weight * Math.min(item.attainment, 100);
  }
  const scored = counts.green + counts.amber + counts.red;
  if (weightSum === 0) return { score: null, status: "no_data", counts, scored, total: items.length };
  const score = round6(weighted / weightSum);
  return { score, status: statusOfShortfall(round6(100 - score), config), counts, scored, total: items.length };
}
