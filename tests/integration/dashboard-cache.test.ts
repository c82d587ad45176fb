import { expect, it } from "vitest";
import { saveSubmission } from "@/lib/assessments/submission-save";
import { transitionSubmission } from "@/lib/assessments/submissions";
import { refreshDashboardRollups } from "@/lib/facts/derive/rollups";
import { dashboardCacheStats } from "@/lib/facts/read/cache";
import { getDashboardOverview } from "@/lib/facts/read/overview";
import { getAgencyDashboard } from "@/lib/facts/read/agency";
import { getComponentDashboard } from "@/lib/facts/read/component";
import { getEmenscrBudgetProgress } from "@/lib/facts/read/emenscr-projects";
import { commitImport } from "@/lib/emenscr/import-service";
import { describeEachDatabase } from "../support/databases";
import { createAssessmentWorld } from "../support/assessment-fixtures";
import { eq } from "drizzle-orm";
import { agencies, agencyComponents, components, indicatorFacts, indicators, periods } from "@/db/schema";

describeEachDatabase("dashboard reads cached per scope and derived version", ({ db }) => {
  it("serves a repeated read from memory, and the new figure once an approval's refresh commits", async () => {
    dashboardCacheStats.clear();
    const w = await createAssessmentWorld(db());
    await refreshDashboardRollups(db(), { periodIds: [w.period.id] });
    const figureOf = async () => {
      const overview = await getDashboardOverview(w.actors.analyst, { period: w.period.code });
      const tile = overview.components.find((c) => c.code === w.component.code)!;
      return tile.indicators.find((i) => i.id === w.indicator.id)!.current;
    };

    const before = await figureOf();
    expect(before.actual).toBeNull();
    // A cut of the country (the agency's type) is summed and kept apart from the national figure.
    const cutFigureOf = async () => {
      const overview = await getDashboardOverview(w.actors.analyst, { period: w.period.code, type: w.agency.type });
      return overview.components.find((c) => c.code === w.component.code)!.indicators.find((i) => i.id === w.indicator.id)!.current;
    };
    expect((await cutFigureOf()).actual).toBeNull();
    const reads = dashboardCacheStats.reads();
    expect(await figureOf()).toEqual(before);
    // An executive shares the DGA-wide view; the cached object handed out is a copy.
    const again = await getDashboardOverview(w.actors.executive, { period: w.period.code });
    again.components.length = 0;
    expect(dashboardCacheStats.reads()).toBe(reads);
    expect((await getDashboardOverview(w.actors.executive, { period: w.period.code })).components.length).toBeGreaterThan(0);

    // An agency role is another scope: its own read.
    await getAgencyDashboard(w.actors.officer, w.agency.code, { period: w.period.code });
    expect(dashboardCacheStats.reads()).toBe(reads + 1);

    const saved = await saveSubmission(w.actors.officer, { agencyId: w.agency.id, periodId: w.period.id, componentId: w.component.id, version: 0, fields: w.complete, intent: "save" });
    let version = saved.version;
    for (const [actor, action] of [[w.actors.head, "endorse"], [w.actors.officer, "submit"], [w.actors.analyst, "approve"]] as const) {
      version = (await transitionSubmission(actor, { submissionId: saved.submissionId, action, version })).version;
    }
    // No queue runs here, so the approval refreshed the derived rows inline and bumped the period's version.
    const after = await figureOf();
    expect(after.actual).toBe(12);
    expect((await cutFigureOf()).actual).toBe(12);
    expect(dashboardCacheStats.reads()).toBeGreaterThan(reads + 1);
    const own = await getAgencyDashboard(w.actors.officer, w.agency.code, { period: w.period.code });
    expect(own.components.flatMap((c) => c.indicators).find((i) => i.id === w.indicator.id)!.current.actual).toBe(12);
  });

  it("keeps another component's page cached through an approval that changes none of its rows", async () => {
    dashboardCacheStats.clear();
    const w = await createAssessmentWorld(db());
    // A second component of the same quarter, with an approved figure of the other agency.
    const [other] = await db()
      .insert(components)
      .values({ code: `other-${w.component.code}`, ordinal: 900, group: "enabler", nameTh: "อีกองค์ประกอบ", nameEn: "Another component", descriptionTh: "-", descriptionEn: "-" })
      .returning();
    const [indicator] = await db()
      .insert(indicators)
      .values({ code: `OTHER-${w.indicator.code}`, componentId: other!.id, nameTh: "ตัวชี้วัด", nameEn: "Indicator", definitionTh: "-", definitionEn: "-", unitTh: "-", unitEn: "-", valueType: "number", source: "self_assessment" })
      .returning();
    await db().insert(agencyComponents).values({ agencyId: w.otherAgency.id, componentId: other!.id, dgaRole: "doer" });
    await db().insert(indicatorFacts).values({ indicatorId: indicator!.id, agencyId: w.otherAgency.id, periodId: w.period.id, value: "7", source: "self_assessment", state: "approved", recordedAt: new Date() });
    await refreshDashboardRollups(db(), { periodIds: [w.period.id] });
    const otherFigure = async () => (await getComponentDashboard(w.actors.analyst, other!.code, { period: w.period.code })).indicators[0]!.current.actual;
    expect(await otherFigure()).toBe(7);
    const indicatorOf = async () => (await getComponentDashboard(w.actors.analyst, w.component.code, { period: w.period.code })).indicators.find((i) => i.id === w.indicator.id)!;
    expect((await indicatorOf()).distribution.quartiles).toBeNull();
    const reads = dashboardCacheStats.reads();

    const saved = await saveSubmission(w.actors.officer, { agencyId: w.agency.id, periodId: w.period.id, componentId: w.component.id, version: 0, fields: w.complete, intent: "save" });
    let version = saved.version;
    for (const [actor, action] of [[w.actors.head, "endorse"], [w.actors.officer, "submit"], [w.actors.analyst, "approve"]] as const) {
      version = (await transitionSubmission(actor, { submissionId: saved.submissionId, action, version })).version;
    }
    // The approval's refresh changed the first component's rows only: the other's page is answered from memory.
    expect(await otherFigure()).toBe(7);
    expect(dashboardCacheStats.reads()).toBe(reads);
    const changed = await indicatorOf();
    expect(changed.current.actual).toBe(12);
    // Its spread and best agencies too, kept per the component's version in the quarter.
    expect(changed.distribution.quartiles).toEqual({ min: 12, q1: 12, median: 12, q3: 12, max: 12 });
    expect(changed.best.map((b) => b.code)).toEqual([w.agency.code]);
    expect(dashboardCacheStats.reads()).toBe(reads + 1);
  });

  it("shows a catalogue edit on the next read: a new indicator on the component's page, an agency's new name among its best", async () => {
    dashboardCacheStats.clear();
    const w = await createAssessmentWorld(db());
    const saved = await saveSubmission(w.actors.officer, { agencyId: w.agency.id, periodId: w.period.id, componentId: w.component.id, version: 0, fields: w.complete, intent: "save" });
    let version = saved.version;
    for (const [actor, action] of [[w.actors.head, "endorse"], [w.actors.officer, "submit"], [w.actors.analyst, "approve"]] as const) {
      version = (await transitionSubmission(actor, { submissionId: saved.submissionId, action, version })).version;
    }
    const page = () => getComponentDashboard(w.actors.analyst, w.component.code, { period: w.period.code });
    const before = await page();
    expect(before.indicators.map((i) => i.code)).toEqual([w.indicator.code]);
    expect(before.indicators[0]!.best.map((b) => b.nameEn)).toEqual([w.agency.nameEn]);

    // No figure changes, so no refresh moves a derived version: only the catalogue's version moves.
    await db()
      .insert(indicators)
      .values({ code: `NEW-${w.indicator.code}`, componentId: w.component.id, nameTh: "ตัวชี้วัดใหม่", nameEn: "New indicator", definitionTh: "-", definitionEn: "-", unitTh: "-", unitEn: "-", valueType: "number", source: "self_assessment" });
    await db().update(agencies).set({ nameEn: "Renamed Department" }).where(eq(agencies.id, w.agency.id));
    const after = await page();
    expect(after.indicators.map((i) => i.code).sort()).toEqual([w.indicator.code, `NEW-${w.indicator.code}`].sort());
    expect(after.indicators.find((i) => i.id === w.indicator.id)!.best.map((b) => b.nameEn)).toEqual(["Renamed Department"]);
  });

  it("ranks an agency among the attainments of the quarter as its last refresh left them", async () => {
    dashboardCacheStats.clear();
    const w = await createAssessmentWorld(db());
    await refreshDashboardRollups(db(), { periodIds: [w.period.id] });
    const ownOf = async () => {
      const dashboard = await getComponentDashboard(w.actors.officer, w.component.code, { period: w.period.code });
      return dashboard.indicators.find((i) => i.id === w.indicator.id)!.own;
    };
    expect(await ownOf()).toBeNull();
    const saved = await saveSubmission(w.actors.officer, { agencyId: w.agency.id, periodId: w.period.id, componentId: w.component.id, version: 0, fields: w.complete, intent: "save" });
    let version = saved.version;
    for (const [actor, action] of [[w.actors.head, "endorse"], [w.actors.officer, "submit"], [w.actors.analyst, "approve"]] as const) {
      version = (await transitionSubmission(actor, { submissionId: saved.submissionId, action, version })).version;
    }
    // The attainments read before the approval are not used again: the refresh moved the quarter's version.
    expect(await ownOf()).toMatchObject({ code: w.agency.code, value: 12, rank: 1, of: 1 });
  });

  it("keeps a quarter's overview and eMENSCR panel cached while a later quarter's figures are refreshed", async () => {
    dashboardCacheStats.clear();
    const w = await createAssessmentWorld(db());
    await refreshDashboardRollups(db(), { periodIds: [w.period.id] });
    // The quarter being reported on now, after the one the dashboards show.
    const [later] = await db()
      .insert(periods)
      .values({ code: "2699Q4", fiscalYear: 2699, quarter: 4, startsOn: "2027-01-01", endsOn: "2027-03-31", dueOn: "2999-01-15", status: "open" })
      .returning();
    const shown = { period: w.period.code };
    await getDashboardOverview(w.actors.analyst, shown);
    await getEmenscrBudgetProgress(w.actors.analyst, shown);
    await getAgencyDashboard(w.actors.analyst, w.agency.code, shown);
    const reads = dashboardCacheStats.reads();

    await refreshDashboardRollups(db(), { periodIds: [later!.id] });
    await getDashboardOverview(w.actors.analyst, shown);
    await getEmenscrBudgetProgress(w.actors.analyst, shown);
    expect(dashboardCacheStats.reads()).toBe(reads);
    // The agency's page shows every quarter's figures: it reads again.
    await getAgencyDashboard(w.actors.analyst, w.agency.code, shown);
    expect(dashboardCacheStats.reads()).toBe(reads + 1);

    // A refresh of the quarter shown reaches its overview.
    await refreshDashboardRollups(db(), { periodIds: [w.period.id] });
    await getDashboardOverview(w.actors.analyst, shown);
    expect(dashboardCacheStats.reads()).toBe(reads + 2);
  });

  it("keeps the eMENSCR panel cached through figure refreshes of the quarter shown, and shows an import into it at once", async () => {
    dashboardCacheStats.clear();
    const w = await createAssessmentWorld(db());
    await refreshDashboardRollups(db(), { periodIds: [w.period.id] });
    const shown = { period: w.period.code };
    const before = await getEmenscrBudgetProgress(w.actors.analyst, shown);
    const reads = dashboardCacheStats.reads();
    // What every approval's refresh does to the quarter: its derived rows move, its eMENSCR data does not.
    await refreshDashboardRollups(db(), { periodIds: [w.period.id] });
    expect(await getEmenscrBudgetProgress(w.actors.analyst, shown)).toEqual(before);
    expect(dashboardCacheStats.reads()).toBe(reads);

    const header = "รหัสโครงการ,ชื่อโครงการ,หน่วยงาน,รหัสหน่วยงาน,วงเงินงบประมาณ,ผลการเบิกจ่ายสะสม,ความก้าวหน้าโครงการ";
    const file = Buffer.from(`${header}\r\nCACHE-${w.agency.id},โครงการทดสอบแคช,${w.agency.nameTh},${w.agency.code},1000000,250000,40\r\n`, "utf8");
    const committed = await commitImport(w.actors.analyst, { fileName: "cache.csv", bytes: file, periodCode: w.period.code });
    expect(committed).toMatchObject({ outcome: "committed", inserted: 1 });
    const after = await getEmenscrBudgetProgress(w.actors.analyst, shown);
    expect(after).toMatchObject({ available: true, projects: (before.available ? before.projects : 0) + 1 });
  });

  it("serves every agency role one national overview and budget panel, but each agency its own named panel", async () => {
    dashboardCacheStats.clear();
    const w = await createAssessmentWorld(db());
    await refreshDashboardRollups(db(), { periodIds: [w.period.id] });
    const shown = { period: w.period.code };
    await getDashboardOverview(w.actors.officer, shown);
    await getEmenscrBudgetProgress(w.actors.officer, shown);
    const reads = dashboardCacheStats.reads();
    // Another agency's officer: the same national figures, from memory.
    const other = await getDashboardOverview(w.actors.otherOfficer, shown);
    await getEmenscrBudgetProgress(w.actors.otherOfficer, shown);
    expect(dashboardCacheStats.reads()).toBe(reads);
    expect(other.scope.restricted).toBe(true);
    // A panel naming an agency is that agency's: read for its officer, refused to the other's.
    await getEmenscrBudgetProgress(w.actors.officer, { ...shown, agency: w.agency.code });
    expect(dashboardCacheStats.reads()).toBe(reads + 1);
    await expect(getEmenscrBudgetProgress(w.actors.otherOfficer, { ...shown, agency: w.agency.code })).rejects.toThrow();
  });
});
