import { execFileSync } from "node:child_process";
import { mkdirSync, readFileSync } from "node:fs";
import path from "node:path";
import type { Download, Page } from "@playwright/test";
import ExcelJS from "exceljs";
import { DEMO, expect, expectAccessible, screenshot, signIn, signInAs, switchLanguage, test } from "../support/fixtures";

const PERIOD = "2570Q1";
const OUT = path.join("test-results", "reports");

async function saved(download: Download, name: string): Promise<string> {
  mkdirSync(OUT, { recursive: true });
  const file = path.join(OUT, name);
  await download.saveAs(file);
  return file;
}

/**
 * Fills the form, waits through the progress to the download button and downloads the file. A component or
 * ministry is chosen from its list by code; an agency is searched for (`agency.search`) and its option picked.
 */
async function generate(
  page: Page,
  options: { format: RegExp; period?: string; span?: "quarter" | "year"; scope?: string; code?: string; agency?: { search: string; option: RegExp }; language?: string },
  fileName: string,
) {
  await page.getByLabel(/ไตรมาส|Quarter/).first().selectOption(options.period ?? PERIOD);
  if (options.span) await page.getByLabel(/^(ช่วงของรายงาน|Report covers)$/).selectOption(options.span);
  if (options.scope) await page.getByLabel(/^(ขอบเขต|Scope)$/).selectOption(options.scope);
  if (options.code) await page.locator("#report-code").selectOption(options.code);
  if (options.agency) {
    const picker = page.getByRole("combobox", { name: /^(หน่วยงาน|Agency)$/ });
    await picker.fill(options.agency.search);
    await page.getByRole("option", { name: options.agency.option }).click();
    await expect(picker).toHaveValue(options.agency.option);
  }
  await page.getByRole("radio", { name: options.format }).check();
  if (options.language) await page.getByLabel(/ภาษาของรายงาน|Language of the report/).selectOption(options.language);
  await page.getByRole("button", { name: /สร้างรายงาน|Generate report/ }).click();
  const download = page.getByTestId("report-download");
  // However long the server takes to render it: the test's timeout is the only limit.
  await expect(download).toBeVisible({ timeout: 0 });
  const [file] = await Promise.all([page.waitForEvent("download"), download.click()]);
  return saved(file, fileName);
}

