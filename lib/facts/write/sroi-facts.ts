import "server-only";
import { and, eq, inArray, notInArray } from "drizzle-orm";
import type { Queryable } from "@/db/client";
import { agencies, indicatorFacts, indicators, periods, sroiAssessments, sroiOutcomes } from "@/db/schema";
import { SROI_INDICATOR_CODE, sroiOfStoredInputs, sroiSourceRef } from "@/core/sroi/source-ref";

/**
 * Keeps the derived SROI figure (ME-SROI) in step with an agency's SROI inputs for a fiscal year, in the
 * caller's transaction: the ratio computed by the same function as /indicators (core/sroi), one approved
 * "derived" fact for each quarter of that fiscal year (an annual study: every quarter of the year shows
 * it), its sourceRef naming the inputs and the computation. Returns the periods whose facts changed, for
 * afterFactsChanged. Call it after every write of SROI inputs: lib/sroi/save-assessment.ts does.
 */
export async function syncSroiFacts(db: Queryable, assessmentId: number, options: { recordedAt?: Date } = {}): Promise<number[]> {
  const [indicator] = await db.select({ id: indicators.id }).from(indicators).where(eq(indicators.code, SROI_INDICATOR_CODE)).limit(1);
  const [assessment] = await db
    .select({ id: sroiAssessments.id, agencyId: sroiAssessments.agencyId, agencyCode: agencies.code, fiscalYear: sroiAssessments.fiscalYear, investment: sroiAssessments.investment, discountRate: sroiAssessments.discountRate })
    .from(sroiAssessments)
    .innerJoin(agencies, eq(agencies.id, sroiAssessments.agencyId))
    .where(eq(sroiAssessments.id, assessmentId))
    .limit(1);
  if (!indicator || !assessment) return [];
  const yearPeriods = await db.select({ id: periods.id }).from(periods).where(eq(periods.fiscalYear, assessment.fiscalYear));
  if (!yearPeriods.length) return [];
  const periodIds = yearPeriods.map((p) => p.id);
  const lines = await db.select().from(sroiOutcomes).where(eq(sroiOutcomes.assessmentId, assessment.id));
  const scope = and(eq(indicatorFacts.indicatorId, indicator.id), eq(indicatorFacts.agencyId, assessment.agencyId), eq(indicatorFacts.source, "derived"));
  if (!lines.length) {
    // No outcomes, no ratio to show (a study being entered): its facts go.
    await db.delete(indicatorFacts).where(and(scope, inArray(indicatorFacts.periodId, periodIds)));
    return periodIds;
  }
  const { result } = sroiOfStoredInputs(assessment, lines);
  const value = String(Math.round(result.ratio * 10_000) / 10_000);
  const sourceRef = sroiSourceRef(assessment.agencyCode, assessment.fiscalYear, assessment.id);
  const recordedAt = options.recordedAt ?? new Date();
  for (const periodId of periodIds) {
    await db
      .insert(indicatorFacts)
      .values({ indicatorId: indicator.id, agencyId: assessment.agencyId, periodId, value, source: "derived", state: "approved", sourceRef, recordedAt })
      .onConflictDoUpdate({ target: [indicatorFacts.indicatorId, indicatorFacts.agencyId, indicatorFacts.periodId, indicatorFacts.source], set: { value, state: "approved", sourceRef, recordedAt } });
  }
  // A period of another year that once held this assessment's figure (never, unless its year was edited).
  await db.delete(indicatorFacts).where(and(scope, eq(indicatorFacts.sourceRef, sourceRef), notInArray(indicatorFacts.periodId, periodIds)));
  return periodIds;
}
