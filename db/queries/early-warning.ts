import "server-only";
import { and, eq, sql, type SQL } from "drizzle-orm";
import { getDb, type Queryable } from "@/db/client";
import { flagRules, periods } from "@/db/schema";
import { num, numOrNull, type SqlNumber } from "@/db/sql-values";
import type { Actor } from "@/core/auth/actor";
import { can } from "@/core/auth/permissions";
import { isAgencyRole } from "@/core/enums";
import { ForbiddenError, NotFoundError } from "@/core/errors";
import { fiscalYearBounds, type FiscalQuarter } from "@/core/fiscal/calendar";
import { parseRuleParams } from "@/core/flags/rules";
import {
  curveFromTotals,
  endingProjectWarning,
  projectYearEnd,
  shortfallPoints,
  type CurveTotals,
  type ProjectionModel,
  type ShareCurve,
} from "@/core/projections/year-end";

// Early warning (issue 21): projected year-end disbursement per agency and project, and projects ending
// this fiscal year far behind, as of one quarter. Projections, not figures: they are never written as facts.
// The model is core/projections/year-end.ts's; this file gathers its inputs. Exposed for the worklist.

/** Previous fiscal years whose shape the curve is learnt from. */
export const HISTORY_YEARS = 3;
const DEFAULT_ANNUAL_TARGET = 96;

export interface ProjectProjection {
  projectCode: string;
  name: string;
  agencyId: number;
  agencyCode: string;
  budget: number | null;
  disbursed: number;
  projected: number;
  projectedPercent: number | null;
  model: ProjectionModel;
  /** Points below the annual target (positive: short of it); null without a budget. */
  shortfall: number | null;
}

export interface AgencyProjection {
  agencyId: number;
  agencyCode: string;
  agencyNameTh: string;
  agencyNameEn: string | null;
  projects: number;
  budget: number;
  disbursed: number;
  /** Σ of the projects' projections. */
  projected: number;
  projectedPercent: number | null;
  shortfall: number | null;
  /** The model most of the money was projected with. */
  model: ProjectionModel;
}

export interface EndingProject {
  projectCode: string;
  name: string;
  agencyId: number;
  agencyCode: string;
  endsOn: string;
  progress: number;
  expected: number;
  pointsBehind: number;
}

export interface EarlyWarnings {
  period: { code: string; fiscalYear: number; quarter: FiscalQuarter; endsOn: string };
  /** The year-end disbursement target (the disbursement rule's fourth-quarter target), percent of budget. */
  annualTarget: number;
  agencies: AgencyProjection[];
  /** Projects projected short of the annual target, largest shortfall in baht first. */
  projectsShort: ProjectProjection[];
  endingBehind: EndingProject[];
}

export interface EarlyWarningOptions {
  periodId: number;
  /** Narrow to these agencies (an agency profile, a ministry's agencies); all agencies when absent. */
  agencyIds?: readonly number[];
  /** Rows of projectsShort and endingBehind at most (default 50). */
  limit?: number;
}

function scopedAgencyIds(actor: Actor, agencyIds: readonly number[] | undefined): readonly number[] | undefined {
  if (isAgencyRole(actor.role)) return [actor.agencyId ?? -1];
  if (!can(actor, "agency.view_all")) throw new ForbiddenError();
  return agencyIds;
}

interface CurveRow {
  [key: string]: unknown;
  agency_id: number | null;
  q1_sum: SqlNumber | null; q1_end: SqlNumber | null; q1_n: SqlNumber;
  q2_sum: SqlNumber | null; q2_end: SqlNumber | null; q2_n: SqlNumber;
  q3_sum: SqlNumber | null; q3_end: SqlNumber | null; q3_n: SqlNumber;
}

