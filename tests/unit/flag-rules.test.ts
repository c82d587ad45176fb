import { describe, expect, it } from "vitest";
import { evaluateRules, type EvaluationInput, type IndicatorResult, type ProjectProgress } from "@/core/flags/evaluate";
import { parseRuleParams, type RuleDefinition, type RuleKind } from "@/core/flags/rules";

function rule<K extends RuleKind>(kind: K, params: unknown = {}, version = 1): RuleDefinition<K> {
  return { code: kind.toUpperCase(), kind, version, severity: "medium", params: parseRuleParams(kind, params) };
}

function input(overrides: Partial<EvaluationInput> = {}): EvaluationInput {
  return {
    periodCode: "2570Q2",
    quarter: 2,
    asOf: "2027-03-31",
    indicatorResults: [],
    projects: [],
    expectedSubmissions: [],
    scores: [],
    pastFindings: [],
    ...overrides,
  };
}

function result(value: number, target: number | null, direction: "higher" | "lower" = "higher", agencyId = 1): IndicatorResult {
  return { agencyId, indicatorId: 10, indicatorCode: "UP-01", direction, value, target, source: { kind: "fact", id: 500 + agencyId } };
}

describe("indicator below its target", () => {
  it.each<[string, IndicatorResult, boolean]>([
    ["90 % of target exactly is not lagging", result(90, 100), false],
    ["just under 90 % is lagging", result(89.99, 100), true],
    ["above target is fine", result(120, 100), false],
    ["a zero target is met by zero", result(0, 0), false],
    ["no target means no judgement", result(1, null), false],
    ["lower is better: at the allowed maximum (target ÷ 0.9) is fine", result(100 / 0.9, 100, "lower"), false],
    ["lower is better: above the allowed maximum lags", result(112, 100, "lower"), true],
    ["lower is better: far below target is good", result(20, 100, "lower"), false],
    ["lower is better with a zero target: any positive result lags", result(0.5, 0, "lower"), true],
  ])("%s", (_name, r, lagging) => {
    const findings = evaluateRules([rule("indicator_below_target", { minShareOfTarget: 0.9 })], input({ indicatorResults: [r] }));
    expect(findings.length).toBe(lagging ? 1 : 0);
  });

  it("explains the finding with the value, threshold, target and the source row", () => {
    const [finding] = evaluateRules([rule("indicator_below_target", { minShareOfTarget: 0.8 }, 3)], input({ indicatorResults: [result(50, 100)] }));
    expect(finding).toMatchObject({
      ruleCode: "INDICATOR_BELOW_TARGET",
      ruleVersion: 3,
      agencyId: 1,
      subjectKey: "indicator:UP-01",
      evidence: { reason: "indicator_below_target", measured: 50, threshold: 80, params: { target: 100, share: 80 }, sources: [{ kind: "fact", id: 501 }] },
    });
  });
});

describe("physical progress behind plan", () => {
  const project = (physicalProgress: number | null, startsOn: string | null = "2026-10-01", endsOn: string | null = "2027-09-30"): ProjectProgress => ({
    agencyId: 2,
    projectId: 7,
    projectCode: "P-7",
    startsOn,
    endsOn,
    physicalProgress,
    allocated: null,
    disbursed: null,
    source: { kind: "project_progress", id: 77 },
  });
  // 1 Oct 2026 – 30 Sep 2027 is 365 days; by 31 Mar 2027, 182 days (49.86 %) have elapsed.
  it.each<[string, ProjectProgress, boolean]>([
    ["exactly N points behind is allowed", project(49.86 - 10 + 0.01), false],
    ["more than N points behind lags", project(39), true],
    ["ahead of plan is fine", project(70), false],
    ["no progress reported is not judged here", project(null), false],
    ["no dates: cannot judge", project(10, null, null), false],
    ["not started yet: cannot be behind", project(0, "2027-06-01", "2027-09-30"), false],
  ])("%s", (_name, p, lagging) => {
    expect(evaluateRules([rule("physical_progress_behind", { maxPointsBehind: 10 })], input({ projects: [p] })).length).toBe(lagging ? 1 : 0);
  });
});

