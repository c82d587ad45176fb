import { and, asc, eq } from "drizzle-orm";
import { alias } from "drizzle-orm/pg-core";
import { expect, it } from "vitest";
import type { Database } from "@/db/client";
import { getCompleteness, getCompletenessPage } from "@/db/queries/completeness";
import { agencies, agencyComponents, assessmentTemplates, components, periods, submissions } from "@/db/schema";
import { SUBMISSION_STATUSES } from "@/core/assessments/enums";
import { describeEachDatabase } from "../support/databases";
import { actorOf, createUser } from "../support/factories";

/** A small deterministic PRNG (mulberry32): the same dataset on every run and database. */
function random(seed: number) {
  return () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/**
 * Ministries with departments, agencies without a parent, inactive agencies, a component whose template
 * is inactive and one without a template, and submissions in every status, late or not.
 */
async function generateDataset(db: Database, agencyCount: number) {
  const rnd = random(2570);
  const pick = <T,>(list: readonly T[]) => list[Math.floor(rnd() * list.length)]!;
  const componentRows = await db
    .insert(components)
    .values([1, 2, 3, 4, 5].map((n) => ({ code: `gen-c${n}`, ordinal: 10 - n, group: "enabler" as const, nameTh: `องค์ประกอบ ${n}`, nameEn: `Component ${n}`, descriptionTh: "-", descriptionEn: "-" })))
    .returning();
  const templates = await db
    .insert(assessmentTemplates)
    .values(componentRows.slice(0, 4).map((c, i) => ({ componentId: c.id, nameTh: "แบบ", nameEn: "Form", active: i !== 3 })))
    .returning();
  const [period] = await db.insert(periods).values({ code: "2590Q2", fiscalYear: 2590, quarter: 2, startsOn: "2047-01-01", endsOn: "2047-03-31", dueOn: "2047-04-15" }).returning();
  const ministries = await db
    .insert(agencies)
    .values(Array.from({ length: 12 }, (_, i) => ({ code: `M${String(i).padStart(2, "0")}`, nameTh: `กระทรวง ${i}`, nameEn: `Ministry ${i}`, type: "ministry" as const })))
    .returning();
  const rows = Array.from({ length: agencyCount }, (_, i) => ({
    code: `G${String(i).padStart(5, "0")}`,
    nameTh: `หน่วยงาน ${i}`,
    nameEn: `Agency ${i}`,
    type: "department" as const,
    parentId: rnd() < 0.1 ? null : pick(ministries).id,
    active: rnd() > 0.05,
  }));
  const created: (typeof agencies.$inferSelect)[] = [...ministries];
  for (let i = 0; i < rows.length; i += 1000) created.push(...(await db.insert(agencies).values(rows.slice(i, i + 1000)).returning()));
  const tags: (typeof agencyComponents.$inferInsert)[] = [];
  const subs: (typeof submissions.$inferInsert)[] = [];
  for (const agency of created) {
    for (const [index, component] of componentRows.entries()) {
      if (rnd() < 0.45) continue;
      tags.push({ agencyId: agency.id, componentId: component.id, dgaRole: pick(["leader", "doer", "follower", "connector"] as const) });
      const template = templates[index];
      if (!template || rnd() < 0.3) continue;
      const status = pick(SUBMISSION_STATUSES);
      const reached = status !== "draft" && status !== "endorsed" ? true : rnd() < 0.2; // reopened to draft after a return
      subs.push({ agencyId: agency.id, componentId: component.id, periodId: period!.id, templateId: template.id, status, late: reached && rnd() < 0.3, firstSubmittedAt: reached ? new Date("2047-04-10T03:00:00Z") : null });
    }
  }
  // Tags of an agency with a component that has no template must not count either.
  for (let i = 0; i < tags.length; i += 2000) await db.insert(agencyComponents).values(tags.slice(i, i + 2000));
  for (let i = 0; i < subs.length; i += 2000) await db.insert(submissions).values(subs.slice(i, i + 2000));
  return { period: period!, tags: tags.length, submissions: subs.length };
}

/** The tally as it was computed before it moved into SQL: every expected row read, then counted in TypeScript. */
async function legacyCompleteness(db: Database, periodId: number) {
  const ministry = alias(agencies, "ministry");
  const rows = (
    await db
      .select({
        agencyCode: agencies.code,
        agencyNameTh: agencies.nameTh,
        agencyNameEn: agencies.nameEn,
        ministryCode: ministry.code,
        ministryNameTh: ministry.nameTh,
        ministryNameEn: ministry.nameEn,
        componentCode: components.code,
        componentNameTh: components.nameTh,
        componentNameEn: components.nameEn,
        status: submissions.status,
        late: submissions.late,
        firstSubmittedAt: submissions.firstSubmittedAt,
      })
      .from(agencyComponents)
      .innerJoin(agencies, and(eq(agencies.id, agencyComponents.agencyId), eq(agencies.active, true)))
      .leftJoin(ministry, eq(ministry.id, agencies.parentId))
      .innerJoin(components, eq(components.id, agencyComponents.componentId))
      .innerJoin(assessmentTemplates, and(eq(assessmentTemplates.componentId, components.id), eq(assessmentTemplates.active, true)))
      .leftJoin(submissions, and(eq(submissions.agencyId, agencies.id), eq(submissions.componentId, components.id), eq(submissions.periodId, periodId)))
      .orderBy(asc(components.ordinal), asc(agencies.code))
  ).map((r) => ({ ...r, late: r.late ?? false }));
  type Row = (typeof rows)[number];
  const classify = (row: Row) => {
    const submitted = row.firstSubmittedAt !== null;
    return { submitted, onTime: submitted && !row.late, approved: row.status === "approved" };
  };
  const tally = (list: Row[]) => {
    const counts = { expected: 0, submitted: 0, onTime: 0, approved: 0 };
    for (const row of list) {
      const c = classify(row);
      counts.expected++;
      if (c.submitted) counts.submitted++;
      if (c.onTime) counts.onTime++;
      if (c.approved) counts.approved++;
    }
    return counts;
  };
  const groupBy = (key: (row: Row) => string) => {
    const groups = new Map<string, Row[]>();
    for (const row of rows) groups.set(key(row), [...(groups.get(key(row)) ?? []), row]);
    return [...groups.entries()];
  };
  return {
    total: tally(rows),
    byComponent: groupBy((r) => r.componentCode).map(([code, list]) => ({ code, nameTh: list[0]!.componentNameTh, nameEn: list[0]!.componentNameEn, ...tally(list) })),
    byMinistry: groupBy((r) => r.ministryCode ?? r.agencyCode)
      .map(([code, list]) => ({ code, nameTh: list[0]!.ministryNameTh ?? list[0]!.agencyNameTh, nameEn: list[0]!.ministryNameEn ?? list[0]!.agencyNameEn, ...tally(list) }))
      .sort((a, b) => a.code.localeCompare(b.code)),
    byAgency: groupBy((r) => r.agencyCode)
      .map(([code, list]) => ({ code, nameTh: list[0]!.agencyNameTh, nameEn: list[0]!.agencyNameEn, ministryCode: list[0]!.ministryCode, ...tally(list) }))
      .sort((a, b) => a.code.localeCompare(b.code)),
    overdue: rows.filter((r) => !classify(r).submitted),
  };
}

const countsOf = ({ expected, submitted, onTime, approved }: { expected: number; submitted: number; onTime: number; approved: number }) => ({ expected, submitted, onTime, approved });

describeEachDatabase("completeness counted in SQL", ({ db }) => {
  // A large generated dataset: the 10-minute limit is a safety net for a busy machine, not its measure.
  it("gives the same figures as the old TypeScript tally on a generated dataset", { timeout: 10 * 60_000 }, async () => {
    const { period, tags, submissions: submitted } = await generateDataset(db(), 1500);
    expect(tags).toBeGreaterThan(3000);
    expect(submitted).toBeGreaterThan(1000);
    const analyst = actorOf(await createUser(db(), { role: "analyst" }));
    const [current, legacy] = await Promise.all([getCompleteness(analyst, period.code, "2047-05-01"), legacyCompleteness(db(), period.id)]);

    expect(current.total).toEqual(legacy.total);
    expect(current.total.expected).toBeGreaterThan(2000);
    expect(current.total.submitted).toBeGreaterThan(0);
    expect(current.total.onTime).toBeLessThan(current.total.submitted);
    expect(current.byComponent).toEqual(legacy.byComponent);
    expect(current.byComponent.map((c) => c.code)).toEqual(["gen-c3", "gen-c2", "gen-c1"]);
    expect(current.byMinistry).toEqual(legacy.byMinistry);
    expect(current.byAgency).toEqual(legacy.byAgency);
    expect(new Set(current.overdue.map((r) => r.daysOverdue))).toEqual(new Set([16]));
    expect(current.overdue.map(({ daysOverdue: _days, ...row }) => row)).toEqual(legacy.overdue);

    // The page reads pages of the agency tally and of the overdue list: each the matching slice of the whole
    // list, with the whole list's count; a page past the last shows the last.
    const size = 25;
    for (const page of [1, 2, 7, 10_000]) {
      const paged = await getCompletenessPage(analyst, period.code, "2047-05-01", { agencies: { page, size }, overdue: { page, size } });
      expect({ total: paged.total, byComponent: paged.byComponent, byMinistry: paged.byMinistry }).toEqual({ total: current.total, byComponent: current.byComponent, byMinistry: current.byMinistry });
      for (const [list, whole] of [
        [paged.byAgency, current.byAgency],
        [paged.overdue, current.overdue],
      ] as const) {
        const shown = Math.min(page, Math.ceil(whole.length / size));
        expect(list.count).toBe(whole.length);
        expect(list.page).toBe(shown);
        expect(list.rows).toEqual(whole.slice((shown - 1) * size, shown * size));
      }
    }

    // Narrowed (as reports ask): the same figures as the matching group of the whole tally.
    const component = await getCompleteness(analyst, period.code, "2047-05-01", { componentCode: "gen-c2" });
    expect(component.total).toEqual(countsOf(current.byComponent.find((c) => c.code === "gen-c2")!));
    const ministry = await getCompleteness(analyst, period.code, "2047-05-01", { ministryCode: "M03" });
    // A ministry scope is the agencies under it (the ministry's own rows belong to it as an agency).
    const under = current.byAgency.filter((a) => a.ministryCode === "M03");
    expect(under.length).toBeGreaterThan(10);
    expect(ministry.total).toEqual(under.map(countsOf).reduce((a, b) => ({ expected: a.expected + b.expected, submitted: a.submitted + b.submitted, onTime: a.onTime + b.onTime, approved: a.approved + b.approved })));
    const agency = current.byAgency[0]!;
    expect((await getCompleteness(analyst, period.code, "2047-05-01", { agencyCode: agency.code })).total).toEqual(countsOf(agency));
  });
});
