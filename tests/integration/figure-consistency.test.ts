// One definition per figure: for random scopes (national, a ministry, an agency) and periods of the demo
// data and of a national-shaped population (departments and local administrations, as the benchmarks
// generate, smaller), what the overview, the component page, the agency page, the dashboard API and the
// CSV and Excel reports show for the same scope and period is the same number — and none of them is
// impossible (a negative count, a share over 100 %, more agencies reporting a figure than owe it).
import Papa from "papaparse";
import ExcelJS from "@/lib/import/exceljs";
import { eq, sql } from "drizzle-orm";
import { beforeAll, expect, it, vi } from "vitest";
import { agencies, periods } from "@/db/schema";
import { seedDemoData } from "@/scripts/seed/seed";
import { populateNationalDataset } from "@/scripts/generate-national-dataset";
import type { Database } from "@/db/client";
import type { Actor } from "@/core/auth/actor";
import type { Figure } from "@/lib/facts/read/figures";
import { getDashboardOverview } from "@/lib/facts/read/overview";
import { getComponentDashboard } from "@/lib/facts/read/component";
import { getAgencyDashboard } from "@/lib/facts/read/agency";
import { getReportFile } from "@/db/queries/reports";
import { generateReport } from "@/lib/reports/generate";
import { GET as overviewRoute } from "@/app/api/dashboard/overview/route";
import { describeEachDatabase } from "../support/databases";
import { actorOf, createUser } from "../support/factories";

const session = vi.hoisted(() => ({ actor: null as Actor | null }));
vi.mock("@/lib/auth/session", () => ({ getActor: async () => session.actor }));

const TODAY = "2026-12-04";

/** A small deterministic generator: a failing sample can be replayed from its seed. */
function random(seed: number) {
  let state = seed;
  return () => {
    state = (state * 1103515245 + 12345) % 2 ** 31;
    return state / 2 ** 31;
  };
}

/** What no figure may ever be, whatever the page. */
function expectPossible(figure: Figure, valueType: string, where: string) {
  for (const key of ["reporting", "expected", "provisional", "green", "amber", "red"] as const) expect(figure[key], `${where} ${key}`).toBeGreaterThanOrEqual(0);
  expect(figure.reporting, `${where}: reporters over owers`).toBeLessThanOrEqual(figure.expected);
  expect(figure.green + figure.amber + figure.red, `${where}: statuses over reporters`).toBeLessThanOrEqual(figure.reporting);
  if (figure.actual !== null) {
    if (valueType !== "text") expect(figure.actual, `${where}: negative`).toBeGreaterThanOrEqual(0);
    if (valueType === "percent") expect(figure.actual, `${where}: share over 100 %`).toBeLessThanOrEqual(100);
    if (valueType === "level") expect(figure.actual, `${where}: level beyond 5`).toBeLessThanOrEqual(5);
  }
  if (figure.attainment !== null) expect(figure.attainment, `${where}: attainment`).toBeGreaterThanOrEqual(0);
}

function csvRows(content: Buffer) {
  const parsed = Papa.parse<Record<string, string>>(content.toString("utf8").replace(/^\uFEFF/, ""), { header: true, skipEmptyLines: true });
  expect(parsed.errors).toEqual([]);
  return parsed.data;
}

const csvNumber = (value: string | undefined) => (value === undefined || value === "" ? null : Number(value));

/** The Excel report's KPI sheet (the third) as rows keyed by indicator code: result, reporting, expected. */
async function xlsxKpis(content: Buffer) {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(content as unknown as ArrayBuffer);
  const sheet = workbook.worksheets[2]!;
  const byCode = new Map<string, { actual: number | null; reporting: number | null; expected: number | null }>();
  sheet.eachRow((row, n) => {
    if (n === 1) return;
    const cell = (column: number) => {
      const value = row.getCell(column).value;
      return value === null || value === undefined || value === "" ? null : Number(value);
    };
    byCode.set(String(row.getCell(2).value), { actual: cell(5), reporting: cell(10), expected: cell(11) });
  });
  return byCode;
}

const DATASETS: { name: string; populate: (db: Database) => Promise<unknown> }[] = [
  { name: "demo data", populate: seedDemoData },
  { name: "national-shaped data", populate: (db) => populateNationalDataset(db, { departments: 30, locals: 160, projects: 600 }, () => {}) },
];

