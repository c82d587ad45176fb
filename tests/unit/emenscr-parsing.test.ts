import { describe, expect, it } from "vitest";
import iconv from "iconv-lite";
import { AgencyMatcher } from "@/lib/emenscr/agency-match";
import { compileRules, checkRulePattern, matchComponents } from "@/lib/emenscr/component-rules";
import ExcelJS, { iterateStream, unzipParse } from "@/lib/import/exceljs";
import { Readable } from "node:stream";
import { setTimeout as sleep } from "node:timers/promises";
import { mapColumns, missingRequiredFields, normaliseHeader, recogniseHeader } from "@/core/emenscr/fields";
import { neutraliseCell } from "@/core/format/spreadsheet";
import { parseExport, type ParseEvent } from "@/lib/emenscr/parse-export";
import { decodeText, openExport, sniffFormat } from "@/lib/import/readers";
import { classifyRow, validateRow } from "@/lib/emenscr/rows";
import { parseProjectStatus, parseReportingPeriod } from "@/lib/emenscr/row-words";
import { generateSyntheticExport } from "@/scripts/generators/emenscr-synthetic";

describe("header recognition", () => {
  it.each([
    ["รหัสโครงการ", "projectCode"],
    [" รหัส โครงการ ", "projectCode"],
    ["รหัส\u200Bโครงการ", "projectCode"],
    ["PROJECT  CODE", "projectCode"],
    ["Project-Code:", "projectCode"],
    ["ชื่อโครงการ", "projectName"],
    ["หน่วยงานเจ้าของโครงการ", "agencyName"],
    ["รหัสหน่วยงาน", "agencyCode"],
    ["ปีงบประมาณ", "fiscalYear"],
    ["Fiscal Year", "fiscalYear"],
    ["วงเงินงบประมาณ (บาท)", "budget"],
    ["วงเงินงบประมาณ(ล้านบาท)", "budget"],
    ["ผลการเบิกจ่ายสะสม", "disbursed"],
    ["ผลการใช้จ่าย", "spent"],
    ["ความก้าวหน้าโครงการ (%)", "physicalProgress"],
    ["ร้อยละการเบิกจ่าย", "disbursedPercent"],
    ["ค่าเป้าหมาย", "kpiTarget"],
    ["ผลการดำเนินงาน", "kpiResult"],
    ["ห้วงการรายงาน", "reportingPeriod"],
    ["สถานะโครงการ", "status"],
    ["วันที่ปรับปรุงข้อมูลล่าสุด", "reportedOn"],
    ["แผนการใช้จ่าย ไตรมาส 1", null],
    ["ลำดับ", null],
    ["", null],
  ])("%j → %s", (header, field) => {
    expect(recogniseHeader(header)).toBe(field);
  });

  it("lets a saved mapping override and extend the built-in spellings", () => {
    const mapping = { [normaliseHeader("เลขโครงการ")]: "projectCode", [normaliseHeader("โครงการ")]: null };
    expect(recogniseHeader("เลข โครงการ", mapping)).toBe("projectCode");
    expect(recogniseHeader("โครงการ", mapping)).toBeNull();
  });

  it("maps a header row, keeps the first of two columns naming the same field, and lists missing required fields", () => {
    const columns = mapColumns(["ลำดับ", "รหัสโครงการ", "ชื่อโครงการ", "โครงการ", "หน่วยงาน"]);
    expect(columns.map((c) => c.field)).toEqual([null, "projectCode", "projectName", null, "agencyName"]);
    expect(missingRequiredFields(columns)).toEqual([]);
    expect(missingRequiredFields(mapColumns(["ชื่อโครงการ", "ปีงบประมาณ"]))).toEqual(["projectCode", "agencyName"]);
  });
});

