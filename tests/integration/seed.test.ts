import { and, count, eq, sql } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { agencies, auditLog, components, dashboardAgencyFigures, indicatorFacts, indicators, periods, services, submissions, targets, users } from "@/db/schema";
import { seedDemoData } from "@/scripts/seed/seed";
import { listComponentsWithCounts, getEcosystemTotals } from "@/db/queries/ecosystem";
import { listSroiAssessments } from "@/db/queries/sroi";
import { ROLES } from "@/core/enums";
import type { Actor } from "@/core/auth/actor";
import { parseSroiSourceRef } from "@/core/sroi/source-ref";
import { getAgencyDashboard } from "@/lib/facts/read/agency";
import { getComponentDashboard } from "@/lib/facts/read/component";
import { listFigureProvenance } from "@/lib/facts/read/provenance";
import { actorOf } from "../support/factories";
import { LATE_ON_PURPOSE } from "@/scripts/seed/assessments";
import { describeEachDatabase } from "../support/databases";

async function tableCounts(db: ReturnType<Parameters<Parameters<typeof describeEachDatabase>[1]>[0]["db"]>) {
  const n = async (
    table: typeof agencies | typeof components | typeof indicators | typeof services | typeof targets | typeof users | typeof indicatorFacts | typeof dashboardAgencyFigures,
  ) =>
    (await db.select({ n: count() }).from(table))[0]!.n;
  return {
    components: await n(components),
    agencies: await n(agencies),
    indicators: await n(indicators),
    services: await n(services),
    targets: await n(targets),
    users: await n(users),
    facts: await n(indicatorFacts),
    scoredFigures: await n(dashboardAgencyFigures),
  };
}

