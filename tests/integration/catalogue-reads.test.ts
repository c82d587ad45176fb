// Reads of the catalogue kept in memory per its version (drizzle/0031's triggers move it with every write):
// an agency's share of a summed national target (national ÷ the agencies owing the indicator), the
// components with their counts, a component's detail. Whatever changes them — an agency tagged to a
// component, deactivated, made a ministry, an indicator's aggregation, a service renamed — the next read
// shows it, never what was counted before.
import { eq, sql } from "drizzle-orm";
import { expect, it } from "vitest";
import { agencies, agencyComponents, appMeta, indicators, indicatorVersions, periods, services } from "@/db/schema";
import { isDemoDatabase } from "@/db/queries/meta";
import { listPeriods } from "@/db/queries/indicators";
import type { Database } from "@/db/client";
import { EXPECTED_FACTS_SQL, listAgencyTargets } from "@/db/queries/owed-figures";
import { getComponentDetail, getEcosystemTotals, listComponentsWithCounts } from "@/db/queries/ecosystem";
import { listDashboardFilterOptions, loadContext } from "@/lib/facts/read/context";
import { listIndicatorMeta } from "@/lib/facts/read/figures";
import { describeEachDatabase } from "../support/databases";
import { createAssessmentWorld } from "../support/assessment-fixtures";
import { createAgency } from "../support/factories";

/** Owers counted afresh from the one definition, with nothing kept. */
async function countedNow(db: Database, indicatorId: number): Promise<number> {
  const result = await db.execute<{ n: string }>(sql`select count(*) as n from (${EXPECTED_FACTS_SQL}) e where e.indicator_id = ${indicatorId}`);
  return Number(result.rows[0]!.n);
}

