import { describe, expect, it } from "vitest";
import { countAbove } from "@/lib/facts/read/component";

describe("an agency's rank among the attainments of an indicator", () => {
  const ascending = Float64Array.from([0.25, 0.5, 0.8, 0.8, 1.1, 1.5]);
  const rankOf = (attainment: number) => countAbove(ascending, attainment) + 1;

  it("is one more than the agencies strictly above it, so tied agencies share a rank", () => {
    expect(rankOf(1.5)).toBe(1);
    expect(rankOf(1.1)).toBe(2);
    expect(rankOf(0.8)).toBe(3);
    expect(rankOf(0.5)).toBe(5);
    expect(rankOf(0.25)).toBe(6);
  });

  it("places a value between or beyond the others where it falls", () => {
    expect(rankOf(2)).toBe(1);
    expect(rankOf(0.9)).toBe(3);
    expect(rankOf(0)).toBe(7);
    expect(countAbove([], 1)).toBe(0);
  });
});
