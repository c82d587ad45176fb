import "server-only";
import { sql, type SQL } from "drizzle-orm";
import { getDb } from "@/db/client";
import { getVisibleAgency } from "@/db/queries/agencies";
import { num, numOrNull, text, textArray, textOrNull, type SqlArray, type SqlNumber, type SqlTime } from "@/db/sql-values";
import type { Actor } from "@/core/auth/actor";
import type { DashboardFilters } from "@/core/dashboard/filters";
import type { ProjectStatus } from "@/core/enums";
import { cachedDashboardRead, type CachedReadOptions } from "./cache";
import { loadContext, scopeCondition } from "./context";

// "Where does the eMENSCR money stand?": budget and progress of the projects in scope, and the projects
// themselves one page at a time. Read straight from the eMENSCR tables, with the dashboards' scoping, and
// cached until the eMENSCR data changes (an import, a rollback, a link): approvals do not touch it.

/** eMENSCR budget and progress for a scope: allocated vs disbursed vs physical progress. */
export type EmenscrBudgetProgress =
  | { available: false }
  | {
      available: true;
      projects: number;
      allocated: number;
      disbursed: number;
      /** Budget-weighted physical progress, percent. */
      physicalProgress: number | null;
      asOf: string;
    };

export interface EmenscrScope extends DashboardFilters {
  agency?: string;
}

export interface EmenscrProjectRow {
  code: string;
  name: string;
  agencyCode: string | null;
  agencyNameTh: string | null;
  agencyNameEn: string | null;
  budget: number | null;
  disbursed: number | null;
  /** Percent of the budget disbursed (cumulative). */
  disbursedShare: number | null;
  physicalProgress: number | null;
  status: ProjectStatus | null;
  components: string[];
}

export interface EmenscrProjectPage {
  total: number;
  page: number;
  pageSize: number;
  rows: EmenscrProjectRow[];
}

type BudgetRow = {
  component_code: string | null;
  projects: SqlNumber;
  allocated: SqlNumber | null;
  disbursed: SqlNumber | null;
  weighted: SqlNumber | null;
  plain: SqlNumber | null;
  as_of: SqlTime | null;
};

type ProjectCountRow = { n: SqlNumber };

type ProjectRow = {
  project_code: string;
  name: string;
  agency_code: string | null;
  name_th: string | null;
  name_en: string | null;
  budget: SqlNumber | null;
  disbursed: SqlNumber | null;
  physical_progress: SqlNumber | null;
  status: ProjectStatus | null;
  components: SqlArray | null;
};

/** Projects of one agency (`j` is emenscr_projects), or no condition. */
const byAgency = (agencyId: number | null): SQL => (agencyId !== null ? sql`and j.agency_id = ${agencyId}` : sql``);

/** Projects tagged with the component, or no condition. */
const byComponent = (code: string | undefined): SQL =>
  code
    ? sql`and exists (select 1 from project_components pc join components c on c.id = pc.component_id where pc.project_id = j.id and c.code = ${code})`
    : sql``;

/** The latest batch's finish: ISO when the driver gives a Date, its text as given otherwise. */
const asOfText = (value: SqlTime | null): string => (value instanceof Date ? value.toISOString() : String(value));

/**
 * How the budget panel's answers depend on the caller: one period's projects; for agency roles the national
 * totals (the same for every agency) unless an agency is named, which only its own staff may see.
 */
const NATIONAL_UNLESS_AN_AGENCY: CachedReadOptions<[EmenscrScope?]> = { source: "emenscr", national: ([scope]) => !scope?.agency };

/**
 * eMENSCR budget and progress of the projects in scope for the period: allocated budget, cumulative
 * disbursement and budget-weighted physical progress (plain mean when no project has a budget). Same
 * scoping as the other dashboard queries: agency roles get national totals or their own agency.
 */
export const getEmenscrBudgetProgress = cachedDashboardRead("emenscr-budget", readEmenscrBudgetProgress, NATIONAL_UNLESS_AN_AGENCY);

async function readEmenscrBudgetProgress(actor: Actor, scope: EmenscrScope = {}): Promise<EmenscrBudgetProgress> {
  const [total] = await emenscrBudgetRows(actor, scope, false);
  return total ? total.progress : { available: false };
}

/** The same figures for each component at once (a project tagged with two components counts in both). */
export const getEmenscrBudgetByComponent = cachedDashboardRead("emenscr-budget-components", readEmenscrBudgetByComponent, NATIONAL_UNLESS_AN_AGENCY);

async function readEmenscrBudgetByComponent(actor: Actor, scope: Omit<EmenscrScope, "component"> = {}): Promise<{ componentCode: string; progress: EmenscrBudgetProgress & { available: true } }[]> {
  return (await emenscrBudgetRows(actor, scope, true)).map((r) => ({ componentCode: r.componentCode!, progress: r.progress }));
}

