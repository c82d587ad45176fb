import "server-only";
import { and, eq, inArray, sql } from "drizzle-orm";
import type { Transaction } from "@/db/client";
import { agencies, components, users, type Submission } from "@/db/schema";
import type { AgencyReview } from "@/db/queries/review-levels";
import { notifyUsers } from "@/lib/notifications/notify";
import type { SubmissionAction } from "@/core/assessments/enums";

/**
 * Who hears of a step: the agency's officers and head of a return to them or an approval; the reviewers
 * of the intermediate level of what now waits for them (sent up, or sent back to them by DGA).
 */
export async function notifyForTransition(tx: Transaction, submission: Submission, action: SubmissionAction, periodCode: string, reason: string | null, review: AgencyReview) {
  const toReviewers = submission.status === "submitted" && review.level !== "none";
  const kind = toReviewers
    ? "submission_review_needed"
    : submission.status === "returned" && (action === "return" || action === "reopen")
      ? "submission_returned"
      : action === "approve"
        ? "submission_approved"
        : null;
  if (!kind) return;
  const [info] = await tx
    .select({ agencyCode: agencies.code, agencyNameTh: agencies.nameTh, agencyNameEn: agencies.nameEn, componentCode: components.code, componentNameTh: components.nameTh, componentNameEn: components.nameEn })
    .from(agencies)
    .innerJoin(components, eq(components.id, submission.componentId))
    .where(eq(agencies.id, submission.agencyId));
  const recipients = await tx
    .select({ id: users.id })
    .from(users)
    .where(
      and(
        eq(users.active, true),
        toReviewers
          ? review.level === "ministry"
            ? and(sql`${users.role}::text = 'ministry_reviewer'`, eq(users.agencyId, review.ministryId ?? -1))
            : and(sql`${users.role}::text = 'province_reviewer'`, eq(users.province, review.province ?? ""))
          : and(eq(users.agencyId, submission.agencyId), inArray(users.role, ["agency_officer", "agency_head"])),
      ),
    );
  await notifyUsers(tx, {
    userIds: recipients.map((r) => r.id),
    kind,
    payload: { period: periodCode, component: info!.componentNameTh, componentEn: info!.componentNameEn, agency: info!.agencyNameTh, agencyEn: info!.agencyNameEn, reason: reason ?? "" },
    path: `/submissions/${info!.agencyCode}/${periodCode}/${info!.componentCode}`,
  });
}
