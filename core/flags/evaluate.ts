import { elapsedShare, type IsoDate } from "@/core/fiscal/calendar";
import type { IndicatorDirection } from "@/core/enums";
import type { RuleDefinition, RuleKind, Severity } from "./rules";

// Rule evaluation on given data: pure, deterministic, no database. The caller loads the inputs for one
// period; the same inputs always give the same findings in the same order, so re-running changes nothing.

/** A pointer to the row a value came from, kept with the finding as evidence. */
export interface SourceRef {
  kind: "fact" | "submission" | "project_progress" | "flag";
  id: number;
  label?: string;
}

export interface IndicatorResult {
  agencyId: number;
  indicatorId: number;
  indicatorCode: string;
  direction: IndicatorDirection;
  /** The ecosystem component of the indicator (for filtering flags by component). */
  componentCode?: string | null;
  value: number;
  target: number | null;
  source: SourceRef;
}

export interface ProjectProgress {
  agencyId: number;
  projectId: number;
  projectCode: string;
  /** The component the project is assigned to (the first, when several). */
  componentCode?: string | null;
  startsOn: IsoDate | null;
  endsOn: IsoDate | null;
  /** 0–100. */
  physicalProgress: number | null;
  allocated: number | null;
  disbursed: number | null;
  source: SourceRef;
}

export interface ExpectedSubmission {
  agencyId: number;
  componentCode: string;
  dueOn: IsoDate;
  /** When it reached DGA (status submitted or later); null when it has not. */
  submittedOn: IsoDate | null;
  source?: SourceRef;
}

/** An agency's score on one component (0–100) in the period and in the previous period. */
export interface AgencyScore {
  agencyId: number;
  componentCode: string;
  score: number;
  previousScore: number | null;
}

export interface PastFinding {
  ruleCode: string;
  agencyId: number;
  subjectKey: string;
  /** How the earlier finding ended; only resolved or recovered ones can recur. */
  outcome: "resolved" | "recovered" | "waived" | "open";
  periodsAgo: number;
  flagId: number;
}

export interface EvaluationInput {
  periodCode: string;
  quarter: 1 | 2 | 3 | 4;
  /** The day the evaluation looks from (Bangkok calendar date). */
  asOf: IsoDate;
  indicatorResults: IndicatorResult[];
  projects: ProjectProgress[];
  expectedSubmissions: ExpectedSubmission[];
  scores: AgencyScore[];
  pastFindings: PastFinding[];
}

export type SubjectType = "indicator" | "project" | "submission" | "agency";

/** One lagging finding with everything needed to explain it. */
export interface Finding {
  ruleCode: string;
  ruleVersion: number;
  ruleKind: RuleKind;
  severity: Severity;
  agencyId: number;
  subjectType: SubjectType;
  /** Stable within a rule and agency: "indicator:UP-01", "project:P123", "submission:upstream". */
  subjectKey: string;
  /** The ecosystem component concerned; null for agency-wide findings (disbursement). */
  componentCode: string | null;
  evidence: {
    /** Message key under "flags.reasons." with its parameters. */
    reason: string;
    measured: number | null;
    threshold: number | null;
    params: Record<string, string | number | null>;
    sources: SourceRef[];
  };
}

const round = (n: number, digits = 2) => Math.round(n * 10 ** digits) / 10 ** digits;

function evaluateIndicatorBelowTarget(rule: RuleDefinition<"indicator_below_target">, input: EvaluationInput): Finding[] {
  const { minShareOfTarget } = rule.params;
  const findings: Finding[] = [];
  for (const r of input.indicatorResults) {
    if (r.target == null) continue;
    let lagging: boolean;
    let threshold: number;
    if (r.direction === "higher") {
      // A zero target is met by any non-negative result.
      threshold = r.target * minShareOfTarget;
      lagging = r.value < threshold;
    } else {
      // Lower is better: the allowed result grows as the share shrinks (90 % share → target ÷ 0.9).
      threshold = minShareOfTarget > 0 ? r.target / minShareOfTarget : Number.POSITIVE_INFINITY;
      lagging = r.value > threshold;
    }
    if (!lagging) continue;
    findings.push({
      ...header(rule, r.agencyId, "indicator", `indicator:${r.indicatorCode}`, r.componentCode),
      evidence: {
        reason: r.direction === "higher" ? "indicator_below_target" : "indicator_above_target",
        measured: r.value,
        threshold: round(threshold, 4),
        params: { indicator: r.indicatorCode, target: r.target, share: round(minShareOfTarget * 100, 1) },
        sources: [r.source],
      },
    });
  }
  return findings;
}

