import { describe, expect, it } from "vitest";
import { buildFormSchema, implausibility, isImplausible, type FormItem } from "@/core/assessments/form-schema";
import { toFieldErrors } from "@/core/errors/field-errors";

const items: FormItem[] = [
  { id: 1, code: "N", answerType: "number", required: true, plausibleMin: null, plausibleMax: null, target: 10, previous: null },
  { id: 2, code: "P", answerType: "percent", required: true, plausibleMin: null, plausibleMax: null, target: 50, previous: null },
  { id: 3, code: "B", answerType: "boolean", required: true, plausibleMin: null, plausibleMax: null, target: null, previous: null },
  { id: 4, code: "L", answerType: "level", required: true, plausibleMin: null, plausibleMax: null, target: null, previous: null },
  { id: 5, code: "T", answerType: "text", required: false, plausibleMin: null, plausibleMax: null, target: null, previous: null },
];

describe("submission form schema", () => {
  it("parses Thai digits, separators and yes/no in both languages", () => {
    const result = buildFormSchema(items, "draft").parse({
      "value.1": "๑,๒๐๐",
      "value.2": "45.5%",
      "value.3": "ใช่",
      "value.4": "3",
      progress: "  ดำเนินการแล้ว  ",
    });
    expect(result.answers.get(1)?.numericValue).toBe(1200);
    expect(result.answers.get(2)?.numericValue).toBe(45.5);
    expect(result.answers.get(3)?.booleanValue).toBe(true);
    expect(result.answers.get(4)?.levelValue).toBe(3);
    expect(result.answers.has(5)).toBe(false);
    expect(result.narrative.progress).toBe("ดำเนินการแล้ว");
  });

  it.each([
    ["value.1", "abc", "not_a_number"],
    ["value.1", "-5", "negative"],
    ["value.2", "120", "percent_range"],
    ["value.2", "-1", "percent_range"],
    ["value.3", "maybe", "not_a_boolean"],
    ["value.4", "6", "level_range"],
    ["value.4", "2.5", "level_range"],
  ])("rejects %s = %s with %s, even in a draft", (field, value, code) => {
    const result = buildFormSchema(items, "draft").safeParse({ [field]: value });
    expect(result.success).toBe(false);
    expect(result.error!.issues.map((i) => [i.path.join("."), i.message])).toEqual([[field, code]]);
  });

  it("accepts gaps in a draft but reports every missing required answer on complete", () => {
    expect(buildFormSchema(items, "draft").safeParse({}).success).toBe(true);
    const result = buildFormSchema(items, "complete").safeParse({ "value.1": "1" });
    expect(result.success).toBe(false);
    expect(result.error!.issues.map((i) => i.path.join(".")).sort()).toEqual(["progress", "value.2", "value.3", "value.4"]);
  });

  it("warns about values far outside the plausible range without rejecting them", () => {
    expect(isImplausible(items[0]!, 49)).toBe(false);
    expect(isImplausible(items[0]!, 51)).toBe(true);
    expect(isImplausible({ ...items[0]!, plausibleMin: 5, plausibleMax: 20 }, 4)).toBe(true);
    expect(isImplausible({ ...items[0]!, plausibleMin: 5, plausibleMax: 20 }, 60)).toBe(true);
    expect(isImplausible(items[2]!, null)).toBe(false);
  });

  it.each([
    // [type, previous, value, verdict]: a share moving more than 30 points, a count more than 4 times either way
    ["percent", 84.3, 19, "jump"],
    ["percent", 84.3, 60, null],
    ["percent", 40, 71, "jump"],
    ["number", 100, 401, "jump"],
    ["number", 100, 400, null],
    ["number", 100, 24, "jump"],
    ["number", 100, 25, null],
    ["number", 0, 9, null],
  ] as const)("a %s going from %s to %s is %s", (answerType, previous, value, verdict) => {
    const item: FormItem = { id: 9, code: "J", answerType, required: true, plausibleMin: null, plausibleMax: null, target: null, previous };
    expect(implausibility(item, value)?.code ?? null).toBe(verdict);
  });

  it("names the check that failed, with its limit", () => {
    expect(implausibility({ ...items[0]!, plausibleMin: 5, plausibleMax: 20 }, 4)).toEqual({ code: "below_min", limit: 5 });
    expect(implausibility(items[0]!, 51)).toEqual({ code: "far_above_target", limit: 50 });
  });

  it("saves an unusual value as a draft, but submitting it takes a reason", () => {
    const fields = { "value.1": "51", "value.2": "50", "value.3": "yes", "value.4": "3", progress: "ดำเนินการตามแผน" };
    expect(buildFormSchema(items, "draft").safeParse(fields).success).toBe(true);
    const refused = buildFormSchema(items, "complete").safeParse(fields);
    expect(refused.success).toBe(false);
    expect(toFieldErrors(refused.error!)).toEqual({ "reason.1": ["implausible_reason_required"] });
    const withReason = buildFormSchema(items, "complete").safeParse({ ...fields, "reason.1": "รวมยอดสองไตรมาส" });
    expect(withReason.success).toBe(true);
  });
});