describe("file sniffing and decoding", () => {
  it.each([
    ["empty", Buffer.alloc(0), { error: "empty_file" }],
    ["exe renamed", Buffer.concat([Buffer.from("MZ\x90\x00\x03\x00\x00\x00", "latin1"), Buffer.alloc(200)]), { error: "not_a_spreadsheet" }],
    ["png renamed", Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), Buffer.alloc(100)]), { error: "not_a_spreadsheet" }],
    ["zip", Buffer.from([0x50, 0x4b, 0x03, 0x04, 0, 0]), { format: "xlsx" }],
    ["encrypted OOXML", Buffer.concat([Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]), Buffer.alloc(64), Buffer.from("EncryptedPackage", "utf16le")]), { error: "password_protected" }],
    ["old xls", Buffer.concat([Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]), Buffer.alloc(64)]), { error: "legacy_xls" }],
    ["csv", Buffer.from("a,b\n1,2\n"), { format: "csv" }],
    ["utf-16 text", Buffer.from([0xff, 0xfe, 0x61, 0x00]), { format: "csv" }],
  ])("%s", (_name, bytes, expected) => {
    expect(sniffFormat(bytes)).toEqual(expected);
  });

  it.each([
    ["utf-8", Buffer.from("รหัสโครงการ", "utf8"), "utf-8"],
    ["utf-8 with BOM", Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from("รหัสโครงการ", "utf8")]), "utf-8-bom"],
    ["windows-874", iconv.encode("รหัสโครงการ", "windows-874"), "windows-874"],
  ])("decodes %s", (_name, bytes, encoding) => {
    expect(decodeText(bytes)).toEqual({ text: "รหัสโครงการ", encoding });
  });
});

async function collect(bytes: Buffer, options: Parameters<typeof parseExport>[1] = {}): Promise<ParseEvent[]> {
  const events: ParseEvent[] = [];
  for await (const event of parseExport(await openExport(bytes), options)) events.push(event);
  return events;
}