describe("disbursement below the quarter's target", () => {
  const spend = (agencyId: number, allocated: number, disbursed: number, id: number): ProjectProgress => ({
    agencyId,
    projectId: id,
    projectCode: `P-${id}`,
    startsOn: null,
    endsOn: null,
    physicalProgress: null,
    allocated,
    disbursed,
    source: { kind: "project_progress", id },
  });

  it("sums an agency's projects and compares with the configured target of the quarter", () => {
    const findings = evaluateRules(
      [rule("disbursement_below_target", { quarterTargets: { q1: 30, q2: 52, q3: 75, q4: 96 } })],
      input({ quarter: 2, projects: [spend(1, 100, 40, 1), spend(1, 100, 60, 2), spend(2, 100, 51, 3)] }),
    );
    // Agency 1: 100/200 = 50 % < 52 %; agency 2: 51 % < 52 %.
    expect(findings.map((f) => [f.agencyId, f.evidence.measured, f.evidence.threshold])).toEqual([
      [1, 50, 52],
      [2, 51, 52],
    ]);
    expect(findings[0]!.evidence.sources).toHaveLength(2);
  });

  it("uses the new targets when an admin changes them", () => {
    const projects = [spend(1, 100, 50, 1)];
    expect(evaluateRules([rule("disbursement_below_target", { quarterTargets: { q1: 30, q2: 50, q3: 75, q4: 96 } })], input({ projects }))).toEqual([]);
  });

  it("ignores projects without an allocated budget instead of dividing by zero", () => {
    expect(evaluateRules([rule("disbursement_below_target")], input({ projects: [spend(1, 0, 0, 1)] }))).toEqual([]);
  });
});

describe("submission missing or late", () => {
  const due = "2027-04-15";
  it.each<[string, string | null, string, number, string | null]>([
    ["not due yet", null, "2027-04-15", 0, null],
    ["missing the day after the deadline", null, "2027-04-16", 0, "submission_missing"],
    ["grace days postpone 'missing'", null, "2027-04-16", 3, null],
    ["submitted on the deadline is on time", "2027-04-15", "2027-05-01", 0, null],
    ["submitted after the deadline is late", "2027-04-20", "2027-05-01", 0, "submission_late"],
  ])("%s", (_name, submittedOn, asOf, graceDays, reason) => {
    const findings = evaluateRules(
      [rule("submission_missing_or_late", { graceDays })],
      input({ asOf, expectedSubmissions: [{ agencyId: 3, componentCode: "upstream", dueOn: due, submittedOn }] }),
    );
    expect(findings.map((f) => f.evidence.reason)).toEqual(reason ? [reason] : []);
  });
});

describe("score drop", () => {
  it.each<[number, number | null, boolean]>([
    [70, 80, false],
    [69.9, 80, true],
    [50, null, false],
  ])("from %s to previous %s lags: %s", (score, previousScore, lagging) => {
    const findings = evaluateRules([rule("score_drop", { maxDropPoints: 10 })], input({ scores: [{ agencyId: 1, componentCode: "midstream", score, previousScore }] }));
    expect(findings.length).toBe(lagging ? 1 : 0);
  });

  it("explains a drop with both scores and the threshold, per component", () => {
    const [finding] = evaluateRules([rule("score_drop", { maxDropPoints: 5 })], input({ scores: [{ agencyId: 4, componentCode: "midstream", score: 62.5, previousScore: 80 }] }));
    expect(finding).toMatchObject({
      subjectKey: "score:midstream",
      componentCode: "midstream",
      evidence: { reason: "score_drop", measured: 62.5, threshold: 75, params: { component: "midstream", previous: 80, drop: 17.5, allowed: 5 } },
    });
  });
});

