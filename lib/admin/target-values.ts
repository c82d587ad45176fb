// Target values checked against the indicator's value type: shared by the target editor (client and
// server) and the bulk target upload, so a value means the same wherever it is typed.

import type { ValueType } from "@/core/enums";
import { MAX_STORED_MAGNITUDE, parseBoolean, parseNumber, parsePercent } from "@/core/parse/values";

export type TargetValueProblem = "required" | "not_a_number" | "too_large" | "percent_range" | "level_range" | "not_boolean" | "text_indicator";

/** Targets are stored with four decimals (numeric(20, 4)). */
const SCALE = 10_000;

export function parseTargetValue(valueType: ValueType, input: unknown): { ok: true; value: number } | { ok: false; reason: TargetValueProblem } {
  if (input === null || input === undefined || (typeof input === "string" && input.trim() === "")) return { ok: false, reason: "required" };
  switch (valueType) {
    case "text":
      return { ok: false, reason: "text_indicator" };
    case "boolean": {
      const parsed = parseBoolean(input);
      return parsed.ok ? { ok: true, value: parsed.value ? 1 : 0 } : { ok: false, reason: "not_boolean" };
    }
    case "percent": {
      const parsed = parsePercent(input, { scale: "percent" });
      if (!parsed.ok) return { ok: false, reason: "not_a_number" };
      return parsed.value < 0 || parsed.value > 100 ? { ok: false, reason: "percent_range" } : { ok: true, value: round(parsed.value) };
    }
    case "level": {
      const parsed = parseNumber(input);
      if (!parsed.ok) return { ok: false, reason: "not_a_number" };
      return Number.isInteger(parsed.value) && parsed.value >= 1 && parsed.value <= 5 ? { ok: true, value: parsed.value } : { ok: false, reason: "level_range" };
    }
    case "number": {
      const parsed = parseNumber(input);
      if (!parsed.ok) return { ok: false, reason: "not_a_number" };
      return Math.abs(parsed.value) >= MAX_STORED_MAGNITUDE ? { ok: false, reason: "too_large" } : { ok: true, value: round(parsed.value) };
    }
  }
}

function round(value: number): number {
  return Math.round(value * SCALE) / SCALE;
}
