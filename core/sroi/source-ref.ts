// The provenance of the derived SROI figure (indicator ME-SROI): which inputs it was computed from and by
// what, written into the fact's sourceRef so the trace dialog can lead back to the inputs on /indicators.
import { calculateSroi, type SroiOutcomeInput, type SroiResult } from "./calculate";

export const SROI_INDICATOR_CODE = "ME-SROI";
const PATTERN = /^sroi:([0-9A-Za-z._-]+)\/(\d{4}) /;

/** "sroi:01002/2569 calculateSroi(sroi_assessments 3)" */
export function sroiSourceRef(agencyCode: string, fiscalYear: number, assessmentId: number): string {
  return `sroi:${agencyCode}/${fiscalYear} calculateSroi(sroi_assessments ${assessmentId})`;
}

export function parseSroiSourceRef(ref: string | null): { agencyCode: string; fiscalYear: number } | null {
  const match = ref ? PATTERN.exec(ref) : null;
  return match ? { agencyCode: match[1]!, fiscalYear: Number(match[2]) } : null;
}

/** The id of an assessment's inputs on /indicators, where the trace dialog links to. */
export function sroiAnchor(agencyCode: string, fiscalYear: number): string {
  return `sroi-${agencyCode}-${fiscalYear}`;
}

/** Stored inputs (numeric columns arrive as strings) to the ratio: the one computation /indicators and ME-SROI share. */
export function sroiOfStoredInputs(
  assessment: { investment: string | number; discountRate: string | number },
  outcomes: readonly { [K in keyof SroiOutcomeInput]: string | number }[],
): { outcomes: SroiOutcomeInput[]; result: SroiResult } {
  const numeric = outcomes.map((o) => ({
    quantity: Number(o.quantity),
    financialProxy: Number(o.financialProxy),
    deadweight: Number(o.deadweight),
    attribution: Number(o.attribution),
    displacement: Number(o.displacement),
    dropOff: Number(o.dropOff),
    durationYears: Number(o.durationYears),
  }));
  return { outcomes: numeric, result: calculateSroi({ investment: Number(assessment.investment), discountRate: Number(assessment.discountRate), outcomes: numeric }) };
}