async function emenscrBudgetRows(actor: Actor, scope: EmenscrScope, perComponent: boolean) {
  const ctx = await loadContext(actor, scope, {});
  const agencyId = scope.agency ? (await getVisibleAgency(actor, scope.agency)).id : null;
  const group = perComponent
    ? { column: sql`c.code`, join: sql`join project_components pc on pc.project_id = j.id join components c on c.id = pc.component_id`, by: sql`group by c.code, c.ordinal order by c.ordinal` }
    : { column: sql`null::text`, join: sql``, by: sql`` };
  const result = await getDb().execute<BudgetRow>(sql`
    select ${group.column} as component_code,
           count(*)::int as projects,
           sum(j.budget) as allocated,
           sum(p.disbursed) as disbursed,
           sum(p.physical_progress * j.budget) filter (where j.budget > 0 and p.physical_progress is not null)
             / nullif(sum(j.budget) filter (where j.budget > 0 and p.physical_progress is not null), 0) as weighted,
           avg(p.physical_progress) as plain,
           max(b.finished_at) as as_of
    from emenscr_progress p
    join emenscr_projects j on j.id = p.project_id
    join dashboard_agency_dims d on d.agency_id = j.agency_id
    join import_batches b on b.id = p.batch_id
    ${group.join}
    where p.period_id = ${ctx.period.id} and ${scopeCondition(ctx, "d")} ${byAgency(agencyId)} ${byComponent(scope.component)}
    ${group.by}`);
  return result.rows
    .filter((row) => num(row.projects) > 0)
    .map((row) => ({
      componentCode: row.component_code,
      progress: {
        available: true as const,
        projects: num(row.projects),
        allocated: num(row.allocated),
        disbursed: num(row.disbursed),
        physicalProgress: numOrNull(row.weighted) ?? numOrNull(row.plain),
        asOf: asOfText(row.as_of),
      },
    }));
}

const projectRow = (r: ProjectRow): EmenscrProjectRow => {
  const budget = numOrNull(r.budget);
  const disbursed = numOrNull(r.disbursed);
  return {
    code: text(r.project_code),
    name: text(r.name),
    agencyCode: textOrNull(r.agency_code),
    agencyNameTh: textOrNull(r.name_th),
    agencyNameEn: textOrNull(r.name_en),
    budget,
    disbursed,
    disbursedShare: budget && disbursed !== null ? (disbursed / budget) * 100 : null,
    physicalProgress: numOrNull(r.physical_progress),
    status: r.status ?? null,
    components: textArray(r.components),
  };
};

/**
 * The eMENSCR projects behind the budget panel: same scope and period, largest budget first, one page at
 * a time (a component has thousands of projects nationally). Agency roles see their own agency's only.
 * Cached as the panel is: a page of the national list sorts a quarter's 100,000 projects.
 */
export const listEmenscrProjects = cachedDashboardRead("emenscr-projects", readEmenscrProjects, { source: "emenscr" });

async function readEmenscrProjects(actor: Actor, scope: EmenscrScope & { page?: number; pageSize?: number } = {}): Promise<EmenscrProjectPage> {
  const ctx = await loadContext(actor, scope, {});
  const pageSize = Math.min(Math.max(scope.pageSize ?? 20, 1), 100);
  const page = Math.max(1, Math.floor(scope.page ?? 1));
  let agencyId: number | null = null;
  if (scope.agency) agencyId = (await getVisibleAgency(actor, scope.agency)).id;
  // A project list names agencies: agency roles get their own agency's projects, never the country's.
  else if (ctx.scope.restricted) agencyId = actor.agencyId ?? -1;
  const where = sql`p.period_id = ${ctx.period.id} and ${scopeCondition(ctx, "d")} ${byAgency(agencyId)} ${byComponent(scope.component)}`;
  const [count, rows] = await Promise.all([
    getDb().execute<ProjectCountRow>(sql`
      select count(*)::int as n from emenscr_progress p join emenscr_projects j on j.id = p.project_id
      join dashboard_agency_dims d on d.agency_id = j.agency_id where ${where}`),
    getDb().execute<ProjectRow>(sql`
      select j.project_code, j.name, a.code as agency_code, a.name_th, a.name_en, j.budget, p.disbursed, p.physical_progress, p.status,
        array(select c.code from project_components pc join components c on c.id = pc.component_id where pc.project_id = j.id order by c.ordinal) as components
      from emenscr_progress p join emenscr_projects j on j.id = p.project_id
      join dashboard_agency_dims d on d.agency_id = j.agency_id
      join agencies a on a.id = j.agency_id
      where ${where}
      order by j.budget desc nulls last, j.project_code
      limit ${pageSize} offset ${(page - 1) * pageSize}`),
  ]);
  return { total: num(count.rows[0]?.n), page, pageSize, rows: rows.rows.map(projectRow) };
}
