import { and, eq, notExists } from "drizzle-orm";
import Papa from "papaparse";
import { beforeAll, expect, it } from "vitest";
import { agencies, agencyComponents, auditLog, indicatorFacts, indicators, openDataReleases, periods } from "@/db/schema";
import { getReportFile } from "@/db/queries/reports";
import { getDashboardOverview } from "@/lib/facts/read/overview";
import { refreshDashboardRollups } from "@/lib/facts/derive/rollups";
import { generateReport } from "@/lib/reports/generate";
import { publishOpenData, withdrawOpenData } from "@/lib/open-data/publish";
import type { Actor } from "@/core/auth/actor";
import { ConflictError, ForbiddenError, ValidationError } from "@/core/errors";
import { OPEN_DATA_FIELDS, openDataDictionary, type OpenDataRecord } from "@/core/open-data/dataset";
import { GET as getOpenData } from "@/app/open-data/[fy]/[file]/route";
import { GET as getDictionary } from "@/app/open-data/dictionary.json/route";
import { reportTranslator } from "@/core/reports/text";
import { describeEachDatabase } from "../support/databases";
import { actorOf, createUser } from "../support/factories";

const PUBLISHED = "2569Q4";
const OPEN = "2570Q1";
const TODAY = "2026-11-25";
/** A value no approved figure has: if it shows anywhere in the open data, an unapproved value leaked. */
const UNAPPROVED_VALUE = 987654;

function csvOf(content: Buffer | string) {
  const text = typeof content === "string" ? content : content.toString("utf8");
  expect(text.charCodeAt(0)).toBe(0xfeff);
  const parsed = Papa.parse<Record<string, string>>(text.slice(1), { header: true, skipEmptyLines: true });
  expect(parsed.errors).toEqual([]);
  return parsed;
}

async function fetchOpenData(fy: string, file: string) {
  return getOpenData(new Request(`http://localhost/open-data/${fy}/${file}`), { params: Promise.resolve({ fy, file }) });
}

const reportWords = reportTranslator("en");
const cell = (value: number | null) => (value === null ? "" : String(value));

