import { beforeAll, expect, it } from "vitest";
import { agencyComponents, components, indicatorFacts, indicators, periods, targets, type Agency } from "@/db/schema";
import { getAgencyDashboard } from "@/lib/facts/read/agency";
import { getComponentDashboard } from "@/lib/facts/read/component";
import { getDashboardOverview } from "@/lib/facts/read/overview";
import { getEmenscrBudgetProgress } from "@/lib/facts/read/emenscr-projects";
import { listFigureProvenance } from "@/lib/facts/read/provenance";
import type { Actor } from "@/core/auth/actor";
import { refreshDashboardRollups } from "@/lib/facts/derive/rollups";
import type { Aggregation, IndicatorDirection, ValueType } from "@/core/enums";
import { NotFoundError } from "@/core/errors";
import { defaultDueDate, periodBounds } from "@/core/fiscal/calendar";
import { describeEachDatabase } from "../support/databases";
import { actorOf, createAgency, createUser } from "../support/factories";

// A small fixture with every figure computed by hand. Component "alpha", period 2569Q1 (due 2026-01-15):
//
//            S (sum, n, t=300)  M (mean, %, t=50, w2)  W (weighted %, t=60)  L (lower, n, t=10)  V (level, t=3)
//   A (M1)   100                60 (late; + older emenscr 10)  70 × 300         8                   3
//   B (M1)   80                 45                      40 × 100               12                  2
//   C (M2)   60                 30                      –                      10                  2.5 (invalid)
//   X (M1, local under A)  –    50 provisional          –                      –                   –
//
// national: S = 240 vs 300 → attainment 80 → red; M = 45 vs 50 → 5 points → amber; W = 25000/400 = 62.5 →
// green; L = 10 vs 10 → green; V = 2.5 vs 3 → 83.33 → red.
// component score = (80 + 2×90 + 100 + 100 + 83.333333) / 6 = 90.555556 → amber.
// per agency (sum target 300/4 = 75): B red on L (12 vs 10) and V; C red on S (60/75), M (20 points), V.

const P1 = "2569Q1";
const P2 = "2569Q2";
const LY = "2568Q1";