describeEachDatabase("catalogue reads kept per catalogue version", ({ db }) => {
  it("follows every change of who owes the figure at once, in the form's target and its count", async () => {
    const w = await createAssessmentWorld(db());
    await db().update(indicators).set({ aggregation: "sum" }).where(eq(indicators.id, w.indicator.id));
    const target = async () => (await listAgencyTargets(db(), w.agency.id, w.period.id, [w.indicator.id])).get(w.indicator.id)!;

    // Two agencies owe it: each is held to half the national 10.
    expect(await target()).toMatchObject({ basis: "share", national: 10, owers: 2, target: 5 });

    // A third agency tagged to the component.
    const third = await createAgency(db());
    await db().insert(agencyComponents).values({ agencyId: third.id, componentId: w.component.id, dgaRole: "doer" });
    expect(await countedNow(db(), w.indicator.id)).toBe(3);
    expect(await target()).toMatchObject({ owers: 3, target: 10 / 3 });

    // Made a ministry (an umbrella owing nothing), then deactivated: back to two, then one.
    await db().update(agencies).set({ type: "ministry" }).where(eq(agencies.id, third.id));
    expect(await target()).toMatchObject({ owers: 2, target: 5 });
    await db().update(agencies).set({ active: false }).where(eq(agencies.id, w.otherAgency.id));
    expect(await target()).toMatchObject({ owers: 1, target: 10 });

    // Untagged inside a transaction, which sees nobody owing it, then rolls back: that count is not kept.
    const rolledBack = await db()
      .transaction(async (tx) => {
        await tx.delete(agencyComponents).where(eq(agencyComponents.agencyId, w.agency.id));
        expect((await listAgencyTargets(tx, w.agency.id, w.period.id, [w.indicator.id])).get(w.indicator.id)).toMatchObject({ owers: 0, target: 10 });
        throw new Error("rolled back");
      })
      .catch((error: unknown) => error);
    expect(rolledBack).toMatchObject({ message: "rolled back" });
    expect(await target()).toMatchObject({ owers: 1, target: 10 });

    // An indicator no longer summed counts no owers and is held to the national target itself.
    await db().update(indicators).set({ aggregation: "mean" }).where(eq(indicators.id, w.indicator.id));
    expect(await target()).toMatchObject({ basis: "national", owers: 0, target: 10 });
  });

  it("shows a component's counts and detail as they are after every edit", async () => {
    const w = await createAssessmentWorld(db());
    const countOf = async () => (await listComponentsWithCounts()).find((c) => c.code === w.component.code)!;
    expect(await countOf()).toMatchObject({ agencyCount: 2, indicatorCount: 1, serviceCount: 0 });
    expect((await getComponentDetail(w.component.code)).contributorCount).toBe(2);

    const totalsBefore = await getEcosystemTotals();
    const third = await createAgency(db());
    await db().insert(agencyComponents).values({ agencyId: third.id, componentId: w.component.id, dgaRole: "doer" });
    expect(await countOf()).toMatchObject({ agencyCount: 3 });
    // The overview's totals: one agency more, then one service more, then (below) the agency gone again.
    expect(await getEcosystemTotals()).toEqual({ ...totalsBefore, agencies: totalsBefore.agencies + 1 });
    const [service] = await db()
      .insert(services)
      .values({ code: `SV-${w.component.id}`, componentId: w.component.id, nameTh: "บริการเดิม", nameEn: "Old name", channel: "G2C" })
      .returning();
    expect(await countOf()).toMatchObject({ serviceCount: 1 });
    expect(await getEcosystemTotals()).toEqual({ ...totalsBefore, agencies: totalsBefore.agencies + 1, services: totalsBefore.services + 1 });
    expect((await getComponentDetail(w.component.code)).services.map((s) => s.nameEn)).toEqual(["Old name"]);

    await db().update(services).set({ nameEn: "New name" }).where(eq(services.id, service!.id));
    await db().update(agencies).set({ active: false }).where(eq(agencies.id, third.id));
    const detail = await getComponentDetail(w.component.code);
    expect(detail.services.map((s) => s.nameEn)).toEqual(["New name"]);
    expect(detail.contributorCount).toBe(2);
    expect(await countOf()).toMatchObject({ agencyCount: 2 });
    expect(await getEcosystemTotals()).toEqual({ ...totalsBefore, services: totalsBefore.services + 1 });
  });

  it("offers the dashboards' filters as they are: a new quarter, a ministry made inactive", async () => {
    const w = await createAssessmentWorld(db());
    const ministry = await createAgency(db(), { type: "ministry" });
    const options = () => listDashboardFilterOptions(w.actors.analyst);
    expect((await options()).ministries.map((m) => m.code)).toContain(ministry.code);
    // Agency roles choose no ministry.
    expect((await listDashboardFilterOptions(w.actors.officer)).ministries).toEqual([]);
    await db().update(agencies).set({ active: false }).where(eq(agencies.id, ministry.id));
    expect((await options()).ministries.map((m) => m.code)).not.toContain(ministry.code);
    await db()
      .insert(periods)
      .values({ code: "2698Q1", fiscalYear: 2698, quarter: 1, startsOn: "2027-10-01", endsOn: "2027-12-31", dueOn: "2999-01-15", status: "open" });
    expect((await options()).periods).toContain("2698Q1");
  });

  it("lists the periods as they are: a new quarter, a quarter closed, a fiscal year's quarters", async () => {
    const statusOf = async (code: string) => (await listPeriods()).find((p) => p.code === code)?.status;
    expect(await statusOf("2697Q1")).toBeUndefined();
    await db()
      .insert(periods)
      .values({ code: "2697Q1", fiscalYear: 2697, quarter: 1, startsOn: "2027-10-01", endsOn: "2027-12-31", dueOn: "2999-01-15", status: "open" });
    expect(await statusOf("2697Q1")).toBe("open");
    expect((await listPeriods(2697)).map((p) => p.code)).toEqual(["2697Q1"]);
    await db().update(periods).set({ status: "closed" }).where(eq(periods.code, "2697Q1"));
    expect(await statusOf("2697Q1")).toBe("closed");
    expect((await listPeriods(2697))[0]!.status).toBe("closed");
    // A caller changing what it was given changes nothing for the next one.
    (await listPeriods(2697))[0]!.status = "open";
    expect((await listPeriods(2697))[0]!.status).toBe("closed");
  });

  it("makes a quarter's figures under the indicator's definition as it is now: a new version, a rename, a new quarter", async () => {
    const w = await createAssessmentWorld(db());
    const meta = async () => (await listIndicatorMeta(w.component.id, w.period.id)).find((m) => m.id === w.indicator.id);
    expect(await meta()).toMatchObject({ unitEn: "services", direction: "higher", aggregation: w.indicator.aggregation });

    // A second version from this quarter on: this quarter's figures take its unit and direction.
    await db().insert(indicatorVersions).values([
      { indicatorId: w.indicator.id, version: 1, effectiveFromPeriodId: null, definitionTh: "-", definitionEn: "-", unitTh: "บริการ", unitEn: "services", direction: "higher", aggregation: w.indicator.aggregation },
      { indicatorId: w.indicator.id, version: 2, effectiveFromPeriodId: w.period.id, definitionTh: "-", definitionEn: "-", unitTh: "ครั้ง", unitEn: "times", direction: "lower", aggregation: w.indicator.aggregation },
    ]);
    expect(await meta()).toMatchObject({ unitEn: "times", direction: "lower" });
    // Version 2 withdrawn: back to the first definition.
    await db().delete(indicatorVersions).where(eq(indicatorVersions.version, 2));
    expect(await meta()).toMatchObject({ unitEn: "services", direction: "higher" });

    // Renamed, then deactivated: the list follows both.
    await db().update(indicators).set({ nameEn: "Services online" }).where(eq(indicators.id, w.indicator.id));
    expect(await meta()).toMatchObject({ nameEn: "Services online" });
    await db().update(indicators).set({ active: false }).where(eq(indicators.id, w.indicator.id));
    expect(await meta()).toBeUndefined();

    // A quarter added after the dashboards read the periods can be chosen at once.
    expect((await loadContext(w.actors.analyst, {}, {})).periods.map((p) => p.code)).not.toContain("2698Q2");
    await db()
      .insert(periods)
      .values({ code: "2698Q2", fiscalYear: 2698, quarter: 2, startsOn: "2028-01-01", endsOn: "2028-03-31", dueOn: "2999-04-15", status: "open" });
    expect((await loadContext(w.actors.analyst, { period: "2698Q2" }, {})).period.code).toBe("2698Q2");
  });

  it("says a database holds the demo data from the moment its seed's mark is written, and no longer once it is gone", async () => {
    expect(await isDemoDatabase()).toBe(false);
    await db().insert(appMeta).values({ key: "demo_seed", value: { version: 1 } });
    expect(await isDemoDatabase()).toBe(true);
    await db().delete(appMeta).where(eq(appMeta.key, "demo_seed"));
    expect(await isDemoDatabase()).toBe(false);
  });
});
