import type { IndicatorDirection, ValueType } from "@/core/enums";
import type { Status } from "@/core/scoring";

/** Shared by the unit tests of core/scoring and the test of the SQL functions: both must agree. */
export const STATUS_CASES: {
  name: string;
  actual: number | null;
  target: number | null;
  direction: IndicatorDirection;
  valueType: ValueType;
  attainment: number | null;
  shortfall: number | null;
  status: Status;
}[] = [
  { name: "percent on target", actual: 52, target: 52, direction: "higher", valueType: "percent", attainment: 100, shortfall: 0, status: "green" },
  { name: "percent above target", actual: 60, target: 52, direction: "higher", valueType: "percent", attainment: 115.384615, shortfall: -8, status: "green" },
  { name: "percent exactly 10 points below: amber", actual: 42, target: 52, direction: "higher", valueType: "percent", attainment: 80.769231, shortfall: 10, status: "amber" },
  { name: "percent 10.5 points below: red", actual: 41.5, target: 52, direction: "higher", valueType: "percent", attainment: 79.807692, shortfall: 10.5, status: "red" },
  { name: "count at 90% of target: amber", actual: 90, target: 100, direction: "higher", valueType: "number", attainment: 90, shortfall: 10, status: "amber" },
  { name: "count at 89.9% of target: red", actual: 899, target: 1000, direction: "higher", valueType: "number", attainment: 89.9, shortfall: 10.1, status: "red" },
  { name: "lower is better, under target", actual: 8, target: 10, direction: "lower", valueType: "number", attainment: 125, shortfall: -25, status: "green" },
  { name: "lower is better, 11 days against 10", actual: 11, target: 10, direction: "lower", valueType: "number", attainment: 90.909091, shortfall: 9.090909, status: "amber" },
  { name: "lower is better, 15 days against 10", actual: 15, target: 10, direction: "lower", valueType: "number", attainment: 66.666667, shortfall: 33.333333, status: "red" },
  { name: "lower-is-better percent: 5 points above target", actual: 30, target: 25, direction: "lower", valueType: "percent", attainment: 83.333333, shortfall: 5, status: "amber" },
  { name: "lower is better, zero incidents against zero", actual: 0, target: 0, direction: "lower", valueType: "number", attainment: 100, shortfall: 0, status: "green" },
  { name: "lower is better, incidents against a target of zero", actual: 2, target: 0, direction: "lower", valueType: "number", attainment: 0, shortfall: 100, status: "red" },
  { name: "higher with a zero target", actual: 0, target: 0, direction: "higher", valueType: "number", attainment: 100, shortfall: 0, status: "green" },
  { name: "yes/no share 0.95 against 1", actual: 0.95, target: 1, direction: "higher", valueType: "boolean", attainment: 95, shortfall: 5, status: "amber" },
  { name: "level 2 against 3", actual: 2, target: 3, direction: "higher", valueType: "level", attainment: 66.666667, shortfall: 33.333333, status: "red" },
  { name: "no data", actual: null, target: 10, direction: "higher", valueType: "number", attainment: null, shortfall: null, status: "no_data" },
  { name: "no target", actual: 10, target: null, direction: "higher", valueType: "number", attainment: null, shortfall: null, status: "no_target" },
];
