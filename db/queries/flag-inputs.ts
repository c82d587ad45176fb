import "server-only";
import { and, asc, eq, inArray, isNotNull, lte, sql } from "drizzle-orm";
import { effectiveTemplateIdSql } from "./assessment-items";
import type { Queryable } from "@/db/client";
import {
  agencies,
  agencyComponents,
  assessmentTemplates,
  components,
  submissions,
  caseFlags,
  dashboardAgencyFigures,
  emenscrProgress, emenscrProjects, projectComponents, flagRules, flags, followUpCases, indicators, periods, type Period } from "@/db/schema";
import type { AgencyScore, ExpectedSubmission, IndicatorResult, PastFinding, ProjectProgress } from "@/core/flags/evaluate";
import { round6 } from "@/core/scoring";
import { todayInBangkok } from "@/core/fiscal/calendar";
import type { IndicatorDirection } from "@/core/enums";

/**
 * The indicator figures the lagging rules judge for one period: each agency's counted figure as the
 * dashboards score it (dashboard_agency_figures, refreshed from the fact layer before flags are
 * evaluated — see lib/facts/after-change.ts): its latest approved fact, against the agency's own target,
 * else the national one — for sums the agency's share of it (national ÷ agencies expected to report),
 * since one agency's count cannot be held to the whole country's target. Flags and dashboards therefore
 * judge the same number against the same target.
 */
export async function loadIndicatorResults(db: Queryable, periodId: number, agencyIds?: readonly number[]): Promise<IndicatorResult[]> {
  // Plain SQL rather than the query builder: a national quarter has ~110,000 figures, and mapping them
  // through the builder costs more than the query. Figures without a target cannot lag and are left out.
  const result = await db.execute<{ fact_id: number; agency_id: number; indicator_id: number; code: string; direction: IndicatorDirection; component: string; value: string; target: string }>(sql`
    select g.fact_id, g.agency_id, g.indicator_id, i.code, def.direction, c.code as component, g.value, g.target
    from ${dashboardAgencyFigures} g
    join ${indicators} i on i.id = g.indicator_id and i.active
    -- The direction of the definition the period's figures were made under.
    join (select indicator_id, direction from indicator_period_definitions where period_id = ${periodId}) def on def.indicator_id = g.indicator_id
    join ${components} c on c.id = i.component_id
    where g.period_id = ${periodId} and g.target is not null ${agencyIds ? sql`and g.agency_id = any(${sql.param([...agencyIds])}::int[])` : sql``}
    order by g.agency_id, g.indicator_id`);
  return result.rows.map((r) => ({
    agencyId: Number(r.agency_id),
    indicatorId: Number(r.indicator_id),
    indicatorCode: r.code,
    direction: r.direction,
    componentCode: r.component,
    value: Number(r.value),
    target: Number(r.target),
    source: { kind: "fact" as const, id: Number(r.fact_id) },
  }));
}

