import { describe, expect, it } from "vitest";
import { headlineRows } from "@/core/reports/headlines";
import type { Headline } from "@/core/reports/snapshot";
import { reportTranslator } from "@/core/reports/text";

const row = (h: Headline, locale: "th" | "en" = "en") => headlineRows({ headlines: [h], locale }, reportTranslator(locale))[0]!;

describe("report headlines", () => {
  it.each([
    // key, unit, value, previous, higherIsBetter → text, change, trend
    ["averageScore", "points", 81.6, 94.7, true, "81.6", "−13.1 on the previous quarter", "worse"],
    ["submissionRate", "percent", 40, 25, true, "40%", "+15 pts on the previous quarter", "better"],
    ["laggingAgencies", "count", 53, 62, false, "53", "−9 on the previous quarter", "better"],
    ["laggingAgencies", "count", 70, 62, false, "70", "+8 on the previous quarter", "worse"],
    ["averageScore", "points", 80, 80.02, true, "80", "unchanged on the previous quarter", "same"],
    ["disbursementRate", "percent", null, 30, true, "–", null, null],
    ["disbursementRate", "percent", 30, null, true, "30%", null, null],
  ] as const)("%s %s %s vs %s", (key, unit, value, previous, higherIsBetter, text, change, trend) => {
    const h = row({ key, unit, value, previous, higherIsBetter });
    expect(h).toMatchObject({ text, change, trend });
  });

  it("shows a share with its count, and compares the shares (not counts of different totals)", () => {
    const h = row({ key: "indicatorsOnTarget", unit: "percent", value: 100, previous: 80, detail: { count: 12, of: 12 }, higherIsBetter: true });
    expect(h.text).toBe("100% (12 of 12)");
    expect(h.change).toBe("+20 pts on the previous quarter");
    expect(h.trend).toBe("better");
  });

  it("speaks Thai in a Thai report", () => {
    const h = row({ key: "submissionRate", unit: "percent", value: 33.3, previous: 100, higherIsBetter: true }, "th");
    expect(h.label).toBe("การส่งแบบประเมินตนเอง");
    expect(h.change).toBe("−66.7 จุด จากไตรมาสก่อน");
  });
});
