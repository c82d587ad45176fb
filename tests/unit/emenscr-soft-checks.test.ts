import { describe, expect, it } from "vitest";
import type { ImportRow } from "@/lib/emenscr/rows";
import { rowNotices } from "@/lib/emenscr/soft-checks";

const row = (values: Partial<ImportRow>) => ({ rowNumber: 5, budget: "1000.00", disbursed: "400.00", disbursedPercent: null, physicalProgress: "40.00", status: "in_progress", ...values }) as ImportRow;
const reasons = (values: Partial<ImportRow>) => rowNotices(row(values), (field) => `col:${field}`).map((n) => n.reason);

describe("eMENSCR soft checks", () => {
  it("let an ordinary row through without remarks", () => {
    expect(reasons({})).toEqual([]);
    expect(reasons({ disbursedPercent: "42.00" })).toEqual([]);
    expect(reasons({ status: "completed", physicalProgress: "100.00" })).toEqual([]);
  });

  it("point at disbursement over the budget, with both amounts and the file's column", () => {
    expect(rowNotices(row({ disbursed: "1500.00" }), (field) => `col:${field}`)).toEqual([
      { row: 5, field: "disbursed", column: "col:disbursed", reason: "disbursed_over_budget", params: { disbursed: 1500, budget: 1000 } },
    ]);
  });

  it("point at a stated disbursement share that disbursed ÷ budget contradicts by more than 5 points", () => {
    expect(reasons({ disbursedPercent: "45.00" })).toEqual([]);
    expect(reasons({ disbursedPercent: "4.00" })).toEqual(["disbursed_percent_mismatch"]);
  });

  it("point at a project marked completed with less than full physical progress", () => {
    expect(reasons({ status: "completed", physicalProgress: "60.00" })).toEqual(["completed_below_full_progress"]);
  });

  it("say nothing when the figures to compare are missing or the budget is zero", () => {
    expect(reasons({ budget: null, disbursed: "5000.00", disbursedPercent: "3.00" })).toEqual([]);
    expect(reasons({ budget: "0.00", disbursed: "5.00" })).toEqual([]);
  });
});
