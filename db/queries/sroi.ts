import "server-only";
import { asc, eq, inArray } from "drizzle-orm";
import { getDb } from "@/db/client";
import { agencies, sroiAssessments, sroiOutcomes } from "@/db/schema";
import { sroiOfStoredInputs } from "@/core/sroi/source-ref";

/** SROI assessments with their inputs and the ratio computed from them (never stored, always explainable). */
export async function listSroiAssessments() {
  const db = getDb();
  const assessments = await db
    .select({
      id: sroiAssessments.id,
      fiscalYear: sroiAssessments.fiscalYear,
      investment: sroiAssessments.investment,
      discountRate: sroiAssessments.discountRate,
      noteTh: sroiAssessments.noteTh,
      noteEn: sroiAssessments.noteEn,
      agencyCode: agencies.code,
      agencyNameTh: agencies.nameTh,
      agencyNameEn: agencies.nameEn,
    })
    .from(sroiAssessments)
    .innerJoin(agencies, eq(agencies.id, sroiAssessments.agencyId))
    .orderBy(asc(sroiAssessments.fiscalYear));
  if (!assessments.length) return [];
  const outcomes = await db
    .select()
    .from(sroiOutcomes)
    .where(inArray(sroiOutcomes.assessmentId, assessments.map((a) => a.id)))
    .orderBy(asc(sroiOutcomes.ordinal));
  return assessments.map((a) => {
    const lines = outcomes.filter((o) => o.assessmentId === a.id);
    const { outcomes: numeric, result } = sroiOfStoredInputs(a, lines);
    return {
      ...a,
      investment: Number(a.investment),
      discountRate: Number(a.discountRate),
      ratio: result.ratio,
      totalPresentValue: result.totalPresentValue,
      outcomes: lines.map((o, i) => ({ ...o, ...numeric[i]!, presentValue: result.outcomes[i]!.presentValue })),
    };
  });
}