/** Earlier periods' flags that ended recovered or resolved (and were not waived), for the recurrence rule. */
export async function loadPastFindings(db: Queryable, period: Period, lookback: number, agencyIds?: readonly number[]): Promise<PastFinding[]> {
  const earlier = await db
    .select({ id: periods.id, startsOn: periods.startsOn })
    .from(periods)
    .where(lte(periods.startsOn, period.startsOn))
    .orderBy(sql`${periods.startsOn} desc`)
    .limit(lookback + 1);
  const distance = new Map(earlier.map((p, index) => [p.id, index]));
  const ids = earlier.filter((p) => p.id !== period.id).map((p) => p.id);
  if (!ids.length) return [];
  const inPeriods = sql.join(ids.map((id) => sql`${id}`), sql`, `);
  const ofAgencies = agencyIds ? sql`and f.agency_id = any(${sql.param([...agencyIds])}::int[])` : sql``;
  // Only endings that can recur: recovered, or resolved by a case — never waived (open ones do not recur
  // either). The few candidates are found first through the indexes; then how each ended.
  const result = await db.execute<{ flag_id: number; rule_code: string; agency_id: number; subject_key: string; period_id: number; status: string; resolved: boolean; waived: boolean }>(sql`
    with candidates as (
      select f.id from ${flags} f where f.period_id in (${inPeriods}) and f.status = 'recovered'
      union
      select cf.flag_id from ${caseFlags} cf join ${followUpCases} c on c.id = cf.case_id
      where c.status = 'resolved' and c.period_id in (${inPeriods})
    )
    select f.id as flag_id, r.code as rule_code, f.agency_id, f.subject_key, f.period_id, f.status,
      exists (select 1 from ${caseFlags} cf join ${followUpCases} c on c.id = cf.case_id where cf.flag_id = f.id and c.status = 'resolved') as resolved,
      exists (select 1 from ${caseFlags} cf join ${followUpCases} c on c.id = cf.case_id where cf.flag_id = f.id and c.status = 'waived') as waived
    from candidates k
    join ${flags} f on f.id = k.id ${ofAgencies}
    join ${flagRules} r on r.id = f.rule_id`);
  const rows = result.rows.map((r) => ({
    flagId: Number(r.flag_id),
    ruleCode: r.rule_code,
    agencyId: Number(r.agency_id),
    subjectKey: r.subject_key,
    periodId: Number(r.period_id),
    status: r.status,
    resolved: r.resolved,
    waived: r.waived,
  }));
  return rows.map((r) => ({
    ruleCode: r.ruleCode,
    agencyId: r.agencyId,
    subjectKey: r.subjectKey,
    outcome: r.waived ? "waived" : r.resolved ? "resolved" : r.status === "recovered" ? "recovered" : "open",
    periodsAgo: distance.get(r.periodId) ?? lookback + 1,
    flagId: r.flagId,
  }));
}

export async function listActiveRules(db: Queryable) {
  return db.select().from(flagRules).where(eq(flagRules.active, true)).orderBy(asc(flagRules.code));
}

/** eMENSCR projects with their progress in the period, for the progress and disbursement rules. */
export async function loadProjectProgress(db: Queryable, periodId: number, agencyIds?: readonly number[]): Promise<ProjectProgress[]> {
  const rows = await db
    .select({
      progressId: emenscrProgress.id,
      agencyId: emenscrProjects.agencyId,
      projectId: emenscrProjects.id,
      projectCode: emenscrProjects.projectCode,
      componentCode: sql<string | null>`(select c.code from ${projectComponents} pc join ${components} c on c.id = pc.component_id where pc.project_id = ${emenscrProjects.id} order by c.ordinal limit 1)`,
      startsOn: emenscrProjects.startsOn,
      endsOn: emenscrProjects.endsOn,
      physicalProgress: emenscrProgress.physicalProgress,
      budget: emenscrProjects.budget,
      disbursed: emenscrProgress.disbursed,
      batchId: emenscrProgress.batchId,
      sourceRow: emenscrProgress.sourceRow,
    })
    .from(emenscrProgress)
    .innerJoin(emenscrProjects, eq(emenscrProjects.id, emenscrProgress.projectId))
    .where(and(eq(emenscrProgress.periodId, periodId), isNotNull(emenscrProjects.agencyId), agencyIds ? inArray(emenscrProjects.agencyId, [...agencyIds]) : undefined))
    .orderBy(asc(emenscrProgress.id));
  return rows.map((r) => ({
    agencyId: r.agencyId!,
    projectId: r.projectId,
    projectCode: r.projectCode,
    componentCode: r.componentCode,
    startsOn: r.startsOn,
    endsOn: r.endsOn,
    physicalProgress: r.physicalProgress == null ? null : Number(r.physicalProgress),
    allocated: r.budget == null ? null : Number(r.budget),
    disbursed: r.disbursed == null ? null : Number(r.disbursed),
    source: { kind: "project_progress" as const, id: r.progressId, label: `batch ${r.batchId} row ${r.sourceRow}` },
  }));
}

/**
 * Who was expected to submit in the period, and when it first reached DGA — the same definition as the
 * completeness page: every active agency tagged with a component that has an active template.
 */