/** The national curve and each listed agency's, from the previous HISTORY_YEARS fiscal years. */
async function loadCurves(db: Queryable, fiscalYear: number, agencyIds: readonly number[] | undefined) {
  const agencyFilter = agencyIds ? sql`and (p.agency_id in (${sql.join(agencyIds.map((id) => sql`${id}`), sql`, `)}))` : sql``;
  const curveSql = (extra: SQL, perAgency: boolean) => sql`
    with py as (
      select p.agency_id, g.project_id, pe.fiscal_year,
             max(g.disbursed) filter (where pe.quarter = 1) as q1, max(g.disbursed) filter (where pe.quarter = 2) as q2,
             max(g.disbursed) filter (where pe.quarter = 3) as q3, max(g.disbursed) filter (where pe.quarter = 4) as q4
      from emenscr_progress g join periods pe on pe.id = g.period_id join emenscr_projects p on p.id = g.project_id
      where pe.fiscal_year between ${fiscalYear - HISTORY_YEARS} and ${fiscalYear - 1} and p.agency_id is not null ${extra}
      group by p.agency_id, g.project_id, pe.fiscal_year
    )
    select ${perAgency ? sql`agency_id` : sql`null::int`} as agency_id,
           sum(greatest(q1, 0)) filter (where q1 is not null) as q1_sum, sum(q4) filter (where q1 is not null) as q1_end, count(q1) as q1_n,
           sum(greatest(q2, 0)) filter (where q2 is not null) as q2_sum, sum(q4) filter (where q2 is not null) as q2_end, count(q2) as q2_n,
           sum(greatest(q3, 0)) filter (where q3 is not null) as q3_sum, sum(q4) filter (where q3 is not null) as q3_end, count(q3) as q3_n
    from py where q4 > 0
    ${perAgency ? sql`group by agency_id` : sql``}`;
  const toCurve = (r: CurveRow | undefined): ShareCurve | null => {
    if (!r) return null;
    const totals: CurveTotals = ([1, 2, 3] as const).map((q) => ({ quarterSum: num(r[`q${q}_sum`] as SqlNumber), yearEndSum: num(r[`q${q}_end`] as SqlNumber), projectYears: num(r[`q${q}_n`] as SqlNumber) }));
    return curveFromTotals(totals);
  };
  const national = await nationalCurveRow(db, fiscalYear, () => db.execute<CurveRow>(curveSql(sql``, false)).then((r) => r.rows[0]));
  const byAgency = new Map<number, ShareCurve | null>();
  if (agencyIds?.length) {
    for (const row of (await db.execute<CurveRow>(curveSql(agencyFilter, true))).rows) byAgency.set(Number(row.agency_id), toCurve(row));
  }
  return { national: toCurve(national), byAgency };
}

// The national curve reads every project of three years (≈400,000 progress rows nationally, a third of a
// second): kept in this process per fiscal year and state of the eMENSCR imports (a commit or rollback
// anywhere changes it), and for ten minutes at most for changes that reach projects another way.
const NATIONAL_CURVE_TTL_MS = 10 * 60_000;
const nationalCurvesByDatabase = new WeakMap<Queryable, Map<string, { row: CurveRow | undefined; at: number }>>();

async function nationalCurveRow(db: Queryable, fiscalYear: number, read: () => Promise<CurveRow | undefined>): Promise<CurveRow | undefined> {
  const nationalCurves = nationalCurvesByDatabase.get(db) ?? new Map<string, { row: CurveRow | undefined; at: number }>();
  nationalCurvesByDatabase.set(db, nationalCurves);
  const state = await db.execute<{ v: string }>(sql`select count(*) || ':' || coalesce(max(id), 0) || ':' || coalesce(extract(epoch from max(updated_at)), 0) as v from import_batches`);
  const key = `${fiscalYear}|${state.rows[0]?.v ?? ""}`;
  const kept = nationalCurves.get(key);
  if (kept && Date.now() - kept.at < NATIONAL_CURVE_TTL_MS) return kept.row;
  const row = await read();
  for (const [other] of nationalCurves) if (other.startsWith(`${fiscalYear}|`)) nationalCurves.delete(other);
  nationalCurves.set(key, { row, at: Date.now() });
  return row;
}

/** The year-end disbursement target: the active disbursement rule's fourth-quarter target. */
async function annualTarget(db: Queryable): Promise<number> {
  const [rule] = await db.select().from(flagRules).where(and(eq(flagRules.kind, "disbursement_below_target"), eq(flagRules.active, true))).limit(1);
  return rule ? parseRuleParams("disbursement_below_target", rule.params).quarterTargets.q4 : DEFAULT_ANNUAL_TARGET;
}

interface ProjectRow {
  [key: string]: unknown;
  project_code: string;
  name: string;
  agency_id: number;
  agency_code: string;
  agency_name_th: string;
  agency_name_en: string | null;
  budget: SqlNumber | null;
  disbursed: SqlNumber | null;
  physical_progress: SqlNumber | null;
  starts_on: string | null;
  ends_on: string | null;
}

