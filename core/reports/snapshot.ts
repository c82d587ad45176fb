// The figures of one quarterly report, collected once from the dashboard, completeness, flag and import
// queries and stored with the report: the PDF, xlsx and CSV are renderings of this one object, so the
// formats agree with each other and with the dashboards as of `dataAsOf`. Plain JSON (no Date).
import type { CaseStatus, IndicatorDirection, Locale, ValueType } from "@/core/enums";
import type { Severity } from "@/core/flags/rules";
import type { Status } from "@/core/scoring";
import type { ReportScopeKind } from "./enums";
import type { AskSource, SupportRequestStatus } from "@/core/asks/enums";

export interface Named {
  code: string;
  nameTh: string;
  nameEn: string;
}

export const HEADLINE_KEYS = ["averageScore", "indicatorsOnTarget", "submissionRate", "laggingAgencies", "openFlags", "disbursementRate"] as const;
export type HeadlineKey = (typeof HEADLINE_KEYS)[number];

/** A headline figure of the executive summary and its value a quarter earlier. */
export interface Headline {
  key: HeadlineKey;
  /** "points" 0–100, "percent" 0–100, "count". */
  unit: "points" | "percent" | "count";
  value: number | null;
  previous: number | null;
  /** Shown beside a share: "x of y" (indicators on target of those with data and target). */
  detail?: { count: number; of: number } | null;
  /** Whether a rise is good news (false for lagging agencies). */
  higherIsBetter: boolean;
}

export interface ReportIndicator extends Named {
  unitTh: string;
  unitEn: string;
  valueType: ValueType;
  direction: IndicatorDirection;
  weight: number;
  actual: number | null;
  target: number | null;
  /** Percent of target reached. */
  attainment: number | null;
  status: Status;
  previousActual: number | null;
  /** Agencies whose approved figure counted / were expected (1 / 1 in an agency report). */
  reporting: number;
  expected: number;
  /** The national figure, in an agency report. */
  national?: number | null;
}

export interface ReportComponent extends Named {
  ordinal: number;
  score: number | null;
  previousScore: number | null;
  status: Status;
  indicators: ReportIndicator[];
}

export interface BudgetFigures {
  projects: number;
  allocated: number;
  disbursed: number;
  /** Percent of allocated budget disbursed. */
  disbursementRate: number | null;
  /** Budget-weighted physical progress, percent. */
  physicalProgress: number | null;
}

export interface CompletenessCounts {
  expected: number;
  submitted: number;
  onTime: number;
  approved: number;
}

export interface LaggingAgency extends Named {
  ministryTh: string | null;
  ministryEn: string | null;
  flags: number;
  worstSeverity: Severity;
  reasonsTh: string[];
  reasonsEn: string[];
  openCases: number;
  overdueCases: number;
  /** Status of the agency's most recent follow-up case in the period; null when none was opened. */
  latestCaseStatus: CaseStatus | null;
}

/**
 * A fiscal year's summary: each indicator's figure in the four quarters side by side, and the year-end
 * figure (the last quarter that has one) against the annual target (that quarter's target: targets are
 * set per quarter, and the fourth quarter's is the year's). Figures are the quarterly reports' own.
 */
export interface YearSummary {
  fiscalYear: number;
  quarters: string[];
  components: (Named & {
    ordinal: number;
    scores: (number | null)[];
    indicators: (Named & {
      unitTh: string;
      unitEn: string;
      values: (number | null)[];
      targets: (number | null)[];
      yearEnd: number | null;
      /** The quarter whose figure is the year-end one. */
      yearEndQuarter: string | null;
      annualTarget: number | null;
      attainment: number | null;
      status: Status;
    })[];
  })[];
  /** Completeness per quarter, in the same order. */
  completeness: CompletenessCounts[];
}

/**
 * The ecosystem map as printed in the report: the /map page's graph and ELK layout, positions made
 * absolute, with the words already in the report's language. Drawn as static SVG (no script).
 */
export interface ReportMap {
  width: number;
  height: number;
  nodes: {
    id: string;
    kind: "area" | "dga" | "component" | "element" | "platform" | "agencies" | "agency" | "more";
    label: string;
    status: Status | null;
    statusText: string | null;
    roleText: string | null;
    x: number;
    y: number;
    width: number;
    height: number;
  }[];
  edges: { id: string; kind: "flow" | "role" | "hosts" | "lists"; source: string; target: string; label: string | null }[];
}

/**
 * "What agencies asked for and what DGA did": the asks of the quarter in scope (self-assessment problems
 * and support needed, eMENSCR problems and recommendations) counted by confirmed tag and component, and the
 * support requests routed to DGA's units with their status and answer (db/queries/asks.ts defines them).
 */
export interface AsksSection {
  total: { asks: number; routed: number; answered: number; unconfirmed: number };
  byTag: (Named & { asks: number })[];
  byComponent: (Named & { asks: number; routed: number; answered: number })[];
  requests: {
    agencyCode: string;
    agencyTh: string;
    agencyEn: string | null;
    componentCode: string | null;
    componentTh: string | null;
    componentEn: string | null;
    source: AskSource;
    text: string;
    tags: string[];
    unitTh: string;
    unitEn: string;
    status: SupportRequestStatus;
    answer: string | null;
  }[];
}

export interface ReportSnapshot {
  version: 1;
  /** Set on a yearly report (the rest of the snapshot is its last quarter's). */
  year?: YearSummary;
  locale: Locale;
  period: { code: string; fiscalYear: number; quarter: number; startsOn: string; endsOn: string; dueOn: string };
  previousPeriod: string | null;
  scope: { kind: ReportScopeKind; code: string | null; nameTh: string; nameEn: string };
  generatedAt: string;
  generatedBy: string;
  /** The latest change to the data read (dashboard refresh, committed import); null when there is none. */
  dataAsOf: string | null;
  /** True once the period's due date has passed when the report was made. */
  overdue: boolean;
  demo: boolean;
  headlines: Headline[];
  components: ReportComponent[];
  emenscr: { total: BudgetFigures | null; byComponent: (Named & BudgetFigures)[] };
  completeness: {
    total: CompletenessCounts;
    previous: CompletenessCounts | null;
    /** Rows by component, then by ministry (national) or agency (ministry, component). */
    byComponent: (Named & CompletenessCounts)[];
    byUnit: (Named & CompletenessCounts)[];
    unitKind: "ministry" | "agency" | null;
    missing: (Named & { componentCode: string; componentTh: string; componentEn: string; daysOverdue: number })[];
  };
  lagging: LaggingAgency[];
  /** National and ministry reports (absent in older snapshots and in component and agency reports). */
  map?: ReportMap;
  /** Absent from reports made before the section existed. */
  asks?: AsksSection;
  sources: {
    facts: { source: string; approved: number; provisional: number }[];
    imports: { id: number; fileName: string; finishedAt: string; rows: number; sha256: string }[];
    approvedSubmissions: number;
  };
}
