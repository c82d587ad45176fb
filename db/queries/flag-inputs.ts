import "server-only";
import { and, asc, desc, eq, isNotNull, lte, sql } from "drizzle-orm";
import type { Queryable } from "@/db/client";
import {
  agencies,
  agencyComponents,
  assessmentTemplates,
  components,
  submissions,
  caseFlags,
  emenscrProgress, emenscrProjects, flagRules, flags, followUpCases, indicatorFacts, indicators, periods, targets, type Period } from "@/db/schema";
import type { ExpectedSubmission, IndicatorResult, PastFinding, ProjectProgress } from "@/lib/flags/evaluate";
import { todayInBangkok } from "@/lib/fiscal/calendar";

/**
 * Inputs of the lagging rules for one period, read from the fact layer. Only approved facts count.
 * A fact is compared with the agency's own target for the period when it has one, else the national one.
 */
export async function loadIndicatorResults(db: Queryable, periodId: number): Promise<IndicatorResult[]> {
  const agencyTarget = sql<string | null>`(select ${targets.value} from ${targets} where ${targets.indicatorId} = ${indicatorFacts.indicatorId} and ${targets.periodId} = ${indicatorFacts.periodId} and ${targets.agencyId} = ${indicatorFacts.agencyId})`;
  const nationalTarget = sql<string | null>`(select ${targets.value} from ${targets} where ${targets.indicatorId} = ${indicatorFacts.indicatorId} and ${targets.periodId} = ${indicatorFacts.periodId} and ${targets.agencyId} is null)`;
  // One figure per agency and indicator: when several sources reported it, the latest approved one
  // counts — the same rule as the dashboards.
  const rows = await db
    .selectDistinctOn([indicatorFacts.agencyId, indicatorFacts.indicatorId], {
      id: indicatorFacts.id,
      agencyId: indicatorFacts.agencyId,
      indicatorId: indicatorFacts.indicatorId,
      indicatorCode: indicators.code,
      direction: indicators.direction,
      value: indicatorFacts.value,
      target: sql<string | null>`coalesce(${agencyTarget}, ${nationalTarget})`,
    })
    .from(indicatorFacts)
    .innerJoin(indicators, eq(indicators.id, indicatorFacts.indicatorId))
    .where(and(eq(indicatorFacts.periodId, periodId), eq(indicatorFacts.state, "approved"), eq(indicators.active, true)))
    .orderBy(asc(indicatorFacts.agencyId), asc(indicatorFacts.indicatorId), desc(indicatorFacts.recordedAt), desc(indicatorFacts.id));
  return rows.map((r) => ({
    agencyId: r.agencyId,
    indicatorId: r.indicatorId,
    indicatorCode: r.indicatorCode,
    direction: r.direction,
    value: Number(r.value),
    target: r.target == null ? null : Number(r.target),
    source: { kind: "fact" as const, id: r.id },
  }));
}

/** Earlier periods' flags and how they ended, for the recurrence rule. */
export async function loadPastFindings(db: Queryable, period: Period, lookback: number): Promise<PastFinding[]> {
  const earlier = await db
    .select({ id: periods.id, startsOn: periods.startsOn })
    .from(periods)
    .where(lte(periods.startsOn, period.startsOn))
    .orderBy(sql`${periods.startsOn} desc`)
    .limit(lookback + 1);
  const distance = new Map(earlier.map((p, index) => [p.id, index]));
  const ids = earlier.filter((p) => p.id !== period.id).map((p) => p.id);
  if (!ids.length) return [];
  const rows = await db
    .select({
      flagId: flags.id,
      ruleCode: flagRules.code,
      agencyId: flags.agencyId,
      subjectKey: flags.subjectKey,
      periodId: flags.periodId,
      status: flags.status,
      resolved: sql<boolean>`exists (select 1 from ${caseFlags} join ${followUpCases} on ${followUpCases.id} = ${caseFlags.caseId} where ${caseFlags.flagId} = ${flags.id} and ${followUpCases.status} = 'resolved')`,
      waived: sql<boolean>`exists (select 1 from ${caseFlags} join ${followUpCases} on ${followUpCases.id} = ${caseFlags.caseId} where ${caseFlags.flagId} = ${flags.id} and ${followUpCases.status} = 'waived')`,
    })
    .from(flags)
    .innerJoin(flagRules, eq(flagRules.id, flags.ruleId))
    .where(sql`${flags.periodId} in (${sql.join(ids.map((id) => sql`${id}`), sql`, `)})`);
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
export async function loadProjectProgress(db: Queryable, periodId: number): Promise<ProjectProgress[]> {
  const rows = await db
    .select({
      progressId: emenscrProgress.id,
      agencyId: emenscrProjects.agencyId,
      projectId: emenscrProjects.id,
      projectCode: emenscrProjects.projectCode,
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
    .where(and(eq(emenscrProgress.periodId, periodId), isNotNull(emenscrProjects.agencyId)))
    .orderBy(asc(emenscrProgress.id));
  return rows.map((r) => ({
    agencyId: r.agencyId!,
    projectId: r.projectId,
    projectCode: r.projectCode,
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
export async function loadExpectedSubmissions(db: Queryable, periodId: number): Promise<ExpectedSubmission[]> {
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
    .innerJoin(assessmentTemplates, and(eq(assessmentTemplates.componentId, components.id), eq(assessmentTemplates.active, true)))
    .innerJoin(periods, eq(periods.id, periodId))
    .leftJoin(submissions, and(eq(submissions.agencyId, agencies.id), eq(submissions.componentId, components.id), eq(submissions.periodId, periodId)))
    .orderBy(asc(agencies.id), asc(components.ordinal));
  return rows.map((r) => ({
    agencyId: r.agencyId,
    componentCode: r.componentCode,
    dueOn: r.dueOn,
    submittedOn: r.firstSubmittedAt ? todayInBangkok(r.firstSubmittedAt) : null,
    source: r.submissionId ? { kind: "submission" as const, id: r.submissionId } : undefined,
  }));
}
