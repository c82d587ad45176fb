// The eMENSCR budget panels add up per-period sums of ministry × agency type groups (cached once per
// period and eMENSCR version) instead of aggregating the quarter's projects for every scope. Whatever the
// scope — the nation, a ministry, an agency type, both, one component, one agency — a panel and the project
// list's count must equal the projects aggregated directly, including projects tagged with two components.
import { eq, sql } from "drizzle-orm";
import { beforeAll, expect, it } from "vitest";
import { components, periods, projectComponents } from "@/db/schema";
import type { Actor } from "@/core/auth/actor";
import { populateNationalDataset } from "@/scripts/generate-national-dataset";
import { dashboardCacheStats } from "@/lib/facts/read/cache";
import { getEmenscrBudgetByComponent, getEmenscrBudgetProgress, listEmenscrProjects, type EmenscrBudgetProgress } from "@/lib/facts/read/emenscr-projects";
import { describeEachDatabase } from "../support/databases";
import { actorOf, createUser } from "../support/factories";

interface Scope {
  period: string;
  ministry?: string;
  type?: "department" | "local_administration";
  component?: string;
  agency?: string;
}

describeEachDatabase("eMENSCR budget panels for every scope", ({ db }) => {
  let analyst: Actor;
  let period: string;
  let ministries: string[];
  let componentCodes: string[];
  let agencyCode: string;

  beforeAll(async () => {
    await populateNationalDataset(db(), { departments: 12, locals: 40, projects: 300 }, () => {});
    // Every tenth project also counts in the next component: it adds to both components' panels, once to the total.
    await db().execute(sql`
      insert into project_components (project_id, component_id, source)
      select pc.project_id, c2.id, 'manual' from project_components pc join components c on c.id = pc.component_id
      join components c2 on c2.ordinal = c.ordinal % 7 + 1 where pc.project_id % 10 = 0 on conflict do nothing`);
    expect((await db().select().from(projectComponents)).length).toBeGreaterThan(300);
    dashboardCacheStats.clear();
    analyst = actorOf(await createUser(db(), { role: "analyst" }));
    const withProgress = await db().execute<{ code: string }>(sql`select distinct p.code from emenscr_progress e join periods p on p.id = e.period_id order by 1`);
    period = withProgress.rows[0]!.code;
    // The ministries with the most projects (some have none in a dataset this small).
    const byProjects = await db().execute<{ code: string }>(sql`
      select m.code from emenscr_projects j join dashboard_agency_dims d on d.agency_id = j.agency_id join agencies m on m.id = d.ministry_id
      group by m.code order by count(*) desc, m.code limit 3`);
    ministries = byProjects.rows.map((r) => r.code);
    componentCodes = (await db().select({ code: components.code }).from(components).orderBy(components.ordinal)).map((c) => c.code);
    const busiest = await db().execute<{ code: string }>(sql`
      select a.code from emenscr_projects j join agencies a on a.id = j.agency_id group by a.code order by count(*) desc, a.code limit 1`);
    agencyCode = busiest.rows[0]!.code;
  });

  /** The panel's figures for a scope, aggregated straight from the projects. */
  async function direct(scope: Scope): Promise<EmenscrBudgetProgress> {
    const [p] = await db().select({ id: periods.id }).from(periods).where(eq(periods.code, scope.period));
    const conditions = [sql`e.period_id = ${p!.id}`];
    if (scope.ministry) conditions.push(sql`d.ministry_id = (select id from agencies where code = ${scope.ministry})`);
    if (scope.type) conditions.push(sql`d.agency_type = ${scope.type}`);
    if (scope.agency) conditions.push(sql`a.code = ${scope.agency}`);
    if (scope.component) conditions.push(sql`exists (select 1 from project_components pc join components c on c.id = pc.component_id where pc.project_id = j.id and c.code = ${scope.component})`);
    const result = await db().execute<{ n: number; allocated: string | null; disbursed: string | null; weighted: string | null; plain: string | null }>(sql`
      select count(*)::int as n, sum(j.budget) as allocated, sum(e.disbursed) as disbursed,
        sum(e.physical_progress * j.budget) filter (where j.budget > 0 and e.physical_progress is not null)
          / nullif(sum(j.budget) filter (where j.budget > 0 and e.physical_progress is not null), 0) as weighted,
        avg(e.physical_progress) as plain
      from emenscr_progress e join emenscr_projects j on j.id = e.project_id join agencies a on a.id = j.agency_id
      join dashboard_agency_dims d on d.agency_id = j.agency_id
      where ${sql.join(conditions, sql` and `)}`);
    const row = result.rows[0]!;
    if (!Number(row.n)) return { available: false };
    const progress = row.weighted ?? row.plain;
    return { available: true, projects: Number(row.n), allocated: Number(row.allocated ?? 0), disbursed: Number(row.disbursed ?? 0), physicalProgress: progress === null ? null : Number(progress), asOf: "" };
  }

  function expectSame(shown: EmenscrBudgetProgress, expected: EmenscrBudgetProgress, where: string) {
    expect(shown.available, where).toBe(expected.available);
    if (!shown.available || !expected.available) return;
    expect(shown.projects, where).toBe(expected.projects);
    expect(shown.allocated, where).toBeCloseTo(expected.allocated, 2);
    expect(shown.disbursed, where).toBeCloseTo(expected.disbursed, 2);
    if (expected.physicalProgress === null) expect(shown.physicalProgress, where).toBeNull();
    else expect(shown.physicalProgress, where).toBeCloseTo(expected.physicalProgress, 9);
  }

  it("shows in each panel and list count what the projects add up to, for the nation, ministries, types, components and an agency", async () => {
    const scopes: Scope[] = [
      { period },
      { period, type: "local_administration" },
      { period, type: "department" },
      ...ministries.flatMap((ministry) => [{ period, ministry }, { period, ministry, type: "department" as const }]),
      { period, agency: agencyCode },
    ];
    for (const base of scopes) {
      const where = JSON.stringify(base);
      const total = await direct(base);
      expect(base.agency || total.available, `${where}: a scope with projects`).toBeTruthy();
      expectSame(await getEmenscrBudgetProgress(analyst, base), total, where);
      const byComponent = await getEmenscrBudgetByComponent(analyst, base);
      for (const component of componentCodes) {
        const expected = await direct({ ...base, component });
        expectSame(await getEmenscrBudgetProgress(analyst, { ...base, component }), expected, `${where} ${component}`);
        const row = byComponent.find((r) => r.componentCode === component);
        expectSame(row?.progress ?? { available: false }, expected, `${where} ${component}, the per-component panel`);
        const list = await listEmenscrProjects(analyst, { ...base, component, pageSize: 5 });
        expect(list.total, `${where} ${component}, the list's count`).toBe(expected.available ? expected.projects : 0);
      }
      // Past the last page, and in a quarter without eMENSCR progress: the count, and no rows.
      const beyond = await listEmenscrProjects(analyst, { ...base, page: 1000, pageSize: 5 });
      expect(beyond, where).toMatchObject({ total: total.available ? total.projects : 0, page: 1000, rows: [] });
      // Components in the order of the catalogue, as the panel lists them.
      expect(byComponent.map((r) => r.componentCode)).toEqual(componentCodes.filter((c) => byComponent.some((r) => r.componentCode === c)));
    }
    const [empty] = (await db().execute<{ code: string }>(sql`select code from periods p where not exists (select 1 from emenscr_progress e where e.period_id = p.id) order by starts_on limit 1`)).rows;
    expect(await listEmenscrProjects(analyst, { period: empty!.code })).toMatchObject({ total: 0, rows: [] });
    expect(await getEmenscrBudgetProgress(analyst, { period: empty!.code })).toEqual({ available: false });
  });
});