describeEachDatabase(
  "open data",
  ({ db }) => {
    let analyst: Actor, admin: Actor, executive: Actor, officer: Actor;
    const periodId = async (code: string) => (await db().select().from(periods).where(eq(periods.code, code)))[0]!.id;
    const releasesOf = async (code: string) => db().select().from(openDataReleases).where(eq(openDataReleases.periodId, await periodId(code)));
    const auditOf = async (action: string) => db().select().from(auditLog).where(eq(auditLog.action, action));

    beforeAll(async () => {
      analyst = actorOf(await createUser(db(), { role: "analyst" }));
      admin = actorOf(await createUser(db(), { role: "admin" }));
      executive = actorOf(await createUser(db(), { role: "executive" }));
      const [dopa] = await db().select().from(agencies).where(eq(agencies.code, "03002"));
      officer = actorOf(await createUser(db(), { role: "agency_officer", agencyId: dopa!.id }), "03002");
    });

    it("refuses an open quarter, and anyone but an analyst or administrator, writing nothing", async () => {
      const open = await periodId(OPEN);
      await expect(publishOpenData(analyst, open, { today: TODAY })).rejects.toMatchObject({ code: "open_data_period_not_closed" });
      await expect(publishOpenData(analyst, open, { today: TODAY })).rejects.toBeInstanceOf(ConflictError);
      const closed = await periodId(PUBLISHED);
      await expect(publishOpenData(executive, closed, { today: TODAY })).rejects.toBeInstanceOf(ForbiddenError);
      await expect(publishOpenData(officer, closed, { today: TODAY })).rejects.toBeInstanceOf(ForbiddenError);
      expect(await db().select().from(openDataReleases)).toEqual([]);
      expect(await auditOf("opendata.publish")).toEqual([]);
      // Nothing published yet: the URL of a real quarter says so, in both languages.
      const response = await fetchOpenData("2569", "Q4.csv");
      expect(response.status).toBe(404);
      expect(await response.json()).toMatchObject({ error: "not_found", reason: "not_published", message_th: expect.stringContaining("ยังไม่ได้เผยแพร่"), message_en: expect.stringContaining("not been published") });
    });

    it("publishes a closed quarter's approved figures only: an unapproved value changes nothing", async () => {
      const closed = await periodId(PUBLISHED);
      const before = await getDashboardOverview(analyst, { period: PUBLISHED }, { today: TODAY });
      // An agency's figure awaiting approval, for an indicator and agency that have none this quarter.
      const [candidate] = await db()
        .select({ indicatorId: indicators.id, code: indicators.code, agencyId: agencyComponents.agencyId })
        .from(indicators)
        .innerJoin(agencyComponents, eq(agencyComponents.componentId, indicators.componentId))
        .where(
          and(
            eq(indicators.valueType, "number"),
            notExists(
              db()
                .select({ id: indicatorFacts.id })
                .from(indicatorFacts)
                .where(and(eq(indicatorFacts.indicatorId, indicators.id), eq(indicatorFacts.agencyId, agencyComponents.agencyId), eq(indicatorFacts.periodId, closed))),
            ),
          ),
        )
        .limit(1);
      expect(candidate).toBeDefined();
      await db().insert(indicatorFacts).values({ indicatorId: candidate!.indicatorId, agencyId: candidate!.agencyId, periodId: closed, value: String(UNAPPROVED_VALUE), source: "self_assessment", state: "provisional", sourceRef: "test:unapproved" });
      await refreshDashboardRollups(db(), { periodIds: [closed] });

      const published = await publishOpenData(analyst, closed, { today: TODAY });
      expect(published).toMatchObject({ period: PUBLISHED });
      const [release] = await releasesOf(PUBLISHED);
      const records = release!.dataset.records;
      expect(records.some((r) => r.value === UNAPPROVED_VALUE)).toBe(false);
      const figure = before.components.flatMap((c) => c.indicators).find((i) => i.code === candidate!.code)!;
      const national = records.find((r) => r.scope_level === "national" && r.indicator_code === candidate!.code)!;
      expect(national.value).toBe(figure.current.actual === null ? null : Math.round(figure.current.actual * 10_000) / 10_000);
      expect(national.reporting_agencies).toBe(figure.current.reporting);
      // The nation, then every ministry; seven components each with their indicators.
      expect(new Set(records.filter((r) => r.record_type === "component" && r.scope_level === "national").map((r) => r.component_code)).size).toBe(7);
      expect(records.some((r) => r.scope_level === "ministry" && r.scope_code === "03000")).toBe(true);
      // Never an agency's own figure: the only scopes are the nation and ministries.
      expect(new Set(records.map((r) => r.scope_level))).toEqual(new Set(["national", "ministry"]));

      const [entry] = await auditOf("opendata.publish");
      expect(entry).toMatchObject({ actorId: analyst.id, entityType: "period", entityId: String(closed) });
      await expect(publishOpenData(analyst, closed, { today: TODAY })).rejects.toMatchObject({ code: "open_data_already_published" });
      expect(await releasesOf(PUBLISHED)).toHaveLength(1);
    });

    it("the open CSV holds the quarterly report's figures, nationally and for a ministry", async () => {
      const open = csvOf(Buffer.from(await (await fetchOpenData("2569", "Q4.csv")).arrayBuffer())).data;
      const reportCsv = async (input: Record<string, unknown>) => {
        const id = await generateReport(analyst, { period: PUBLISHED, format: "csv", locale: "en", ...input }, { today: TODAY });
        return csvOf((await getReportFile(analyst, id)).content).data;
      };
      const compare = (report: Record<string, string>[], rows: Record<string, string>[]) => {
        const value = (section: string, code: string, measure: string) => {
          const row = report.find((r) => r.Section === section && r.Code === code && r.Measure === measure);
          expect(row, `${section} ${code} ${measure}`).toBeDefined();
          return row!.Value;
        };
        let compared = 0;
        for (const r of rows) {
          if (r.record_type === "component") {
            expect(r.value, r.component_code).toBe(value("Component score", r.component_code!, "Score"));
            continue;
          }
          const code = r.indicator_code!;
          expect(r.value, code).toBe(value("KPI", code, "Result"));
          expect(r.target, code).toBe(value("KPI", code, "Target"));
          expect(r.attainment_percent, code).toBe(value("KPI", code, "Attainment (%)"));
          // The report words statuses its own way; the code must be the same.
          expect(reportWords(`status.${r.status}` as "status.green"), code).toBe(value("KPI", code, "Status"));
          expect(r.reporting_agencies, code).toBe(value("KPI", code, "Agencies reporting"));
          expect(r.expected_agencies, code).toBe(value("KPI", code, "Expected"));
          if (r.value !== "") compared++;
        }
        return compared;
      };
      expect(compare(await reportCsv({ scope: "national" }), open.filter((r) => r.scope_level === "national"))).toBeGreaterThan(10);
      compare(await reportCsv({ scope: "ministry", code: "03000" }), open.filter((r) => r.scope_code === "03000"));
    });

    it("the dictionary names every column, in Thai and English, and the JSON and package describe the same data", async () => {
      const dictionary = openDataDictionary();
      const csv = csvOf(Buffer.from(await (await fetchOpenData("2569", "Q4.csv")).arrayBuffer()));
      expect(csv.meta.fields).toEqual(dictionary.map((f) => f.name));
      for (const f of dictionary) {
        expect(f.description_th, f.name).toMatch(/[\u0E00-\u0E7F]/);
        expect(f.description_en, f.name).toMatch(/^[\x20-\x7E–÷×]+$/);
        expect(f.description_th).not.toBe(f.description_en);
      }
      const served = (await (await getDictionary()).json()) as { fields: unknown };
      expect(served.fields).toEqual(dictionary);

      const json = (await (await fetchOpenData("2569", "Q4.json")).json()) as { records: OpenDataRecord[]; fields: unknown; period: { code: string } };
      expect(json.period.code).toBe(PUBLISHED);
      expect(json.fields).toEqual(dictionary);
      for (const record of json.records) expect(Object.keys(record)).toEqual(OPEN_DATA_FIELDS.map((f) => f.name));
      expect(json.records).toHaveLength(csv.data.length);
      const nationalScores = json.records.filter((r) => r.scope_level === "national" && r.record_type === "component");
      for (const r of nationalScores) expect(cell(r.value)).toBe(csv.data.find((c) => c.scope_level === "national" && c.record_type === "component" && c.component_code === r.component_code)!.value);

      const pkg = (await (await fetchOpenData("2569", "Q4-package.json")).json()) as { success: boolean; result: Record<string, unknown> & { resources: { format: string; url: string; hash?: string }[] } };
      expect(pkg.success).toBe(true);
      const [release] = await releasesOf(PUBLISHED);
      expect(pkg.result).toMatchObject({
        name: "lamnam-digital-government-ecosystem-2569-q4",
        license_id: "Open-Data-Common",
        organization: { name: "dga" },
        temporal_coverage_start: "2026-07-01",
        temporal_coverage_end: "2026-09-30",
      });
      expect(pkg.result.title).toContain("2569");
      expect((pkg.result.tags as { name: string }[]).length).toBeGreaterThan(3);
      expect(pkg.result.resources.map((r) => r.format)).toEqual(["CSV", "JSON", "JSON"]);
      expect(pkg.result.resources[0]!.url).toMatch(/\/open-data\/2569\/Q4\.csv$/);
      expect(pkg.result.resources[0]!.hash).toBe(`sha256:${release!.sha256}`);
    });

    it("refuses unknown quarters and malformed file names with a 404 in Thai and English", async () => {
      for (const [fy, file, reason] of [
        ["2599", "Q1.csv", "no_such_quarter"],
        ["2570", "Q1.json", "not_published"],
        ["2569", "Q4.xml", "no_such_resource"],
        ["2569", "Q5.csv", "no_such_resource"],
        ["1999", "Q1.csv", "no_such_resource"],
        ["2569", "..%2FQ4.csv", "no_such_resource"],
      ] as const) {
        const response = await fetchOpenData(fy, file);
        expect(response.status, `${fy}/${file}`).toBe(404);
        const body = (await response.json()) as Record<string, string>;
        expect(body, `${fy}/${file}`).toMatchObject({ error: "not_found", reason });
        expect(body.message_th).toMatch(/[\u0E00-\u0E7F]/);
        expect(body.message_en).toMatch(/^[\x20-\x7E]+$/);
      }
    });

    it("an administrator withdraws a publication with a reason; it can then be published again", async () => {
      const closed = await periodId(PUBLISHED);
      await expect(withdrawOpenData(analyst, closed, { reason: "แก้ไขข้อมูล" })).rejects.toBeInstanceOf(ForbiddenError);
      await expect(withdrawOpenData(admin, closed, { reason: " " })).rejects.toBeInstanceOf(ValidationError);
      expect((await releasesOf(PUBLISHED)).filter((r) => r.withdrawnAt === null)).toHaveLength(1);
      await withdrawOpenData(admin, closed, { reason: "ตัวเลขของกระทรวงหนึ่งต้องแก้ไข" });
      expect((await fetchOpenData("2569", "Q4.csv")).status).toBe(404);
      expect(await auditOf("opendata.withdraw")).toHaveLength(1);
      await expect(withdrawOpenData(admin, closed, { reason: "อีกครั้ง" })).rejects.toMatchObject({ code: "open_data_not_published" });
      await publishOpenData(analyst, closed, { today: TODAY });
      expect((await fetchOpenData("2569", "Q4.csv")).status).toBe(200);
      expect(await releasesOf(PUBLISHED)).toHaveLength(2);
    });
  },
  { seeded: true },
);

