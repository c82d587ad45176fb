import "server-only";
import { eq, inArray } from "drizzle-orm";
import { getDb, type Queryable } from "@/db/client";
import { caseEvents, caseFlags, components, flags, periods, type Flag } from "@/db/schema";
import { listActiveRules, loadComponentScores, loadExpectedSubmissions, loadIndicatorResults, loadPastFindings, loadProjectProgress } from "@/db/queries/flag-inputs";
import { recordAudit } from "@/lib/audit/record";
import type { Actor } from "@/lib/auth/actor";
import { todayInBangkok } from "@/lib/fiscal/calendar";
import { NotFoundError } from "@/lib/errors";
import { notifyFlagsOpened } from "./notices";
import { evaluateRules, type EvaluationInput, type Finding } from "./evaluate";
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

const keyOf = (ruleId: number, agencyId: number, subjectKey: string) => `${ruleId}|${agencyId}|${subjectKey}`;

/** JSON with object keys sorted: jsonb does not keep key order, so plain stringify would differ. */
function canonicalJson(value: unknown): string {
  return JSON.stringify(value, (_key, v: unknown) =>
    v && typeof v === "object" && !Array.isArray(v) ? Object.fromEntries(Object.entries(v).sort(([a], [b]) => a.localeCompare(b))) : v,
  );
}

function sameEvidence(flag: Flag, finding: Finding, componentId: number | null): boolean {
  return (
    flag.ruleVersion === finding.ruleVersion &&
    flag.componentId === componentId &&
    flag.severity === finding.severity &&
    canonicalJson(flag.evidence) === canonicalJson(finding.evidence)
  );
}

/**
 * Re-evaluates every active rule for one period and brings the flags in step, in one transaction.
 * Deterministic and idempotent: a second run with unchanged data changes no row and writes no audit.
 */
export async function recomputeFlags(actor: Actor, periodId: number, options: { asOf?: string } = {}): Promise<RecomputeSummary> {
  return getDb().transaction(async (tx) => {
    const [period] = await tx.select().from(periods).where(eq(periods.id, periodId));
    if (!period) throw new NotFoundError("period");
    const ruleRows = await listActiveRules(tx);
    const rules: RuleDefinition[] = ruleRows.map((r) => ({ code: r.code, kind: r.kind, version: r.version, severity: r.severity, params: parseRuleParams(r.kind, r.params) }));
    const ruleIdByCode = new Map(ruleRows.map((r) => [r.code, r.id]));
    const lookback = Math.max(1, ...rules.filter((r) => r.kind === "recurrence").map((r) => (r.params as { lookbackPeriods: number }).lookbackPeriods));

    const input: EvaluationInput = {
      periodCode: period.code,
      quarter: period.quarter as 1 | 2 | 3 | 4,
      // Within the period judge "as of today"; a past period is judged as of its end (plus the deadline).
      asOf: options.asOf ?? minIso(todayInBangkok(), maxIso(period.endsOn, period.dueOn)),
      indicatorResults: await loadIndicatorResults(tx, periodId),
      projects: await loadProjectProgress(tx, periodId),
      expectedSubmissions: await loadExpectedSubmissions(tx, periodId),
      scores: (await sources.scores?.(tx, periodId)) ?? [],
      pastFindings: await loadPastFindings(tx, period, lookback),
    };
    const findings = evaluateRules(rules, input);
    const componentIdByCode = new Map((await tx.select({ id: components.id, code: components.code }).from(components)).map((c) => [c.code, c.id]));

    const existing = await tx.select().from(flags).where(eq(flags.periodId, periodId));
    const byKey = new Map(existing.map((f) => [keyOf(f.ruleId, f.agencyId, f.subjectKey), f]));
    const seen = new Set<string>();
    const summary: RecomputeSummary = { periodCode: period.code, findings: findings.length, opened: 0, reopened: 0, updated: 0, recovered: 0, unchanged: 0, openedFlagIds: [] };
    const now = new Date();

    for (const finding of findings) {
      const ruleId = ruleIdByCode.get(finding.ruleCode)!;
      const key = keyOf(ruleId, finding.agencyId, finding.subjectKey);
      seen.add(key);
      const current = byKey.get(key);
      const values = {
        ruleVersion: finding.ruleVersion,
        severity: finding.severity,
        subjectType: finding.subjectType,
        componentId: finding.componentCode ? (componentIdByCode.get(finding.componentCode) ?? null) : null,
        evidence: { rule: finding.ruleCode, kind: finding.ruleKind, ...finding.evidence },
      };
      if (!current) {
        const [row] = await tx
          .insert(flags)
          .values({ ruleId, agencyId: finding.agencyId, periodId, subjectKey: finding.subjectKey, ...values })
          .returning({ id: flags.id });
        summary.opened++;
        summary.openedFlagIds.push(row!.id);
      } else if (current.status === "recovered") {
        await tx.update(flags).set({ ...values, status: "open", recoveredAt: null, lastChangedAt: now }).where(eq(flags.id, current.id));
        summary.reopened++;
        summary.openedFlagIds.push(current.id);
      } else if (!sameEvidence(current, { ...finding, evidence: values.evidence as Finding["evidence"] }, values.componentId)) {
        await tx.update(flags).set({ ...values, lastChangedAt: now }).where(eq(flags.id, current.id));
        summary.updated++;
      } else summary.unchanged++;
    }

    const recovered = existing.filter((f) => f.status === "open" && !seen.has(keyOf(f.ruleId, f.agencyId, f.subjectKey)));
    if (recovered.length) {
      const ids = recovered.map((f) => f.id);
      await tx.update(flags).set({ status: "recovered", recoveredAt: now, lastChangedAt: now }).where(inArray(flags.id, ids));
      // The case stays as it is (history kept); it records that the data recovered.
      const links = await tx.select().from(caseFlags).where(inArray(caseFlags.flagId, ids));
      if (links.length) {
        await tx.insert(caseEvents).values(links.map((l) => ({ caseId: l.caseId, kind: "flag_recovered" as const, actorId: actor.id > 0 ? actor.id : null, body: `flag:${l.flagId}` })));
      }
      summary.recovered = recovered.length;
    }

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
