import "server-only";
import { createHash } from "node:crypto";
import { and, eq, inArray, sql } from "drizzle-orm";
import { getDb, type Transaction } from "@/db/client";
import { caseEvents, components, flags, periods, type Period } from "@/db/schema";
import { listActiveRules, loadComponentScores, loadExpectedSubmissions, loadIndicatorResults, loadPastFindings, loadProjectProgress } from "@/db/queries/flag-inputs";
import { recordAudit } from "@/lib/audit/record";
import type { Actor } from "@/core/auth/actor";
import { todayInBangkok } from "@/core/fiscal/calendar";
import { NotFoundError } from "@/core/errors";
import { notifyFlagsOpened } from "./notices";
import { resolveRecoveredParts } from "./group-cases";
import { refreshFlagSummaries } from "./summaries";
import { evaluateRules, type EvaluationInput, type Finding } from "@/core/flags/evaluate";
import { parseRuleParams, type RuleDefinition } from "@/core/flags/rules";
import { log } from "@/core/log";

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

/** A flag's columns as one evaluation writes them (snake_case: the rows travel as JSON into SQL). */
interface FlagRow {
  rule_id: number;
  agency_id: number;
  subject_key: string;
  rule_version: number;
  severity: string;
  subject_type: string;
  component_id: number | null;
  evidence: Record<string, unknown>;
  fingerprint: string;
}

/**
 * What an evaluation writes for a finding, hashed. The evaluator builds every finding with its keys in
 * a fixed order, so plain JSON is a stable text (sorting keys cost a second per national quarter);
 * should a code change reorder keys, the flags are rewritten once with the same content.
 */
function fingerprintOf(finding: Finding, componentId: number | null): string {
  const { ruleVersion, severity, subjectType, ruleCode, ruleKind, evidence } = finding;
  return createHash("sha1").update(JSON.stringify([ruleVersion, severity, subjectType, componentId, ruleCode, ruleKind, evidence])).digest("hex");
}

const CHUNK = 5000;
const ROWSET = sql`v(id int, rule_id int, agency_id int, subject_key text, rule_version int, severity text, subject_type text,
  component_id int, evidence jsonb, fingerprint text)`;
const rowset = (rows: object[]) => sql`jsonb_to_recordset(${JSON.stringify(rows)}::jsonb) as ${ROWSET}`;

/**
 * Re-evaluates every active rule for one period and brings the flags in step, in one transaction.
 * Deterministic and idempotent: a second run with unchanged data changes no row and writes no audit.
 * A national evaluation holds tens of thousands of flags per quarter (npm run bench:flags), so the
 * comparison goes by fingerprint (no evidence is read back) and only the differences are written,
 * set-based: one statement per few thousand rows, passed as one JSON parameter.
 * `agencyIds`: judge only these agencies and touch only their flags (every rule judges one agency on its
 * own figures, so this equals what a whole evaluation would do for them) — the path after an approval.
 */
export async function recomputeFlags(actor: Actor, periodId: number, options: { asOf?: string; agencyIds?: readonly number[] } = {}): Promise<RecomputeSummary> {
  return getDb().transaction(async (tx) => {
    // The score and comparison queries group a national quarter's ~110,000 figures: in memory, not on disk.
    await tx.execute(sql`set local work_mem = '64MB'`);
    const [period] = await tx.select().from(periods).where(eq(periods.id, periodId));
    if (!period) throw new NotFoundError("period");
    const ruleRows = await listActiveRules(tx);
    const rules: RuleDefinition[] = ruleRows.map((r) => ({ code: r.code, kind: r.kind, version: r.version, severity: r.severity, params: parseRuleParams(r.kind, r.params) }));
    const findings = evaluateRules(rules, await loadEvaluationInput(tx, period, rules, options.asOf, options.agencyIds));
    const changes = await compareWithFlags(tx, periodId, findings, new Map(ruleRows.map((r) => [r.code, r.id])), options.agencyIds);
    const now = new Date();
    const openedFlagIds = [...changes.reopenedIds, ...(await insertFlags(tx, periodId, changes.inserts, now))];
    await rewriteFlags(tx, changes.rewrites, now);
    await recoverFlags(tx, actor, changes.recovered, now);
    await refreshFlagSummaries(tx, periodId, options.agencyIds);

    const reopened = changes.reopenedIds.length;
    const summary: RecomputeSummary = {
      periodCode: period.code,
      findings: findings.length,
      opened: changes.inserts.length,
      reopened,
      updated: changes.rewrites.length - reopened,
      recovered: changes.recovered.length,
      unchanged: findings.length - changes.inserts.length - changes.rewrites.length,
      openedFlagIds,
    };
    // The agency hears of a flag exactly when it opens: in the same transaction, so a rolled-back
    // evaluation notifies nobody, and a repeated one opens (and notifies) nothing.
    await notifyFlagsOpened(tx, openedFlagIds);

    if (summary.opened || summary.reopened || summary.updated || summary.recovered) {
      await recordAudit(tx, actor, { action: "flags.recompute", entityType: "period", entityId: period.code, after: { ...summary, openedFlagIds: undefined } });
    }
    return summary;
  });
}

