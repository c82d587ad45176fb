import { describe, expect, it } from "vitest";
import { calculateSroi, formatSroiRatio, type SroiInput, type SroiOutcomeInput } from "@/core/sroi/calculate";
import { parseSroiSourceRef, sroiOfStoredInputs, sroiSourceRef } from "@/core/sroi/source-ref";

function createOutcome(overrides: Partial<SroiOutcomeInput> = {}): SroiOutcomeInput {
  return {
    quantity: 10,
    financialProxy: 1_000,
    deadweight: 0,
    attribution: 0,
    displacement: 0,
    dropOff: 0,
    durationYears: 1,
    ...overrides,
  };
}

function createInput(overrides: Partial<SroiInput> = {}): SroiInput {
  return { investment: 10_000, discountRate: 0.1, outcomes: [createOutcome()], ...overrides };
}

describe("calculateSroi: a hand-computed example", () => {
  // Investment 10,000 baht, discount rate 10 %.
  //
  // Outcome A: 100 people × 500 baht = 50,000 gross.
  //   Year 1 net = 50,000 × (1 − 0.2 deadweight) × (1 − 0.25 attribution) × (1 − 0.1 displacement)
  //              = 50,000 × 0.8 × 0.75 × 0.9 = 27,000
  //   Drop-off 50 % a year over 3 years: 27,000, 13,500, 6,750
  //   Present values: 27,000 / 1.1 = 24,545.4545…
  //                   13,500 / 1.21 = 11,157.0248…
  //                    6,750 / 1.331 = 5,071.3749…
  //   Sum = 40,773.8542…
  // Outcome B: 10 × 1,000 = 10,000 for one year, no deductions: 10,000 / 1.1 = 9,090.9091…
  // Total PV = 49,864.7633…; ratio = 49,864.7633… / 10,000 = 4.9865 -> "1 : 4.99".
  const result = calculateSroi({
    investment: 10_000,
    discountRate: 0.1,
    outcomes: [
      createOutcome({
        quantity: 100,
        financialProxy: 500,
        deadweight: 0.2,
        attribution: 0.25,
        displacement: 0.1,
        dropOff: 0.5,
        durationYears: 3,
      }),
      createOutcome({ quantity: 10, financialProxy: 1_000 }),
    ],
  });
  const [outcomeA, outcomeB] = result.outcomes;

  it("deducts deadweight, attribution and displacement from the gross value", () => {
    expect(outcomeA?.grossValue).toBe(50_000);
    expect(outcomeA?.netYearOneValue).toBeCloseTo(27_000, 6);
  });

  it("applies drop-off and discounting year by year", () => {
    expect(outcomeA?.yearly.map((entry) => entry.year)).toEqual([1, 2, 3]);
    expect(outcomeA?.yearly.map((entry) => entry.value)).toEqual([
      expect.closeTo(27_000, 6),
      expect.closeTo(13_500, 6),
      expect.closeTo(6_750, 6),
    ]);
    expect(outcomeA?.yearly.map((entry) => entry.presentValue)).toEqual([
      expect.closeTo(24_545.4545, 3),
      expect.closeTo(11_157.0248, 3),
      expect.closeTo(5_071.3749, 3),
    ]);
    expect(outcomeA?.presentValue).toBeCloseTo(40_773.8542, 3);
  });

  it("discounts even the first year", () => {
    expect(outcomeB?.presentValue).toBeCloseTo(9_090.9091, 3);
  });

  it("totals the outcomes and divides by the investment", () => {
    expect(result.totalPresentValue).toBeCloseTo(49_864.7633, 3);
    expect(result.netPresentValue).toBeCloseTo(39_864.7633, 3);
    expect(result.ratio).toBeCloseTo(4.98648, 5);
    expect(formatSroiRatio(result.ratio)).toBe("1 : 4.99");
  });
});

describe("calculateSroi: edge cases", () => {
  it("values nothing when deadweight is total", () => {
    const result = calculateSroi(createInput({ outcomes: [createOutcome({ deadweight: 1 })] }));
    expect(result.totalPresentValue).toBe(0);
    expect(result.ratio).toBe(0);
  });

  it("keeps the full value every year with no drop-off and no discounting", () => {
    const result = calculateSroi(
      createInput({ discountRate: 0, outcomes: [createOutcome({ durationYears: 5 })] }),
    );
    expect(result.outcomes[0]?.yearly.map((entry) => entry.presentValue)).toEqual([
      10_000, 10_000, 10_000, 10_000, 10_000,
    ]);
    expect(result.ratio).toBe(5);
  });

  it("counts only year 1 when drop-off is total", () => {
    const result = calculateSroi(
      createInput({ discountRate: 0, outcomes: [createOutcome({ dropOff: 1, durationYears: 3 })] }),
    );
    expect(result.outcomes[0]?.yearly.map((entry) => entry.value)).toEqual([10_000, 0, 0]);
  });

  it("gives a ratio of zero with no outcomes recorded yet", () => {
    const result = calculateSroi(createInput({ outcomes: [] }));
    expect(result).toMatchObject({ totalPresentValue: 0, ratio: 0, outcomes: [] });
  });
});

