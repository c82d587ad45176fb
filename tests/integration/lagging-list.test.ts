import { and, eq } from "drizzle-orm";
import { beforeAll, expect, it } from "vitest";
import { components, flagRules, flags, followUpCases, periods, type Agency } from "@/db/schema";
import { countOpenFlags, countOpenFlagsByComponent, listLaggingAgencies, pageLaggingAgencies } from "@/db/queries/flags";
import type { Actor } from "@/core/auth/actor";
import { describeEachDatabase } from "../support/databases";
import { actorOf, createAgency, createUser } from "../support/factories";

// A period of its own (2567Q1, no demo flags) with three lagging agencies:
//   a: upstream indicator (high), case opened first and overdue
//   b: downstream form missing (medium), case opened later, not overdue
//   c: agency-wide disbursement (critical), no case
describeEachDatabase("lagging agencies list", ({ db }) => {
  let analyst: Actor, officerB: Actor;
  let a: Agency, b: Agency, c: Agency;
  let periodId: number;
  const today = "2027-03-01";

  beforeAll(async () => {
    const [period] = await db().insert(periods).values({ code: "2567Q1", fiscalYear: 2567, quarter: 1, startsOn: "2023-10-01", endsOn: "2023-12-31", dueOn: "2024-01-15" }).returning();
    periodId = period!.id;
    [a, b, c] = [await createAgency(db()), await createAgency(db()), await createAgency(db())];
    analyst = actorOf(await createUser(db(), { role: "analyst" }));
    officerB = actorOf(await createUser(db(), { role: "agency_officer", agencyId: b.id }), b.code);
    const rule = async (code: string) => (await db().select().from(flagRules).where(eq(flagRules.code, code)))[0]!.id;
    const component = async (code: string) => (await db().select().from(components).where(eq(components.code, code)))[0]!.id;
    await db().insert(flags).values([
      { ruleId: await rule("KPI-BELOW-TARGET"), ruleVersion: 1, agencyId: a.id, periodId, subjectType: "indicator", subjectKey: "indicator:UP-01", componentId: await component("upstream"), severity: "high", evidence: {} },
      { ruleId: await rule("REPORT-MISSING"), ruleVersion: 1, agencyId: b.id, periodId, subjectType: "submission", subjectKey: "submission:downstream", componentId: await component("downstream"), severity: "medium", evidence: {} },
      { ruleId: await rule("DISBURSEMENT-BELOW"), ruleVersion: 1, agencyId: c.id, periodId, subjectType: "agency", subjectKey: "disbursement", componentId: null, severity: "critical", evidence: {} },
    ]);
    await db().insert(followUpCases).values({ agencyId: a.id, periodId, createdBy: analyst.id, dueOn: "2027-02-01", createdAt: new Date("2027-01-01T03:00:00Z") });
    await db().insert(followUpCases).values({ agencyId: b.id, periodId, createdBy: analyst.id, dueOn: "2027-04-01", createdAt: new Date("2027-02-01T03:00:00Z") });
  });

  const codes = async (actor: Actor, options: Partial<Parameters<typeof listLaggingAgencies>[1]> = {}) =>
    (await listLaggingAgencies(actor, { periodId, today, ...options })).map((r) => r.code);

  it("lists the worst first, and filters by component", async () => {
    expect(await codes(analyst)).toEqual([c.code, a.code, b.code]);
    expect(await codes(analyst, { componentCode: "upstream" })).toEqual([a.code]);
    expect(await codes(analyst, { componentCode: "downstream" })).toEqual([b.code]);
    expect(await codes(analyst, { componentCode: "cybersecurity" })).toEqual([]);
  });

  it("filters to overdue follow-ups and sorts by the age of the case", async () => {
    expect(await codes(analyst, { overdueOnly: true })).toEqual([a.code]);
    const rows = await listLaggingAgencies(analyst, { periodId, today, overdueOnly: true });
    expect(rows[0]!.cases).toMatchObject({ open: 1, overdue: 1 });
    // Oldest open case first; agencies without a case last.
    expect(await codes(analyst, { sort: "case_age" })).toEqual([a.code, b.code, c.code]);
  });

  it("pages the list in its order, with the total, a page past the end showing the last", async () => {
    const page = async (n: number, options: Partial<Parameters<typeof listLaggingAgencies>[1]> = {}) => {
      const result = await pageLaggingAgencies(analyst, { periodId, today, ...options }, n, 2);
      return { codes: result.rows.map((r) => r.code), total: result.total, page: result.page };
    };
    expect(await page(1)).toEqual({ codes: [c.code, a.code], total: 3, page: 1 });
    expect(await page(2)).toEqual({ codes: [b.code], total: 3, page: 2 });
    expect(await page(9)).toEqual({ codes: [b.code], total: 3, page: 2 });
    expect(await page(1, { componentCode: "cybersecurity" })).toEqual({ codes: [], total: 0, page: 1 });
    expect((await pageLaggingAgencies(officerB, { periodId, today }, 1, 2)).total).toBe(1);
  });

  it("shows an agency role its own agency only, whatever the filters", async () => {
    expect(await codes(officerB)).toEqual([b.code]);
    expect(await codes(officerB, { componentCode: "upstream" })).toEqual([]);
  });

  it("counts agencies with open flags per component for the ecosystem map, scoped like the list", async () => {
    const all = await countOpenFlagsByComponent(analyst, periodId);
    expect(Object.fromEntries(all)).toEqual({ upstream: { agencies: 1, flags: 1 }, downstream: { agencies: 1, flags: 1 } });
    expect(Object.fromEntries(await countOpenFlagsByComponent(officerB, periodId))).toEqual({ downstream: { agencies: 1, flags: 1 } });
  });

  it("moves the national counts, kept in memory, with every write of the flags", async () => {
    const counts = async () => ({ total: await countOpenFlags(analyst, periodId), byComponent: Object.fromEntries(await countOpenFlagsByComponent(analyst, periodId)) });
    expect(await counts()).toEqual({ total: { flags: 3, agencies: 3 }, byComponent: { upstream: { agencies: 1, flags: 1 }, downstream: { agencies: 1, flags: 1 } } });
    const [rule] = await db().select().from(flagRules).where(eq(flagRules.code, "KPI-BELOW-TARGET"));
    const [upstream] = await db().select().from(components).where(eq(components.code, "upstream"));
    const [added] = await db()
      .insert(flags)
      .values({ ruleId: rule!.id, ruleVersion: 1, agencyId: b.id, periodId, subjectType: "indicator", subjectKey: "indicator:UP-02", componentId: upstream!.id, severity: "low", evidence: {} })
      .returning();
    expect(await counts()).toEqual({ total: { flags: 4, agencies: 3 }, byComponent: { upstream: { agencies: 2, flags: 2 }, downstream: { agencies: 1, flags: 1 } } });
    await db().update(flags).set({ status: "recovered" }).where(and(eq(flags.agencyId, a.id), eq(flags.periodId, periodId)));
    expect(await counts()).toEqual({ total: { flags: 3, agencies: 2 }, byComponent: { upstream: { agencies: 1, flags: 1 }, downstream: { agencies: 1, flags: 1 } } });
    await db().update(flags).set({ status: "open" }).where(and(eq(flags.agencyId, a.id), eq(flags.periodId, periodId)));
    await db().delete(flags).where(eq(flags.id, added!.id));
    expect(await counts()).toEqual({ total: { flags: 3, agencies: 3 }, byComponent: { upstream: { agencies: 1, flags: 1 }, downstream: { agencies: 1, flags: 1 } } });
    expect(await countOpenFlags(officerB, periodId)).toEqual({ flags: 1, agencies: 1 });
  });
}, { seeded: true });
