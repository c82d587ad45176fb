import { and, eq, ne } from "drizzle-orm";
import { beforeAll, expect, it } from "vitest";
import { agencies, agencyComponents, agencyFlagSummaries, caseGroups, components, emenscrProjects, flags, followUpCases, importBatches, indicatorFacts, indicators, notifications, periods, targets } from "@/db/schema";
import { SYSTEM_ACTOR, type Actor } from "@/core/auth/actor";
import { refreshDashboardRollups } from "@/lib/facts/derive/rollups";
import { recomputeFlags } from "@/lib/flags/recompute";
import { openGroupCase } from "@/lib/flags/group-cases";
import { bulkFollowUp } from "@/lib/flags/bulk";
import { updateCase, respondToCase } from "@/lib/flags/cases";
import { escalateOverdueCases } from "@/lib/flags/escalation";
import { updatePriorityWeights, getPriorityWeights } from "@/lib/flags/priority-weights";
import { loadWorklistPage } from "@/lib/flags/worklist";
import { getGroupCaseDetail } from "@/db/queries/group-cases";
import { listPreviousPeriodIds } from "@/db/queries/worklist";
import { countOpenFlags, countOpenFlagsByComponent } from "@/db/queries/flags";
import { countMonitoredAgencies } from "@/db/queries/ecosystem";
import { DEFAULT_PRIORITY_WEIGHTS } from "@/core/flags/priority";
import { NotFoundError, ValidationError } from "@/core/errors";
import { describeEachDatabase } from "../support/databases";
import { createAgency, createUser } from "../support/factories";

const actorOf = (u: { id: number; email: string; name: string; role: Actor["role"]; agencyId: number | null; province?: string | null }): Actor => ({
  id: u.id,
  email: u.email,
  name: u.name,
  role: u.role,
  agencyId: u.agencyId,
  agencyCode: null,
  locale: "th",
  province: u.province ?? null,
});

