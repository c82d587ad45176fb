import "server-only";
import { eq } from "drizzle-orm";
import type { Transaction } from "@/db/client";
import { sroiAssessments, sroiOutcomes } from "@/db/schema";
import type { SroiOutcomeInput } from "@/core/sroi/calculate";
import { syncSroiFacts } from "@/lib/facts/write/sroi-facts";

export interface SroiAssessmentInput {
  agencyId: number;
  fiscalYear: number;
  investment: number;
  discountRate: number;
  noteTh: string | null;
  noteEn: string | null;
  outcomes: (SroiOutcomeInput & { stakeholderTh: string; stakeholderEn: string; outcomeTh: string; outcomeEn: string })[];
}

/**
 * Writes an agency's SROI inputs for a fiscal year (upserted on agency × year; outcome lines replaced
 * wholesale) and, in the same transaction, the ME-SROI figure derived from them. The one way SROI inputs
 * are written: the demo seed, and /admin/sroi through lib/sroi/admin.ts. The caller refreshes derived data for the
 * returned periods after commit (afterFactsChanged), or rebuilds them as the seed does.
 */
export async function saveSroiAssessment(tx: Transaction, input: SroiAssessmentInput, options: { recordedAt?: Date } = {}): Promise<{ id: number; periodIds: number[] }> {
  const values = {
    agencyId: input.agencyId,
    fiscalYear: input.fiscalYear,
    investment: String(input.investment),
    discountRate: String(input.discountRate),
    noteTh: input.noteTh,
    noteEn: input.noteEn,
  };
  const [row] = await tx
    .insert(sroiAssessments)
    .values(values)
    .onConflictDoUpdate({ target: [sroiAssessments.agencyId, sroiAssessments.fiscalYear], set: values })
    .returning({ id: sroiAssessments.id });
  await tx.delete(sroiOutcomes).where(eq(sroiOutcomes.assessmentId, row!.id));
  if (input.outcomes.length) {
    await tx.insert(sroiOutcomes).values(
      input.outcomes.map((o, index) => ({
        assessmentId: row!.id,
        ordinal: index + 1,
        stakeholderTh: o.stakeholderTh,
        stakeholderEn: o.stakeholderEn,
        outcomeTh: o.outcomeTh,
        outcomeEn: o.outcomeEn,
        quantity: String(o.quantity),
        financialProxy: String(o.financialProxy),
        deadweight: String(o.deadweight),
        attribution: String(o.attribution),
        displacement: String(o.displacement),
        dropOff: String(o.dropOff),
        durationYears: o.durationYears,
      })),
    );
  }
  return { id: row!.id, periodIds: await syncSroiFacts(tx, row!.id, options) };
}
