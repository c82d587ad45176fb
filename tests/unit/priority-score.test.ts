import { describe, expect, it } from "vitest";
import { nextEscalation, type EscalationInput } from "@/core/flags/escalation";
import { DEFAULT_PRIORITY_WEIGHTS, priorityReasons, priorityWeightsSchema, scorePriority, trendOf, type PriorityInput, type PriorityWeights } from "@/core/flags/priority";

const base: PriorityInput = { openFlags: 1, worstSeverity: "medium", budgetBaht: 0, quartersLaggingBefore: 0, daysOpen: 0 };
const w = DEFAULT_PRIORITY_WEIGHTS;
const only = (overrides: Partial<PriorityWeights>): PriorityWeights => ({ ...w, ...overrides });

describe("priority score", () => {
  it.each<[string, Partial<PriorityInput>, PriorityWeights, number]>([
    ["one medium flag, nothing else: severity × (1 + ln 2)", {}, w, 3.4],
    ["nothing open scores 0 whatever else", { openFlags: 0, worstSeverity: null, budgetBaht: 5e9, quartersLaggingBefore: 4, daysOpen: 300 }, w, 0],
    ["critical weighs 5", { worstSeverity: "critical" }, w, 8.5],
    ["ten flags: 1 + ln 11", { openFlags: 10 }, w, 6.8],
    ["budget of 999 million: 1 + 0.5 × log10(1000) = 2.5", { budgetBaht: 999_000_000 }, w, 8.5],
    ["lagging in all four previous quarters: × 2", { quartersLaggingBefore: 4 }, w, 6.8],
    ["recurrence is capped at four quarters", { quartersLaggingBefore: 9 }, w, 6.8],
    ["open for a whole quarter (91 days): × 1.25", { daysOpen: 91 }, w, 4.2],
    ["time open is capped at four quarters", { daysOpen: 5000 }, w, 6.8],
    ["a zero flag weight makes the count irrelevant", { openFlags: 40 }, only({ openFlags: 0 }), 2],
    ["a severity weighted 0 is not a priority", { worstSeverity: "low" }, only({ severity: { ...w.severity, low: 0 } }), 0],
    ["negative inputs are read as none", { budgetBaht: -5, daysOpen: -3, quartersLaggingBefore: -1 }, w, 3.4],
  ])("%s", (_name, input, weights, score) => {
    expect(scorePriority({ ...base, ...input }, weights).score).toBe(score);
  });

  it("the breakdown multiplies to the score", () => {
    const { score, factors } = scorePriority({ openFlags: 7, worstSeverity: "high", budgetBaht: 120_000_000, quartersLaggingBefore: 2, daysOpen: 45 }, w);
    expect(factors.severity * factors.openFlags * factors.budget * factors.recurrence * factors.age).toBeCloseTo(score, 0);
  });

  it("worse in every factor never scores lower", () => {
    const a = scorePriority(base, w).score;
    const b = scorePriority({ openFlags: 2, worstSeverity: "high", budgetBaht: 1e6, quartersLaggingBefore: 1, daysOpen: 10 }, w).score;
    expect(b).toBeGreaterThan(a);
  });
});

describe("trend against the previous quarter", () => {
  it.each<[number, number | null, string]>([
    [10, null, "new"],
    [10, 0, "new"],
    [10, 9.8, "same"],
    [12, 10, "up"],
    [8, 10, "down"],
  ])("%d after %s is %s", (current, previous, trend) => expect(trendOf(current, previous)).toBe(trend));
});

describe("reasons in words", () => {
  it("lists what raised the score, worst first", () => {
    expect(priorityReasons({ openFlags: 3, worstSeverity: "high", budgetBaht: 25_000_000, quartersLaggingBefore: 2, daysOpen: 40 }).map((r) => r.key)).toEqual([
      "worstSeverity",
      "budget",
      "recurrence",
      "openFor",
    ]);
    expect(priorityReasons(base).map((r) => r.key)).toEqual(["worstSeverity"]);
  });
});

describe("weights", () => {
  it.each<[string, unknown, boolean]>([
    ["the defaults", w, true],
    ["a factor weight above 5", { ...w, budget: 6 }, false],
    ["a negative severity weight", { ...w, severity: { ...w.severity, low: -1 } }, false],
    ["a severity weight above 10", { ...w, severity: { ...w.severity, critical: 11 } }, false],
    ["text instead of a number", { ...w, age: "1" }, false],
    ["a missing factor", { severity: w.severity, openFlags: 1, budget: 1, recurrence: 1 }, false],
  ])("%s valid: %s", (_name, weights, valid) => expect(priorityWeightsSchema.safeParse(weights).success).toBe(valid));
});

describe("escalation", () => {
  const agencyCase: EscalationInput = { scope: "agency", reviewLevel: "ministry", daysOverdue: 1, stepsTaken: 0 };
  it.each<[string, Partial<EscalationInput>, string | null]>([
    ["not overdue: nothing", { daysOverdue: 0 }, null],
    ["an agency case under a ministry goes to the ministry first", {}, "ministry"],
    ["… once", { stepsTaken: 1 }, null],
    ["… then to DGA two weeks later", { stepsTaken: 1, daysOverdue: 14 }, "dga"],
    ["… and no further", { stepsTaken: 2, daysOverdue: 90 }, null],
    ["a long-overdue case still takes one step at a time", { daysOverdue: 60 }, "ministry"],
    ["a local administration's case goes to its province", { reviewLevel: "province" }, "province"],
    ["no intermediate level: straight to DGA", { reviewLevel: "none" }, "dga"],
    ["a ministry's case goes to DGA", { scope: "ministry" }, "dga"],
    ["a province's case goes to DGA once", { scope: "province", stepsTaken: 1, daysOverdue: 30 }, null],
  ])("%s", (_name, input, level) => expect(nextEscalation({ ...agencyCase, ...input })).toBe(level));
});