/** Everything the rules judge, for one period. */
async function loadEvaluationInput(tx: Transaction, period: Period, rules: readonly RuleDefinition[], asOf: string | undefined, agencyIds: readonly number[] | undefined): Promise<EvaluationInput> {
  const recurrence = rules.filter((r) => r.kind === "recurrence");
  const lookback = Math.max(1, ...recurrence.map((r) => (r.params as { lookbackPeriods: number }).lookbackPeriods));
  // One after the other: a transaction holds one connection.
  return {
    periodCode: period.code,
    quarter: period.quarter as 1 | 2 | 3 | 4,
    // Within the period judge "as of today"; a past period is judged as of its end (plus the deadline).
    asOf: asOf ?? minIso(todayInBangkok(), maxIso(period.endsOn, period.dueOn)),
    indicatorResults: await loadIndicatorResults(tx, period.id, agencyIds),
    projects: await loadProjectProgress(tx, period.id, agencyIds),
    expectedSubmissions: await loadExpectedSubmissions(tx, period.id, agencyIds),
    scores: await loadComponentScores(tx, period.id, agencyIds),
    pastFindings: recurrence.length ? await loadPastFindings(tx, period, lookback, agencyIds) : [],
  };
}

/** What an evaluation changes: flags to open, to rewrite (or reopen), and open flags whose finding is gone. */
interface FlagChanges {
  inserts: FlagRow[];
  rewrites: (FlagRow & { id: number })[];
  /** Recovered flags found again, in the order of the findings. */
  reopenedIds: number[];
  recovered: number[];
}

async function compareWithFlags(
  tx: Transaction,
  periodId: number,
  findings: readonly Finding[],
  ruleIdByCode: Map<string, number>,
  agencyIds: readonly number[] | undefined,
): Promise<FlagChanges> {
  const componentIdByCode = new Map((await tx.select({ id: components.id, code: components.code }).from(components)).map((c) => [c.code, c.id]));
  const existing = await tx
    .select({ id: flags.id, ruleId: flags.ruleId, agencyId: flags.agencyId, subjectKey: flags.subjectKey, status: flags.status, fingerprint: flags.fingerprint })
    .from(flags)
    .where(and(eq(flags.periodId, periodId), agencyIds ? inArray(flags.agencyId, [...agencyIds]) : undefined));
  const byKey = new Map(existing.map((f) => [keyOf(f.ruleId, f.agencyId, f.subjectKey), f]));
  const matched = new Set<number>();
  const changes: FlagChanges = { inserts: [], rewrites: [], reopenedIds: [], recovered: [] };
  for (const finding of findings) {
    const ruleId = ruleIdByCode.get(finding.ruleCode)!;
    const componentId = finding.componentCode ? (componentIdByCode.get(finding.componentCode) ?? null) : null;
    const fingerprint = fingerprintOf(finding, componentId);
    const current = byKey.get(keyOf(ruleId, finding.agencyId, finding.subjectKey));
    if (current) matched.add(current.id);
    // Most findings of a re-evaluation are unchanged: nothing else is built for them.
    if (current?.status === "open" && current.fingerprint === fingerprint) continue;
    const row = flagRowOf(finding, ruleId, componentId, fingerprint);
    if (!current) changes.inserts.push(row);
    else {
      changes.rewrites.push({ ...row, id: current.id });
      if (current.status === "recovered") changes.reopenedIds.push(current.id);
    }
  }
  changes.recovered = existing.filter((f) => f.status === "open" && !matched.has(f.id)).map((f) => f.id);
  return changes;
}