/** Early warnings of the period for the agencies in the caller's scope (a query function for the worklist). */
export async function findEarlyWarnings(actor: Actor, options: EarlyWarningOptions, db: Queryable = getDb()): Promise<EarlyWarnings> {
  const agencyIds = scopedAgencyIds(actor, options.agencyIds);
  const [period] = await db.select().from(periods).where(eq(periods.id, options.periodId));
  if (!period) throw new NotFoundError("period");
  const quarter = period.quarter as FiscalQuarter;
  const target = await annualTarget(db);
  const curves = await loadCurves(db, period.fiscalYear, agencyIds);
  const agencyFilter = agencyIds ? sql`and p.agency_id in (${sql.join(agencyIds.length ? agencyIds.map((id) => sql`${id}`) : [sql`null`], sql`, `)})` : sql``;
  const rows = (
    await db.execute<ProjectRow>(sql`
      select p.project_code, p.name, p.agency_id, a.code as agency_code, a.name_th as agency_name_th, a.name_en as agency_name_en,
             p.budget, g.disbursed, g.physical_progress, p.starts_on::text as starts_on, p.ends_on::text as ends_on
      from emenscr_progress g join emenscr_projects p on p.id = g.project_id join agencies a on a.id = p.agency_id
      where g.period_id = ${period.id} ${agencyFilter}`)
  ).rows;
  const year = fiscalYearBounds(period.fiscalYear);
  const agencies = new Map<number, AgencyProjection & { byModel: Map<ProjectionModel, number> }>();
  const projects: ProjectProjection[] = [];
  const ending: EndingProject[] = [];
  for (const r of rows) {
    const budget = numOrNull(r.budget);
    const disbursed = num(r.disbursed);
    const projection = projectYearEnd({ disbursed, quarter, budget, agencyCurve: curves.byAgency.get(r.agency_id) ?? null, nationalCurve: curves.national });
    const project: ProjectProjection = { projectCode: r.project_code, name: r.name, agencyId: r.agency_id, agencyCode: r.agency_code, budget, disbursed, ...projection, shortfall: shortfallPoints(projection, target) };
    projects.push(project);
    const agency = agencies.get(r.agency_id) ?? { agencyId: r.agency_id, agencyCode: r.agency_code, agencyNameTh: r.agency_name_th, agencyNameEn: r.agency_name_en, projects: 0, budget: 0, disbursed: 0, projected: 0, projectedPercent: null, shortfall: null, model: projection.model, byModel: new Map() };
    agency.projects++;
    agency.budget += budget ?? 0;
    agency.disbursed += disbursed;
    agency.projected += projection.projected;
    agency.byModel.set(projection.model, (agency.byModel.get(projection.model) ?? 0) + projection.projected);
    agencies.set(r.agency_id, agency);
    const warning = endingProjectWarning({ startsOn: r.starts_on, endsOn: r.ends_on, progress: numOrNull(r.physical_progress), asOf: period.endsOn, fiscalYearStart: year.startsOn, fiscalYearEnd: year.endsOn });
    if (warning) ending.push({ projectCode: r.project_code, name: r.name, agencyId: r.agency_id, agencyCode: r.agency_code, endsOn: r.ends_on!, ...warning });
  }
  const limit = options.limit ?? 50;
  return {
    period: { code: period.code, fiscalYear: period.fiscalYear, quarter, endsOn: period.endsOn },
    annualTarget: target,
    agencies: [...agencies.values()]
      .map(({ byModel, ...a }) => {
        const projectedPercent = a.budget > 0 ? (a.projected / a.budget) * 100 : null;
        const model = [...byModel.entries()].sort((x, y) => y[1] - x[1])[0]?.[0] ?? a.model;
        return { ...a, projectedPercent, model, shortfall: projectedPercent === null ? null : target - projectedPercent };
      })
      .sort((x, y) => (y.shortfall ?? -Infinity) - (x.shortfall ?? -Infinity) || x.agencyCode.localeCompare(y.agencyCode)),
    projectsShort: projects
      .filter((p) => p.shortfall !== null && p.shortfall > 0)
      .sort((x, y) => (y.budget ?? 0) * y.shortfall! - (x.budget ?? 0) * x.shortfall! || x.projectCode.localeCompare(y.projectCode))
      .slice(0, limit),
    endingBehind: ending.sort((x, y) => y.pointsBehind - x.pointsBehind || x.projectCode.localeCompare(y.projectCode)).slice(0, limit),
  };
}

/** The latest quarter (started by `today`) with eMENSCR progress of the agency's projects: what its early warning is as of. */
export async function latestProgressPeriodId(agencyId: number, today: string, db: Queryable = getDb()): Promise<number | null> {
  const result = await db.execute<{ id: number }>(sql`
    select pe.id from periods pe
    where pe.starts_on <= ${today}
      and exists (select 1 from emenscr_progress g join emenscr_projects p on p.id = g.project_id where g.period_id = pe.id and p.agency_id = ${agencyId})
    order by pe.starts_on desc limit 1`);
  return result.rows[0] ? Number(result.rows[0].id) : null;
}