describe("parsing whole exports", () => {
  it("reads every variant of the same synthetic export to identical rows", async () => {
    const variants = await Promise.all([
      generateSyntheticExport({ rows: 300, format: "xlsx", seed: 7 }),
      generateSyntheticExport({ rows: 300, format: "csv", encoding: "utf8", seed: 7 }),
      generateSyntheticExport({ rows: 300, format: "csv", encoding: "utf8-bom", seed: 7 }),
      generateSyntheticExport({ rows: 300, format: "csv", encoding: "windows-874", seed: 7 }),
      generateSyntheticExport({ rows: 300, format: "csv", encoding: "utf8", seed: 7, delimiter: "\t" }),
    ]);
    const parsed = await Promise.all(variants.map((bytes) => collect(bytes)));
    const rowsOf = (events: ParseEvent[]) => events.flatMap((e) => (e.type === "row" ? [e.row] : []));
    for (const events of parsed) {
      expect(events.filter((e) => e.type === "invalid")).toEqual([]);
      expect(rowsOf(events)).toHaveLength(300);
      // Title rows (1–3) come before the header in row 4; the total row is skipped.
      expect(events[0]).toMatchObject({ type: "header", header: { headerRow: 4, missingFields: [] } });
      expect(events.filter((e) => e.type === "skipped").map((e) => (e as { kind: string }).kind)).toEqual(["summary"]);
    }
    const reference = rowsOf(parsed[0]!);
    for (const events of parsed.slice(1)) expect(rowsOf(events)).toEqual(reference);
    // Thai text survives the streaming xlsx reader (exceljs split multi-byte characters at chunk boundaries).
    expect(reference.some((r) => JSON.stringify(r).includes("\uFFFD"))).toBe(false);
    expect(reference[0]).toMatchObject({ periodCode: "2570Q1", fiscalYear: 2570, startsOn: "2026-10-01", endsOn: "2027-09-30" });
  });

  it("keeps Thai text intact in large xlsx files (exceljs split characters at chunk boundaries)", async () => {
    // 3,000 distinct Thai strings: the shared-strings part spans many decompressed chunks, and without the
    // fix in lib/import/exceljs.ts eleven of these names come back with U+FFFD in them.
    const workbook = new ExcelJS.Workbook();
    const sheet = workbook.addWorksheet("data");
    const names = Array.from({ length: 3000 }, (_, i) => `โครงการทดสอบภาษาไทย ลำดับที่ ${i}`);
    for (const name of names) sheet.addRow([name]);
    const read: unknown[] = [];
    for await (const row of (await openExport(Buffer.from(await workbook.xlsx.writeBuffer()))).rows) read.push(row.cells[0]);
    expect(read).toEqual(names);
  });

  it("sees every part of a workbook even when the zip is read slower than it unpacks (was 'damaged file' once in ~300)", async () => {
    const workbook = new ExcelJS.Workbook();
    workbook.addWorksheet("สรุป").addRow(["ไม่ใช่ข้อมูล"]);
    workbook.addWorksheet("ข้อมูล").addRow(["รหัสโครงการ", "ชื่อโครงการ", "หน่วยงาน"]);
    const bytes = Buffer.from(await workbook.xlsx.writeBuffer());
    const zip = Readable.from([bytes]).pipe(unzipParse({ forceStream: true }));
    const parts: string[] = [];
    for await (const entry of iterateStream<NodeJS.ReadableStream & { path: string; autodrain: () => void }>(zip)) {
      // A slow first part (as when exceljs spools a sheet): unzipper finishes the archive meanwhile.
      if (parts.length === 0) await sleep(50);
      parts.push(entry.path);
      entry.autodrain();
    }
    expect(parts).toEqual(expect.arrayContaining(["xl/worksheets/sheet1.xml", "xl/worksheets/sheet2.xml", "xl/sharedStrings.xml", "xl/workbook.xml"]));
    expect(parts.at(-1)).toBe("xl/workbook.xml");
  });

  it("refuses a workbook cut short anywhere, or with a slice missing, as damaged instead of waiting for the rest", async () => {
    const bytes = await generateSyntheticExport({ rows: 60, format: "xlsx" });
    const readAll = async (damaged: Buffer) => {
      for await (const _ of (await openExport(damaged)).rows) void _;
    };
    for (let eighth = 1; eighth < 8; eighth++) {
      const at = Math.floor((bytes.length * eighth) / 8);
      await expect(readAll(bytes.subarray(0, at)), `cut at ${at}`).rejects.toMatchObject({ reason: "corrupt_file" });
      // The end record intact, a slice of an entry gone: the entry can never be read to its end.
      await expect(readAll(Buffer.concat([bytes.subarray(0, at), bytes.subarray(at + 700)])), `slice at ${at}`).rejects.toMatchObject({ reason: "corrupt_file" });
    }
    // The last byte of the end record missing.
    await expect(readAll(bytes.subarray(0, bytes.length - 1))).rejects.toMatchObject({ reason: "corrupt_file" });
  });

  it("reads quoted fields with newlines in CSV, and a chosen sheet in xlsx", async () => {
    const csv = Buffer.from('รหัสโครงการ,ชื่อโครงการ,หน่วยงาน,ปัญหาอุปสรรค\r\nP-1,"โครงการ ""ก""",กรมหนึ่ง,"บรรทัดแรก\nบรรทัดสอง"\r\n');
    const rows = (await collect(csv, { periodCode: "2570Q1" })).flatMap((e) => (e.type === "row" ? [e.row] : []));
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ projectName: 'โครงการ "ก"', problems: "บรรทัดแรก บรรทัดสอง", rowNumber: 2 });

    const workbook = new ExcelJS.Workbook();
    workbook.addWorksheet("สรุป").addRow(["ไม่ใช่ข้อมูล"]);
    const data = workbook.addWorksheet("ข้อมูล");
    data.addRow(["รหัสโครงการ", "ชื่อโครงการ", "หน่วยงาน"]);
    data.addRow(["P-2", "โครงการสอง", "กรมสอง"]);
    const bytes = Buffer.from(await workbook.xlsx.writeBuffer());
    const opened = await openExport(bytes, { sheetName: "ข้อมูล" });
    const events: ParseEvent[] = [];
    for await (const e of parseExport(opened, { periodCode: "2570Q1" })) events.push(e);
    expect(opened.sheetName).toBe("ข้อมูล");
    expect(events.filter((e) => e.type === "row")).toHaveLength(1);
    await expect(collect(bytes)).rejects.toMatchObject({ reason: "header_not_found" });
    const missing = await openExport(bytes, { sheetName: "ไม่มี" });
    await expect((async () => { for await (const _ of parseExport(missing)) void _; })()).rejects.toMatchObject({ reason: "sheet_not_found" });
  });

  it("infers 0–1 percentage columns from the values", async () => {
    const csv = Buffer.from("รหัสโครงการ,ชื่อโครงการ,หน่วยงาน,ความก้าวหน้าโครงการ\nP-1,ก,ข,0.45\nP-2,ก,ข,1\nP-3,ก,ข,0.8\n");
    const events = await collect(csv, { periodCode: "2570Q1" });
    expect(events[0]).toMatchObject({ header: { percentScales: { physicalProgress: "fraction" } } });
    expect(events.flatMap((e) => (e.type === "row" ? [e.row.physicalProgress] : []))).toEqual(["45.00", "100.00", "80.00"]);
  });
});