function flagRowOf(finding: Finding, ruleId: number, componentId: number | null, fingerprint: string): FlagRow {
  return {
    rule_id: ruleId,
    agency_id: finding.agencyId,
    subject_key: finding.subjectKey,
    rule_version: finding.ruleVersion,
    severity: finding.severity,
    subject_type: finding.subjectType,
    component_id: componentId,
    evidence: { rule: finding.ruleCode, kind: finding.ruleKind, ...finding.evidence },
    fingerprint,
  };
}

/** The new flags; returns their ids. */
async function insertFlags(tx: Transaction, periodId: number, inserts: readonly FlagRow[], now: Date): Promise<number[]> {
  const ids: number[] = [];
  for (let i = 0; i < inserts.length; i += CHUNK) {
    const result = await tx.execute<{ id: number }>(sql`
      insert into flags (rule_id, rule_version, agency_id, period_id, subject_type, subject_key, component_id, severity, evidence, fingerprint,
        first_seen_at, last_changed_at)
      select v.rule_id, v.rule_version, v.agency_id, ${periodId}, v.subject_type, v.subject_key, v.component_id, v.severity::severity,
        v.evidence, v.fingerprint, ${now}, ${now}
      from ${rowset(inserts.slice(i, i + CHUNK))}
      returning id`);
    ids.push(...result.rows.map((r) => Number(r.id)));
  }
  return ids;
}

/** New rule version, severity or evidence of an open flag, and recovered flags that are back. */
async function rewriteFlags(tx: Transaction, rewrites: readonly (FlagRow & { id: number })[], now: Date): Promise<void> {
  for (let i = 0; i < rewrites.length; i += CHUNK) {
    await tx.execute(sql`
      update flags f set rule_version = v.rule_version, severity = v.severity::severity, subject_type = v.subject_type,
        component_id = v.component_id, evidence = v.evidence, fingerprint = v.fingerprint, status = 'open', recovered_at = null,
        last_changed_at = ${now}
      from ${rowset(rewrites.slice(i, i + CHUNK))}
      where f.id = v.id`);
  }
}

async function recoverFlags(tx: Transaction, actor: Actor, recovered: readonly number[], now: Date): Promise<void> {
  if (!recovered.length) return;
  await tx.execute(sql`update flags set status = 'recovered', recovered_at = ${now}, last_changed_at = ${now} where id = any(${sql.param(recovered)}::int[])`);
  // The case stays as it is (history kept); it records that the data recovered.
  const links = (
    await tx.execute<{ case_id: number; flag_id: number }>(sql`select case_id, flag_id from case_flags where flag_id = any(${sql.param(recovered)}::int[]) order by case_id, flag_id`)
  ).rows;
  if (links.length) {
    await tx.insert(caseEvents).values(links.map((l) => ({ caseId: Number(l.case_id), kind: "flag_recovered" as const, actorId: actor.id > 0 ? actor.id : null, body: `flag:${l.flag_id}` })));
    // An agency's part of a ministry's or province's case settles itself when all its flags recovered,
    // and the ministry's case with its last part.
    await resolveRecoveredParts(tx, actor, [...new Set(links.map((l) => Number(l.case_id)))]);
  }
}

const keyOf = (ruleId: number, agencyId: number, subjectKey: string) => `${ruleId}|${agencyId}|${subjectKey}`;

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
      log("error", "flags.recompute_failed", { periodId, error });
    }
  }
  return results;
}
