import "server-only";
import { sql, type SQL } from "drizzle-orm";
import { getDb } from "@/db/client";
import { getVisibleAgency } from "@/db/queries/agencies";
import { num, numOrNull, text, textArray, textOrNull, type SqlArray, type SqlNumber, type SqlTime } from "@/db/sql-values";
import type { Actor } from "@/core/auth/actor";
import type { DashboardFilters } from "@/core/dashboard/filters";
import type { ProjectStatus } from "@/core/enums";
import { cachedDashboardRead, type CachedReadOptions } from "./cache";
import { loadContext, scopeCondition, type ReadContext } from "./context";

// "Where does the eMENSCR money stand?": budget and progress of the projects in scope, and the projects
// themselves one page at a time. Read from the eMENSCR tables, with the dashboards' scoping, and cached
// until the eMENSCR data changes (an import, a rollback, a link): approvals do not touch it. The panels add
// up a period's sums per ministry × agency type (one read per period), or read one agency's own projects.

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

/** The additive parts of the budget panel for one group of projects. */
interface BudgetSums {
  projects: number;
  allocated: number;
  disbursed: number;
  /** Σ physical progress × budget and Σ budget, over projects with both (a budget above 0). */
  weightedProgress: number;
  weightedBudget: number;
  /** Σ physical progress and how many projects report one: the plain mean where none has a budget. */
  progressSum: number;
  progressCount: number;
  /** The latest finish of the batches the progress came from (ISO). */
  asOf: string | null;
}

/** One group's sums: the projects of a ministry × agency type, of one component or (null) of any. */
interface BudgetGroup extends BudgetSums {
  ministryId: number | null;
  agencyType: string;
  componentCode: string | null;
  componentOrdinal: number;
}

type BudgetGroupRow = {
  ministry_id: SqlNumber | null;
  agency_type: string;
  component_code: string | null;
  component_ordinal: SqlNumber | null;
  projects: SqlNumber;
  allocated: SqlNumber | null;
  disbursed: SqlNumber | null;
  weighted_progress: SqlNumber | null;
  weighted_budget: SqlNumber | null;
  progress_sum: SqlNumber | null;
  progress_count: SqlNumber;
  as_of: SqlTime | null;
};

/** The additive parts, summed over progress rows `p` of projects `j` from batches `b`. */
const BUDGET_SUMS = sql`count(*)::int as projects, sum(j.budget) as allocated, sum(p.disbursed) as disbursed,
  sum(p.physical_progress * j.budget) filter (where j.budget > 0 and p.physical_progress is not null) as weighted_progress,
  sum(j.budget) filter (where j.budget > 0 and p.physical_progress is not null) as weighted_budget,
  sum(p.physical_progress) as progress_sum, count(p.physical_progress)::int as progress_count, max(b.finished_at) as as_of`;

/**
 * A period's budget sums per ministry × agency type, in total and per component: every panel but one
 * agency's adds a few hundred of these up, instead of aggregating the quarter's projects (100,000 nationally)
 * for each scope. Read once per period and eMENSCR version; for agency roles, national data like the rest.
 */
const getBudgetGroups = cachedDashboardRead("emenscr-budget-groups", readBudgetGroups, { source: "emenscr", everyone: true });

/** The groups of one period (its code, as the caller's context resolved it): no caller's scope is applied. */
async function readBudgetGroups(actor: Actor, period: string): Promise<BudgetGroup[]> {
  return sumBudgetGroups((await loadContext(actor, { period }, {})).period.id, null);
}

/** Budget sums of a period's projects per ministry × agency type, in total and per component; of one agency's only when given. */
async function sumBudgetGroups(periodId: number, agencyId: number | null): Promise<BudgetGroup[]> {
  const from = sql`from emenscr_progress p join emenscr_projects j on j.id = p.project_id
    join dashboard_agency_dims d on d.agency_id = j.agency_id join import_batches b on b.id = p.batch_id`;
  const where = sql`p.period_id = ${periodId} ${byAgency(agencyId)}`;
  const result = await getDb().execute<BudgetGroupRow>(sql`
    select d.ministry_id, d.agency_type::text, null::text as component_code, null::int as component_ordinal, ${BUDGET_SUMS}
    ${from} where ${where} group by d.ministry_id, d.agency_type
    union all
    select d.ministry_id, d.agency_type::text, c.code, c.ordinal, ${BUDGET_SUMS}
    ${from} join project_components pc on pc.project_id = j.id join components c on c.id = pc.component_id
    where ${where} group by d.ministry_id, d.agency_type, c.code, c.ordinal`);
  return result.rows.map(budgetGroup);
}

const budgetGroup = (r: BudgetGroupRow): BudgetGroup => ({
  ministryId: r.ministry_id === null ? null : num(r.ministry_id),
  agencyType: r.agency_type,
  componentCode: r.component_code,
  componentOrdinal: num(r.component_ordinal),
  projects: num(r.projects),
  allocated: num(r.allocated),
  disbursed: num(r.disbursed),
  weightedProgress: num(r.weighted_progress),
  weightedBudget: num(r.weighted_budget),
  progressSum: num(r.progress_sum),
  progressCount: num(r.progress_count),
  asOf: r.as_of === null ? null : asOfText(r.as_of),
});

