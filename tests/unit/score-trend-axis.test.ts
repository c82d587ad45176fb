import { describe, expect, it } from "vitest";
import { scoreTrendAxis } from "@/core/format/figure";

describe("score trend axis", () => {
  it.each([
    // scores → axis: a high, steady score is drawn on a short axis so its moves show
    [[92, 95, 99.4], [80, 90, 100]],
    [[71, 88], [60, 80, 100]],
    [[3, 40], [0, 50, 100]],
    [[null, 100], [80, 90, 100]],
    [[], [0, 50, 100]],
    [[null, null], [0, 50, 100]],
  ] as const)("%j → ticks %j", (scores, ticks) => {
    const axis = scoreTrendAxis(scores);
    expect(axis.ticks).toEqual(ticks);
    expect(axis.domain).toEqual([ticks[0], 100]);
    for (const s of scores) if (s !== null) expect(s).toBeGreaterThanOrEqual(axis.domain[0]);
  });
});
