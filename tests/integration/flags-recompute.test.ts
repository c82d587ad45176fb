import { and, count, eq, isNull, ne } from "drizzle-orm";
import { beforeAll, expect, it } from "vitest";
import { agencyComponents, auditLog, dashboardAgencyFigures, caseEvents, caseFlags, components, flagChanges, flagRules, flags, followUpCases, indicatorFacts, indicators, periods, targets } from "@/db/schema";
import { SYSTEM_ACTOR } from "@/core/auth/actor";
import { refreshDashboardRollups } from "@/lib/facts/derive/rollups";
import { afterFactsChanged, evaluateFlagChanges, reevaluatePeriod } from "@/lib/facts/after-change";
import { recomputeFlags } from "@/lib/flags/recompute";
import { describeEachDatabase } from "../support/databases";
import { createAgency, createUser } from "../support/factories";

describeEachDatabase("flag recompute", ({ db }) => {
  // Flags judge the dashboards' scored figures: refresh them after changing facts, as afterFactsChanged does.
  const recompute = async (periodId: number, options?: { asOf?: string }) => {
    await refreshDashboardRollups(db(), { periodIds: [periodId] });
    return recomputeFlags(SYSTEM_ACTOR, periodId, options);
  };
  let periodId: number;
  let indicatorId: number;
  let agencyId: number;
  let factId: number;

  beforeAll(async () => {
    const [period] = await db().select().from(periods).where(eq(periods.code, "2569Q4"));
    periodId = period!.id;
    // A higher-is-better indicator with a national target of 80 in this period.
    const [indicator] = await db().select().from(indicators).where(and(eq(indicators.direction, "higher"), ne(indicators.aggregation, "sum"))).limit(1);
    indicatorId = indicator!.id;
    await db().update(targets).set({ value: "80" }).where(and(eq(targets.indicatorId, indicatorId), eq(targets.periodId, periodId)));
    agencyId = (await createAgency(db())).id;
    // It owes the indicator (contributes to its component): only owed figures count and are judged.
    await db().insert(agencyComponents).values({ agencyId, componentId: indicator!.componentId, dgaRole: "doer" });
    const [fact] = await db()
      .insert(indicatorFacts)
      .values({ indicatorId, agencyId, periodId, value: "50", source: "self_assessment", state: "approved", sourceId: 1 })
      .returning();
    factId = fact!.id;
  });

  /** A new agency that owes the indicator (contributes to its component): only owed figures are judged. */
  const createOwingAgency = async (ofIndicatorId: number = indicatorId) => {
    const [ind] = await db().select().from(indicators).where(eq(indicators.id, ofIndicatorId));
    const agency = await createAgency(db());
    await db().insert(agencyComponents).values({ agencyId: agency.id, componentId: ind!.componentId, dgaRole: "doer" });
    return agency;
  };

  const openFlags = async () => db().select().from(flags).where(and(eq(flags.agencyId, agencyId), eq(flags.periodId, periodId)));

  it("opens a flag with the rule, version, values, threshold and the source fact as evidence", async () => {
    const summary = await recompute(periodId);
    expect(summary.opened).toBeGreaterThanOrEqual(1);
    const [flag] = await openFlags();
    expect(flag).toMatchObject({ status: "open", ruleVersion: 1, severity: "medium", subjectKey: `indicator:${(await db().select().from(indicators).where(eq(indicators.id, indicatorId)))[0]!.code}` });
    expect(flag!.evidence).toMatchObject({ rule: "KPI-BELOW-TARGET", reason: "indicator_below_target", measured: 50, threshold: 72, sources: [{ kind: "fact", id: factId }] });
  });

  it("is idempotent: running again changes nothing and writes no audit entry", async () => {
    const before = await openFlags();
    const [audits] = await db().select({ n: count() }).from(auditLog).where(eq(auditLog.action, "flags.recompute"));
    const summary = await recompute(periodId);
    expect(summary).toMatchObject({ opened: 0, reopened: 0, updated: 0, recovered: 0 });
    expect(await openFlags()).toEqual(before);
    const [after] = await db().select({ n: count() }).from(auditLog).where(eq(auditLog.action, "flags.recompute"));
    expect(after!.n).toBe(audits!.n);
  });

  it("marks the flag recovered when the data recovers, keeping the case and noting it there", async () => {
    const [flag] = await openFlags();
    const analyst = await createUser(db(), { role: "analyst" });
    const [kase] = await db().insert(followUpCases).values({ agencyId, periodId, createdBy: analyst.id }).returning();
    await db().insert(caseFlags).values({ caseId: kase!.id, flagId: flag!.id });

    await db().update(indicatorFacts).set({ value: "79" }).where(eq(indicatorFacts.id, factId));
    const summary = await recompute(periodId);
    expect(summary.recovered).toBe(1);
    const [recovered] = await openFlags();
    expect(recovered).toMatchObject({ id: flag!.id, status: "recovered" });
    expect(recovered!.recoveredAt).toBeInstanceOf(Date);
    const events = await db().select().from(caseEvents).where(eq(caseEvents.caseId, kase!.id));
    expect(events.map((e) => e.kind)).toEqual(["flag_recovered"]);
    expect((await db().select().from(followUpCases).where(eq(followUpCases.id, kase!.id)))[0]!.status).toBe("open");
  });

  it("re-opens the same flag when the data falls back, and records a new rule version on the flag", async () => {
    await db().update(indicatorFacts).set({ value: "60" }).where(eq(indicatorFacts.id, factId));
    expect((await recompute(periodId)).reopened).toBe(1);
    const [before] = await openFlags();

    await db().update(flagRules).set({ version: 2, params: { minShareOfTarget: 0.8 } }).where(eq(flagRules.code, "KPI-BELOW-TARGET"));
    const summary = await recompute(periodId);
    // Every flag of the rule moves to the new version (the demo data has many), this one included.
    expect(summary.updated).toBeGreaterThanOrEqual(1);
    const [after] = await openFlags();
    expect(after).toMatchObject({ id: before!.id, status: "open", ruleVersion: 2 });
    expect(after!.evidence).toMatchObject({ threshold: 64, measured: 60 });
  });

  it("ignores provisional facts: only approved figures make an agency lag", async () => {
    const other = await createAgency(db());
    await db().insert(indicatorFacts).values({ indicatorId, agencyId: other.id, periodId, value: "1", source: "self_assessment", state: "provisional" });
    await recompute(periodId);
    expect(await db().select().from(flags).where(eq(flags.agencyId, other.id))).toEqual([]);
  });

  it("flags an agency that was expected to report and did not, once the deadline has passed", async () => {
    const silent = await createAgency(db());
    const [upstream] = await db().select().from(components).where(eq(components.code, "upstream"));
    await db().insert(agencyComponents).values({ agencyId: silent.id, componentId: upstream!.id, dgaRole: "follower" });
    await recompute(periodId, { asOf: "2026-12-01" });
    const [missing] = await db()
      .select()
      .from(flags)
      .innerJoin(flagRules, eq(flagRules.id, flags.ruleId))
      .where(and(eq(flags.agencyId, silent.id), eq(flagRules.code, "REPORT-MISSING")));
    expect(missing?.flags).toMatchObject({ subjectKey: "submission:upstream", severity: "high", status: "open" });
    expect(missing?.flags.evidence).toMatchObject({ reason: "submission_missing", params: { component: "upstream", submittedOn: null } });
  });

  it("holds an agency to its share of a national sum target, the target its dashboard shows", async () => {
    const [sumIndicator] = await db().select().from(indicators).where(and(eq(indicators.direction, "higher"), eq(indicators.aggregation, "sum"), eq(indicators.active, true))).limit(1);
    await db().update(targets).set({ value: "1000" }).where(and(eq(targets.indicatorId, sumIndicator!.id), eq(targets.periodId, periodId), isNull(targets.agencyId)));
    const reporter = await createOwingAgency(sumIndicator!.id);
    const [fact] = await db().insert(indicatorFacts).values({ indicatorId: sumIndicator!.id, agencyId: reporter.id, periodId, value: "1", source: "self_assessment", state: "approved" }).returning();
    await refreshDashboardRollups(db(), { periodIds: [periodId] });
    const [figure] = await db().select().from(dashboardAgencyFigures).where(and(eq(dashboardAgencyFigures.agencyId, reporter.id), eq(dashboardAgencyFigures.indicatorId, sumIndicator!.id)));
    const share = Number(figure!.target);
    // Its share of the country's 1,000, not the whole 1,000.
    expect(share).toBeGreaterThan(0);
    expect(share).toBeLessThan(1000);
    const kpiFlags = () => db().select().from(flags).where(and(eq(flags.agencyId, reporter.id), eq(flags.subjectKey, `indicator:${sumIndicator!.code}`), eq(flags.status, "open")));

    await db().update(indicatorFacts).set({ value: String(share) }).where(eq(indicatorFacts.id, fact!.id));
    await recompute(periodId);
    expect(await kpiFlags()).toEqual([]);

    const half = Math.round((share / 2) * 1e4) / 1e4;
    await db().update(indicatorFacts).set({ value: String(half) }).where(eq(indicatorFacts.id, fact!.id));
    await recompute(periodId);
    const [flag] = await kpiFlags();
    expect(flag!.evidence).toMatchObject({ measured: half, params: { target: share } });
    // 80 % of it since the rule's version 2 above.
    expect((flag!.evidence as { threshold: number }).threshold).toBeCloseTo(share * 0.8, 3);
  });

  it("follows a target change made through afterFactsChanged (what the target editor calls): the flag opens and recovers", async () => {
    const [indicator] = await db().select().from(indicators).where(eq(indicators.id, indicatorId));
    const meeting = await createOwingAgency();
    await db().insert(indicatorFacts).values({ indicatorId, agencyId: meeting.id, periodId, value: "85", source: "self_assessment", state: "approved" });
    await afterFactsChanged(SYSTEM_ACTOR, [periodId]);
    const open = () => db().select().from(flags).where(and(eq(flags.agencyId, meeting.id), eq(flags.subjectKey, `indicator:${indicator!.code}`), eq(flags.status, "open")));
    expect(await open()).toEqual([]);

    // The agency's own target is raised to 120: 85 is below 80 % of it.
    const [own] = await db().insert(targets).values({ indicatorId, periodId, agencyId: meeting.id, value: "120" }).returning();
    await afterFactsChanged(SYSTEM_ACTOR, [periodId]);
    const [flag] = await open();
    expect(flag!.evidence).toMatchObject({ measured: 85, threshold: 96, params: { target: 120 } });

    await db().update(targets).set({ value: "100" }).where(eq(targets.id, own!.id));
    await afterFactsChanged(SYSTEM_ACTOR, [periodId]);
    expect(await open()).toEqual([]);
  });

  it("re-evaluates on demand from fresh dashboard figures, even when facts changed behind the services' back", async () => {
    const quiet = await createOwingAgency();
    await db().insert(indicatorFacts).values({ indicatorId, agencyId: quiet.id, periodId, value: "5", source: "self_assessment", state: "approved" });
    const summary = await reevaluatePeriod(SYSTEM_ACTOR, periodId);
    expect(summary.opened).toBeGreaterThanOrEqual(1);
    expect(await db().select().from(flags).where(and(eq(flags.agencyId, quiet.id), eq(flags.status, "open")))).toHaveLength(1);
  });

  it("raises a recurrence when a finding resolved the quarter before is back, not when it was waived", async () => {
    const [q3] = await db().select().from(periods).where(eq(periods.code, "2569Q3"));
    const [indicator] = await db().select().from(indicators).where(eq(indicators.id, indicatorId));
    const analyst = await createUser(db(), { role: "analyst" });
    const lagTwice = async () => {
      const agency = await createOwingAgency();
      for (const p of [q3!.id, periodId]) {
        await db().insert(targets).values({ indicatorId, periodId: p, agencyId: agency.id, value: "100" });
        await db().insert(indicatorFacts).values({ indicatorId, agencyId: agency.id, periodId: p, value: "10", source: "self_assessment", state: "approved" });
      }
      return agency;
    };
    const resolvedOne = await lagTwice();
    const waivedOne = await lagTwice();
    await recompute(q3!.id);
    for (const [agency, status] of [[resolvedOne, "resolved"], [waivedOne, "waived"]] as const) {
      const [flag] = await db().select().from(flags).where(and(eq(flags.agencyId, agency.id), eq(flags.periodId, q3!.id)));
      const [kase] = await db().insert(followUpCases).values({ agencyId: agency.id, periodId: q3!.id, createdBy: analyst.id, status, resolution: "ปิดเรื่อง" }).returning();
      await db().insert(caseFlags).values({ caseId: kase!.id, flagId: flag!.id });
    }
    await recompute(periodId);
    const recurring = async (agencyId: number) =>
      db()
        .select({ flag: flags })
        .from(flags)
        .innerJoin(flagRules, eq(flagRules.id, flags.ruleId))
        .where(and(eq(flags.agencyId, agencyId), eq(flags.periodId, periodId), eq(flagRules.kind, "recurrence")))
        .then((rows) => rows.map((r) => r.flag));
    const [back] = await recurring(resolvedOne.id);
    const [q3Flag] = await db().select().from(flags).where(and(eq(flags.agencyId, resolvedOne.id), eq(flags.periodId, q3!.id)));
    expect(back!.evidence).toMatchObject({ reason: "recurrence", params: { rule: "KPI-BELOW-TARGET", subject: `indicator:${indicator!.code}`, periodsAgo: 1, outcome: "resolved" } });
    expect((back!.evidence as { sources: unknown[] }).sources[0]).toEqual({ kind: "flag", id: q3Flag!.id });
    expect(await recurring(waivedOne.id)).toEqual([]);
  });
  it("judges only the agencies named (what follows an approval) exactly as a whole evaluation would, leaving the others' flags alone", async () => {
    const [a, b] = [await createOwingAgency(), await createOwingAgency()];
    const setValue = async (agency: number, value: string) => {
      await db().delete(indicatorFacts).where(and(eq(indicatorFacts.agencyId, agency), eq(indicatorFacts.periodId, periodId)));
      await db().insert(indicatorFacts).values({ indicatorId, agencyId: agency, periodId, value, source: "self_assessment", state: "approved", sourceId: 1 });
    };
    const flagsOf = (agency: number) => db().select().from(flags).where(and(eq(flags.agencyId, agency), eq(flags.periodId, periodId)));
    const judge = async (agencyIds?: number[]) => {
      await refreshDashboardRollups(db(), { periodIds: [periodId] });
      return recomputeFlags(SYSTEM_ACTOR, periodId, { agencyIds });
    };
    await judge();

    // Both fall below the target; only A is judged: A's flag opens, B has none yet.
    await setValue(a.id, "40");
    await setValue(b.id, "40");
    expect((await judge([a.id])).opened).toBe(1);
    expect((await flagsOf(a.id)).map((f) => f.status)).toEqual(["open"]);
    expect(await flagsOf(b.id)).toEqual([]);
    // The whole evaluation then finds only B left to do.
    const whole = await judge();
    expect(whole).toMatchObject({ opened: 1, reopened: 0, updated: 0, recovered: 0 });
    expect((await flagsOf(b.id)).map((f) => f.status)).toEqual(["open"]);

    // Both recover; judging A recovers A's flag and does not touch B's, which the whole evaluation then recovers.
    await setValue(a.id, "95");
    await setValue(b.id, "95");
    expect((await judge([a.id])).recovered).toBe(1);
    expect((await flagsOf(a.id)).map((f) => f.status)).toEqual(["recovered"]);
    expect((await flagsOf(b.id)).map((f) => f.status)).toEqual(["open"]);
    expect(await judge()).toMatchObject({ opened: 0, reopened: 0, updated: 0, recovered: 1 });
  });

  it("the flag job judges the agencies the derived refresh recorded, then nothing is left waiting", async () => {
    // A new agency that owes the component changes everyone's share of sum targets: that is a whole-period change.
    const agency = await createOwingAgency();
    await refreshDashboardRollups(db(), { periodIds: [periodId] });
    await recomputeFlags(SYSTEM_ACTOR, periodId);
    await db().insert(indicatorFacts).values({ indicatorId, agencyId: agency.id, periodId, value: "30", source: "self_assessment", state: "approved", sourceId: 1 });
    await refreshDashboardRollups(db(), { periodIds: [periodId] });
    await db().insert(flagChanges).values({ periodId, agencyId: agency.id });
    const summary = await evaluateFlagChanges(SYSTEM_ACTOR, periodId);
    expect(summary.opened).toBe(1);
    expect(await db().select().from(flags).where(and(eq(flags.agencyId, agency.id), eq(flags.periodId, periodId)))).toHaveLength(1);
    expect(await db().select().from(flagChanges).where(eq(flagChanges.periodId, periodId))).toEqual([]);
    // Nothing else changed: a whole evaluation afterwards has nothing to do.
    expect(await recomputeFlags(SYSTEM_ACTOR, periodId)).toMatchObject({ opened: 0, reopened: 0, updated: 0, recovered: 0 });
  });
}, { seeded: true });
