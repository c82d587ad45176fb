import { describe, expect, it } from "vitest";
import { assessAmountUnit, headerUnit, titleUnit, withoutHeaderUnit } from "@/core/emenscr/amount-units";
import { recogniseHeader } from "@/core/emenscr/fields";
import { looksLikeHeader, parseExport, type ParseEvent, type ParseOptions } from "@/lib/emenscr/parse-export";
import { openExport } from "@/lib/import/readers";

async function collect(text: string, options: ParseOptions = {}): Promise<ParseEvent[]> {
  const events: ParseEvent[] = [];
  for await (const event of parseExport(await openExport(Buffer.from(text)), { periodCode: "2570Q1", ...options })) events.push(event);
  return events;
}
const rowsOf = (events: ParseEvent[]) => events.flatMap((e) => (e.type === "row" ? [e.row] : []));
const headerOf = (events: ParseEvent[]) => (events[0] as Extract<ParseEvent, { type: "header" }>).header;

describe("the unit of amounts", () => {
  it.each([
    ["วงเงินงบประมาณ (ล้านบาท)", "million_baht"],
    ["งบประมาณ(ล้านบาท)", "million_baht"],
    ["งบประมาณ ล้านบาท", "million_baht"],
    ["วงเงิน (ลบ.)", "million_baht"],
    ["Budget (million baht)", "million_baht"],
    ["Budget (THB million)", "million_baht"],
    ["Budget, million baht", "million_baht"],
    ["ผลการเบิกจ่าย (พันบาท)", "thousand_baht"],
    ["Disbursed ('000 baht)", "thousand_baht"],
    ["วงเงินงบประมาณ (บาท)", "baht"],
    ["Budget (THB)", "baht"],
    ["วงเงินงบประมาณ", null],
    ["ความก้าวหน้าโครงการ (%)", null],
  ])("header %j states %s", (header, unit) => {
    expect(headerUnit(header)).toBe(unit);
  });

  it("recognises the field of a header whatever unit it states", () => {
    for (const header of ["งบประมาณ (ล้านบาท)", "งบประมาณ ล้านบาท", "Budget (million baht)", "Budget, million baht", "ผลการเบิกจ่ายสะสม (พันบาท)"]) {
      expect(recogniseHeader(header), header).toBe(header.startsWith("ผล") ? "disbursed" : "budget");
    }
    expect(withoutHeaderUnit("วงเงินงบประมาณ ล้านบาท")).toBe("วงเงินงบประมาณ");
  });

  it.each([
    [["หน่วย: ล้านบาท"], "million_baht"],
    [["", "(หน่วย : ล้านบาท)"], "million_baht"],
    [["หน่วย:พันบาท"], "thousand_baht"],
    [["Unit: million baht"], "million_baht"],
    [["Amounts in million baht"], "million_baht"],
    [["หน่วยงาน: กรมการปกครอง"], null],
    [["รายงานผลการดำเนินงานโครงการ (eMENSCR)"], null],
  ])("title row %j states %s", (cells, unit) => {
    expect(titleUnit(cells)).toBe(unit);
  });

  it("warns when budgets without a stated unit look like millions, or a stated million looks like baht; never when the analyst stated it", () => {
    const agency = (fileMedian: number, earlierMedian: number | null) => ({ agencyId: 1, agencyName: "กรม", fileMedian, earlierMedian });
    // All budgets under 1,000 baht: no project costs that little.
    expect(assessAmountUnit({ source: "default", unit: "baht", fileMedian: 12.5, agencies: [] })).toMatchObject({ kind: "look_like_millions" });
    // One agency's budgets are a millionth of its earlier imports, though others in the file look fine.
    expect(assessAmountUnit({ source: "default", unit: "baht", fileMedian: 2_000_000, agencies: [agency(15, 12_000_000)] })).toMatchObject({
      kind: "look_like_millions",
      agencies: [expect.objectContaining({ fileMedian: 15, earlierMedian: 12_000_000 })],
    });
    expect(assessAmountUnit({ source: "default", unit: "baht", fileMedian: 2_000_000, agencies: [agency(2_500_000, 3_000_000)] })).toBeNull();
    // "ล้านบาท" in the header over figures that were baht: 1.5 trillion baht per project.
    expect(assessAmountUnit({ source: "header", unit: "million_baht", fileMedian: 1.5e12, agencies: [] })).toMatchObject({ kind: "look_like_baht", unit: "million_baht" });
    expect(assessAmountUnit({ source: "title", unit: "million_baht", fileMedian: 3e9, agencies: [agency(3e9, 2e6)] })).toMatchObject({ kind: "look_like_baht" });
    expect(assessAmountUnit({ source: "header", unit: "million_baht", fileMedian: 12_500_000, agencies: [agency(12_500_000, 10_000_000)] })).toBeNull();
    expect(assessAmountUnit({ source: "stated", unit: "baht", fileMedian: 12.5, agencies: [agency(12.5, 12_000_000)] })).toBeNull();
  });

  it("converts money columns stated in million baht to baht, from the header or a title row; the header's unit wins, and a stated unit wins over both", async () => {
    const header = await collect("รหัสโครงการ,ชื่อโครงการ,หน่วยงาน,งบประมาณ (ล้านบาท),ผลการเบิกจ่ายสะสม (ล้านบาท),ผลการใช้จ่าย\nP-1,ก,กรม,12.5,\"1,234.567891\",100\n");
    expect(headerOf(header).amountUnits).toEqual({ budget: { unit: "million_baht", source: "header" }, disbursed: { unit: "million_baht", source: "header" }, spent: { unit: "baht", source: "default" } });
    expect(rowsOf(header)[0]).toMatchObject({ budget: "12500000.00", disbursed: "1234567891.00", spent: "100.00" });

    const title = await collect("รายงานโครงการ,,,\n(หน่วย : ล้านบาท),,,\nรหัสโครงการ,ชื่อโครงการ,หน่วยงาน,วงเงินงบประมาณ,ผลการเบิกจ่าย (บาท)\nP-1,ก,กรม,0.75,500\n");
    expect(headerOf(title).amountUnits).toMatchObject({ budget: { unit: "million_baht", source: "title" }, disbursed: { unit: "baht", source: "header" } });
    expect(rowsOf(title)[0]).toMatchObject({ budget: "750000.00", disbursed: "500.00" });

    const stated = await collect("รหัสโครงการ,ชื่อโครงการ,หน่วยงาน,งบประมาณ (ล้านบาท)\nP-1,ก,กรม,2500000\n", { amountUnit: "baht" });
    expect(headerOf(stated).amountUnits).toEqual({ budget: { unit: "baht", source: "stated" } });
    expect(rowsOf(stated)[0]).toMatchObject({ budget: "2500000.00" });
  });
});