describeEachDatabase("worklist and ministry cases", ({ db }) => {
  let periodId: number;
  let indicatorId: number;
  let ministryCode: string;
  let ministryId: number;
  const partAgencies: number[] = [];
  const facts: number[] = [];
  let analyst: Actor;
  let executiveId: number;

  const recompute = async () => {
    await refreshDashboardRollups(db(), { periodIds: [periodId] });
    return recomputeFlags(SYSTEM_ACTOR, periodId);
  };
  const options = async (extra: { ministryId?: number; agencyType?: "department" | "local_administration" } = {}) => ({ periodId, previousPeriodIds: await listPreviousPeriodIds(periodId), today: "2026-10-20", ...extra });

  beforeAll(async () => {
    const [period] = await db().select().from(periods).where(eq(periods.code, "2569Q4"));
    periodId = period!.id;
    const [indicator] = await db().select().from(indicators).where(and(eq(indicators.direction, "higher"), ne(indicators.aggregation, "sum"))).limit(1);
    indicatorId = indicator!.id;
    await db().update(targets).set({ value: "80" }).where(and(eq(targets.indicatorId, indicatorId), eq(targets.periodId, periodId)));
    const ministry = await createAgency(db(), { type: "ministry" });
    ministryCode = ministry.code;
    ministryId = ministry.id;
    for (const value of ["10", "50"]) {
      const agency = await createAgency(db(), { parentId: ministry.id });
      partAgencies.push(agency.id);
      await db().insert(agencyComponents).values({ agencyId: agency.id, componentId: indicator!.componentId, dgaRole: "doer" });
      const [fact] = await db().insert(indicatorFacts).values({ indicatorId, agencyId: agency.id, periodId, value, source: "self_assessment", state: "approved", sourceId: 1 }).returning();
      facts.push(fact!.id);
    }
    analyst = actorOf(await createUser(db(), { role: "analyst" }));
    executiveId = (await createUser(db(), { role: "executive" })).id;
    await recompute();
  });

  it("keeps a summary per agency with its nearest ministry, and scores the worklist from it", async () => {
    const rows = await db().select().from(agencyFlagSummaries).where(and(eq(agencyFlagSummaries.periodId, periodId), eq(agencyFlagSummaries.ministryId, ministryId)));
    expect(rows.map((r) => r.agencyId).sort()).toEqual([...partAgencies].sort());
    const page = await loadWorklistPage(analyst, await options({ ministryId }), "agency", 1, 50);
    expect(page.kind).toBe("agency");
    expect(page.total).toBe(2);
    if (page.kind !== "agency") return;
    expect(page.rows[0]!.priority.score).toBeGreaterThan(0);
    expect(page.rows.map((r) => r.rank)).toEqual([1, 2]);
    const rollup = await loadWorklistPage(analyst, await options({ ministryId }), "ministry", 1, 50);
    expect(rollup.rows).toEqual([expect.objectContaining({ key: String(ministryId), agencies: 2 })]);
  });

  it("rolls the lagging agencies up by province, each province the sum of its agencies, and follows an agency moved to another province", async () => {
    const [first, second] = partAgencies as [number, number];
    const setProvince = (id: number, province: string | null) => db().update(agencies).set({ province }).where(eq(agencies.id, id));
    await setProvince(first, "จังหวัดทดสอบ ก");
    await setProvince(second, "จังหวัดทดสอบ ก");
    try {
      const agencyPage = await loadWorklistPage(analyst, await options({ ministryId }), "agency", 1, 50);
      if (agencyPage.kind !== "agency") throw new Error("expected agency rows");
      const scoreOf = (id: number) => agencyPage.rows.find((r) => r.agencyId === id)!;
      const provinces = async () => {
        const rollup = await loadWorklistPage(analyst, await options({ ministryId }), "province", 1, 50);
        if (rollup.kind !== "rollup") throw new Error("expected roll-up rows");
        return rollup.rows;
      };
      expect(await provinces()).toEqual([
        {
          key: "จังหวัดทดสอบ ก",
          agencies: 2,
          openFlags: scoreOf(first).input.openFlags + scoreOf(second).input.openFlags,
          score: Math.round((scoreOf(first).priority.score + scoreOf(second).priority.score) * 10) / 10,
          worst: expect.any(String),
        },
      ]);
      await setProvince(second, "จังหวัดทดสอบ ข");
      expect((await provinces()).map((r) => [r.key, r.agencies]).sort()).toEqual([
        ["จังหวัดทดสอบ ก", 1],
        ["จังหวัดทดสอบ ข", 1],
      ]);
    } finally {
      await setProvince(first, null);
      await setProvince(second, null);
    }
  });

  it("re-scores the worklist when an evaluation changes an agency's budget and no flag (the kept worklist follows its summaries)", async () => {
    const scoreOf = async (agencyId: number) => {
      const page = await loadWorklistPage(analyst, await options({ ministryId }), "agency", 1, 50);
      if (page.kind !== "agency") throw new Error("expected agency rows");
      return page.rows.find((r) => r.agencyId === agencyId)!.priority;
    };
    const before = await scoreOf(partAgencies[0]!);
    expect(await scoreOf(partAgencies[0]!)).toEqual(before);
    const flagsBefore = await db().select().from(flags).where(eq(flags.periodId, periodId)).orderBy(flags.id);
    const [period] = await db().select().from(periods).where(eq(periods.id, periodId));
    const [batch] = await db()
      .insert(importBatches)
      .values({ fileName: "budget.csv", fileSha256: "budget", fileBytes: 1, format: "csv", actorLabel: "test", rowCount: 0, insertedCount: 0, updatedCount: 0, unchangedCount: 0, startedAt: new Date() })
      .returning();
    const [project] = await db()
      .insert(emenscrProjects)
      .values({ projectCode: `BUDGET-${partAgencies[0]}`, name: "งบประมาณ", agencyId: partAgencies[0]!, fiscalYear: period!.fiscalYear, budget: "250000000", contentHash: "budget", createdBatchId: batch!.id, lastBatchId: batch!.id })
      .returning();
    try {
      await recomputeFlags(SYSTEM_ACTOR, periodId);
      expect((await db().select().from(flags).where(eq(flags.periodId, periodId)).orderBy(flags.id)).map((f) => [f.id, f.status])).toEqual(flagsBefore.map((f) => [f.id, f.status]));
      const after = await scoreOf(partAgencies[0]!);
      expect(after.factors.budget).toBeGreaterThan(before.factors.budget);
      expect(after.score).toBeGreaterThan(before.score);
    } finally {
      await db().delete(emenscrProjects).where(eq(emenscrProjects.id, project!.id));
      await recomputeFlags(SYSTEM_ACTOR, periodId);
    }
    expect(await scoreOf(partAgencies[0]!)).toEqual(before);
  });

  it("counts the overview's agencies and lagging agencies of a ministry and an agency type as the worklist with the same filters lists them", async () => {
    const openFlagsOf = async (agencyIds: number[]) =>
      (await db().select().from(flags).where(and(eq(flags.periodId, periodId), eq(flags.status, "open")))).filter((f) => agencyIds.includes(f.agencyId)).length;
    const worklistTotal = async (extra: Parameters<typeof options>[0]) => (await loadWorklistPage(analyst, await options(extra), "agency", 1, 50)).total;
    const [component] = await db().select({ code: components.code }).from(indicators).innerJoin(components, eq(components.id, indicators.componentId)).where(eq(indicators.id, indicatorId));
    const componentCode = component!.code;
    const national = await countOpenFlags(analyst, periodId);
    expect(national.agencies).toBeGreaterThan(2);

    expect(await countOpenFlags(analyst, periodId, { ministryCode })).toEqual({ agencies: 2, flags: await openFlagsOf(partAgencies) });
    expect(await worklistTotal({ ministryId })).toBe(2);
    // The map: both lag on the one indicator's component, and nowhere else.
    expect(Object.fromEntries(await countOpenFlagsByComponent(analyst, periodId, { ministryCode }))).toEqual({ [componentCode]: { agencies: 2, flags: 2 } });

    // The overview's "agencies monitored" of the same parts: the ministry's two departments.
    expect(await countMonitoredAgencies({ ministryCode, agencyType: null })).toBe(2);
    expect(await countMonitoredAgencies({ ministryCode, agencyType: "department" })).toBe(2);
    expect(await countMonitoredAgencies({ ministryCode, agencyType: "local_administration" })).toBe(0);

    // One of the two becomes a local administration: no flag changes, the type filter still follows.
    await db().update(agencies).set({ type: "local_administration" }).where(eq(agencies.id, partAgencies[1]!));
    try {
      expect(await countOpenFlags(analyst, periodId, { ministryCode, agencyType: "department" })).toEqual({ agencies: 1, flags: await openFlagsOf([partAgencies[0]!]) });
      expect(await worklistTotal({ ministryId, agencyType: "department" })).toBe(1);
      expect((await countOpenFlags(analyst, periodId, { ministryCode, agencyType: "local_administration" })).agencies).toBe(1);
      expect(await worklistTotal({ ministryId, agencyType: "local_administration" })).toBe(1);
    } finally {
      await db().update(agencies).set({ type: "department" }).where(eq(agencies.id, partAgencies[1]!));
    }
    expect(await countOpenFlags(analyst, periodId, { ministryCode, agencyType: "local_administration" })).toEqual({ agencies: 0, flags: 0 });
    expect(await countOpenFlags(analyst, periodId)).toEqual(national);
  });

  it("refuses weights out of range and versions the accepted ones", async () => {
    const admin = actorOf(await createUser(db(), { role: "admin" }));
    const before = await getPriorityWeights();
    await expect(updatePriorityWeights(admin, { version: before.version, weights: { ...DEFAULT_PRIORITY_WEIGHTS, budget: 9 } })).rejects.toBeInstanceOf(ValidationError);
    const saved = await updatePriorityWeights(admin, { version: before.version, weights: { ...DEFAULT_PRIORITY_WEIGHTS, age: 0.5 } });
    expect(saved.version).toBe(before.version + 1);
    await expect(updatePriorityWeights(analyst, { version: saved.version, weights: DEFAULT_PRIORITY_WEIGHTS })).rejects.toThrow();
  });

  it("refuses bulk actions with bad input: waive without a reason, a past due date, unknown agencies", async () => {
    await expect(bulkFollowUp(analyst, { periodId, agencyIds: partAgencies, action: "waive", reason: "  " })).rejects.toThrow();
    await expect(bulkFollowUp(analyst, { periodId, agencyIds: partAgencies, action: "due", dueOn: "2020-01-01" })).rejects.toThrow();
    await expect(bulkFollowUp(analyst, { periodId, agencyIds: [999999], action: "due", dueOn: "2099-01-01" })).rejects.toBeInstanceOf(NotFoundError);
    expect(await db().select().from(followUpCases).where(eq(followUpCases.periodId, periodId))).toHaveLength(0);
  });

  it("opens a ministry case with one part per agency; the agency sees its part only, another ministry's reviewer nothing", async () => {
    const opened = await openGroupCase(analyst, { periodId, scope: "ministry", key: ministryCode, dueOn: "2099-12-31" });
    expect(opened.parts).toBe(2);
    const officer = actorOf(await createUser(db(), { role: "agency_officer", agencyId: partAgencies[0]! }));
    await expect(getGroupCaseDetail(officer, opened.group.id)).rejects.toBeInstanceOf(NotFoundError);
    const reviewer = actorOf(await createUser(db(), { role: "ministry_reviewer", agencyId: ministryId }));
    expect((await getGroupCaseDetail(reviewer, opened.group.id)).parts).toHaveLength(2);
    const other = await createAgency(db(), { type: "ministry" });
    const otherReviewer = actorOf(await createUser(db(), { role: "ministry_reviewer", agencyId: other.id }));
    await expect(getGroupCaseDetail(otherReviewer, opened.group.id)).rejects.toBeInstanceOf(NotFoundError);
    // The agency answers its own part; nothing is left to cover, so a second case is refused.
    const part = (await db().select().from(followUpCases).where(and(eq(followUpCases.groupId, opened.group.id), eq(followUpCases.agencyId, partAgencies[0]!))))[0]!;
    await respondToCase(officer, { caseId: part.id, explanation: "แผนปรับปรุง" });
    await expect(openGroupCase(analyst, { periodId, scope: "ministry", key: ministryCode })).rejects.toBeInstanceOf(ValidationError);
  });

  it("escalates an overdue ministry case to DGA once, with a notice", async () => {
    const [group] = await db().select().from(caseGroups).where(eq(caseGroups.ministryId, ministryId));
    await db().update(caseGroups).set({ dueOn: "2026-10-01" }).where(eq(caseGroups.id, group!.id));
    const first = await escalateOverdueCases("2026-10-05");
    expect(first.escalated).toBeGreaterThanOrEqual(1);
    const notes = await db().select().from(notifications).where(and(eq(notifications.userId, executiveId), eq(notifications.kind, "case_escalated")));
    expect(notes).toHaveLength(1);
    expect((await escalateOverdueCases("2026-10-06")).escalated).toBe(0);
    const [after] = await db().select().from(caseGroups).where(eq(caseGroups.id, group!.id));
    expect(after!.escalationSteps).toBe(1);
  });

  it("a part recovers with new data and resolves itself; the ministry case closes with its last part", async () => {
    const [group] = await db().select().from(caseGroups).where(eq(caseGroups.ministryId, ministryId));
    await db().update(indicatorFacts).set({ value: "79" }).where(eq(indicatorFacts.id, facts[0]!));
    await recompute();
    const parts = await db().select().from(followUpCases).where(eq(followUpCases.groupId, group!.id));
    expect(parts.find((p) => p.agencyId === partAgencies[0])!.status).toBe("resolved");
    expect((await db().select().from(caseGroups).where(eq(caseGroups.id, group!.id)))[0]!.status).not.toMatch(/resolved|waived/);
    const other = parts.find((p) => p.agencyId === partAgencies[1])!;
    await updateCase(analyst, { caseId: other.id, version: other.version, status: "waived", resolution: "งบประมาณถูกตัด" });
    expect((await db().select().from(caseGroups).where(eq(caseGroups.id, group!.id)))[0]!.status).toBe("resolved");
  });
}, { seeded: true });