describe("components of findings", () => {
  it("carries the component of the indicator, form or project, none for agency-wide disbursement, and the original's for a recurrence", () => {
    const findings = evaluateRules(
      [rule("indicator_below_target"), rule("submission_missing_or_late"), rule("disbursement_below_target"), rule("recurrence")],
      input({
        indicatorResults: [{ ...result(10, 100), componentCode: "upstream" }],
        expectedSubmissions: [{ agencyId: 1, componentCode: "cybersecurity", dueOn: "2027-01-15", submittedOn: null }],
        projects: [{ agencyId: 1, projectId: 1, projectCode: "P-1", componentCode: "downstream", startsOn: null, endsOn: null, physicalProgress: null, allocated: 100, disbursed: 1, source: { kind: "project_progress", id: 1 } }],
        pastFindings: [{ ruleCode: "INDICATOR_BELOW_TARGET", agencyId: 1, subjectKey: "indicator:UP-01", outcome: "recovered", periodsAgo: 1, flagId: 5 }],
      }),
    );
    expect(findings.map((f) => [f.ruleKind, f.componentCode])).toEqual([
      ["disbursement_below_target", null],
      ["indicator_below_target", "upstream"],
      ["recurrence", "upstream"],
      ["submission_missing_or_late", "cybersecurity"],
    ]);
  });
});

describe("recurrence", () => {
  const rules = [rule("indicator_below_target"), rule("recurrence", { lookbackPeriods: 2 })];
  const lagging = [result(10, 100)];

  it("flags a finding that was resolved within the lookback and is back", () => {
    const findings = evaluateRules(rules, input({ indicatorResults: lagging, pastFindings: [{ ruleCode: "INDICATOR_BELOW_TARGET", agencyId: 1, subjectKey: "indicator:UP-01", outcome: "resolved", periodsAgo: 2, flagId: 99 }] }));
    expect(findings.map((f) => f.ruleKind)).toEqual(["indicator_below_target", "recurrence"]);
    expect(findings[1]!.evidence.sources[0]).toEqual({ kind: "flag", id: 99 });
  });

  it.each<[string, "resolved" | "waived" | "open", number]>([
    ["not when the earlier one was waived", "waived", 1],
    ["not when the earlier one is still open", "open", 1],
    ["not beyond the lookback", "resolved", 3],
  ])("%s", (_name, outcome, periodsAgo) => {
    const findings = evaluateRules(rules, input({ indicatorResults: lagging, pastFindings: [{ ruleCode: "INDICATOR_BELOW_TARGET", agencyId: 1, subjectKey: "indicator:UP-01", outcome, periodsAgo, flagId: 1 }] }));
    expect(findings.map((f) => f.ruleKind)).toEqual(["indicator_below_target"]);
  });
});

describe("evaluation as a whole", () => {
  it("is deterministic: same findings in the same order whatever the input order", () => {
    const results = [result(10, 100, "higher", 3), result(10, 100, "higher", 1), result(10, 100, "higher", 2)];
    const rules = [rule("score_drop"), rule("indicator_below_target")];
    const a = evaluateRules(rules, input({ indicatorResults: results }));
    const b = evaluateRules([...rules].reverse(), input({ indicatorResults: [...results].reverse() }));
    expect(b).toEqual(a);
    expect(a.map((f) => f.agencyId)).toEqual([1, 2, 3]);
  });

  it("rejects invalid rule parameters with a validation error", () => {
    expect(() => parseRuleParams("indicator_below_target", { minShareOfTarget: -1 })).toThrow();
    expect(() => parseRuleParams("submission_missing_or_late", { graceDays: 1.5 })).toThrow();
    expect(parseRuleParams("disbursement_below_target", {}).quarterTargets).toEqual({ q1: 30, q2: 52, q3: 75, q4: 96 });
  });
});
