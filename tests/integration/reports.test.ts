import { createHash } from "node:crypto";
import { and, eq, sql } from "drizzle-orm";
import Papa from "papaparse";
import { beforeAll, describe, expect, it, vi } from "vitest";
import { agencies, auditLog, components, periods } from "@/db/schema";
import { getCompleteness } from "@/db/queries/completeness";
import { getAgencyDashboard } from "@/lib/facts/read/agency";
import { getDashboardOverview } from "@/lib/facts/read/overview";
import { getEmenscrBudgetProgress } from "@/lib/facts/read/emenscr-projects";
import { listLaggingAgencies } from "@/db/queries/flags";
import { getReport, getReportFile, listReports } from "@/db/queries/reports";
import type { Actor } from "@/core/auth/actor";
import { SYSTEM_ACTOR } from "@/core/auth/actor";
import { linkProjectComponent } from "@/lib/emenscr/batch-service";
import { commitImport } from "@/lib/emenscr/import-service";
import ExcelJS from "@/lib/import/exceljs";
import { NotFoundError, ValidationError } from "@/core/errors";
import { recomputeAllFlags } from "@/lib/flags/recompute";
import { downloadReport } from "@/lib/reports/download";
import { generateReport, snapshotForToken } from "@/lib/reports/generate";
import th from "@/messages/th.json";
import { describeEachDatabase } from "../support/databases";
import { formatPeriod } from "@/core/format/thai";
import { actorOf, createUser } from "../support/factories";

const PERIOD = "2570Q1";
const TODAY = "2026-11-25";
const HEADER = "รหัสโครงการ,ชื่อโครงการ,หน่วยงาน,รหัสหน่วยงาน,วงเงินงบประมาณ,ผลการเบิกจ่ายสะสม,ความก้าวหน้าโครงการ,สถานะโครงการ";
// A file name that a spreadsheet would run as a command if it were written unguarded.
const HOSTILE_FILE_NAME = "=cmd|' /C calc'!A0.csv";

async function workbookOf(content: Buffer) {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(content as unknown as ArrayBuffer);
  return workbook;
}

/** A sheet as objects keyed by its (row 1) headers. */
function rowsOf(workbook: Awaited<ReturnType<typeof workbookOf>>, name: string) {
  const sheet = workbook.getWorksheet(name);
  if (!sheet) throw new Error(`no sheet ${name}; sheets: ${workbook.worksheets.map((w) => w.name).join(", ")}`);
  const headers = (sheet.getRow(1).values as unknown[]).slice(1).map(String);
  const rows: Record<string, unknown>[] = [];
  sheet.eachRow((row, n) => {
    if (n === 1) return;
    const values = (row.values as unknown[]).slice(1);
    if (values.every((v) => v === null || v === undefined)) return;
    rows.push(Object.fromEntries(headers.map((h, i) => [h, values[i] ?? null])));
  });
  return { sheet, headers, rows };
}

