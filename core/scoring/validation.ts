import type { ValueType } from "@/core/enums";

/**
 * The checks a figure must pass to count as valid (mirrored by lamnam_value_valid in SQL):
 * percent 0–100, yes/no 0 or 1, maturity level a whole number 1–5, counts and amounts not negative.
 */
export function isValidFactValue(value: number, valueType: ValueType): boolean {
  if (!Number.isFinite(value)) return false;
  switch (valueType) {
    case "percent":
      return value >= 0 && value <= 100;
    case "boolean":
      return value === 0 || value === 1;
    case "level":
      return value >= 1 && value <= 5 && Number.isInteger(value);
    case "number":
      return value >= 0;
    case "text":
      return true;
  }
}
