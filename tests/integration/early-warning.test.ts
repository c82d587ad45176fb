import { beforeAll, expect, it } from "vitest";
import { emenscrProgress, emenscrProjects, importBatches, periods } from "@/db/schema";
import { findEarlyWarnings } from "@/db/queries/early-warning";
import { ForbiddenError } from "@/core/errors";
import { formatPeriodCode, periodBounds, type FiscalQuarter } from "@/core/fiscal/calendar";
import type { Actor } from "@/core/auth/actor";
import { describeEachDatabase } from "../support/databases";
import { actorOf, createAgency, createUser } from "../support/factories";

describeEachDatabase("early warning: projected year-end disbursement and projects ending behind", ({ db }) => {
  let analyst: Actor, officer: Actor, strangerOfficer: Actor, reviewer: Actor;
  let agencyId: number;
  const periodIds = new Map<string, number>();

  beforeAll(async () => {
    const agency = await createAgency(db());
    const stranger = await createAgency(db());
    agencyId = agency.id;
    analyst = actorOf(await createUser(db(), { role: "analyst" }));
    officer = actorOf(await createUser(db(), { role: "agency_officer", agencyId: agency.id }), agency.code);
    strangerOfficer = actorOf(await createUser(db(), { role: "agency_officer", agencyId: stranger.id }), stranger.code);
    reviewer = actorOf(await createUser(db(), { role: "province_reviewer", province: "เชียงใหม่" }));
    for (const fy of [2569, 2570]) {
      for (const q of [1, 2, 3, 4] as FiscalQuarter[]) {
        const code = formatPeriodCode(fy, q);
        const { startsOn, endsOn } = periodBounds(fy, q);
        const [row] = await db().insert(periods).values({ code, fiscalYear: fy, quarter: q, startsOn, endsOn, dueOn: endsOn }).returning();
        periodIds.set(code, row!.id);
      }
    }
    const [batch] = await db()
      .insert(importBatches)
      .values({ fileName: "history.csv", fileSha256: "x", fileBytes: 1, format: "csv", actorLabel: "test", rowCount: 0, insertedCount: 0, updatedCount: 0, unchangedCount: 0, startedAt: new Date() })
      .returning();
    let row = 1;
    const project = async (code: string, budget: number, startsOn: string, endsOn: string, progress: Record<string, [number, number | null]>) => {
      const [p] = await db()
        .insert(emenscrProjects)
        .values({ projectCode: code, name: `โครงการ ${code}`, agencyId: agency.id, budget: String(budget), startsOn, endsOn, contentHash: code, createdBatchId: batch!.id, lastBatchId: batch!.id })
        .returning();
      for (const [period, [disbursed, physical]] of Object.entries(progress)) {
        await db()
          .insert(emenscrProgress)
          .values({ projectId: p!.id, periodId: periodIds.get(period)!, disbursed: String(disbursed), physicalProgress: physical === null ? null : String(physical), contentHash: `${code}${period}`, createdBatchId: batch!.id, batchId: batch!.id, sourceRow: row++ });
      }
    };
    // Last year three projects spent 10 / 40 / 70 / 100 % by the end of each quarter: the agency's pace.
    for (const code of ["H-1", "H-2", "H-3"]) {
      await project(code, 1000, "2025-10-01", "2026-09-30", { "2569Q1": [100, 20], "2569Q2": [400, 50], "2569Q3": [700, 80], "2569Q4": [1000, 100] });
    }
    // This year after Q1: one project on that pace would end at 50 % (short of the 96 % target)…
    await project("NOW-1", 1000, "2026-10-01", "2027-09-30", { "2570Q1": [50, 30] });
    // …one ends in March with 10 % done while half its time has gone.
    await project("END-1", 2000, "2026-10-01", "2027-03-31", { "2570Q1": [1000, 10] });
  });

  it("projects on the agency's own pace and names the projects short of the target and ending behind", async () => {
    const warnings = await findEarlyWarnings(analyst, { periodId: periodIds.get("2570Q1")!, agencyIds: [agencyId] });
    expect(warnings.annualTarget).toBe(96);
    const [agency] = warnings.agencies;
    // NOW-1: 50 ÷ 0.1 = 500; END-1: 1,000 ÷ 0.1 = 10,000 capped at its budget 2,000.
    expect(agency).toMatchObject({ agencyId, projects: 2, budget: 3000, disbursed: 1050, projected: 2500, model: "agency_curve" });
    expect(agency!.projectedPercent).toBeCloseTo((2500 / 3000) * 100, 6);
    expect(warnings.projectsShort.map((p) => [p.projectCode, p.projected, p.model])).toEqual([["NOW-1", 500, "agency_curve"]]);
    expect(warnings.endingBehind.map((p) => p.projectCode)).toEqual(["END-1"]);
    expect(warnings.endingBehind[0]!.pointsBehind).toBeGreaterThan(35);
  });

  it("an agency without a history of its own follows the nation's pace, and a new import of history changes that pace at once", async () => {
    const fresh = await createAgency(db());
    const other = await createAgency(db());
    const batch = async () =>
      (await db().insert(importBatches).values({ fileName: "more.csv", fileSha256: "y", fileBytes: 1, format: "csv", actorLabel: "test", rowCount: 0, insertedCount: 0, updatedCount: 0, unchangedCount: 0, startedAt: new Date() }).returning())[0]!.id;
    const add = async (agency: number, code: string, batchId: number, progress: Record<string, number>) => {
      const [p] = await db().insert(emenscrProjects).values({ projectCode: code, name: code, agencyId: agency, budget: "1000", startsOn: "2025-10-01", endsOn: "2027-09-30", contentHash: code, createdBatchId: batchId, lastBatchId: batchId }).returning();
      let row = 1;
      for (const [period, disbursed] of Object.entries(progress)) {
        await db().insert(emenscrProgress).values({ projectId: p!.id, periodId: periodIds.get(period)!, disbursed: String(disbursed), contentHash: `${code}${period}`, createdBatchId: batchId, batchId, sourceRow: row++ });
      }
    };
    await add(fresh.id, "FRESH-1", await batch(), { "2570Q1": 50 });
    const projected = async () => (await findEarlyWarnings(analyst, { periodId: periodIds.get("2570Q1")!, agencyIds: [fresh.id] })).agencies[0]!;
    // The nation spent 10 % by Q1 last year (H-1…H-3): 50 ÷ 0.1.
    expect(await projected()).toMatchObject({ model: "national_curve", projected: 500 });
    // Another agency's history arrives: it spent half by Q1, so the nation's Q1 share becomes 800 ÷ 4,000
    // (the nation's, not the first agency's: a listed agency once made the national curve one agency's).
    await add(other.id, "H-4", await batch(), { "2569Q1": 500, "2569Q4": 1000 });
    expect(await projected()).toMatchObject({ model: "national_curve", projected: 250 });
  });

  it("shows an agency only its own warnings, and none to a reviewer", async () => {
    const own = await findEarlyWarnings(officer, { periodId: periodIds.get("2570Q1")! });
    expect(own.agencies.map((a) => a.agencyId)).toEqual([agencyId]);
    const other = await findEarlyWarnings(strangerOfficer, { periodId: periodIds.get("2570Q1")!, agencyIds: [agencyId] });
    expect(other.agencies).toEqual([]);
    expect(other.projectsShort).toEqual([]);
    await expect(findEarlyWarnings(reviewer, { periodId: periodIds.get("2570Q1")! })).rejects.toBeInstanceOf(ForbiddenError);
  });
});