function evaluatePhysicalProgress(rule: RuleDefinition<"physical_progress_behind">, input: EvaluationInput): Finding[] {
  const findings: Finding[] = [];
  for (const p of input.projects) {
    if (p.physicalProgress == null || !p.startsOn || !p.endsOn || p.endsOn < p.startsOn) continue;
    if (input.asOf < p.startsOn) continue;
    const expected = elapsedShare(p.startsOn, p.endsOn, input.asOf) * 100;
    const behind = expected - p.physicalProgress;
    if (behind <= rule.params.maxPointsBehind) continue;
    findings.push({
      ...header(rule, p.agencyId, "project", `project:${p.projectCode}`, p.componentCode),
      evidence: {
        reason: "physical_progress_behind",
        measured: p.physicalProgress,
        threshold: round(expected - rule.params.maxPointsBehind, 1),
        params: { project: p.projectCode, expected: round(expected, 1), behind: round(behind, 1), allowed: rule.params.maxPointsBehind },
        sources: [p.source],
      },
    });
  }
  return findings;
}

function evaluateDisbursement(rule: RuleDefinition<"disbursement_below_target">, input: EvaluationInput): Finding[] {
  const target = rule.params.quarterTargets[`q${input.quarter}`];
  const byAgency = new Map<number, { allocated: number; disbursed: number; sources: SourceRef[] }>();
  for (const p of input.projects) {
    if (p.allocated == null || p.allocated <= 0 || p.disbursed == null) continue;
    const entry = byAgency.get(p.agencyId) ?? { allocated: 0, disbursed: 0, sources: [] };
    entry.allocated += p.allocated;
    entry.disbursed += p.disbursed;
    entry.sources.push(p.source);
    byAgency.set(p.agencyId, entry);
  }
  const findings: Finding[] = [];
  for (const [agencyId, totals] of byAgency) {
    const rate = (totals.disbursed / totals.allocated) * 100;
    if (rate >= target) continue;
    findings.push({
      ...header(rule, agencyId, "agency", "disbursement", null),
      evidence: {
        reason: "disbursement_below_target",
        measured: round(rate, 2),
        threshold: target,
        params: { quarter: input.quarter, allocated: round(totals.allocated), disbursed: round(totals.disbursed) },
        sources: totals.sources,
      },
    });
  }
  return findings;
}