describe("calculateSroi: validation", () => {
  it.each<[string, SroiInput, RegExp]>([
    ["zero investment", createInput({ investment: 0 }), /investment must be a positive/],
    ["negative investment", createInput({ investment: -1 }), /investment must be a positive/],
    ["NaN investment", createInput({ investment: Number.NaN }), /investment/],
    ["discount rate typed as a percentage", createInput({ discountRate: 3.5 }), /discountRate must be a fraction/],
    ["negative discount rate", createInput({ discountRate: -0.01 }), /discountRate/],
    [
      "deadweight typed as a percentage",
      createInput({ outcomes: [createOutcome(), createOutcome({ deadweight: 20 })] }),
      /outcomes\[1\]\.deadweight must be a fraction between 0 and 1.*got 20/,
    ],
    ["attribution above 1", createInput({ outcomes: [createOutcome({ attribution: 1.01 })] }), /outcomes\[0\]\.attribution/],
    ["negative displacement", createInput({ outcomes: [createOutcome({ displacement: -0.1 })] }), /displacement/],
    ["drop-off as NaN", createInput({ outcomes: [createOutcome({ dropOff: Number.NaN })] }), /dropOff/],
    ["zero duration", createInput({ outcomes: [createOutcome({ durationYears: 0 })] }), /durationYears must be a whole number/],
    ["fractional duration", createInput({ outcomes: [createOutcome({ durationYears: 2.5 })] }), /durationYears/],
    ["a year typed as the duration", createInput({ outcomes: [createOutcome({ durationYears: 2026 })] }), /durationYears/],
    ["negative quantity", createInput({ outcomes: [createOutcome({ quantity: -5 })] }), /quantity must be zero or more/],
    ["infinite proxy", createInput({ outcomes: [createOutcome({ financialProxy: Infinity })] }), /financialProxy/],
  ])("rejects %s", (_case, input, message) => {
    expect(() => calculateSroi(input)).toThrow(RangeError);
    expect(() => calculateSroi(input)).toThrow(message);
  });
});

describe("formatSroiRatio", () => {
  it.each([
    [5.4213, "1 : 5.42"],
    [5, "1 : 5.00"],
    [0.756, "1 : 0.76"],
    [1234.5, "1 : 1,234.50"],
  ])("%d reads %s", (ratio, expected) => {
    expect(formatSroiRatio(ratio)).toBe(expected);
  });

  it("refuses a ratio that is not a number", () => {
    expect(() => formatSroiRatio(Number.NaN)).toThrow(RangeError);
  });
});

describe("the derived SROI figure's provenance", () => {
  it("names the inputs in its sourceRef and reads them back", () => {
    const ref = sroiSourceRef("01002", 2569, 3);
    expect(ref).toBe("sroi:01002/2569 calculateSroi(sroi_assessments 3)");
    expect(parseSroiSourceRef(ref)).toEqual({ agencyCode: "01002", fiscalYear: 2569 });
    expect(parseSroiSourceRef("demo:01002/ME-SROI/2569Q4")).toBeNull();
    expect(parseSroiSourceRef(null)).toBeNull();
  });

  it("computes stored (string) inputs exactly as calculateSroi computes numbers", () => {
    const stored = { investment: "1000000.00", discountRate: "0.0350" };
    const line = { quantity: "1000", financialProxy: "5000", deadweight: "0.2", attribution: "0.1", displacement: "0", dropOff: "0.3", durationYears: 2 };
    const { result } = sroiOfStoredInputs(stored, [line]);
    const direct = calculateSroi({ investment: 1_000_000, discountRate: 0.035, outcomes: [{ quantity: 1000, financialProxy: 5000, deadweight: 0.2, attribution: 0.1, displacement: 0, dropOff: 0.3, durationYears: 2 }] });
    expect(result.ratio).toBe(direct.ratio);
  });
});