describe("files without a recognisable header", () => {
  const headerless = "E-1,ระบบคลาวด์,กรมการปกครอง,\"1,500,000\"\nE-2,ระบบข้อมูล,กรมการปกครอง,800000\n";

  it("are refused without positional mapping, and offered by position (with samples, nothing mapped) with it", async () => {
    await expect(collect(headerless)).rejects.toMatchObject({ reason: "header_not_found" });
    const events = await collect(headerless, { offerPositionalMapping: true });
    expect(events).toHaveLength(1);
    expect(headerOf(events)).toMatchObject({ layout: "position", headerRow: 0, missingFields: ["projectCode", "projectName", "agencyName"] });
    expect(headerOf(events).columns.map((c) => [c.letter, c.field, c.samples])).toEqual([
      ["A", null, ["E-1", "E-2"]],
      ["B", null, ["ระบบคลาวด์", "ระบบข้อมูล"]],
      ["C", null, ["กรมการปกครอง", "กรมการปกครอง"]],
      ["D", null, ["1,500,000", "800000"]],
    ]);
  });

  it("offers row 1 as the header when it reads like one", async () => {
    const events = await collect(`รหัส,เรื่อง,สังกัด,เงิน\n${headerless}`, { offerPositionalMapping: true });
    expect(headerOf(events)).toMatchObject({ layout: "position", headerRow: 1 });
    expect(headerOf(events).columns[3]).toMatchObject({ letter: "D", header: "เงิน", samples: ["1,500,000", "800000"] });
  });

  it("are read by position: every row is data, or the first row is skipped as a header; errors name the column by letter", async () => {
    const positions = { "0": "projectCode", "1": "projectName", "2": "agencyName", "3": "budget" };
    const data = await collect(headerless, { positions, hasHeaderRow: false });
    expect(headerOf(data)).toMatchObject({ layout: "position", headerRow: 0, missingFields: [] });
    expect(rowsOf(data).map((r) => [r.rowNumber, r.projectCode, r.budget])).toEqual([
      [1, "E-1", "1500000.00"],
      [2, "E-2", "800000.00"],
    ]);
    const withHeader = await collect(`รหัส,เรื่อง,สังกัด,เงิน\n${headerless}E-3,ก,กรม,ไม่ทราบ\n`, { positions, hasHeaderRow: true });
    expect(headerOf(withHeader).headerRow).toBe(1);
    expect(rowsOf(withHeader).map((r) => r.projectCode)).toEqual(["E-1", "E-2"]);
    expect(withHeader.find((e) => e.type === "invalid")).toMatchObject({ rowNumber: 4, errors: [{ column: "เงิน", reason: "not_a_number" }] });
    const noHeader = await collect(`${headerless}E-3,ก,กรม,ไม่ทราบ\n`, { positions, hasHeaderRow: false });
    expect(noHeader.find((e) => e.type === "invalid")).toMatchObject({ rowNumber: 3, errors: [{ column: "D", reason: "not_a_number" }] });
  });

  it("tells a header row from data", () => {
    const row = (cells: (string | number | null)[], rowNumber = 1) => ({ rowNumber, cells });
    expect(looksLikeHeader(row(["รหัส", "งบ"]), [row(["E-1", "1,000"], 2)])).toBe(true);
    expect(looksLikeHeader(row(["E-1", "1,000"]), [row(["E-2", "2,000"], 2)])).toBe(false);
    expect(looksLikeHeader(row(["E-1", "ระบบ"]), [row(["E-2", "ระบบสอง"], 2)])).toBe(false);
  });
});
