// A change of an indicator's definition starts a new version from a given quarter: the quarters before
// keep the figures (attainment, status, the national figure, what the lagging rules judge) they were
// made under, the quarter it starts from and later use the new definition. Changes that would rewrite
// figures already made are refused, with nothing saved.
import { and, eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { agencyComponents, auditLog, components, services, dashboardAgencyFigures, indicatorFacts, indicators, indicatorVersions, periods, targets, type Agency, type Period } from "@/db/schema";
import type { Actor } from "@/core/auth/actor";
import { createIndicator, deletePlatform, deleteIndicator, savePlatform, setIndicatorActive, startIndicatorVersion, updateComponentWords } from "@/lib/admin/catalogue";
import { getPlatform } from "@/db/queries/catalogue";
import { refreshDashboardRollups } from "@/lib/facts/derive/rollups";
import { getComponentDashboard } from "@/lib/facts/read/component";
import { loadIndicatorResults } from "@/db/queries/flag-inputs";
import { ValidationError } from "@/core/errors";
import { describeEachDatabase } from "../support/databases";
import { actorOf, createAgency, createUser } from "../support/factories";

const QUARTERS = [
  { code: "2569Q1", fiscalYear: 2569, quarter: 1, startsOn: "2025-10-01", endsOn: "2025-12-31", dueOn: "2026-01-15", status: "closed" as const },
  { code: "2569Q2", fiscalYear: 2569, quarter: 2, startsOn: "2026-01-01", endsOn: "2026-03-31", dueOn: "2026-04-15", status: "closed" as const },
  { code: "2569Q3", fiscalYear: 2569, quarter: 3, startsOn: "2026-04-01", endsOn: "2026-06-30", dueOn: "2026-07-15", status: "open" as const },
  { code: "2569Q4", fiscalYear: 2569, quarter: 4, startsOn: "2026-07-01", endsOn: "2026-09-30", dueOn: "2026-10-15", status: "open" as const },
];

/** The error codes of a refused call, by field. */
async function refusal(call: Promise<unknown>): Promise<Record<string, string[]>> {
  try {
    await call;
  } catch (error) {
    if (error instanceof ValidationError) return error.fieldErrors;
    throw error;
  }
  throw new Error("expected the call to be refused");
}

describeEachDatabase("versioned indicators", ({ db }) => {
  let admin: Actor;
  let a: Agency, b: Agency;
  let q: Record<string, Period>;
  let indicatorId: number;

  async function report(agency: Agency, period: string, value: number) {
    await db().insert(indicatorFacts).values({ indicatorId, agencyId: agency.id, periodId: q[period]!.id, value: String(value), source: "self_assessment", state: "approved" });
    await refreshDashboardRollups(db());
  }
  const figureOf = async (agency: Agency, period: string) =>
    (
      await db()
        .select({ attainment: dashboardAgencyFigures.attainment, status: dashboardAgencyFigures.status, target: dashboardAgencyFigures.target })
        .from(dashboardAgencyFigures)
        .where(and(eq(dashboardAgencyFigures.indicatorId, indicatorId), eq(dashboardAgencyFigures.agencyId, agency.id), eq(dashboardAgencyFigures.periodId, q[period]!.id)))
    ).map((r) => ({ attainment: Number(r.attainment), status: r.status, target: Number(r.target) }))[0];

  beforeAll(async () => {
    admin = actorOf(await createUser(db(), { role: "admin" }));
    const [component] = await db()
      .insert(components)
      .values({ code: "versioned", ordinal: 1, group: "value_chain", nameTh: "องค์ประกอบทดสอบ", nameEn: "Test component", descriptionTh: "ทดสอบ", descriptionEn: "Test" })
      .returning();
    a = await createAgency(db());
    b = await createAgency(db());
    for (const agency of [a, b]) await db().insert(agencyComponents).values({ agencyId: agency.id, componentId: component!.id, dgaRole: "doer" });
    const rows = await db().insert(periods).values(QUARTERS).returning();
    q = Object.fromEntries(rows.map((p) => [p.code, p]));
    const created = await createIndicator(admin, {
      code: "VER-01",
      nameTh: "ตัวชี้วัดทดสอบรุ่น",
      nameEn: "Versioned test indicator",
      componentCode: "versioned",
      definitionTh: "จำนวนเรื่องที่ดำเนินการ",
      definitionEn: "Cases handled",
      unitTh: "เรื่อง",
      unitEn: "cases",
      direction: "higher",
      aggregation: "mean",
      valueType: "number",
    });
    indicatorId = created.id;
    for (const p of QUARTERS) await db().insert(targets).values({ indicatorId, periodId: q[p.code]!.id, value: "100" });
    // Q1 was made under version 1: higher is better, each agency held to the national 100.
    await report(a, "2569Q1", 80);
    await report(b, "2569Q1", 60);
  });

  it("scores the first quarter under the definition it was made under", async () => {
    expect(await figureOf(a, "2569Q1")).toEqual({ attainment: 80, status: "red", target: 100 });
  });

  it("refuses a new version from a closed quarter, or one whose figures exist, and saves nothing", async () => {
    const change = { definitionTh: "จำนวนเรื่องค้าง", definitionEn: "Cases pending", unitTh: "เรื่อง", unitEn: "cases", direction: "lower", aggregation: "mean" };
    expect(await refusal(startIndicatorVersion(admin, indicatorId, { ...change, effectiveFrom: "2569Q1" }))).toEqual({ effectiveFrom: ["period_closed"] });
    await db().update(periods).set({ status: "open" }).where(eq(periods.id, q["2569Q1"]!.id));
    expect(await refusal(startIndicatorVersion(admin, indicatorId, { ...change, effectiveFrom: "2569Q1" }))).toEqual({ effectiveFrom: ["would_rewrite_figures"] });
    // From "latest" or to it would change who owes the figure.
    expect(await refusal(startIndicatorVersion(admin, indicatorId, { ...change, aggregation: "latest", effectiveFrom: "2569Q3" }))).toEqual({ aggregation: ["aggregation_changes_owers"] });
    expect(await db().select().from(indicatorVersions).where(eq(indicatorVersions.indicatorId, indicatorId))).toHaveLength(1);
    const [row] = await db().select().from(indicators).where(eq(indicators.id, indicatorId));
    expect(row!.direction).toBe("higher");
  });

  it("keeps Q1 unchanged after the direction changes from Q3, and scores Q3 under the new one", async () => {
    const { version } = await startIndicatorVersion(admin, indicatorId, {
      definitionTh: "จำนวนเรื่องค้างดำเนินการ",
      definitionEn: "Cases still pending",
      unitTh: "เรื่อง",
      unitEn: "cases",
      direction: "lower",
      aggregation: "mean",
      effectiveFrom: "2569Q3",
      note: "วัดงานค้างแทนงานเสร็จ",
    });
    expect(version.version).toBe(2);
    await report(a, "2569Q3", 80);
    await report(b, "2569Q3", 125);
    // Q1 is re-derived by every refresh: still higher-is-better.
    expect(await figureOf(a, "2569Q1")).toEqual({ attainment: 80, status: "red", target: 100 });
    // Q3: lower is better, 80 pending against 100 allowed is 125 % of target.
    expect(await figureOf(a, "2569Q3")).toEqual({ attainment: 125, status: "green", target: 100 });
    expect((await figureOf(b, "2569Q3"))!.status).toBe("red");
    // The lagging rules judge each quarter by its own direction.
    const judged = async (period: string) => (await loadIndicatorResults(db(), q[period]!.id)).filter((r) => r.indicatorId === indicatorId).map((r) => r.direction);
    expect(await judged("2569Q1")).toEqual(["higher", "higher"]);
    expect(await judged("2569Q3")).toEqual(["lower", "lower"]);
  });

  it("keeps Q3 a mean after the aggregation becomes a sum from Q4, where each agency is held to its share", async () => {
    await startIndicatorVersion(admin, indicatorId, {
      definitionTh: "จำนวนเรื่องค้างดำเนินการรวมทั้งประเทศ",
      definitionEn: "Cases still pending, national total",
      unitTh: "เรื่อง",
      unitEn: "cases",
      direction: "lower",
      aggregation: "sum",
      effectiveFrom: "2569Q4",
    });
    await report(a, "2569Q4", 40);
    await report(b, "2569Q4", 40);
    expect(await figureOf(a, "2569Q3")).toEqual({ attainment: 125, status: "green", target: 100 });
    // A sum: each of the two agencies owes half the national 100.
    expect(await figureOf(a, "2569Q4")).toEqual({ attainment: 125, status: "green", target: 50 });
    // The component's national figures: Q1 the mean of 80 and 60 (higher), Q3 the mean (lower), Q4 the sum.
    const dashboard = await getComponentDashboard(admin, "versioned", { period: "2569Q4" });
    const indicator = dashboard.indicators.find((i) => i.code === "VER-01")!;
    const byPeriod = Object.fromEntries(indicator.series.map((f) => [f.period, f.actual]));
    expect(byPeriod).toMatchObject({ "2569Q1": 70, "2569Q3": 102.5, "2569Q4": 80 });
    expect(indicator.series.find((f) => f.period === "2569Q1")!.status).toBe("red");
    expect(indicator.series.find((f) => f.period === "2569Q4")!.status).toBe("green");
    expect(indicator.direction).toBe("lower");
  });

  it("refuses a version starting before the newest one", async () => {
    // Q2 open and without figures: only the order of versions stands in the way.
    await db().update(periods).set({ status: "open" }).where(eq(periods.id, q["2569Q2"]!.id));
    const change = { definitionTh: "นิยามอื่น", definitionEn: "Another definition", unitTh: "เรื่อง", unitEn: "cases", direction: "higher", aggregation: "mean", effectiveFrom: "2569Q2" };
    expect(await refusal(startIndicatorVersion(admin, indicatorId, change))).toEqual({ effectiveFrom: ["version_from_later"] });
  });

  it("refuses to delete an indicator with figures (retire it instead) and retires it, audited", async () => {
    await expect(deleteIndicator(admin, indicatorId)).rejects.toMatchObject({ code: "has_figures_retire" });
    expect(await db().select().from(indicators).where(eq(indicators.id, indicatorId))).toHaveLength(1);
    await setIndicatorActive(admin, indicatorId, false);
    const [row] = await db().select().from(indicators).where(eq(indicators.id, indicatorId));
    expect(row!.active).toBe(false);
    const actions = (await db().select({ action: auditLog.action }).from(auditLog).where(eq(auditLog.entityId, String(indicatorId)))).map((r) => r.action);
    expect(actions).toEqual(expect.arrayContaining(["indicator.create", "indicator.new_version", "indicator.retire"]));
  });

  describe("platforms", () => {
    const platform = (fields: Record<string, string> = {}) => ({
      code: "svc.versioned",
      nameTh: "แพลตฟอร์มทดสอบ",
      nameEn: "Test platform",
      ownerAgencyCode: a.code,
      channel: "G2G",
      componentCode: "versioned",
      status: "active",
      ...fields,
    });
    it("refuses an unknown owner agency or an empty Thai name, saving nothing", async () => {
      expect(await refusal(savePlatform(admin, platform({ ownerAgencyCode: "99999" })))).toEqual({ ownerAgencyCode: ["unknown_agency"] });
      expect(await refusal(savePlatform(admin, platform({ nameTh: "" })))).toEqual({ nameTh: ["required"] });
      expect(await db().select().from(services)).toEqual([]);
    });
    it("lists the owner, its KPIs and, by the stated rule, the other contributors of its component", async () => {
      const created = await savePlatform(admin, platform());
      await db().update(indicators).set({ serviceId: created.id }).where(eq(indicators.id, indicatorId));
      const page = await getPlatform("svc.versioned");
      expect(page.platform.ownerCode).toBe(a.code);
      expect(page.kpis).toEqual([]); // its one KPI is retired above
      await setIndicatorActive(admin, indicatorId, true);
      expect((await getPlatform("svc.versioned")).kpis.map((k) => k.code)).toEqual(["VER-01"]);
      expect(page.dependents.map((d) => d.code)).toEqual([b.code]);
      // Its KPI has figures: refused, retire it instead; retiring is an edit of its status.
      await expect(deletePlatform(admin, created.id)).rejects.toMatchObject({ code: "has_figures_retire" });
      await savePlatform(admin, platform({ status: "retired" }), created.id);
      expect((await getPlatform("svc.versioned")).platform.status).toBe("retired");
    });
    it("edits a component's words, audited with its code", async () => {
      await updateComponentWords(admin, "component", "versioned", { nameTh: "องค์ประกอบทดสอบใหม่", nameEn: "Renamed", descriptionTh: "คำอธิบาย", descriptionEn: "Description" });
      const [row] = await db().select().from(components).where(eq(components.code, "versioned"));
      expect(row!.nameTh).toBe("องค์ประกอบทดสอบใหม่");
      const [entry] = await db().select().from(auditLog).where(eq(auditLog.action, "component.update"));
      expect(entry!.after).toMatchObject({ code: "versioned", nameEn: "Renamed" });
    });
  });

  describe("bad input", () => {
    const base = { nameEn: "Duplicate", componentCode: "versioned", definitionTh: "นิยาม", definitionEn: "Definition", unitTh: "ครั้ง", unitEn: "times", direction: "higher", aggregation: "mean", valueType: "number" };
    it("refuses a duplicate code (in any letter case) and an empty Thai name, saving nothing", async () => {
      const before = await db().select().from(indicators);
      expect(await refusal(createIndicator(admin, { ...base, code: "ver-01", nameTh: "ซ้ำ" }))).toEqual({ code: ["code_taken"] });
      expect(await refusal(createIndicator(admin, { ...base, code: "VER-02", nameTh: "   " }))).toEqual({ nameTh: ["required"] });
      expect(await refusal(createIndicator(admin, { ...base, code: "VER-03", nameTh: "เจ้าของไม่มี", dataOwnerCode: "99999" }))).toEqual({ dataOwnerCode: ["unknown_agency"] });
      expect(await db().select().from(indicators)).toHaveLength(before.length);
    });
    it("deletes an indicator nothing uses yet", async () => {
      const spare = await createIndicator(admin, { ...base, code: "VER-09", nameTh: "สร้างผิด" });
      await deleteIndicator(admin, spare.id);
      expect(await db().select().from(indicators).where(eq(indicators.id, spare.id))).toEqual([]);
    });
  });
});