describe("row validation", () => {
  const columns = mapColumns([
    "รหัสโครงการ", "ชื่อโครงการ", "หน่วยงาน", "ปีงบประมาณ", "วงเงินงบประมาณ", "ผลการเบิกจ่ายสะสม", "วันเริ่มต้น", "วันสิ้นสุด", "ห้วงการรายงาน", "ค่าเป้าหมาย", "สถานะโครงการ",
  ]);
  const base = ["P-1", "โครงการ", "กรม", "๒๕๗๐", "1,234,567.50", "฿1,000", "1 ต.ค. 2569", "30/09/2570", "ไตรมาสที่ 1 (1 ต.ค. 69 - 31 ธ.ค. 69)", "ร้อยละ 80", "อยู่ระหว่างดำเนินการ"];
  const validate = (overrides: Record<number, unknown>) =>
    validateRow(9, base.map((v, i) => (i in overrides ? overrides[i] : v)) as never, { columns, percentScales: {} });

  it("types a good row: Thai digits, separators, currency, BE dates, reporting period, status", () => {
    const result = validate({});
    expect(result).toMatchObject({
      ok: true,
      row: { fiscalYear: 2570, budget: "1234567.50", disbursed: "1000.00", startsOn: "2026-10-01", endsOn: "2027-09-30", periodCode: "2570Q1", kpiTarget: "80.0000", status: "in_progress" },
    });
  });

  it.each([
    ["missing code", { 0: null }, "projectCode", "required"],
    ["budget text", { 4: "ประมาณหนึ่งล้าน" }, "budget", "not_a_number"],
    ["#REF! text", { 5: "#REF!" }, "disbursed", "spreadsheet_error"],
    ["error cell", { 5: { kind: "error", code: "#REF!" } }, "disbursed", "spreadsheet_error"],
    ["formula cell", { 4: { kind: "formula", formula: "SUM(A1:A2)", result: 3 } }, "budget", "formula_cell"],
    ["negative budget", { 4: "(1,000)" }, "budget", "negative_amount"],
    ["31 February", { 6: "31/02/2570" }, "startDate", "invalid_date"],
    ["end before start", { 7: "30/09/2569" }, "endDate", "end_before_start"],
    ["fiscal year typo", { 3: "257" }, "fiscalYear", "invalid_fiscal_year"],
    ["unreadable period", { 8: "ครึ่งปีแรก" }, "reportingPeriod", "invalid_period"],
    ["100k characters", { 1: "ก".repeat(100_000) }, "projectName", "too_long"],
  ])("%s", (_name, overrides, field, reason) => {
    const result = validate(overrides);
    expect(result.ok).toBe(false);
    expect(!result.ok && result.errors).toContainEqual(expect.objectContaining({ row: 9, field, reason }));
  });

  it("names what the cell holds beside the reason, shortened, so the user can find it in the file", () => {
    const errors = (overrides: Record<number, unknown>) => {
      const result = validate(overrides);
      return result.ok ? [] : result.errors;
    };
    expect(errors({ 4: "ประมาณหนึ่งล้าน" })).toContainEqual(expect.objectContaining({ field: "budget", found: "ประมาณหนึ่งล้าน" }));
    // A reason that already quotes the cell ("this cell is a formula (=SUM(A1:A2))") does not repeat it.
    expect(errors({ 4: { kind: "formula", formula: "SUM(A1:A2)", result: 3 } }).find((e) => e.field === "budget")).not.toHaveProperty("found");
    expect(errors({ 6: "31/02/2570" })).toContainEqual(expect.objectContaining({ field: "startDate", found: "31/02/2570" }));
    const long = errors({ 1: "ก".repeat(100_000) }).find((e) => e.field === "projectName")!;
    expect(long.found).toHaveLength(61);
    expect(long.found!.endsWith("…")).toBe(true);
    // A missing value has nothing to show.
    expect(errors({ 0: null }).find((e) => e.field === "projectCode")).not.toHaveProperty("found");
  });

  it("stores formula-looking text as text, and strips the apostrophe a fix list added", () => {
    const injected = '=HYPERLINK("http://evil.example","คลิก")';
    expect(validate({ 1: injected })).toMatchObject({ ok: true, row: { projectName: injected } });
    expect(validate({ 1: `'${injected}` })).toMatchObject({ ok: true, row: { projectName: injected } });
  });

  it.each([
    ["2570Q1", "2570Q1"],
    ["ไตรมาสที่ 2 (1 ม.ค. 66 - 31 มี.ค. 66)", "2566Q2"],
    ["ไตรมาสที่ 1 (1 ต.ค. 69 - 31 ธ.ค. 69)", "2570Q1"],
    ["ไตรมาส 3/2570", "2570Q3"],
    ["Q4 FY2570", "2570Q4"],
    ["ครึ่งปี", null],
  ])("reporting period %j → %s", (text, code) => {
    expect(parseReportingPeriod(text)).toBe(code);
  });

  it.each([
    ["อยู่ระหว่างดำเนินการ", "in_progress"],
    ["ดำเนินการแล้วเสร็จ", "completed"],
    ["ยกเลิก", "cancelled"],
    ["Not Started", "not_started"],
    ["อื่น ๆ", null],
  ])("status %j → %s", (text, status) => {
    expect(parseProjectStatus(text)).toBe(status);
  });

  it.each([
    [[null, "", " "], "blank"],
    [[null, null, "รวมทั้งสิ้น", "1,000"], "summary"],
    [["Total", null, null, "1,000"], "summary"],
    [[null, "ที่มา: ระบบ eMENSCR"], "note"],
    [["P-1", "โครงการ"], "data"],
    [[null, "โครงการไม่มีรหัส", "กรม"], "data"],
  ])("row %j is %s", (cells, kind) => {
    expect(classifyRow(cells as never, 0)).toBe(kind);
  });
});