function csvOf(content: Buffer) {
  expect([...content.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
  const parsed = Papa.parse<Record<string, string>>(content.toString("utf8").slice(1), { header: true, skipEmptyLines: true });
  expect(parsed.errors).toEqual([]);
  return parsed;
}

describeEachDatabase("quarterly reports", ({ db }) => {
  let analyst: Actor, executive: Actor, officer: Actor, otherOfficer: Actor;

  beforeAll(async () => {
    analyst = actorOf(await createUser(db(), { role: "analyst", name: "นักวิเคราะห์ ทดสอบ" }));
    executive = actorOf(await createUser(db(), { role: "executive" }));
    const agencyId = async (code: string) => (await db().select().from(agencies).where(eq(agencies.code, code)))[0]!.id;
    officer = actorOf(await createUser(db(), { role: "agency_officer", agencyId: await agencyId("03002") }), "03002");
    otherOfficer = actorOf(await createUser(db(), { role: "agency_officer", agencyId: await agencyId("02003") }), "02003");
    const summary = await commitImport(analyst, {
      fileName: HOSTILE_FILE_NAME,
      periodCode: PERIOD,
      bytes: Buffer.from(
        [
          HEADER,
          `P-A,ระบบภาษีออนไลน์,กรมสรรพากร,02003,"1,000,000","500,000",40,อยู่ระหว่างดำเนินการ`,
          `P-B,ระบบคืนภาษี,กรมสรรพากร,02003,"3,000,000","600,000",20,ล่าช้า`,
          `P-C,ทะเบียนราษฎร์ออนไลน์,กรมการปกครอง,03002,"2,000,000","1,500,000",80,อยู่ระหว่างดำเนินการ`,
        ].join("\r\n") + "\r\n",
      ),
    });
    expect(summary.outcome).toBe("committed");
    // Tagged to components as an analyst would (P-B to two of them: it counts in both).
    const componentId = async (code: string) => (await db().select().from(components).where(eq(components.code, code)))[0]!.id;
    for (const [projectCode, component] of [["P-A", "midstream"], ["P-B", "midstream"], ["P-B", "cybersecurity"], ["P-C", "downstream"]] as const) {
      await linkProjectComponent(analyst, { projectCode, componentId: await componentId(component) });
    }
    await recomputeAllFlags(SYSTEM_ACTOR);
  });

  async function generated(actor: Actor, input: Record<string, unknown>) {
    const id = await generateReport(actor, { period: PERIOD, locale: "th", ...input }, { today: TODAY });
    return getReportFile(actor, id);
  }

  it("national xlsx: one sheet per section with frozen Thai headers, and the dashboard's figures as real numbers", async () => {
    const { report, content } = await generated(analyst, { scope: "national", format: "xlsx" });
    expect(report).toMatchObject({ status: "done", progress: 100, format: "xlsx", fileName: `lamnam-report-${PERIOD}-national.xlsx` });
    expect(report.sha256).toBe(createHash("sha256").update(content).digest("hex"));
    expect(report.sizeBytes).toBe(content.length);

    const workbook = await workbookOf(content);
    expect(workbook.worksheets.map((w) => w.name)).toEqual(["สรุป", "คะแนนองค์ประกอบ", "ผลตัวชี้วัด", "eMENSCR", "การส่งแบบประเมิน", "ยังไม่ได้ส่ง", "หน่วยงานที่ล่าช้า", "คำขอ", "คำขอการสนับสนุน", "แหล่งข้อมูล", "คำนิยาม"]);
    for (const sheet of workbook.worksheets) expect(sheet.views[0], sheet.name).toMatchObject({ state: "frozen", ySplit: 1 });

    const overview = await getDashboardOverview(analyst, { period: PERIOD }, { today: TODAY });
    const scores = rowsOf(workbook, "คะแนนองค์ประกอบ");
    expect(scores.rows.map((r) => r["รหัส"])).toEqual(overview.components.map((c) => c.code));
    for (const [i, c] of overview.components.entries()) {
      expect(scores.rows[i]!["คะแนน"]).toBeCloseTo(c.score!, 6);
      expect(scores.rows[i]!["คะแนนไตรมาสก่อน"]).toBeCloseTo(c.previousScore!, 6);
    }

    const kpis = rowsOf(workbook, "ผลตัวชี้วัด");
    expect(kpis.headers).toContain("ตัวชี้วัด");
    const indicators = overview.components.flatMap((c) => c.indicators);
    expect(kpis.rows).toHaveLength(indicators.length);
    for (const indicator of indicators) {
      const row = kpis.rows.find((r) => r["รหัส"] === indicator.code)!;
      expect(row, indicator.code).toBeDefined();
      if (indicator.current.actual === null) expect(row["ผล"]).toBeNull();
      else expect(row["ผล"], indicator.code).toBeCloseTo(indicator.current.actual, 6);
      if (indicator.current.target !== null) expect(row["เป้าหมาย"]).toBeCloseTo(indicator.current.target, 6);
      expect(row["หน่วยงานที่รายงาน"]).toBe(indicator.current.reporting);
    }

    // Each measure's definition travels with the figures, in the words of the "?" on screen.
    const definitions = rowsOf(workbook, "คำนิยาม").rows;
    expect(definitions.find((r) => r["รายการวัด"] === "ร้อยละของเป้าหมาย")?.["คำนิยาม"]).toMatch(/^ผลหารด้วยเป้าหมายที่หน่วยงานถูกวัด/);
    expect(definitions.map((r) => r["รายการวัด"])).toContain("แบบประเมินที่ส่งถึง สพร.");
    // Numbers are numbers with a number format, not text.
    const actualColumn = kpis.headers.indexOf("ผล") + 1;
    expect(kpis.sheet.getColumn(actualColumn).numFmt).toBe("#,##0.00");

    const budget = await getEmenscrBudgetProgress(analyst, { period: PERIOD });
    expect(budget).toMatchObject({ available: true, allocated: 6_000_000, disbursed: 2_600_000 });
    const emenscr = rowsOf(workbook, "eMENSCR").rows[0]!;
    expect(emenscr).toMatchObject({ "จำนวนโครงการ": 3, "งบประมาณที่ได้รับ (บาท)": 6_000_000, "เบิกจ่ายแล้ว (บาท)": 2_600_000 });
    expect(emenscr["เบิกจ่าย (%)"]).toBeCloseTo((2_600_000 / 6_000_000) * 100, 6);
    // A row per component with projects, each as the component's own eMENSCR panel shows it.
    const componentRows = rowsOf(workbook, "eMENSCR").rows.slice(1);
    const panels = await Promise.all(overview.components.map(async (c) => ({ code: c.code, panel: await getEmenscrBudgetProgress(analyst, { period: PERIOD, component: c.code }) })));
    const withProjects = panels.filter((p) => p.panel.available);
    expect(withProjects.map((p) => p.code)).toEqual(["midstream", "downstream", "cybersecurity"]);
    expect(componentRows.map((r) => r["รหัส"])).toEqual(withProjects.map((p) => p.code));
    for (const { code, panel } of withProjects) {
      const row = componentRows.find((r) => r["รหัส"] === code)!;
      expect(row, code).toMatchObject({ "จำนวนโครงการ": panel.available && panel.projects, "งบประมาณที่ได้รับ (บาท)": panel.available && panel.allocated, "เบิกจ่ายแล้ว (บาท)": panel.available && panel.disbursed });
    }

    const completeness = await getCompleteness(analyst, PERIOD, TODAY);
    expect(rowsOf(workbook, "การส่งแบบประเมิน").rows[0]).toMatchObject({
      "ต้องส่ง": completeness.total.expected,
      "ส่งแล้ว": completeness.total.submitted,
      "ตรงเวลา": completeness.total.onTime,
      "อนุมัติแล้ว": completeness.total.approved,
    });

    const period = (await db().select().from(periods).where(eq(periods.code, PERIOD)))[0]!;
    const lagging = await listLaggingAgencies(analyst, { periodId: period.id, today: TODAY });
    expect(lagging.length).toBeGreaterThan(0);
    expect(rowsOf(workbook, "หน่วยงานที่ล่าช้า").rows.map((r) => r["รหัส"])).toEqual(lagging.map((a) => a.code));

    // The generation time is a real date, shown in the Buddhist era by Excel's Thai calendar format.
    const summary = rowsOf(workbook, "สรุป");
    const generatedRow = summary.sheet.getRows(1, summary.sheet.rowCount)!.find((r) => String(r.getCell(1).value).startsWith("จัดทำโดย"))!;
    expect(generatedRow.getCell(2).value).toBeInstanceOf(Date);
    expect(generatedRow.getCell(2).numFmt).toContain("[$-107041E]");
  });

  it("a yearly report shows the four quarters side by side: its xlsx and CSV figures are the quarterly reports' own", async () => {
    const YEAR = 2569;
    const quarters = [1, 2, 3, 4].map((q) => `${YEAR}Q${q}`);
    const xlsx = await generated(analyst, { period: String(YEAR), span: "year", scope: "national", format: "xlsx" });
    expect(xlsx.report).toMatchObject({ status: "done", fileName: `lamnam-report-FY${YEAR}-national.xlsx` });
    const year = rowsOf(await workbookOf(xlsx.content), "สรุปปีงบประมาณ");
    const csv = csvOf((await generated(analyst, { period: `${YEAR}Q2`, span: "year", scope: "national", format: "csv" })).content).data.filter((r) => r["หัวข้อ"] === "สรุปปีงบประมาณ");
    const csvValue = (period: string, code: string, measure: string) => csv.find((r) => r["ไตรมาส"] === period && r["รหัส"] === code && r["รายการวัด"] === measure)?.["ค่า"];

    let compared = 0;
    for (const quarter of quarters) {
      const overview = await getDashboardOverview(analyst, { period: quarter }, { today: TODAY });
      const header = `ผล ${formatPeriod(quarter, "th", "short")}`;
      let total = 0;
      for (const indicator of overview.components.flatMap((c) => c.indicators)) {
        const row = year.rows.find((r) => r["รหัส"] === indicator.code);
        const actual = indicator.current.actual;
        if (actual === null) {
          expect(row?.[header] ?? null, `${indicator.code} ${quarter}`).toBeNull();
          continue;
        }
        expect(row![header] as number, `${indicator.code} ${quarter}`).toBeCloseTo(actual, 4);
        // The CSV keeps four decimals.
        expect(Number(csvValue(quarter, indicator.code, "ผล")), `${indicator.code} ${quarter}`).toBeCloseTo(actual, 3);
        total += actual;
        compared++;
      }
      // The column's total is the quarter's: nothing dropped, nothing counted twice.
      const column = year.rows.filter((r) => r["ตัวชี้วัด"] !== "คะแนน").reduce((sum, r) => sum + ((r[header] as number | null) ?? 0), 0);
      expect(column).toBeCloseTo(total, 3);
      const submitted = (await getCompleteness(analyst, quarter, TODAY)).total.submitted;
      expect(Number(csvValue(quarter, "national", "ส่งแล้ว"))).toBe(submitted);
    }
    expect(compared).toBeGreaterThan(10);

    // Year-end: the fourth quarter's figure against its target (the year's), as the fourth quarter's own report shows it.
    const q4 = csvOf((await generated(analyst, { period: `${YEAR}Q4`, scope: "national", format: "csv" })).content).data;
    const q4Value = (code: string, measure: string) => q4.find((r) => r["หัวข้อ"] === "ตัวชี้วัด" && r["รหัส"] === code && r["รายการวัด"] === measure)?.["ค่า"];
    const withYearEnd = year.rows.filter((r) => r["ผล ณ สิ้นปี"] !== null && r[`ผล ${formatPeriod(`${YEAR}Q4`, "th", "short")}`] !== null && r["ตัวชี้วัด"] !== "คะแนน");
    expect(withYearEnd.length).toBeGreaterThan(5);
    for (const row of withYearEnd) {
      const code = String(row["รหัส"]);
      expect(row["ผล ณ สิ้นปี"] as number).toBeCloseTo(Number(q4Value(code, "ผล")), 3);
      if (q4Value(code, "เป้าหมาย")) expect(row["เป้าหมายประจำปี"] as number).toBeCloseTo(Number(q4Value(code, "เป้าหมาย")), 3);
      expect(Number(csvValue(String(YEAR), code, "ผล ณ สิ้นปี"))).toBeCloseTo(row["ผล ณ สิ้นปี"] as number, 3);
    }
  });

  it("a quarter without eMENSCR imports says so in its sheet instead of showing headers only", async () => {
    const [quiet] = (
      await db().execute<{ code: string }>(sql`select p.code from periods p where not exists (select 1 from emenscr_progress g where g.period_id = p.id) and p.due_on < ${TODAY} order by p.code limit 1`)
    ).rows;
    expect(quiet, "a past quarter without eMENSCR rows in the demo data").toBeDefined();
    const id = await generateReport(analyst, { period: quiet!.code, scope: "national", format: "xlsx", locale: "th" }, { today: TODAY });
    const sheet = rowsOf(await workbookOf((await getReportFile(analyst, id)).content), "eMENSCR");
    expect(sheet.rows).toHaveLength(1);
    expect(Object.values(sheet.rows[0]!)).toContain(th.reports.document.noEmenscr);
  });

  it("neutralises text a spreadsheet would run as a formula, in xlsx and CSV alike", async () => {
    const xlsx = await generated(analyst, { scope: "national", format: "xlsx" });
    const sources = rowsOf(await workbookOf(xlsx.content), "แหล่งข้อมูล");
    const cell = sources.rows.find((r) => String(r["ไฟล์"] ?? "").includes("cmd"))!["ไฟล์"];
    expect(cell).toBe(`'${HOSTILE_FILE_NAME}`);

    const csv = csvOf((await generated(analyst, { scope: "national", format: "csv" })).content);
    const row = csv.data.find((r) => r["รายการ"]?.includes("cmd"))!;
    expect(row["รายการ"]).toBe(`'${HOSTILE_FILE_NAME}`);
  });

  it("ministry CSV in English: UTF-8 with BOM, plain numbers, the ministry's own figures", async () => {
    const { content, report } = await generated(executive, { scope: "ministry", code: "03000", format: "csv", locale: "en" });
    expect(report.fileName).toBe(`lamnam-report-${PERIOD}-ministry-03000.csv`);
    const csv = csvOf(content);
    expect(csv.meta.fields).toEqual(["Quarter", "Scope", "Section", "Component", "Code", "Item", "Measure", "Value", "Previous quarter", "Unit"]);
    const overview = await getDashboardOverview(executive, { period: PERIOD, ministry: "03000" }, { today: TODAY });
    for (const indicator of overview.components.flatMap((c) => c.indicators)) {
      const row = csv.data.find((r) => r.Section === "KPI" && r.Code === indicator.code && r.Measure === "Result")!;
      expect(row, indicator.code).toBeDefined();
      if (indicator.current.actual === null) expect(row.Value).toBe("");
      else {
        expect(row.Value).toMatch(/^-?\d+(\.\d+)?$/);
        // Four decimals in the file.
        expect(Number(row.Value)).toBeCloseTo(indicator.current.actual, 3);
      }
    }
    // DOPA's project only (its ministry is Interior, 03000).
    const allocated = csv.data.find((r) => r.Section === "eMENSCR" && r.Measure === "Budget allocated (baht)" && r.Component === "")!;
    expect(Number(allocated.Value)).toBe(2_000_000);
    const completeness = await getCompleteness(executive, PERIOD, TODAY, { ministryCode: "03000" });
    const expected = csv.data.find((r) => r.Section === "Assessments sent" && r.Measure === "Expected" && r.Component === "" && r.Code === "03000")!;
    expect(Number(expected.Value)).toBe(completeness.total.expected);
  });

  it("an agency officer exports only its own agency's report, with the agency's figures beside the national ones", async () => {
    await expect(generateReport(officer, { period: PERIOD, scope: "national", format: "csv" })).rejects.toBeInstanceOf(ValidationError);
    await expect(generateReport(officer, { period: PERIOD, scope: "agency", code: "02003", format: "csv" })).rejects.toBeInstanceOf(NotFoundError);

    const { report, content } = await generated(officer, { scope: "agency", code: "03002", format: "xlsx" });
    const dashboard = await getAgencyDashboard(officer, "03002", { period: PERIOD }, { today: TODAY });
    const kpis = rowsOf(await workbookOf(content), "ผลตัวชี้วัด");
    const mine = dashboard.components.flatMap((c) => c.indicators);
    expect(kpis.rows.map((r) => r["รหัส"]).sort()).toEqual(mine.map((i) => i.code).sort());
    for (const indicator of mine) {
      const row = kpis.rows.find((r) => r["รหัส"] === indicator.code)!;
      if (indicator.current.actual !== null) expect(row["ผล"]).toBeCloseTo(indicator.current.actual, 6);
      if (indicator.national.actual !== null) expect(row["ระดับประเทศ"]).toBeCloseTo(indicator.national.actual, 6);
    }

    // The archive follows the same scope: the other agency's officer neither lists nor downloads it.
    expect((await listReports(officer)).map((r) => r.id)).toContain(report.id);
    expect((await listReports(otherOfficer)).map((r) => r.id)).not.toContain(report.id);
    await expect(getReportFile(otherOfficer, report.id)).rejects.toBeInstanceOf(NotFoundError);
    const national = (await listReports(analyst)).find((r) => r.scope === "national")!;
    await expect(getReport(officer, national.id)).rejects.toBeInstanceOf(NotFoundError);
    expect((await listReports(executive)).map((r) => r.id)).toContain(report.id);
  });

  it("a component report covers that component only and lists only agencies tagged with it", async () => {
    const { content } = await generated(analyst, { scope: "component", code: "monitoring_evaluation", format: "csv", locale: "en" });
    const csv = csvOf(content);
    const components = new Set(csv.data.filter((r) => r.Section === "KPI").map((r) => r.Component));
    expect([...components]).toHaveLength(1);
    expect(csv.data.filter((r) => r.Section === "Component score").map((r) => r.Code)).toEqual(["monitoring_evaluation"]);
  });

  it("archives each generation with who, when and what, and the same data give byte-identical CSV", async () => {
    const first = await generated(analyst, { scope: "national", format: "csv" });
    const second = await generated(analyst, { scope: "national", format: "csv" });
    expect(second.report.sha256).toBe(first.report.sha256);
    expect(first.report).toMatchObject({ createdByName: "นักวิเคราะห์ ทดสอบ", scope: "national", periodCode: PERIOD });
    expect(first.report.dataAsOf).toBeInstanceOf(Date);
    const audit = await db().select().from(auditLog).where(and(eq(auditLog.entityType, "report"), eq(auditLog.entityId, String(first.report.id))));
    expect(audit.map((a) => a.action).sort()).toEqual(["report.generate", "report.request"]);
  });

  it("a download returns the archived file and is audited; another agency's report is not found and not audited", async () => {
    const { report, content } = await generated(officer, { scope: "agency", code: "03002", format: "csv" });
    const downloaded = await downloadReport(officer, report.id);
    expect(downloaded.content.equals(content)).toBe(true);
    expect(downloaded.report).toMatchObject({ id: report.id, sha256: report.sha256 });
    const downloads = () => db().select().from(auditLog).where(and(eq(auditLog.action, "report.download"), eq(auditLog.entityId, String(report.id))));
    expect(await downloads()).toMatchObject([{ actorId: officer.id, entityType: "report", after: { sha256: report.sha256 } }]);
    await expect(downloadReport(otherOfficer, report.id)).rejects.toBeInstanceOf(NotFoundError);
    expect(await downloads()).toHaveLength(1);
  });

  it("a generation that fails is recorded as failed, without a file", async () => {
    // A PDF needs the app's print view; without one the generation fails cleanly (and says so in the log).
    const log = vi.spyOn(console, "error").mockImplementation(() => undefined);
    await expect(generateReport(analyst, { period: PERIOD, scope: "national", format: "pdf" }, { today: TODAY })).rejects.toThrow();
    expect(log).toHaveBeenCalledOnce();
    log.mockRestore();
    const failed = (await listReports(analyst)).find((r) => r.format === "pdf")!;
    expect(failed).toMatchObject({ status: "failed", error: "internal", sha256: null });
    await expect(getReportFile(analyst, failed.id)).rejects.toBeInstanceOf(NotFoundError);
    expect(await snapshotForToken(failed.id, "guess")).toBeNull();
  });

  it("rejects bad requests with the reason per field", async () => {
    const error = await generateReport(analyst, { period: "2570Q5", scope: "ministry", format: "docx" }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ValidationError);
    expect((error as ValidationError).fieldErrors).toMatchObject({ period: ["invalidPeriod"], format: ["invalidFormat"] });
    const missingCode = await generateReport(analyst, { period: PERIOD, scope: "ministry", format: "csv" }).catch((e: unknown) => e);
    expect((missingCode as ValidationError).fieldErrors).toMatchObject({ code: ["scopeCodeRequired"] });
    await expect(generateReport(analyst, { period: "2580Q1", scope: "national", format: "csv" })).rejects.toBeInstanceOf(NotFoundError);
  });
}, { seeded: true });

describe("report messages", () => {
  it("has Thai sheet names that Excel accepts (≤ 31 characters, none of []:*?/\\)", async () => {
    const th = (await import("@/messages/th.json")).default.reports.document.sheets;
    for (const name of Object.values(th)) {
      expect(name.length).toBeLessThanOrEqual(31);
      expect(name).not.toMatch(/[[\]:*?/\\]/);
    }
  });
});
