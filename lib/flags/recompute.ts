import "server-only";
import { eq, sql } from "drizzle-orm";
import { getDb, type Queryable } from "@/db/client";
import { caseEvents, components, periods } from "@/db/schema";
import { listActiveRules, loadComponentScores, loadExpectedSubmissions, loadIndicatorResults, loadPastFindings, loadProjectProgress } from "@/db/queries/flag-inputs";
import { recordAudit } from "@/lib/audit/record";
import type { Actor } from "@/lib/auth/actor";
import { todayInBangkok } from "@/lib/fiscal/calendar";
import { NotFoundError } from "@/lib/errors";
import { notifyFlagsOpened } from "./notices";
import { evaluateRules, type EvaluationInput } from "./evaluate";
import { parseRuleParams, type RuleDefinition } from "./rules";

/**
 * Sources of rule inputs computed by other domains. Scores come from the dashboard's figures by default
 * (the number an agency's profile shows); tests and other deployments may register another source.
 */
export interface FlagInputSources {
  scores?: (db: Queryable, periodId: number) => Promise<EvaluationInput["scores"]>;
}
const sources: FlagInputSources = { scores: loadComponentScores };
export function registerFlagInputSources(more: FlagInputSources): void {
  Object.assign(sources, more);
}

export interface RecomputeSummary {
  periodCode: string;
  findings: number;
  opened: number;
  reopened: number;
  updated: number;
  recovered: number;
  unchanged: number;
  /** Flags that opened in this run (for notifications). */
  openedFlagIds: number[];
}

/** A finding as staged for the merge (snake_case: the rows travel as JSON into SQL). */
interface FindingRow {
  rule_id: number;
  agency_id: number;
  subject_key: string;
  rule_version: number;
  severity: string;
  subject_type: string;
  component_id: number | null;
  evidence: Record<string, unknown>;
}

const CHUNK = 5000;
/** The same flag: rule, agency and subject within the period (the flags_identity key). */
const SAME_FLAG = sql`f.rule_id = n.rule_id and f.agency_id = n.agency_id and f.subject_key = n.subject_key`;

/**
 * Re-evaluates every active rule for one period and brings the flags in step, in one transaction.
 * Deterministic and idempotent: a second run with unchanged data changes no row and writes no audit.
 * Rules are evaluated in JavaScript (lib/flags/evaluate.ts); the findings are then merged into the flags
 * set-based — staged in a temporary table, compared in SQL (jsonb equality ignores key order) — since a
 * national evaluation holds tens of thousands of flags per quarter (npm run bench:flags).
 */
