import { describe, expect, it } from "vitest";
import { buildFormSchema, isImplausible, type FormItem } from "@/core/assessments/form-schema";

const items: FormItem[] = [
  { id: 1, code: "N", answerType: "number", required: true, plausibleMin: null, plausibleMax: null, target: 10 },
  { id: 2, code: "P", answerType: "percent", required: true, plausibleMin: null, plausibleMax: null, target: 50 },
  { id: 3, code: "B", answerType: "boolean", required: true, plausibleMin: null, plausibleMax: null, target: null },
  { id: 4, code: "L", answerType: "level", required: true, plausibleMin: null, plausibleMax: null, target: null },
  { id: 5, code: "T", answerType: "text", required: false, plausibleMin: null, plausibleMax: null, target: null },
];

describe("submission form schema", () => {
  it("parses Thai digits, separators and yes/no in both languages", () => {
    const result = buildFormSchema(items, "complete").parse({
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
});