describeEachDatabase("dashboard figures on a hand-computed fixture", ({ db }) => {
  const ids: Record<string, number> = {};
  let A: Agency, B: Agency, C: Agency, X: Agency, M1: Agency;
  let executive: Actor, officerA: Actor;

  beforeAll(async () => {
    M1 = await createAgency(db(), { type: "ministry" });
    const M2 = await createAgency(db(), { type: "ministry" });
    A = await createAgency(db(), { parentId: M1.id });
    B = await createAgency(db(), { parentId: M1.id });
    C = await createAgency(db(), { parentId: M2.id });
    X = await createAgency(db(), { parentId: A.id, type: "local_administration" });
    const [alpha] = await db()
      .insert(components)
      .values({ code: "alpha", ordinal: 1, group: "value_chain", nameTh: "อัลฟา", nameEn: "Alpha", descriptionTh: "-", descriptionEn: "-" })
      .returning();
    for (const a of [A, B, C, X]) await db().insert(agencyComponents).values({ agencyId: a.id, componentId: alpha!.id, dgaRole: "doer" });
    for (const code of [LY, P1, P2]) {
      const fiscalYear = Number(code.slice(0, 4));
      const quarter = Number(code.slice(5)) as 1 | 2;
      const [p] = await db()
        .insert(periods)
        .values({ code, fiscalYear, quarter, ...periodBounds(fiscalYear, quarter), dueOn: defaultDueDate(fiscalYear, quarter), status: "closed" })
        .returning();
      ids[code] = p!.id;
    }
    const defs: [string, Aggregation, ValueType, IndicatorDirection, number, number][] = [
      ["S", "sum", "number", "higher", 1, 300],
      ["M", "mean", "percent", "higher", 2, 50],
      ["W", "weighted_mean", "percent", "higher", 1, 60],
      ["L", "mean", "number", "lower", 1, 10],
      ["V", "mean", "level", "higher", 1, 3],
    ];
    for (const [ordinal, [code, aggregation, valueType, direction, weight, target]] of defs.entries()) {
      const [row] = await db()
        .insert(indicators)
        .values({
          code: `T-${code}`,
          componentId: alpha!.id,
          ordinal,
          nameTh: code,
          nameEn: code,
          definitionTh: "-",
          definitionEn: "-",
          unitTh: "-",
          unitEn: "-",
          direction,
          valueType,
          aggregation,
          weight: String(weight),
          source: "self_assessment",
        })
        .returning();
      ids[code] = row!.id;
      for (const p of [LY, P1, P2]) await db().insert(targets).values({ indicatorId: row!.id, periodId: ids[p]!, value: String(target) });
    }
    const onTime = new Date("2026-01-10T10:00:00+07:00");
    const fact = (agency: Agency, code: string, value: number, extra: Partial<typeof indicatorFacts.$inferInsert> = {}) => ({
      indicatorId: ids[code]!,
      agencyId: agency.id,
      periodId: ids[P1]!,
      value: String(value),
      source: "self_assessment" as const,
      state: "approved" as const,
      sourceId: agency.id * 100 + ids[code]!,
      recordedAt: onTime,
      ...extra,
    });
    await db()
      .insert(indicatorFacts)
      .values([
        fact(A, "S", 100),
        fact(B, "S", 80),
        fact(C, "S", 60),
        fact(A, "M", 60, { recordedAt: new Date("2026-01-16T10:00:00+07:00") }),
        fact(A, "M", 10, { source: "emenscr", sourceId: null, importBatchId: 7, sourceRow: 12, recordedAt: new Date("2026-01-01T10:00:00+07:00") }),
        fact(B, "M", 45),
        fact(C, "M", 30),
        fact(X, "M", 50, { state: "provisional" }),
        fact(A, "W", 70, { weight: "300" }),
        fact(B, "W", 40, { weight: "100" }),
        fact(A, "L", 8),
        fact(B, "L", 12),
        fact(C, "L", 10),
        fact(A, "V", 3),
        fact(B, "V", 2),
        fact(C, "V", 2.5),
        fact(A, "M", 40, { periodId: ids[LY]! }),
      ]);
    await refreshDashboardRollups(db());
    executive = actorOf(await createUser(db(), { role: "executive" }));
    officerA = actorOf(await createUser(db(), { role: "agency_officer", agencyId: A.id }), A.code);
  });

  const afterDue = { today: "2026-02-01" };
  const beforeDue = { today: "2026-01-05" };

  it("aggregates sums, means, weighted means and lower-is-better figures and judges them", async () => {
    const overview = await getDashboardOverview(executive, { period: P1 }, afterDue);
    const alpha = overview.components.find((c) => c.code === "alpha")!;
    const figure = (code: string) => alpha.indicators.find((i) => i.code === `T-${code}`)!.current;
    expect(figure("S")).toMatchObject({ actual: 240, target: 300, status: "red", attainment: 80, reporting: 3, expected: 4 });
    expect(figure("M")).toMatchObject({ actual: 45, target: 50, status: "amber", shortfall: 5, provisional: 1 });
    expect(figure("W").actual).toBeCloseTo(62.5, 9);
    expect(figure("W").status).toBe("green");
    expect(figure("L")).toMatchObject({ actual: 10, target: 10, status: "green" });
    expect(figure("V").actual).toBeCloseTo(2.5, 9);
    expect(figure("V").status).toBe("red");
    expect(alpha.score).toBeCloseTo(90.555556, 5);
    expect(alpha.status).toBe("amber");
    expect(alpha.counts).toMatchObject({ green: 2, amber: 1, red: 2 });
    // Agencies' own statuses: sums judged against a quarter of the national target each.
    expect(figure("S")).toMatchObject({ green: 2, red: 1 });
    expect(figure("M")).toMatchObject({ green: 1, amber: 1, red: 1 });
    expect(alpha.completeness).toEqual({ present: 14, expected: 20, share: 0.7 });
    expect(alpha.contributingAgencies).toBe(4);
    // B and C have red figures; X's figures are missing after the due date.
    expect(alpha.laggingAgencies).toBe(3);
    expect(overview.lastYearPeriod).toBe(LY);
    expect(overview.previousPeriod).toBeNull();
    expect(alpha.indicators.find((i) => i.code === "T-M")!.lastYear).toMatchObject({ actual: 40, shortfall: 10, status: "amber" });
  });

  it("counts missing reports as lagging only once the due date has passed", async () => {
    const overview = await getDashboardOverview(executive, { period: P1 }, beforeDue);
    expect(overview.components.find((c) => c.code === "alpha")!.laggingAgencies).toBe(2);
  });

  it("shows an empty period as no data, not as zero", async () => {
    const overview = await getDashboardOverview(executive, { period: P2 }, afterDue);
    const alpha = overview.components.find((c) => c.code === "alpha")!;
    for (const i of alpha.indicators) expect(i.current).toMatchObject({ actual: null, status: "no_data", reporting: 0 });
    expect(alpha.score).toBeNull();
    expect(alpha.status).toBe("no_data");
    expect(alpha.completeness).toEqual({ present: 0, expected: 20, share: 0 });
    // The trend ends with the selected period and carries the earlier one.
    expect(alpha.trend.map((t) => t.period)).toEqual([LY, P1, P2]);
    expect(alpha.trend[1]!.score).toBeCloseTo(90.555556, 5);
  });

  it("filters by ministry (with agencies beneath its departments) and pro-rates sum targets", async () => {
    const overview = await getDashboardOverview(executive, { period: P1, ministry: M1.code }, afterDue);
    const alpha = overview.components.find((c) => c.code === "alpha")!;
    const s = alpha.indicators.find((i) => i.code === "T-S")!.current;
    // A, B and X (local, under A) belong to M1: 3 of 4 expected reporters → target 225.
    expect(s).toMatchObject({ actual: 180, target: 225, attainment: 80, status: "red", expected: 3 });
    expect(alpha.indicators.find((i) => i.code === "T-M")!.current).toMatchObject({ actual: 52.5, status: "green" });
    expect(overview.scope.ministry?.code).toBe(M1.code);
    const locals = await getDashboardOverview(executive, { period: P1, type: "local_administration" }, afterDue);
    const local = locals.components.find((c) => c.code === "alpha")!;
    expect(local.indicators.every((i) => i.current.status === "no_data")).toBe(true);
    expect(local.laggingAgencies).toBe(1);
  });

  it("gives agency roles national aggregates only, whatever filters they send", async () => {
    const overview = await getDashboardOverview(officerA, { period: P1, ministry: M1.code, type: "department" }, afterDue);
    expect(overview.scope).toMatchObject({ restricted: true, ministry: null, type: null, ignored: ["ministry", "type"] });
    const s = overview.components.find((c) => c.code === "alpha")!.indicators.find((i) => i.code === "T-S")!.current;
    expect(s.actual).toBe(240);
  });

  it("shows a component's distribution, best and worst agencies", async () => {
    const detail = await getComponentDashboard(executive, "alpha", { period: P1 }, afterDue);
    const s = detail.indicators.find((i) => i.code === "T-S")!;
    expect(s.best.map((r) => r.code)).toEqual([A.code, B.code, C.code]);
    // "To follow up" lists only agencies below their target: A (133 %) and B (at target) are not among them.
    expect(s.worst.map((r) => r.code)).toEqual([C.code]);
    expect(s.worst[0]!.status).not.toBe("green");
    expect(s.best[0]!.attainment).toBeCloseTo(133.333333, 5);
    const m = detail.indicators.find((i) => i.code === "T-M")!;
    expect(m.distribution).toEqual({ green: 1, amber: 1, red: 1, noData: 1, quartiles: { min: 30, q1: 37.5, median: 45, q3: 52.5, max: 60 } });
    expect(m.series.map((f) => f.period)).toEqual([LY, P1, P2]);
    expect(m.series.map((f) => f.actual)).toEqual([40, 45, null]);
    expect(detail.laggingAgencies).toBe(3);
    // Agency roles see their own position, never other agencies' names.
    const mine = await getComponentDashboard(officerA, "alpha", { period: P1 }, afterDue);
    const mineS = mine.indicators.find((i) => i.code === "T-S")!;
    expect(mineS.best).toEqual([]);
    expect(mineS.worst).toEqual([]);
    expect(mineS.own).toMatchObject({ code: A.code, value: 100, rank: 1, of: 3, status: "green" });
    // Agency roles share the national figures, never one another's position: C's officer right after A's.
    const officerC = actorOf(await createUser(db(), { role: "agency_officer", agencyId: C.id }), C.code);
    const theirs = await getComponentDashboard(officerC, "alpha", { period: P1 }, afterDue);
    expect(theirs.indicators.find((i) => i.code === "T-S")!.own).toMatchObject({ code: C.code, value: 60, rank: 3, of: 3, status: "red" });
    expect(theirs.indicators.find((i) => i.code === "T-M")!.distribution).toEqual(m.distribution);
    expect(mine.indicators.find((i) => i.code === "T-S")!.own).toMatchObject({ code: A.code, rank: 1 });
    await expect(getComponentDashboard(executive, "no-such", {}, afterDue)).rejects.toBeInstanceOf(NotFoundError);
  });

  it("profiles an agency with its data-quality score, and hides other agencies from officers", async () => {
    const profile = await getAgencyDashboard(executive, C.code, { period: P1 }, afterDue);
    const rows = profile.components.flatMap((c) => c.indicators);
    expect(rows.map((r) => r.code).sort()).toEqual(["T-L", "T-M", "T-S", "T-V", "T-W"]);
    expect(rows.find((r) => r.code === "T-S")!.current).toMatchObject({ actual: 60, target: 75, status: "red" });
    expect(rows.find((r) => r.code === "T-W")!.current).toMatchObject({ actual: null, status: "no_data", target: 60 });
    // C: 4 of 5 figures, all on time, 3 of 4 valid (a level of 2.5) → 0.8 × 1 × 0.75.
    expect(profile.currentQuality).toMatchObject({ expected: 5, present: 4, onTime: 4, valid: 3 });
    expect(profile.currentQuality.score).toBeCloseTo(60, 9);
    const a = await getAgencyDashboard(officerA, A.code, { period: P1 }, afterDue);
    // A reported M late (16 Jan, due 15 Jan): 1 × 0.8 × 1.
    expect(a.currentQuality.score).toBeCloseTo(80, 9);
    expect(a.components[0]!.indicators.find((r) => r.code === "T-M")!.current.actual).toBe(60);
    await expect(getAgencyDashboard(officerA, B.code, { period: P1 }, afterDue)).rejects.toBeInstanceOf(NotFoundError);
  });

  it("traces a figure to its facts, marking which counted, and hides other agencies' facts from officers", async () => {
    const trace = await listFigureProvenance(executive, { indicator: "T-M", period: P1 }, afterDue);
    expect(trace.figure.actual).toBe(45);
    expect(trace.total).toBe(5);
    expect(trace.counted).toBe(3);
    expect(trace.hidden).toBe(0);
    const counted = trace.rows.filter((r) => r.counted);
    expect(counted.reduce((s, r) => s + r.value, 0) / counted.length).toBe(45);
    const emenscr = trace.rows.find((r) => r.source === "emenscr")!;
    expect(emenscr).toMatchObject({ agencyCode: A.code, importBatchId: 7, sourceRow: 12, counted: false, state: "approved" });
    expect(trace.rows.find((r) => r.state === "provisional")).toMatchObject({ agencyCode: X.code, counted: false });

    const officerTrace = await listFigureProvenance(officerA, { indicator: "T-M", period: P1, ministry: M1.code }, afterDue);
    expect(officerTrace.rows.map((r) => r.agencyCode)).toEqual([A.code, A.code]);
    expect(officerTrace.hidden).toBe(3);
    expect(officerTrace.figure.actual).toBe(45);
    await expect(listFigureProvenance(officerA, { indicator: "T-M", period: P1, agency: B.code })).rejects.toBeInstanceOf(NotFoundError);
    const own = await listFigureProvenance(officerA, { indicator: "T-S", period: P1, agency: A.code }, afterDue);
    expect(own.figure).toMatchObject({ actual: 100, target: 75, status: "green" });
  });

  it("refreshes idempotently and follows changed facts", async () => {
    await refreshDashboardRollups(db());
    await refreshDashboardRollups(db(), { periodIds: [ids[P1]!] });
    let overview = await getDashboardOverview(executive, { period: P1 }, afterDue);
    expect(overview.components.find((c) => c.code === "alpha")!.indicators.find((i) => i.code === "T-S")!.current.actual).toBe(240);
    await db().insert(indicatorFacts).values({ indicatorId: ids.S!, agencyId: X.id, periodId: ids[P1]!, value: "60", source: "self_assessment", state: "approved" });
    await refreshDashboardRollups(db(), { periodIds: [ids[P1]!] });
    overview = await getDashboardOverview(executive, { period: P1 }, afterDue);
    expect(overview.components.find((c) => c.code === "alpha")!.indicators.find((i) => i.code === "T-S")!.current).toMatchObject({ actual: 300, status: "green" });
  });

  it("answers eMENSCR budget questions with 'not available' until eMENSCR data exists, within scope", async () => {
    expect(await getEmenscrBudgetProgress(executive, { period: P1 })).toEqual({ available: false });
    await expect(getEmenscrBudgetProgress(officerA, { agency: B.code })).rejects.toBeInstanceOf(NotFoundError);
  });
});