describeEachDatabase("demo seed", ({ db }) => {
  it("loads the seven components, real agencies, indicators for every component and one user per role", async () => {
    const summary = await seedDemoData(db());
    expect(summary.components).toBe(7);
    expect(summary.agencies).toBeGreaterThanOrEqual(40);
    expect(summary.indicators).toBeGreaterThanOrEqual(30);

    const map = await listComponentsWithCounts();
    expect(map.map((c) => c.code)).toEqual([
      "upstream",
      "midstream",
      "downstream",
      "cybersecurity",
      "policy_governance",
      "agency_support",
      "monitoring_evaluation",
    ]);
    expect(map.filter((c) => c.group === "value_chain").map((c) => c.nameTh)).toEqual(["ต้นน้ำ", "กลางน้ำ", "ปลายน้ำ"]);
    for (const c of map) expect(c.indicatorCount, `${c.code} indicators`).toBeGreaterThanOrEqual(3);

    const roles = await db().select({ role: users.role }).from(users);
    for (const role of ROLES) expect(roles.map((r) => r.role)).toContain(role);

    // Demo facts for five quarters, refreshed into the dashboard pre-aggregation.
    expect(summary.facts).toBeGreaterThan(1000);
    const [figures] = await db().select({ n: count() }).from(dashboardAgencyFigures);
    expect(figures!.n).toBeGreaterThan(1000);

    const [dga] = await db().select().from(agencies).where(eq(agencies.abbrEn, "DGA"));
    expect(dga?.nameTh).toContain("สำนักงานพัฒนารัฐบาลดิจิทัล");
  });

  it("computes DGA's SROI of at least 1 : 5 from its recorded inputs", async () => {
    const sroi = await listSroiAssessments();
    expect(sroi.map((a) => a.fiscalYear)).toEqual([2564, 2565, 2569]);
    for (const a of sroi) {
      expect(a.ratio).toBeGreaterThanOrEqual(5);
      expect(a.outcomes.length).toBeGreaterThan(0);
      // The ratio is explained by its lines: their present values add up to the total.
      expect(a.outcomes.reduce((sum, o) => sum + o.presentValue, 0)).toBeCloseTo(a.totalPresentValue, 2);
    }
    const [sroiIndicator] = await db().select().from(indicators).where(eq(indicators.code, "ME-SROI"));
    expect(sroiIndicator?.source).toBe("derived");
  });

  it("is idempotent: seeding again changes no row counts and the totals match the database", async () => {
    const before = await tableCounts(db());
    await seedDemoData(db());
    expect(await tableCounts(db())).toEqual(before);
    const totals = await getEcosystemTotals();
    const [direct] = await db()
      .select({ n: count() })
      .from(agencies)
      .where(sql`${agencies.active} and ${agencies.type} <> 'ministry'`);
    expect(totals.agencies).toBe(direct!.n);
    expect(totals.indicators).toBe(before.indicators);
    const seeds = await db().select().from(auditLog).where(eq(auditLog.action, "seed.demo"));
    expect(seeds).toHaveLength(2);
  });

  describe("a realistic history", () => {
    // After the due date of 2569Q4 (15 Oct 2026), like the demo.
    const today = "2026-12-05";
    let executive: Actor;
    beforeAll(async () => {
      const [user] = await db().select().from(users).where(eq(users.role, "executive")).limit(1);
      executive = actorOf(user!);
    });

    it.each([
      ["03002", "DOPA"],
      ["02003", "RD"],
    ])("%s (%s), whose submissions are approved, reported on time but for the reports late on purpose: timeliness above 0, the score its components' product", async (code) => {
      for (const period of ["2569Q1", "2569Q2", "2569Q3", "2569Q4"]) {
        const { currentQuality: q } = await getAgencyDashboard(executive, code, { period }, { today });
        const lateOnPurpose = [...LATE_ON_PURPOSE].some((key) => key.startsWith(`${code}|${period}|`));
        expect(q.present, `${code} ${period} present`).toBeGreaterThan(0);
        if (lateOnPurpose) expect(q.timeliness, `${code} ${period} timeliness`).toBeGreaterThan(0);
        else expect(q.timeliness, `${code} ${period} timeliness`).toBe(1);
        if (lateOnPurpose) expect(q.timeliness!).toBeLessThan(1);
        expect(q.score, `${code} ${period} score`).toBeGreaterThan(0);
        expect(q.score!).toBeCloseTo(q.completeness! * q.timeliness! * q.validity! * 100, 9);
      }
      const [late] = await db().select({ n: count() }).from(submissions).where(eq(submissions.late, true));
      expect(late!.n).toBe(LATE_ON_PURPOSE.size);
    });

    it("takes a submitted agency's figures from its submission, not from generated demo facts", async () => {
      const [dopa] = await db().select().from(agencies).where(eq(agencies.code, "03002"));
      const [period] = await db().select().from(periods).where(eq(periods.code, "2569Q4"));
      // DOPA's midstream figures of 2569Q4 come from its approved submission only.
      const midstream = await db()
        .select({ source: indicatorFacts.source })
        .from(indicatorFacts)
        .innerJoin(indicators, eq(indicators.id, indicatorFacts.indicatorId))
        .innerJoin(components, eq(components.id, indicators.componentId))
        .where(and(eq(indicatorFacts.agencyId, dopa!.id), eq(indicatorFacts.periodId, period!.id), eq(components.code, "midstream"), eq(indicators.source, "self_assessment")));
      expect(midstream.length).toBeGreaterThan(0);
      expect(new Set(midstream.map((r) => r.source))).toEqual(new Set(["self_assessment"]));
    });
  });

  describe("ME-SROI, derived from the SROI inputs", () => {
    let executive: Actor;
    beforeAll(async () => {
      const [user] = await db().select().from(users).where(eq(users.role, "executive")).limit(1);
      executive = actorOf(user!);
    });

    it("shows on the dashboard the ratio /indicators computes from the inputs of the same fiscal year, in every quarter of it", async () => {
      const fy2569 = (await listSroiAssessments()).find((a) => a.fiscalYear === 2569)!;
      for (const period of ["2569Q1", "2569Q4"]) {
        const dashboard = await getComponentDashboard(executive, "monitoring_evaluation", { period }, { today: "2026-12-05" });
        const row = dashboard.indicators.find((i) => i.code === "ME-SROI")!;
        expect(row.current.actual, period).toBeCloseTo(fy2569.ratio, 4);
      }
      // FY 2570 has no inputs yet: no figure, rather than an unrelated one.
      const open = await getComponentDashboard(executive, "monitoring_evaluation", { period: "2570Q1" }, { today: "2026-12-05" });
      expect(open.indicators.find((i) => i.code === "ME-SROI")!.current.actual).toBeNull();
    });

    it("traces the figure to the computation and its inputs, and holds no seeded values", async () => {
      const trace = await listFigureProvenance(executive, { indicator: "ME-SROI", period: "2569Q4" });
      expect(trace.rows).toHaveLength(1);
      expect(trace.rows[0]).toMatchObject({ source: "derived", state: "approved", agencyCode: "01002", counted: true });
      expect(trace.rows[0]!.sourceRef).toContain("calculateSroi");
      expect(parseSroiSourceRef(trace.rows[0]!.sourceRef)).toEqual({ agencyCode: "01002", fiscalYear: 2569 });
      const [seeded] = await db()
        .select({ n: count() })
        .from(indicatorFacts)
        .innerJoin(indicators, eq(indicators.id, indicatorFacts.indicatorId))
        .where(and(eq(indicators.code, "ME-SROI"), eq(indicatorFacts.source, "demo_seed")));
      expect(seeded!.n).toBe(0);
    });
  });
});
