import "server-only";
import { and, eq, inArray, notInArray, sql } from "drizzle-orm";
import type { Queryable } from "@/db/client";
import { assessmentItems, indicatorFacts, submissionValues, type Submission } from "@/db/schema";

/**
 * Keeps the fact layer in step with a submission, in the caller's transaction: once a submission has
 * reached DGA its indicator values are facts — provisional while under review or correction, approved
 * when approved; before that (draft, endorsed) the agency's figures are not facts at all.
 */
export async function syncSubmissionFacts(
  db: Queryable,
  submission: Pick<Submission, "id" | "agencyId" | "periodId" | "templateId" | "status"> & Partial<Pick<Submission, "firstSubmittedAt">>,
): Promise<number> {
  const items = await db
    .select({ id: assessmentItems.id, indicatorId: assessmentItems.indicatorId })
    .from(assessmentItems)
    .where(eq(assessmentItems.templateId, submission.templateId));
  const indicatorIds = items.map((i) => i.indicatorId).filter((id): id is number => id !== null);
  if (!indicatorIds.length) return 0;
  const scope = and(
    eq(indicatorFacts.agencyId, submission.agencyId),
    eq(indicatorFacts.periodId, submission.periodId),
    eq(indicatorFacts.source, "self_assessment"),
    inArray(indicatorFacts.indicatorId, indicatorIds),
  );
  if (submission.status === "draft" || submission.status === "endorsed") {
    await db.delete(indicatorFacts).where(scope);
    return 0;
  }
  const state = submission.status === "approved" ? ("approved" as const) : ("provisional" as const);
  const values = await db.select().from(submissionValues).where(eq(submissionValues.submissionId, submission.id));
  // A figure is recorded when the agency's submission first reached DGA, as the completeness page's "on
  // time" counts it: timeliness judges the agency, not how long review took (an approval after the due date
  // of a report submitted before it is not late). Approval changes the state, not when it was recorded.
  const recordedAt = submission.firstSubmittedAt ?? new Date();
  const written: number[] = [];
  for (const item of items) {
    if (item.indicatorId === null) continue;
    const v = values.find((x) => x.itemId === item.id);
    // Levels and yes/no are figures too (level 1–5, yes = 1); text answers are not.
    const value = v?.numericValue ?? (v?.levelValue != null ? String(v.levelValue) : v?.booleanValue != null ? (v.booleanValue ? "1" : "0") : null);
    if (!v || value === null) continue;
    // An implausible answer (submission_values.out_of_range) is held until an analyst confirms it; a
    // confirmation stands while the value it confirmed does.
    const needsConfirmation = v.outOfRange;
    const row = { indicatorId: item.indicatorId, agencyId: submission.agencyId, periodId: submission.periodId, source: "self_assessment" as const, value, state, sourceId: v.id, recordedAt, needsConfirmation };
    const sameValue = sql`${indicatorFacts.value} = excluded.value and ${indicatorFacts.needsConfirmation}`;
    await db
      .insert(indicatorFacts)
      .values(row)
      .onConflictDoUpdate({
        target: [indicatorFacts.indicatorId, indicatorFacts.agencyId, indicatorFacts.periodId, indicatorFacts.source],
        set: {
          value,
          state,
          sourceId: v.id,
          recordedAt: row.recordedAt,
          needsConfirmation,
          confirmedAt: sql`case when ${sameValue} then ${indicatorFacts.confirmedAt} end`,
          confirmedById: sql`case when ${sameValue} then ${indicatorFacts.confirmedById} end`,
        },
      });
    written.push(item.indicatorId);
  }
  // An answer removed during a correction removes its fact.
  await db.delete(indicatorFacts).where(written.length ? and(scope, notInArray(indicatorFacts.indicatorId, written)) : scope);
  return written.length;
}
