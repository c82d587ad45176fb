import Papa from "papaparse";
import ExcelJS from "@/lib/import/exceljs";
import { eq } from "drizzle-orm";
import { beforeAll, expect, it } from "vitest";
import { periods, users } from "@/db/schema";
import { getDefaultReportingPeriod, getPeriodOpenForReporting } from "@/db/queries/indicators";
import { getDashboardOverview } from "@/lib/facts/read/overview";
import { getComponentDashboard } from "@/lib/facts/read/component";
import { getAgencyDashboard } from "@/lib/facts/read/agency";
import { getLiveProvisionalNotice, getProvisionalNotice } from "@/lib/facts/read/provisional";
import { saveSubmission } from "@/lib/assessments/submission-save";
import { transitionSubmission } from "@/lib/assessments/submissions";
import { createAssessmentWorld } from "../support/assessment-fixtures";
import { generateReport } from "@/lib/reports/generate";
import { getReportFile } from "@/db/queries/reports";
import type { Actor } from "@/core/auth/actor";
import { describeEachDatabase } from "../support/databases";
import { actorOf } from "../support/factories";

// The demo's "today": Q1/2570 is open (due 15 Jan 2027), Q4/2569 was due on 15 Oct 2026.
const TODAY = "2026-12-05";

describeEachDatabase("one default period", ({ db }) => {
  let executive: Actor;
  let analyst: Actor;

  beforeAll(async () => {
    const userOf = async (role: "executive" | "analyst") => actorOf((await db().select().from(users).where(eq(users.role, role)).limit(1))[0]!);
    executive = await userOf("executive");
    analyst = await userOf("analyst");
  });

  it("is the same quarter on the overview, component and agency dashboards, and for the lagging, completeness and report pages and the CLI", async () => {
    const [overview, component, agency, listed] = await Promise.all([
      getDashboardOverview(executive, {}, { today: TODAY }),
      getComponentDashboard(executive, "downstream", {}, { today: TODAY }),
      getAgencyDashboard(executive, "03002", {}, { today: TODAY }),
      // What /lagging, /completeness, /reports, /admin/targets, /indicators and `npm run report` default to.
      getDefaultReportingPeriod(TODAY),
    ]);
    expect(overview.period.code).toBe("2569Q4");
    expect(component.period.code).toBe("2569Q4");
    expect(agency.period.code).toBe("2569Q4");
    expect(listed?.code).toBe("2569Q4");
    // The quarter agencies fill in is another question, with another answer.
    expect((await getPeriodOpenForReporting(TODAY))?.code).toBe("2570Q1");
  });

  it("moves to Q1/2570 the day after its due date", async () => {
    const after = "2027-01-16";
    expect((await getDashboardOverview(executive, {}, { today: after })).period.code).toBe("2570Q1");
    expect((await getDefaultReportingPeriod(after))?.code).toBe("2570Q1");
  });

  it("marks a chosen open quarter provisional, with the share of reports submitted; a due quarter not", async () => {
    const [open] = await db().select().from(periods).where(eq(periods.code, "2570Q1"));
    const [due] = await db().select().from(periods).where(eq(periods.code, "2569Q4"));
    const notice = await getProvisionalNotice(executive, open!, TODAY);
    expect(notice).toMatchObject({ code: "2570Q1", dueOn: "2027-01-15" });
    expect(notice!.expected).toBeGreaterThan(0);
    expect(notice!.submittedShare).toBeCloseTo((notice!.submitted / notice!.expected) * 100, 9);
    expect(notice!.submittedShare).toBeLessThan(50);
    expect(await getProvisionalNotice(executive, due!, TODAY)).toBeNull();
  });

  it("counts a first submission in the notice beside the figures once they are refreshed with it; the completeness tally at once", async () => {
    const w = await createAssessmentWorld(db());
    const today = "2026-11-01";
    const before = await getProvisionalNotice(executive, w.period, today);
    // A new quarter: every agency tagged with a component owes it, none has submitted yet.
    expect(before).toMatchObject({ submitted: 0, submittedShare: 0 });
    expect(before!.expected).toBe((await getLiveProvisionalNotice(w.period, today))!.expected);
    expect(before!.expected).toBeGreaterThan(1);
    const saved = await saveSubmission(w.actors.officer, { agencyId: w.agency.id, periodId: w.period.id, componentId: w.component.id, version: 0, fields: w.complete, intent: "save" });
    const endorsed = await transitionSubmission(w.actors.head, { submissionId: saved.submissionId, action: "endorse", version: saved.version });
    // Endorsing keeps it inside the agency: nothing reached DGA yet.
    expect(await getProvisionalNotice(executive, w.period, today)).toMatchObject({ submitted: 0 });
    // Submitting refreshes the period's derived figures (inline here; a queued job in the app), and the count with them.
    await transitionSubmission(w.actors.officer, { submissionId: saved.submissionId, action: "submit", version: endorsed.version });
    const after = await getProvisionalNotice(executive, w.period, today);
    expect(after).toMatchObject({ expected: before!.expected, submitted: 1 });
    expect(after!.submittedShare).toBeCloseTo(100 / before!.expected, 9);
    expect(await getLiveProvisionalNotice(w.period, today)).toMatchObject({ expected: before!.expected, submitted: 1 });
    // Past its due date the quarter is not provisional: no notice.
    expect(await getProvisionalNotice(executive, w.period, "2999-01-16")).toBeNull();
  });

  it("puts the caveat beside comparisons in a report on an open quarter, and none in one on a due quarter", async () => {
    const csvRows = async (period: string, locale: "th" | "en") => {
      const id = await generateReport(analyst, { period, scope: "national", format: "csv", locale }, { today: TODAY });
      const { content } = await getReportFile(analyst, id);
      return Papa.parse<string[]>(content.toString("utf8").slice(1), { skipEmptyLines: true }).data;
    };
    const open = await csvRows("2570Q1", "en");
    const caveat = open.find((row) => row.includes("provisional"));
    expect(caveat?.join(" ")).toMatch(/not yet due \(15 Jan 2027\); figures are preliminary \([\d.]+% submitted\)/);
    // Before the first headline compared with the previous quarter.
    expect(open.indexOf(caveat!)).toBeLessThan(open.findIndex((row) => row.includes("averageScore")));
    const thai = await csvRows("2570Q1", "th");
    expect(thai.some((row) => row.join(" ").includes("ยังไม่ถึงกำหนดส่ง"))).toBe(true);
    const closed = await csvRows("2569Q4", "en");
    expect(closed.some((row) => row.includes("provisional"))).toBe(false);
    expect(closed.some((row) => row.join(" ").includes("preliminary"))).toBe(false);
  });

  it("says so in the xlsx summary sheet, directly below the comparison table", async () => {
    const id = await generateReport(analyst, { period: "2570Q1", scope: "national", format: "xlsx", locale: "en" }, { today: TODAY });
    const { content } = await getReportFile(analyst, id);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(content as unknown as ArrayBuffer);
    const sheet = workbook.worksheets[0]!;
    const texts: string[] = [];
    sheet.eachRow((row) => texts.push(String(row.getCell(1).value ?? "")));
    const at = texts.findIndex((text) => text.startsWith("Caution: reports for this quarter are not yet due"));
    expect(at).toBeGreaterThan(0);
    // Before the notes about the report (scope, quarter, …): the first thing under the comparisons.
    expect(at).toBeLessThan(texts.indexOf("Scope"));
  });
}, { seeded: true });