/** The groups of one component or (null) of any, within the caller's ministry and agency type filters. */
function groupsOf(groups: BudgetGroup[], ctx: ReadContext, componentCode: string | null): BudgetGroup[] {
  const inScope = (g: BudgetGroup) => (ctx.ministryId === null || g.ministryId === ctx.ministryId) && (!ctx.scope.type || g.agencyType === ctx.scope.type);
  return groups.filter((g) => g.componentCode === componentCode && inScope(g));
}

/** Money is kept in satang: sums of amounts with two decimals, added as floating point, are rounded back to them. */
const toSatang = (amount: number) => Math.round(amount * 100) / 100;

function addSums(groups: BudgetSums[]): BudgetSums {
  const total: BudgetSums = { projects: 0, allocated: 0, disbursed: 0, weightedProgress: 0, weightedBudget: 0, progressSum: 0, progressCount: 0, asOf: null };
  for (const g of groups) {
    total.projects += g.projects;
    total.allocated += g.allocated;
    total.disbursed += g.disbursed;
    total.weightedProgress += g.weightedProgress;
    total.weightedBudget += g.weightedBudget;
    total.progressSum += g.progressSum;
    total.progressCount += g.progressCount;
    if (g.asOf && (!total.asOf || g.asOf > total.asOf)) total.asOf = g.asOf;
  }
  return { ...total, allocated: toSatang(total.allocated), disbursed: toSatang(total.disbursed), weightedBudget: toSatang(total.weightedBudget) };
}

/** The panel's figures from its sums: the budget-weighted progress, else the plain mean. */
function budgetProgress(sums: BudgetSums): EmenscrBudgetProgress & { available: true } {
  const weighted = sums.weightedBudget > 0 ? sums.weightedProgress / sums.weightedBudget : null;
  const plain = sums.progressCount > 0 ? sums.progressSum / sums.progressCount : null;
  return { available: true, projects: sums.projects, allocated: sums.allocated, disbursed: sums.disbursed, physicalProgress: weighted ?? plain, asOf: sums.asOf ?? "" };
}

async function emenscrBudgetRows(actor: Actor, scope: EmenscrScope, perComponent: boolean): Promise<{ componentCode: string | null; progress: EmenscrBudgetProgress & { available: true } }[]> {
  const ctx = await loadContext(actor, scope, {});
  // One agency's projects are read directly (a few hundred at most); any other scope adds up the period's groups.
  const agencyId = scope.agency ? (await getVisibleAgency(actor, scope.agency)).id : null;
  const groups = agencyId !== null ? await sumBudgetGroups(ctx.period.id, agencyId) : await getBudgetGroups(actor, ctx.period.code);
  const components = new Map(groups.flatMap((g) => (g.componentCode ? [[g.componentCode, g.componentOrdinal] as const] : [])));
  const codes = perComponent ? [...components.keys()].sort((a, b) => components.get(a)! - components.get(b)!) : [scope.component ?? null];
  return codes
    .map((code) => ({ componentCode: code, sums: addSums(groupsOf(groups, ctx, code)) }))
    .filter((row) => row.sums.projects > 0)
    .map((row) => ({ componentCode: row.componentCode, progress: budgetProgress(row.sums) }));
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
  // How many: the budget panel's count of the same projects, or one agency's own, counted directly.
  const total =
    agencyId === null
      ? addSums(groupsOf(await getBudgetGroups(actor, ctx.period.code), ctx, scope.component ?? null)).projects
      : num((await getDb().execute<ProjectCountRow>(sql`
          select count(*)::int as n from emenscr_progress p join emenscr_projects j on j.id = p.project_id
          join dashboard_agency_dims d on d.agency_id = j.agency_id where ${where}`)).rows[0]?.n);
  // Past the last project (or none at all) there is no page to read: walking the budget order for rows
  // that do not exist would visit every project of the country.
  if ((page - 1) * pageSize >= total) return { total, page, pageSize, rows: [] };
  const rows = await getDb().execute<ProjectRow>(sql`
      select j.project_code, j.name, a.code as agency_code, a.name_th, a.name_en, j.budget, p.disbursed, p.physical_progress, p.status,
        array(select c.code from project_components pc join components c on c.id = pc.component_id where pc.project_id = j.id order by c.ordinal) as components
      from emenscr_progress p join emenscr_projects j on j.id = p.project_id
      join dashboard_agency_dims d on d.agency_id = j.agency_id
      join agencies a on a.id = j.agency_id
      where ${where}
      order by j.budget desc nulls last, j.project_code
      limit ${pageSize} offset ${(page - 1) * pageSize}`);
  return { total, page, pageSize, rows: rows.rows.map(projectRow) };
}
