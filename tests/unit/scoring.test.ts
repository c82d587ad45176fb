import { describe, expect, it } from "vitest";
import {
  aggregateFigures,
  aggregateParts,
  assess,
  combineParts,
  componentScore,
  dataQuality,
  EMPTY_PARTS,
  isValidFactValue,
  scopedTarget,
  type FigureInput,
  type RollupParts,
} from "@/core/scoring";
import { STATUS_CASES } from "./scoring-cases";

describe("assess: attainment, shortfall and status", () => {
  it.each(STATUS_CASES)("$name", ({ actual, target, direction, valueType, attainment, shortfall, status }) => {
    const result = assess(actual, target, { direction, valueType });
    expect(result.status).toBe(status);
    if (attainment === null) expect(result.attainment).toBeNull();
    else expect(result.attainment).toBeCloseTo(attainment, 5);
    if (shortfall === null) expect(result.shortfall).toBeNull();
    else expect(result.shortfall).toBeCloseTo(shortfall, 5);
  });

  it("takes a configurable amber band", () => {
    const indicator = { direction: "higher" as const, valueType: "percent" as const };
    expect(assess(45, 52, indicator).status).toBe("amber");
    expect(assess(45, 52, indicator, { amberBand: 5 }).status).toBe("red");
    expect(assess(48, 52, indicator, { amberBand: 5 }).status).toBe("amber");
  });
});

const figures: FigureInput[] = [
  { value: 10, weight: 100, recordedAt: "2026-01-10T00:00:00Z", id: 1 },
  { value: 20, weight: 300, recordedAt: "2026-01-12T00:00:00Z", id: 2 },
  { value: 60, weight: null, recordedAt: "2026-01-11T00:00:00Z", id: 3 },
];

describe("aggregation across agencies", () => {
  it.each([
    ["sum", 90],
    ["mean", 30],
    // (10×100 + 20×300 + 60×1) / 401
    ["weighted_mean", 7060 / 401],
    ["latest", 20],
  ] as const)("%s", (rule, expected) => {
    expect(aggregateFigures(rule, figures)).toBeCloseTo(expected, 9);
  });

  it("gives no data, not zero, for an empty period", () => {
    for (const rule of ["sum", "mean", "weighted_mean", "latest"] as const) expect(aggregateFigures(rule, [])).toBeNull();
  });

  it("breaks ties of latest by the later fact", () => {
    const tie = [
      { value: 1, recordedAt: "2026-01-10T00:00:00Z", id: 7 },
      { value: 2, recordedAt: "2026-01-10T00:00:00Z", id: 9 },
    ];
    expect(aggregateFigures("latest", tie)).toBe(2);
  });

  it("gives the same answer from rollup parts combined in any order", () => {
    const part = (f: FigureInput): RollupParts => ({
      count: 1,
      sum: f.value,
      weightSum: f.weight ?? 1,
      weightedSum: f.value * (f.weight ?? 1),
      latestValue: f.value,
      latestAt: f.recordedAt,
      latestId: f.id,
    });
    const forward = figures.map(part).reduce(combineParts, EMPTY_PARTS);
    const backward = [...figures].reverse().map(part).reduce(combineParts, EMPTY_PARTS);
    for (const rule of ["sum", "mean", "weighted_mean", "latest"] as const) {
      expect(aggregateParts(rule, forward)).toBeCloseTo(aggregateFigures(rule, figures)!, 9);
      expect(aggregateParts(rule, backward)).toBeCloseTo(aggregateFigures(rule, figures)!, 9);
    }
    expect(aggregateParts("mean", EMPTY_PARTS)).toBeNull();
  });

  it("pro-rates national targets of sums to a part of the country, not levels", () => {
    expect(scopedTarget("sum", 1000, 25, 100)).toBe(250);
    expect(scopedTarget("sum", 1000, 100, 100)).toBe(1000);
    expect(scopedTarget("mean", 80, 25, 100)).toBe(80);
    expect(scopedTarget("sum", null, 25, 100)).toBeNull();
  });
});

describe("component score", () => {
  it("is the weighted mean of capped attainment, judged like a figure", () => {
    const result = componentScore([
      { weight: 2, attainment: 120, status: "green" }, // capped at 100
      { weight: 1, attainment: 85, status: "amber" },
      { weight: 1, attainment: null, status: "no_data" },
    ]);
    expect(result.score).toBeCloseTo((2 * 100 + 85) / 3, 5); // 95
    expect(result.status).toBe("amber");
    expect(result.counts).toMatchObject({ green: 1, amber: 1, no_data: 1 });
    expect(result.scored).toBe(2);
    expect(componentScore([{ weight: 1, attainment: 100, status: "green" }]).status).toBe("green");
    expect(componentScore([{ weight: 1, attainment: 70, status: "red" }]).status).toBe("red");
    expect(componentScore([{ weight: 1, attainment: null, status: "no_data" }])).toMatchObject({ score: null, status: "no_data" });
  });
});

describe("data quality", () => {
  it("multiplies completeness, timeliness and validity", () => {
    const q = dataQuality({ expected: 10, present: 8, onTime: 6, valid: 7 });
    expect(q.completeness).toBeCloseTo(0.8);
    expect(q.timeliness).toBeCloseTo(0.75);
    expect(q.validity).toBeCloseTo(0.875);
    expect(q.score).toBeCloseTo(0.8 * 0.75 * 0.875 * 100);
  });
  it("scores nothing expected as no score and nothing received as zero", () => {
    expect(dataQuality({ expected: 0, present: 0, onTime: 0, valid: 0 }).score).toBeNull();
    expect(dataQuality({ expected: 5, present: 0, onTime: 0, valid: 0 }).score).toBe(0);
  });
  it.each([
    [50, "percent", true],
    [104, "percent", false],
    [-1, "percent", false],
    [1, "boolean", true],
    [0.5, "boolean", false],
    [3, "level", true],
    [0, "level", false],
    [2.5, "level", false],
    [0, "number", true],
    [-3, "number", false],
  ] as const)("%s as %s is valid: %s", (value, type, valid) => {
    expect(isValidFactValue(value, type)).toBe(valid);
  });
});