export async function loadExpectedSubmissions(db: Queryable, periodId: number, agencyIds?: readonly number[]): Promise<ExpectedSubmission[]> {
  const rows = await db
    .select({
      agencyId: agencies.id,
      componentCode: components.code,
      dueOn: periods.dueOn,
      submissionId: submissions.id,
      firstSubmittedAt: submissions.firstSubmittedAt,
    })
    .from(agencyComponents)
    .innerJoin(agencies, and(eq(agencies.id, agencyComponents.agencyId), eq(agencies.active, true)))
    .innerJoin(components, eq(components.id, agencyComponents.componentId))
    .innerJoin(periods, eq(periods.id, periodId))
    .innerJoin(assessmentTemplates, eq(assessmentTemplates.id, effectiveTemplateIdSql(components.id, periods.startsOn)))
    .leftJoin(submissions, and(eq(submissions.agencyId, agencies.id), eq(submissions.componentId, components.id), eq(submissions.periodId, periodId)))
    .where(agencyIds ? inArray(agencies.id, [...agencyIds]) : undefined)
    .orderBy(asc(agencies.id), asc(components.ordinal));
  return rows.map((r) => ({
    agencyId: r.agencyId,
    componentCode: r.componentCode,
    dueOn: r.dueOn,
    submittedOn: r.firstSubmittedAt ? todayInBangkok(r.firstSubmittedAt) : null,
    source: r.submissionId ? { kind: "submission" as const, id: r.submissionId } : undefined,
  }));
}

/**
 * Each agency's score per component in the period and in the one before — the number its profile shows
 * (lib/facts/read/agency.ts getAgencyDashboard → core/scoring componentScore): the indicator-weighted mean
 * of attainment capped at 100 over the agency's scored figures, read from the dashboard's pre-aggregated
 * figures (refreshed before flags are evaluated, see lib/facts/after-change.ts). The sums are made in SQL,
 * the division and rounding here by the same rule as componentScore.
 */
export async function loadComponentScores(db: Queryable, periodId: number, agencyIds?: readonly number[]): Promise<AgencyScore[]> {
  const [before] = await db
    .select({ id: periods.id })
    .from(periods)
    .where(sql`${periods.startsOn} < (select p.starts_on from ${periods} p where p.id = ${periodId})`)
    .orderBy(sql`${periods.startsOn} desc`)
    .limit(1);
  // The two period ids as literals, so the planner reads just those periods through the index (a
  // subquery here made it scan every period's figures: 1.2 s instead of 0.2 s at national scale).
  const periodIds = before ? [periodId, before.id] : [periodId];
  const result = await db.execute<{ agency_id: number; code: string; is_current: boolean; weighted: string; weights: string }>(sql`
    select s.agency_id, c.code, s.is_current, s.weighted, s.weights
    from (
      select g.agency_id, i.component_id, g.period_id = ${periodId} as is_current,
        sum(i.weight * least(g.attainment, 100)) as weighted, sum(i.weight) as weights
      from dashboard_agency_figures g
      join indicators i on i.id = g.indicator_id and i.active
      where g.attainment is not null and g.period_id in (${sql.join(periodIds.map((id) => sql`${id}`), sql`, `)})
        ${agencyIds ? sql`and g.agency_id = any(${sql.param([...agencyIds])}::int[])` : sql``}
      group by g.agency_id, i.component_id, g.period_id
    ) s
    join components c on c.id = s.component_id`);
  const scores = new Map<string, AgencyScore>();
  const previous = new Map<string, number>();
  for (const r of result.rows) {
    const weights = Number(r.weights);
    if (!(weights > 0)) continue;
    const score = round6(Number(r.weighted) / weights);
    const key = `${r.agency_id}|${r.code}`;
    if (r.is_current) scores.set(key, { agencyId: Number(r.agency_id), componentCode: r.code, score, previousScore: null });
    else previous.set(key, score);
  }
  return [...scores].map(([key, s]) => ({ ...s, previousScore: previous.get(key) ?? null }));
}
