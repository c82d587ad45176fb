import { sql } from "drizzle-orm";
import { expect, it } from "vitest";
import { assess, isValidFactValue } from "@/core/scoring";
import { describeEachDatabase } from "../support/databases";
import { STATUS_CASES } from "../unit/scoring-cases";

describeEachDatabase("the SQL status functions agree with core/scoring", ({ db }) => {
  it.each(STATUS_CASES)("$name", async (c) => {
    const { rows } = await db().execute<{ status: string | null; attainment: string | null; shortfall: string | null }>(sql`
      select lamnam_status(${c.actual}::numeric, ${c.target}::numeric, ${c.direction}::indicator_direction, ${c.valueType}::value_type, 10) as status,
             lamnam_attainment(${c.actual}::numeric, ${c.target}::numeric, ${c.direction}::indicator_direction) as attainment,
             lamnam_shortfall(${c.actual}::numeric, ${c.target}::numeric, ${c.direction}::indicator_direction, ${c.valueType}::value_type) as shortfall`);
    const ts = assess(c.actual, c.target, c);
    const row = rows[0]!;
    // SQL has no "no_data"/"no_target": both are null there and the dashboards do not count them.
    expect(row.status ?? (c.actual === null ? "no_data" : "no_target")).toBe(ts.status);
    expect(row.attainment === null ? null : Number(row.attainment)).toBe(ts.attainment);
    expect(row.shortfall === null ? null : Number(row.shortfall)).toBe(ts.shortfall);
  });

  it("validates values the same way", async () => {
    const cases = [[50, "percent"], [104, "percent"], [1, "boolean"], [0.5, "boolean"], [3, "level"], [2.5, "level"], [0, "level"], [-1, "number"], [7, "number"]] as const;
    for (const [value, type] of cases) {
      const { rows } = await db().execute<{ ok: boolean }>(sql`select lamnam_value_valid(${value}::numeric, ${type}::value_type) as ok`);
      expect(rows[0]!.ok, `${value} ${type}`).toBe(isValidFactValue(value, type));
    }
  });
});