for (const dataset of DATASETS)
describeEachDatabase(`one definition per figure across pages, API and reports (${dataset.name})`, ({ db }) => {
  let executive: Actor;
  let analyst: Actor;
  let periodCodes: string[];
  let ministries: string[];
  let agencyCodes: string[];

  beforeAll(async () => {
    await dataset.populate(db());
    executive = actorOf(await createUser(db(), { role: "executive" }));
    analyst = actorOf(await createUser(db(), { role: "analyst" }));
    periodCodes = (await db().select({ code: periods.code }).from(periods).where(sql`${periods.dueOn} < ${TODAY}`)).map((p) => p.code);
    ministries = (await db().select({ code: agencies.code }).from(agencies).where(eq(agencies.type, "ministry"))).map((a) => a.code);
    const reporting = await db().execute<{ code: string }>(sql`select distinct a.code from dashboard_agency_figures g join agencies a on a.id = g.agency_id order by 1`);
    agencyCodes = reporting.rows.map((r) => r.code);
    expect(periodCodes.length).toBeGreaterThanOrEqual(2);
    expect(ministries.length).toBeGreaterThanOrEqual(2);
  });

  it("overview, component pages, the API and the CSV and Excel reports agree for random national and ministry scopes", { timeout: 300_000 }, async () => {
    const next = random(20261205);
    const pick = <T,>(list: T[]) => list[Math.floor(next() * list.length)]!;
    const samples = [
      { period: pick(periodCodes), ministry: undefined },
      { period: pick(periodCodes), ministry: pick(ministries) },
      { period: pick(periodCodes), ministry: pick(ministries) },
    ];
    let compared = 0;
    for (const sample of samples) {
      const filters = { period: sample.period, ...(sample.ministry ? { ministry: sample.ministry } : {}) };
      const label = `${sample.period} ${sample.ministry ?? "national"}`;
      const overview = await getDashboardOverview(executive, filters, { today: TODAY });

      // The API answers what the page shows.
      session.actor = executive;
      const query = new URLSearchParams(filters).toString();
      const api = await overviewRoute(new Request(`http://lamnam.test/api/dashboard/overview?${query}`), { params: Promise.resolve({}) });
      expect(api.status).toBe(200);
      expect(await api.json(), `${label}: API`).toEqual(JSON.parse(JSON.stringify(overview)));

      const reportId = await generateReport(executive, { period: sample.period, scope: sample.ministry ? "ministry" : "national", code: sample.ministry, format: "csv", locale: "en" }, { today: TODAY });
      const csv = csvRows((await getReportFile(executive, reportId)).content).filter((r) => r.Section === "KPI");
      const xlsxId = await generateReport(executive, { period: sample.period, scope: sample.ministry ? "ministry" : "national", code: sample.ministry, format: "xlsx", locale: "en" }, { today: TODAY });
      const xlsx = await xlsxKpis((await getReportFile(executive, xlsxId)).content);

      for (const component of overview.components) {
        const page = await getComponentDashboard(executive, component.code, filters, { today: TODAY });
        expect(page.score, `${label} ${component.code}: score`).toEqual(component.score);
        expect(page.laggingAgencies, `${label} ${component.code}: lagging`).toBe(component.laggingAgencies);
        expect(page.completeness, `${label} ${component.code}: figures received`).toEqual(component.completeness);
        expect(component.completeness.present).toBeLessThanOrEqual(component.completeness.expected);
        expect(component.laggingAgencies).toBeLessThanOrEqual(component.contributingAgencies);
        for (const indicator of component.indicators) {
          const where = `${label} ${indicator.code}`;
          expectPossible(indicator.current, indicator.valueType, where);
          const detail = page.indicators.find((i) => i.code === indicator.code)!;
          expect(detail.current, `${where}: component page`).toEqual(indicator.current);
          const row = (measure: string) => csv.find((r) => r.Code === indicator.code && r.Measure === measure)?.Value;
          const actual = csvNumber(row("Result"));
          if (indicator.current.actual === null) expect(actual, `${where}: CSV result`).toBeNull();
          else expect(actual, `${where}: CSV result`).toBeCloseTo(indicator.current.actual, 3);
          expect(csvNumber(row("Agencies reporting")), `${where}: CSV reporting`).toBe(indicator.current.reporting);
          expect(csvNumber(row("Expected")), `${where}: CSV expected`).toBe(indicator.current.expected);
          const sheet = xlsx.get(indicator.code);
          expect(sheet, `${where}: Excel row`).toBeDefined();
          if (indicator.current.actual === null) expect(sheet!.actual, `${where}: Excel result`).toBeNull();
          else expect(sheet!.actual, `${where}: Excel result`).toBeCloseTo(indicator.current.actual, 3);
          expect(sheet!.reporting, `${where}: Excel reporting`).toBe(indicator.current.reporting);
          expect(sheet!.expected, `${where}: Excel expected`).toBe(indicator.current.expected);
          compared++;
        }
      }
    }
    expect(compared).toBeGreaterThan(60);
  });

  it("an agency's page and its CSV report show the same figures, each possible and within what it owes", { timeout: 300_000 }, async () => {
    const next = random(4);
    for (let n = 0; n < 3; n++) {
      const code = agencyCodes[Math.floor(next() * agencyCodes.length)]!;
      const period = periodCodes[Math.floor(next() * periodCodes.length)]!;
      const page = await getAgencyDashboard(analyst, code, { period }, { today: TODAY });
      const reportId = await generateReport(analyst, { period, scope: "agency", code, format: "csv", locale: "en" }, { today: TODAY });
      const csv = csvRows((await getReportFile(analyst, reportId)).content).filter((r) => r.Section === "KPI");
      const q = page.currentQuality;
      expect(q.present, `${code} ${period}: received over owed`).toBeLessThanOrEqual(q.expected);
      expect(q.valid, `${code} ${period}: counted over received`).toBeLessThanOrEqual(q.present);
      expect(q.onTime).toBeLessThanOrEqual(q.present);
      if (q.score !== null) expect(q.score).toBeGreaterThanOrEqual(0);
      if (q.score !== null) expect(q.score).toBeLessThanOrEqual(100);
      for (const indicator of page.components.flatMap((c) => c.indicators)) {
        const where = `${code} ${period} ${indicator.code}`;
        const actual = csvNumber(csv.find((r) => r.Code === indicator.code && r.Measure === "Result")?.Value);
        if (indicator.current.actual === null) expect(actual, where).toBeNull();
        else {
          expect(actual, where).toBeCloseTo(indicator.current.actual, 3);
          expect(indicator.current.actual, `${where}: negative`).toBeGreaterThanOrEqual(0);
          if (indicator.valueType === "percent") expect(indicator.current.actual, `${where}: share over 100 %`).toBeLessThanOrEqual(100);
        }
      }
    }
  });
});