test.describe("quarterly reports", () => {
  test("an executive exports the national PDF: Thai text, the overview's figures, page numbers", async ({ page }) => {
    await signInAs(page, "executive");
    // The figure the report must repeat: the upstream component's score on the overview.
    await page.goto(`/?period=${PERIOD}`);
    const upstreamScore = (await page.locator("article.tile").first().locator(".tile__score-value").textContent())!.trim();

    await page.goto("/reports");
    await expect(page.getByRole("heading", { level: 1 })).toHaveText("รายงานรายไตรมาส");
    await expectAccessible(page);
    const file = await generate(page, { format: /^PDF/ }, "national-th.pdf");

    const text = execFileSync("pdftotext", ["-layout", file, "-"], { encoding: "utf8" });
    expect(text).toContain("รายงานผลการติดตามและประเมินผลระบบนิเวศรัฐบาลดิจิทัล");
    expect(text).toContain("บทสรุปผู้บริหาร");
    expect(text).toContain("ไตรมาส 1 ปีงบประมาณ 2570");
    expect(text).toMatch(new RegExp(`ต้นน้ำ\\s+${upstreamScore.replace(".", "\\.")}`));
    expect(text).toMatch(/หน้า 2 จาก \d+/);
    const info = execFileSync("pdfinfo", [file], { encoding: "utf8" });
    expect(info).toMatch(/Page size:\s+59[45]\.\d+ x 84[12]\.\d+ pts \(A4\)/);
    expect(execFileSync("pdffonts", [file], { encoding: "utf8" })).toContain("Sarabun");
    // Look at it: the summary page as PNG beside the screenshots.
    mkdirSync(path.join("test-results", "screenshots"), { recursive: true });
    execFileSync("pdftoppm", ["-png", "-r", "70", "-f", "2", "-l", "2", file, path.join("test-results", "screenshots", "report-pdf-summary-th")]);

    // The ecosystem map: its own landscape page, found by its heading, with the platforms and the statuses in words.
    const pages = text.split("\f");
    const mapPage = pages.findIndex((p) => p.includes("แผนภาพระบบนิเวศ") && p.includes("ทางรัฐ"));
    expect(mapPage, "the map's page").toBeGreaterThan(0);
    expect(pages[mapPage]).toMatch(/สพร\. \(DGA\)/);
    expect(pages[mapPage]).toMatch(/ตามเป้า|เฝ้าระวัง|ต่ำกว่าเป้า|ยังไม่มีข้อมูล/);
    expect(pages[mapPage]).toMatch(/สพร\.: (ผู้นำ|ผู้ทำ|ผู้ตาม|ผู้เชื่อมประสาน)/);
    const mapPageInfo = execFileSync("pdfinfo", ["-f", String(mapPage + 1), "-l", String(mapPage + 1), file], { encoding: "utf8" });
    expect(mapPageInfo, "landscape A4").toMatch(/Page\s+\d+ size:\s+84[12]\.\d+ x 59[45]\.\d+ pts/);
    execFileSync("pdftoppm", ["-png", "-r", "110", "-f", String(mapPage + 1), "-l", String(mapPage + 1), file, path.join("test-results", "screenshots", "report-pdf-map-th")]);

    // The archive lists it with who made it and its hash, and the file downloads again unchanged.
    await page.reload();
    const archive = page.getByTestId("report-archive");
    await expect(archive.getByRole("row").nth(1)).toContainText("PDF");
    await expect(archive.getByRole("row").nth(1)).toContainText(DEMO.byRole("executive").name);
    await expect(archive.getByRole("row").nth(1)).toContainText("SHA-256");
    await screenshot(page, "reports-th");
  });

  test("an analyst exports a closed fiscal year's PDF: its four quarters side by side and year-end against the annual target", async ({ page }) => {
    await signInAs(page, "analyst");
    await page.goto("/reports");
    const file = await generate(page, { format: /^PDF/, period: "2569Q4", span: "year" }, "year-2569-th.pdf");

    const text = execFileSync("pdftotext", ["-layout", file, "-"], { encoding: "utf8" });
    expect(text).toContain("ประจำปีงบประมาณ 2569");
    expect(text).toContain("สรุปปีงบประมาณ");
    // One column per quarter of the year, each with its short name, then the year's end.
    for (const q of [1, 2, 3, 4]) expect(text).toContain(`ไตรมาส ${q}/2569`);
    expect(text).toMatch(/ผล\s+ณ\s+สิ้นปี/);
    expect(text).toMatch(/หน้า 2 จาก \d+/);
    mkdirSync(path.join("test-results", "screenshots"), { recursive: true });
    execFileSync("pdftoppm", ["-png", "-r", "70", "-f", "1", "-l", "2", file, path.join("test-results", "screenshots", "report-pdf-year-th")]);
  });

  test("an analyst exports Excel and CSV in English: real numbers, frozen headers, a BOM", async ({ page }) => {
    await signInAs(page, "analyst", "en");
    await page.goto("/reports");
    await expect(page.getByRole("heading", { level: 1 })).toHaveText("Quarterly reports");
    const xlsx = await generate(page, { format: /^Excel/, scope: "ministry", code: "02000", language: "en" }, "ministry-en.xlsx");
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.readFile(xlsx);
    expect(workbook.worksheets.map((w) => w.name)).toContain("KPI results");
    const kpis = workbook.getWorksheet("KPI results")!;
    expect(kpis.views[0]).toMatchObject({ state: "frozen", ySplit: 1 });
    expect(kpis.getRow(1).getCell(3).value).toBe("Indicator");
    const results = kpis.getColumn(5).values.slice(2).filter((v) => v !== null && v !== undefined);
    expect(results.length).toBeGreaterThan(10);
    for (const value of results) expect(typeof value).toBe("number");

    await page.goto("/reports");
    const csv = await generate(page, { format: /^CSV/, scope: "national", language: "en" }, "national-en.csv");
    const bytes = readFileSync(csv);
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    expect(bytes.toString("utf8").split("\r\n")[0]).toBe("\uFEFFQuarter,Scope,Section,Component,Code,Item,Measure,Value,Previous quarter,Unit");
    await expectAccessible(page);
    await screenshot(page, "reports-en");

    // One agency's report: the agency is found by typing part of its name (the page does not list them all).
    // Another agency than the officer's below, whose archive must hold only its own agency's reports.
    await page.goto("/reports");
    const agencyCsv = await generate(page, { format: /^CSV/, scope: "agency", agency: { search: "revenue", option: /^02003 The Revenue Department$/ }, language: "en" }, "agency-en.csv");
    const agencyScopes = new Set(readFileSync(agencyCsv, "utf8").trim().split("\r\n").slice(1).map((line) => line.split(",")[1]));
    expect([...agencyScopes]).toEqual(["The Revenue Department (02003)"]);
    // Arriving with the agency in the URL, the form starts on it.
    await page.goto("/reports?agency=02003");
    await expect(page.getByLabel(/^Scope$/)).toHaveValue("agency");
    await expect(page.getByRole("combobox", { name: /^Agency$/ })).toHaveValue("02003 The Revenue Department");
  });

  test("an agency officer exports only its own agency's report; another agency's report is not found", async ({ page, browser }) => {
    // The analyst's national report id, to try as the officer.
    const analyst = await browser.newPage();
    await signInAs(analyst, "analyst");
    await analyst.goto("/reports");
    const nationalId = await analyst.getByTestId("report-archive").locator("tr[data-report-id]").first().getAttribute("data-report-id");
    expect(nationalId).not.toBeNull();
    await analyst.close();

    const officer = DEMO.byRole("agency_officer");
    await signIn(page, officer.email);
    await switchLanguage(page, "th");
    await page.goto("/reports");
    await expect(page.getByLabel(/^ขอบเขต$/)).toHaveCount(0);
    await expect(page.getByText("ท่านส่งออกรายงานของหน่วยงานตนเองได้")).toBeVisible();
    const file = await generate(page, { format: /^CSV/ }, "agency-th.csv");
    const text = readFileSync(file, "utf8");
    // Every row's scope is the officer's own agency.
    const scopes = new Set(text.trim().split("\r\n").slice(1).map((line) => line.split(",")[1]));
    expect([...scopes]).toEqual([`กรมการปกครอง (${officer.agencyCode})`]);

    // Only its own agency's reports in the archive; the national report's file answers 404.
    await page.reload();
    const rows = page.getByTestId("report-archive").locator("tr[data-report-id]");
    await expect(rows).toHaveCount(1);
    const response = await page.request.get(`/api/reports/${nationalId}/file`);
    expect(response.status()).toBe(404);
    const preview = await page.goto(`/reports/${nationalId}/print`);
    expect(preview?.status()).toBe(404);
  });
});