describe("agency matching", () => {
  const matcher = new AgencyMatcher(
    [
      { id: 1, code: "01002", nameTh: "สำนักงานพัฒนารัฐบาลดิจิทัล (องค์การมหาชน)", nameEn: "Digital Government Development Agency", abbrTh: "สพร.", abbrEn: "DGA" },
      { id: 2, code: "05002", nameTh: "กรมทรัพย์สินทางปัญญา", nameEn: "Department of Intellectual Property", abbrTh: null, abbrEn: null },
    ],
    new Map([["ดีจีเอ", 1]]),
  );
  it.each([
    ["01002", null, { agencyId: 1, by: "code" }],
    ["1002", null, { agencyId: 1, by: "code" }],
    [null, "กรม ทรัพย์สิน ทางปัญญา", { agencyId: 2, by: "name" }],
    [null, "สพร", { agencyId: 1, by: "name" }],
    [null, "dga", { agencyId: 1, by: "name" }],
    [null, "ดีจีเอ", { agencyId: 1, by: "alias" }],
    ["99999", "กรมที่ไม่มีอยู่", { agencyId: null }],
  ])("code %j name %j", (code, name, expected) => {
    expect(matcher.match(code, name)).toEqual(expected);
  });
  it("suggests near matches, closest first", () => {
    expect(matcher.suggest("สำนักงานพัฒนารัฐบาลดิจิตอล")[0]).toMatchObject({ agencyId: 1 });
    expect(matcher.suggest("กรมทรัพย์สินทางปัญญา สาขาภาคเหนือ")[0]).toMatchObject({ agencyId: 2 });
    expect(matcher.suggest("ร้านกาแฟ")).toEqual([]);
  });
});

describe("component rules", () => {
  it("matches keywords on the name or strategy, and regexes", () => {
    const rules = compileRules([
      { id: 1, componentId: 10, field: "name", match: "keyword", pattern: "คลาวด์" },
      { id: 2, componentId: 40, field: "strategy", match: "keyword", pattern: "ความมั่นคง" },
      { id: 3, componentId: 20, field: "any", match: "regex", pattern: "เชื่อมโยง(ข้อมูล)?" },
      { id: 4, componentId: 30, field: "any", match: "regex", pattern: "(" },
    ]);
    expect(rules).toHaveLength(3);
    expect([...matchComponents({ name: "พัฒนาระบบ คลาวด์ กลาง", strategy: "ยุทธศาสตร์ชาติด้านความมั่นคง" }, rules)]).toEqual([[10, 1], [40, 2]]);
    expect([...matchComponents({ name: "ยกระดับการเชื่อมโยงข้อมูล" }, rules)]).toEqual([[20, 3]]);
    expect(checkRulePattern("regex", "(")).toEqual({ ok: false, reason: "rule_pattern_invalid" });
    expect(checkRulePattern("keyword", "  ")).toEqual({ ok: false, reason: "rule_pattern_empty" });
  });
});

describe("safe export", () => {
  it.each([
    ['=HYPERLINK("http://x","y")', `'=HYPERLINK("http://x","y")`],
    ["+66 2 123", "'+66 2 123"],
    ["-5", "'-5"],
    ["@SUM(A1)", "'@SUM(A1)"],
    ["\t=1", "'\t=1"],
    ["โครงการ", "โครงการ"],
    [-5, -5],
    [null, null],
  ])("%j → %j", (value, expected) => {
    expect(neutraliseCell(value)).toEqual(expected);
  });
});
