import { count, eq, sql } from "drizzle-orm";
import { expect, it } from "vitest";
import { agencies, auditLog, components, dashboardAgencyFigures, indicatorFacts, indicators, services, targets, users } from "@/db/schema";
import { seedDemoData } from "@/scripts/seed/seed";
import { listComponentsWithCounts, getEcosystemTotals } from "@/db/queries/ecosystem";
import { listSroiAssessments } from "@/db/queries/sroi";
import { ROLES } from "@/core/enums";
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
    expect(sroi.map((a) => a.fiscalYear)).toEqual([2564, 2565]);
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
});
