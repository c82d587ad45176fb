import { and, eq, inArray } from "drizzle-orm";
import { beforeAll, expect, it } from "vitest";
import { agencyComponents, components, flagRules, flags, indicatorFacts, indicators, periods, targets, type Agency, type Indicator } from "@/db/schema";
import { getAgencyDashboard } from "@/lib/facts/read/agency";
import { SYSTEM_ACTOR, type Actor } from "@/core/auth/actor";
import { refreshDashboardRollups } from "@/lib/facts/derive/rollups";
import { afterFactsChanged } from "@/lib/facts/after-change";
import { recomputeFlags } from "@/lib/flags/recompute";
import { describeEachDatabase } from "../support/databases";
import { actorOf, createAgency, createUser } from "../support/factories";

// The score-drop rule judges the score an agency's profile shows for a component, this quarter against
// the quarter before (2569Q3 → 2569Q4), with the demo rule's allowance of 10 points.
describeEachDatabase("score drop flags", ({ db }) => {
  let previous: { id: number; code: string };
  let current: { id: number; code: string };
  let pair: Indicator[];
  let componentCode: string;
  let dropping: Agency, steady: Agency;
  let analyst: Actor;

  async function report(agency: Agency, periodId: number, values: [number, number]) {
    await db().delete(indicatorFacts).where(and(eq(indicatorFacts.agencyId, agency.id), eq(indicatorFacts.periodId, periodId)));
    await db()
      .insert(indicatorFacts)
      .values(pair.map((indicator, i) => ({ indicatorId: indicator.id, agencyId: agency.id, periodId, value: String(values[i]), source: "self_assessment" as const, state: "approved" as const })));
  }

  const scoreFlags = async (agency: Agency) =>
    db()
      .select({ flag: flags })
      .from(flags)
      .innerJoin(flagRules, eq(flagRules.id, flags.ruleId))
      .where(and(eq(flags.agencyId, agency.id), eq(flags.periodId, current.id), eq(flagRules.kind, "score_drop")))
      .then((rows) => rows.map((r) => r.flag));

  beforeAll(async () => {
    const [q3] = await db().select().from(periods).where(eq(periods.code, "2569Q3"));
    const [q4] = await db().select().from(periods).where(eq(periods.code, "2569Q4"));
    previous = q3!;
    current = q4!;
    // Two active higher-is-better counts of one component, with different weights (a count may exceed its
    // target; a share of 130 % would be impossible and not counted).
    const candidates = await db().select().from(indicators).where(and(eq(indicators.active, true), eq(indicators.direction, "higher"), eq(indicators.valueType, "number")));
    const first = candidates.find((i) => candidates.some((j) => j.id !== i.id && j.componentId === i.componentId))!;
    const componentId = first.componentId;
    const second = candidates.find((j) => j.id !== first.id && j.componentId === componentId)!;
    // Weights 1 and 3, so the weighting shows in the score.
    await db().update(indicators).set({ weight: "1" }).where(eq(indicators.id, first.id));
    await db().update(indicators).set({ weight: "3" }).where(eq(indicators.id, second.id));
    pair = await db().select().from(indicators).where(inArray(indicators.id, [first.id, second.id])).orderBy(indicators.weight);
    componentCode = (await db().select().from(components).where(eq(components.id, componentId)))[0]!.code;
    dropping = await createAgency(db());
    steady = await createAgency(db());
    // Both owe the component's figures (only owed figures count and are judged).
    for (const agency of [dropping, steady]) await db().insert(agencyComponents).values({ agencyId: agency.id, componentId, dgaRole: "doer" });
    analyst = actorOf(await createUser(db(), { role: "analyst" }));
    // Each agency is held to its own target of 100, so attainment equals the value.
    for (const agency of [dropping, steady]) {
      for (const period of [previous, current]) {
        await db().insert(targets).values(pair.map((i) => ({ indicatorId: i.id, periodId: period.id, agencyId: agency.id, value: "100" })));
      }
    }
    await report(dropping, previous.id, [90, 90]);
    await report(dropping, current.id, [12, 130]);
    await report(steady, previous.id, [90, 90]);
    await report(steady, current.id, [85, 85]);
    await refreshDashboardRollups(db(), { periodIds: [previous.id, current.id] });
    await recomputeFlags(SYSTEM_ACTOR, current.id);
  });

  it("opens a flag when a component score falls by more than the allowance, with both scores and the threshold", async () => {
    // Weighted 1 : 3, over-achievement capped at 100: (12 + 3 × 100) ÷ 4 = 78 — uncapped it would be 100.5, no drop.
    const expected = 78;
    const [flag] = await scoreFlags(dropping);
    expect(flag).toMatchObject({ status: "open", subjectKey: `score:${componentCode}`, severity: "low" });
    expect(flag!.evidence).toMatchObject({
      reason: "score_drop",
      measured: expected,
      threshold: 80,
      params: { component: componentCode, previous: 90, drop: Math.round((90 - expected) * 100) / 100, allowed: 10 },
    });
    const [component] = await db().select().from(components).where(eq(components.code, componentCode));
    expect(flag!.componentId).toBe(component!.id);
  });

  it("says the same number as the agency's profile, for this quarter and the one before", async () => {
    const [flag] = await scoreFlags(dropping);
    const evidence = flag!.evidence as { measured: number; params: { previous: number } };
    const now = await getAgencyDashboard(analyst, dropping.code, { period: current.code });
    const before = await getAgencyDashboard(analyst, dropping.code, { period: previous.code });
    const scoreIn = (d: typeof now) => d.components.find((c) => c.code === componentCode)!.score!;
    expect(evidence.measured).toBeCloseTo(scoreIn(now), 2);
    expect(evidence.params.previous).toBeCloseTo(scoreIn(before), 2);
  });

  it("does not flag a drop within the allowance", async () => {
    expect(await scoreFlags(steady)).toEqual([]);
  });

  it("re-evaluates the following quarter when the previous quarter's figures change", async () => {
    // The steady agency's previous quarter is corrected upwards: 85 now is a drop of 13 from 98.
    await report(steady, previous.id, [98, 98]);
    await afterFactsChanged(SYSTEM_ACTOR, [previous.id]);
    const [flag] = await scoreFlags(steady);
    expect(flag?.evidence).toMatchObject({ measured: 85, params: { previous: 98, drop: 13 } });
  });
}, { seeded: true });
