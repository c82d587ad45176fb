import { and, eq } from "drizzle-orm";
import Papa from "papaparse";
import { createElement } from "react";
import { renderToStaticMarkup } from "react-dom/server";
import { beforeAll, expect, it } from "vitest";
import { agencies, assessmentTemplates, components, periods, submissions } from "@/db/schema";
import { getReportFile, getReportSnapshot } from "@/db/queries/reports";
import { confirmAskTags, routeSupportRequest, updateSupportRequest } from "@/lib/asks/support-requests";
import { generateReport } from "@/lib/reports/generate";
import ExcelJS from "@/lib/import/exceljs";
import { reportTranslator } from "@/core/reports/text";
import { Asks } from "@/components/reports/report-sections";
import type { Actor } from "@/core/auth/actor";
import { describeEachDatabase } from "../support/databases";
import { actorOf, createUser } from "../support/factories";

const PERIOD = "2570Q1";
const ANSWER = "สพร. จัดที่ปรึกษาด้านมาตรฐานข้อมูลให้ภายในเดือนนี้";

type Figures = Record<string, [number | null, number | null, number | null]>;

describeEachDatabase(
  "the quarterly report's section on what agencies asked for",
  ({ db }) => {
    let analyst: Actor;
    let reportIds: { csv: number; xlsx: number };

    beforeAll(async () => {
      analyst = actorOf(await createUser(db(), { role: "analyst" }));
      const [agency] = await db().select().from(agencies).where(eq(agencies.code, "03002"));
      const [period] = await db().select().from(periods).where(eq(periods.code, PERIOD));
      const [component] = await db().select().from(components).where(eq(components.code, "upstream"));
      const [template] = await db().select().from(assessmentTemplates).where(eq(assessmentTemplates.componentId, component!.id));
      const existing = await db().select().from(submissions).where(and(eq(submissions.agencyId, agency!.id), eq(submissions.periodId, period!.id), eq(submissions.componentId, component!.id)));
      const values = { status: "submitted" as const, firstSubmittedAt: new Date(), problemsText: "ขาดบุคลากรด้านข้อมูล", supportText: "ขอคำปรึกษาด้านมาตรฐานข้อมูลและงบประมาณ" };
      const [sent] = existing.length
        ? await db().update(submissions).set(values).where(eq(submissions.id, existing[0]!.id)).returning()
        : await db().insert(submissions).values({ agencyId: agency!.id, periodId: period!.id, componentId: component!.id, templateId: template!.id, ...values }).returning();
      await confirmAskTags(analyst, { source: "submission_support", sourceId: sent!.id, tags: ["standards", "budget"] });
      const request = await routeSupportRequest(analyst, { source: "submission_support", sourceId: sent!.id, unitCode: "policy_standards" });
      await updateSupportRequest(analyst, { requestId: request.id, version: request.version, status: "answered", answer: ANSWER });
      await routeSupportRequest(analyst, { source: "submission_problems", sourceId: sent!.id, unitCode: "academy" });
      reportIds = {
        csv: await generateReport(analyst, { period: PERIOD, scope: "national", format: "csv", locale: "th" }),
        xlsx: await generateReport(analyst, { period: PERIOD, scope: "national", format: "xlsx", locale: "th" }),
      };
    });

    it("shows the same counts and the same requests in the PDF, the xlsx and the CSV", async () => {
      const t = reportTranslator("th");
      const c = (key: string) => t(`columns.${key}` as "columns.item");

      // CSV: the section's rows, figures by code and measure.
      const csv = (await getReportFile(analyst, reportIds.csv)).content.toString("utf8").slice(1);
      const rows = Papa.parse<Record<string, string>>(csv, { header: true, skipEmptyLines: true }).data.filter((r) => r[c("section")] === t("sections.asks"));
      const csvFigures: Figures = {};
      const csvRequests: string[][] = [];
      for (const r of rows) {
        const code = r[c("code")]!;
        const slot = [c("asks"), c("routed"), c("answered")].indexOf(r[c("measure")]!);
        if (slot >= 0) (csvFigures[code] ??= [null, null, null])[slot] = Number(r[c("value")]);
        if (r[c("measure")] === c("answer")) csvRequests.push([code, r[c("value")]!]);
      }

      // xlsx: the counts sheet and the requests sheet.
      const workbook = new ExcelJS.Workbook();
      await workbook.xlsx.load((await getReportFile(analyst, reportIds.xlsx)).content as unknown as ArrayBuffer);
      const xlsxFigures: Figures = {};
      workbook.getWorksheet(t("sheets.asks"))!.eachRow((row, n) => {
        if (n === 1) return;
        const [, , code, , asks, routed, answered] = row.values as unknown[];
        xlsxFigures[String(code)] = [asks as number, (routed as number | undefined) ?? null, (answered as number | undefined) ?? null];
      });
      const xlsxRequests: string[][] = [];
      workbook.getWorksheet(t("sheets.requests"))!.eachRow((row, n) => {
        if (n === 1) return;
        const values = row.values as unknown[];
        xlsxRequests.push([String(values[1]), values[9] ? String(values[9]) : ""]);
      });

      // The PDF is the print view of the same snapshot: its section, rendered.
      const snapshot = await getReportSnapshot(analyst, reportIds.csv);
      const html = renderToStaticMarkup(createElement(Asks, { s: snapshot, t }));
      const pdfFigures: Figures = {};
      for (const match of html.matchAll(/data-ask-row="[a-z]+:([^"]+)">(.*?)<\/tr>/g)) {
        const cells = [...match[2]!.matchAll(/<td[^>]*>(.*?)<\/td>/g)].map((m) => m[1]!);
        const n = (v: string) => (v === "–" ? null : Number(v.replace(/,/g, "")));
        pdfFigures[match[1]!] = [n(cells[2]!), n(cells[3]!), n(cells[4]!)];
      }

      expect(Object.keys(csvFigures).length).toBeGreaterThan(3);
      expect(xlsxFigures).toEqual(csvFigures);
      expect(pdfFigures).toEqual(csvFigures);
      expect(csvFigures.national![1]).toBeGreaterThanOrEqual(2);
      expect(csvFigures.national![2]).toBeGreaterThanOrEqual(1);
      expect(csvFigures.standards![0]).toBeGreaterThanOrEqual(1);
      // The requests: the answered one with DGA's answer, the one in progress without, in every format.
      expect(csvRequests).toEqual(expect.arrayContaining([["03002", ANSWER], ["03002", ""]]));
      expect(xlsxRequests).toEqual(csvRequests);
      expect(html).toContain(ANSWER);
      expect(snapshot.asks!.requests.length).toBe(csvRequests.length);
    });
  },
  { seeded: true },
);