function addDaysIso(iso: IsoDate, days: number): IsoDate {
  const d = new Date(`${iso}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

function evaluateSubmissions(rule: RuleDefinition<"submission_missing_or_late">, input: EvaluationInput): Finding[] {
  const findings: Finding[] = [];
  for (const s of input.expectedSubmissions) {
    const deadline = addDaysIso(s.dueOn, rule.params.graceDays);
    const missing = s.submittedOn == null && input.asOf > deadline;
    const late = s.submittedOn != null && s.submittedOn > deadline && rule.params.flagLate;
    if (!missing && !late) continue;
    findings.push({
      ...header(rule, s.agencyId, "submission", `submission:${s.componentCode}`, s.componentCode),
      evidence: {
        reason: missing ? "submission_missing" : "submission_late",
        measured: null,
        threshold: null,
        params: { component: s.componentCode, dueOn: s.dueOn, submittedOn: s.submittedOn },
        sources: s.source ? [s.source] : [],
      },
    });
  }
  return findings;
}

function evaluateScoreDrop(rule: RuleDefinition<"score_drop">, input: EvaluationInput): Finding[] {
  return input.scores
    .filter((s) => s.previousScore != null && s.previousScore - s.score > rule.params.maxDropPoints)
    .map((s) => ({
      ...header(rule, s.agencyId, "agency", `score:${s.componentCode}`, s.componentCode),
      evidence: {
        reason: "score_drop",
        measured: round(s.score, 2),
        threshold: round(s.previousScore! - rule.params.maxDropPoints, 2),
        params: { component: s.componentCode, previous: round(s.previousScore!, 2), drop: round(s.previousScore! - s.score, 2), allowed: rule.params.maxDropPoints },
        sources: [],
      },
    }));
}

/** A finding recurs when the same rule, agency and subject ended resolved/recovered within the lookback. */
function evaluateRecurrence(rule: RuleDefinition<"recurrence">, current: Finding[], input: EvaluationInput): Finding[] {
  // The nearest earlier ending per rule, agency and subject: one pass, then one lookup per finding
  // (national scale has ~50,000 findings against ~200,000 earlier flags).
  const nearest = new Map<string, PastFinding>();
  for (const p of input.pastFindings) {
    if ((p.outcome !== "resolved" && p.outcome !== "recovered") || p.periodsAgo < 1 || p.periodsAgo > rule.params.lookbackPeriods) continue;
    const key = `${p.ruleCode}|${p.agencyId}|${p.subjectKey}`;
    const known = nearest.get(key);
    if (!known || p.periodsAgo < known.periodsAgo || (p.periodsAgo === known.periodsAgo && p.flagId < known.flagId)) nearest.set(key, p);
  }
  const findings: Finding[] = [];
  for (const f of current) {
    const earlier = nearest.get(`${f.ruleCode}|${f.agencyId}|${f.subjectKey}`);
    if (!earlier) continue;
    findings.push({
      ...header(rule, f.agencyId, f.subjectType, `${f.ruleCode}:${f.subjectKey}`, f.componentCode),
      evidence: {
        reason: "recurrence",
        measured: null,
        threshold: null,
        params: { rule: f.ruleCode, subject: f.subjectKey, periodsAgo: earlier.periodsAgo, outcome: earlier.outcome },
        sources: [{ kind: "flag", id: earlier.flagId }, ...f.evidence.sources],
      },
    });
  }
  return findings;
}

function header(rule: RuleDefinition, agencyId: number, subjectType: SubjectType, subjectKey: string, componentCode: string | null | undefined) {
  return { ruleCode: rule.code, ruleVersion: rule.version, ruleKind: rule.kind, severity: rule.severity, agencyId, subjectType, subjectKey, componentCode: componentCode ?? null };
}

/**
 * Evaluates the active rules on one period's data. Recurrence rules look at the findings of the other
 * rules, so they run last. Output is sorted for determinism.
 */
export function evaluateRules(rules: RuleDefinition[], input: EvaluationInput): Finding[] {
  const primary: Finding[] = [];
  for (const rule of rules) {
    switch (rule.kind) {
      case "indicator_below_target":
        primary.push(...evaluateIndicatorBelowTarget(rule as RuleDefinition<"indicator_below_target">, input));
        break;
      case "physical_progress_behind":
        primary.push(...evaluatePhysicalProgress(rule as RuleDefinition<"physical_progress_behind">, input));
        break;
      case "disbursement_below_target":
        primary.push(...evaluateDisbursement(rule as RuleDefinition<"disbursement_below_target">, input));
        break;
      case "submission_missing_or_late":
        primary.push(...evaluateSubmissions(rule as RuleDefinition<"submission_missing_or_late">, input));
        break;
      case "score_drop":
        primary.push(...evaluateScoreDrop(rule as RuleDefinition<"score_drop">, input));
        break;
      case "recurrence":
        break;
    }
  }
  const recurring = rules
    .filter((r): r is RuleDefinition<"recurrence"> => r.kind === "recurrence")
    .flatMap((rule) => evaluateRecurrence(rule, primary, input));
  return [...primary, ...recurring].sort(
    (a, b) => a.ruleCode.localeCompare(b.ruleCode) || a.agencyId - b.agencyId || a.subjectKey.localeCompare(b.subjectKey),
  );
}