export async function recomputeFlags(actor: Actor, periodId: number, options: { asOf?: string } = {}): Promise<RecomputeSummary> {
  return getDb().transaction(async (tx) => {
    const [period] = await tx.select().from(periods).where(eq(periods.id, periodId));
    if (!period) throw new NotFoundError("period");
    const ruleRows = await listActiveRules(tx);
    const rules: RuleDefinition[] = ruleRows.map((r) => ({ code: r.code, kind: r.kind, version: r.version, severity: r.severity, params: parseRuleParams(r.kind, r.params) }));
    const ruleIdByCode = new Map(ruleRows.map((r) => [r.code, r.id]));
    const recurrence = rules.filter((r) => r.kind === "recurrence");
    const lookback = Math.max(1, ...recurrence.map((r) => (r.params as { lookbackPeriods: number }).lookbackPeriods));

    // One after the other: a transaction holds one connection.
    const indicatorResults = await loadIndicatorResults(tx, periodId);
    const projects = await loadProjectProgress(tx, periodId);
    const expectedSubmissions = await loadExpectedSubmissions(tx, periodId);
    const scores = (await sources.scores?.(tx, periodId)) ?? [];
    const pastFindings = recurrence.length ? await loadPastFindings(tx, period, lookback) : [];
    const componentRows = await tx.select({ id: components.id, code: components.code }).from(components);
    const input: EvaluationInput = {
      periodCode: period.code,
      quarter: period.quarter as 1 | 2 | 3 | 4,
      // Within the period judge "as of today"; a past period is judged as of its end (plus the deadline).
      asOf: options.asOf ?? minIso(todayInBangkok(), maxIso(period.endsOn, period.dueOn)),
      indicatorResults,
      projects,
      expectedSubmissions,
      scores,
      pastFindings,
    };
    const findings = evaluateRules(rules, input);
    const componentIdByCode = new Map(componentRows.map((c) => [c.code, c.id]));
    const rows: FindingRow[] = findings.map((finding) => ({
      rule_id: ruleIdByCode.get(finding.ruleCode)!,
      agency_id: finding.agencyId,
      subject_key: finding.subjectKey,
      rule_version: finding.ruleVersion,
      severity: finding.severity,
      subject_type: finding.subjectType,
      component_id: finding.componentCode ? (componentIdByCode.get(finding.componentCode) ?? null) : null,
      evidence: { rule: finding.ruleCode, kind: finding.ruleKind, ...finding.evidence },
    }));

    await tx.execute(sql`
      create temp table flag_findings (rule_id int, agency_id int, subject_key text, rule_version int, severity severity,
        subject_type text, component_id int, evidence jsonb) on commit drop`);
    for (let i = 0; i < rows.length; i += CHUNK) {
      await tx.execute(sql`
        insert into flag_findings
        select v.rule_id, v.agency_id, v.subject_key, v.rule_version, v.severity::severity, v.subject_type, v.component_id, v.evidence
        from jsonb_to_recordset(${JSON.stringify(rows.slice(i, i + CHUNK))}::jsonb)
          as v(rule_id int, agency_id int, subject_key text, rule_version int, severity text, subject_type text, component_id int, evidence jsonb)`);
    }
    await tx.execute(sql`analyze flag_findings`);
    const now = new Date();
    const ids = (result: { rows: { id: number }[] }) => result.rows.map((r) => Number(r.id)).sort((a, b) => a - b);

    // Open flags without a finding any more: the data recovered.
    const recovered = ids(
      await tx.execute<{ id: number }>(sql`
        update flags f set status = 'recovered', recovered_at = ${now}, last_changed_at = ${now}
        where f.period_id = ${periodId} and f.status = 'open' and not exists (select 1 from flag_findings n where ${SAME_FLAG})
        returning f.id`),
    );
    const changes = sql`rule_version = n.rule_version, severity = n.severity, subject_type = n.subject_type, component_id = n.component_id,
      evidence = n.evidence, last_changed_at = ${now}`;
    const reopened = ids(
      await tx.execute<{ id: number }>(sql`
        update flags f set ${changes}, status = 'open', recovered_at = null
        from flag_findings n where f.period_id = ${periodId} and ${SAME_FLAG} and f.status = 'recovered'
        returning f.id`),
    );
    // New rule version, severity or evidence (values, threshold, sources) of a flag that stays open.
    const updated = ids(
      await tx.execute<{ id: number }>(sql`
        update flags f set ${changes}
        from flag_findings n where f.period_id = ${periodId} and ${SAME_FLAG} and f.status = 'open'
          and (f.rule_version, f.severity, f.subject_type, f.component_id, f.evidence) is distinct from
              (n.rule_version, n.severity, n.subject_type, n.component_id, n.evidence)
        returning f.id`),
    );
    const opened = ids(
      await tx.execute<{ id: number }>(sql`
        insert into flags (rule_id, rule_version, agency_id, period_id, subject_type, subject_key, component_id, severity, evidence, first_seen_at, last_changed_at)
        select n.rule_id, n.rule_version, n.agency_id, ${periodId}, n.subject_type, n.subject_key, n.component_id, n.severity, n.evidence, ${now}, ${now}
        from flag_findings n
        where not exists (select 1 from flags f where f.period_id = ${periodId} and ${SAME_FLAG})
        order by n.rule_id, n.agency_id, n.subject_key
        returning id`),
    );

    if (recovered.length) {
      // The case stays as it is (history kept); it records that the data recovered.
      const links = (
        await tx.execute<{ case_id: number; flag_id: number }>(sql`select case_id, flag_id from case_flags where flag_id = any(${sql.param(recovered)}::int[]) order by case_id, flag_id`)
      ).rows;
      if (links.length) {
        await tx.insert(caseEvents).values(links.map((l) => ({ caseId: Number(l.case_id), kind: "flag_recovered" as const, actorId: actor.id > 0 ? actor.id : null, body: `flag:${l.flag_id}` })));
      }
    }

    const summary: RecomputeSummary = {
      periodCode: period.code,
      findings: findings.length,
      opened: opened.length,
      reopened: reopened.length,
      updated: updated.length,
      recovered: recovered.length,
      unchanged: findings.length - opened.length - reopened.length - updated.length,
      openedFlagIds: [...opened, ...reopened],
    };
    // The agency hears of a flag exactly when it opens: in the same transaction, so a rolled-back
    // evaluation notifies nobody, and a repeated one opens (and notifies) nothing.
    await notifyFlagsOpened(tx, summary.openedFlagIds);

    if (summary.opened || summary.reopened || summary.updated || summary.recovered) {
      await recordAudit(tx, actor, { action: "flags.recompute", entityType: "period", entityId: period.code, after: { ...summary, openedFlagIds: undefined } });
    }
    return summary;
  });
}

/** Recomputes every period that has data; used after rule changes and on demand. */
export async function recomputeAllFlags(actor: Actor): Promise<RecomputeSummary[]> {
  const all = await getDb().select({ id: periods.id, startsOn: periods.startsOn }).from(periods).orderBy(periods.startsOn);
  const results: RecomputeSummary[] = [];
  for (const p of all) results.push(await recomputeFlags(actor, p.id));
  return results;
}

const minIso = (a: string, b: string) => (a < b ? a : b);
const maxIso = (a: string, b: string) => (a > b ? a : b);

/**
 * Called after data changes (import commit or rollback, submission approval, target change): the data
 * change is already committed, so a failure here is logged, not thrown; flags can be recomputed on demand.
 */
export async function recomputeFlagsAfterChange(actor: Actor, periodIds: number[]): Promise<RecomputeSummary[]> {
  const results: RecomputeSummary[] = [];
  for (const periodId of [...new Set(periodIds)]) {
    try {
      results.push(await recomputeFlags(actor, periodId));
    } catch (error) {
      console.error(`[flags] recompute after change failed for period ${periodId}`, error);
    }
  }
  return results;
}
