// A submission's workflow steps after saving: endorse, submit, verify, return, approve, reopen…; saving the
// form (and moving on with it in one transaction) is submission-save.ts.
import "server-only";
import { and, eq, isNull } from "drizzle-orm";
import type { Transaction } from "@/db/client";
import { getDb } from "@/db/client";
import { periods, reviewComments, submissionEvents, submissions, submissionValues, type Submission } from "@/db/schema";
import { listTemplateItems } from "@/db/queries/assessment-items";
import { getAgencyReview, reviewContextOf, reviewerCovers, type AgencyReview } from "@/db/queries/review-levels";
import { recordAudit } from "@/lib/audit/record";
import { afterFactsChanged } from "@/lib/facts/after-change";
import { syncSubmissionFacts } from "@/lib/facts/write/submission-facts";
import type { Actor } from "@/core/auth/actor";
import { can } from "@/core/auth/permissions";
import { isAgencyRole, isReviewerRole } from "@/core/enums";
import { NotFoundError, ValidationError } from "@/core/errors";
import { todayInBangkok } from "@/core/fiscal/calendar";
import { storedFields } from "@/core/assessments/stored-fields";
import type { NarrativeField, ReviewReason, SubmissionAction } from "@/core/assessments/enums";
import { checkTransition, nextStatus, TRANSITIONS, type ReviewContext } from "@/core/assessments/workflow";
import { assertPeriodOpen, throwRefusal, validateForm } from "./submission-checks";
import { conflictFor } from "./submission-conflicts";
import { notifyForTransition } from "./submission-notifications";

export interface ReturnComment {
  itemId: number | null;
  field: NarrativeField | null;
  reason: ReviewReason;
  comment: string;
}

export interface TransitionOptions {
  submissionId: number;
  action: Exclude<SubmissionAction, "save">;
  /** The version the actor saw; a newer one means someone acted in between. */
  version: number;
  reason?: string | null;
  comments?: ReturnComment[];
}

/** Every workflow step other than saving: endorse, return to officer, submit, resubmit, verify, return, approve, reopen. */
export async function transitionSubmission(actor: Actor, options: TransitionOptions): Promise<Submission> {
  const db = getDb();
  const updated = await db.transaction(async (tx) => {
    const [current] = await tx.select().from(submissions).where(eq(submissions.id, options.submissionId)).for("update");
    if (!current) throw new NotFoundError("submission");
    // Agency roles and reviewers learn nothing about submissions outside their scope, not even that they exist.
    if (isAgencyRole(actor.role) && actor.agencyId !== current.agencyId) throw new NotFoundError("submission");
    if (!isAgencyRole(actor.role) && !can(actor, "submission.view")) throw new NotFoundError("submission");
    const review = await getAgencyReview(tx, current.agencyId);
    if (isReviewerRole(actor.role) && !reviewerCovers(actor, review)) throw new NotFoundError("submission");
    const refusal = checkTransition({ action: options.action, status: current.status, actor, submissionAgencyId: current.agencyId, review: reviewContextOf(actor, review) });
    if (refusal) throwRefusal(refusal);
    if (current.version !== options.version) {
      throw await conflictFor(tx, current.agencyId, current.periodId, current.componentId, options.version);
    }
    const [period] = await tx.select().from(periods).where(eq(periods.id, current.periodId));
    return applyTransition(tx, actor, current, options.action, { period: period!, review, reason: options.reason, comments: options.comments });
  });
  // Submitting changes timeliness, approving (or reopening) changes which figures count: re-evaluate.
  if (options.action === "submit" || options.action === "approve" || options.action === "reopen") {
    await afterFactsChanged(actor, { periodIds: [updated.periodId], agencyIds: [updated.agencyId] });
  }
  return updated;
}

/** One workflow step inside the caller's transaction: checked, applied, recorded with its event, comments, audit entry and notifications. */
export async function applyTransition(
  tx: Transaction,
  actor: Actor,
  current: Submission,
  action: Exclude<SubmissionAction, "save">,
  context: { period: typeof periods.$inferSelect; review: AgencyReview; reason?: string | null; comments?: ReturnComment[] },
): Promise<Submission> {
  const transition = TRANSITIONS[action];
  const review: ReviewContext = reviewContextOf(actor, context.review);
  const refusal = checkTransition({ action, status: current.status, actor, submissionAgencyId: current.agencyId, review });
  if (refusal) throwRefusal(refusal);
  const reason = context.reason?.trim() || null;
  const comments = (context.comments ?? []).filter((c) => c.comment.trim());
  if (transition.agencySide) assertPeriodOpen(context.period);
  if (action === "return" && !comments.length && !reason) throw new ValidationError({ reason: ["required"] });
  else if (transition.reasonRequired && action !== "return" && !reason) throw new ValidationError({ reason: ["required"] });
  if (comments.some((c) => c.itemId !== null)) {
    // A forged item id from another template would attach a comment to nothing the agency can see.
    const items = await listTemplateItems(tx, current.templateId, current.periodId, current.agencyId);
    const known = new Set(items.map((i) => i.id));
    if (comments.some((c) => c.itemId !== null && !known.has(c.itemId))) throw new ValidationError({ comments: ["unknown_item"] });
  }
  if (transition.requiresComplete) {
    // Re-validate what is stored with the same schema the form uses: nothing incomplete reaches DGA.
    const items = await listTemplateItems(tx, current.templateId, current.periodId, current.agencyId);
    const values = await tx.select().from(submissionValues).where(eq(submissionValues.submissionId, current.id));
    validateForm(items, storedFields(current, values), "complete", "incomplete");
  }

  const now = new Date();
  const to = nextStatus(action, current.status, review);
  const patch: Partial<typeof submissions.$inferInsert> = { status: to, version: current.version + 1, statusChangedAt: now, updatedById: actor.id };
  if (action === "endorse") Object.assign(patch, { endorsedAt: now, endorsedById: actor.id });
  if (action === "submit" || action === "resubmit") {
    Object.assign(patch, { submittedAt: now, submittedById: actor.id });
    if (!current.firstSubmittedAt) {
      // Lateness is decided by the first submission to DGA: fixing a return later is not "late".
      Object.assign(patch, { firstSubmittedAt: now, late: todayInBangkok(now) > context.period.dueOn });
    }
  }
  if (action === "return" || action === "reopen") patch.returnedAt = now;
  if (action === "approve") Object.assign(patch, { approvedAt: now, approvedById: actor.id });
  if (action === "reopen") Object.assign(patch, { approvedAt: null, approvedById: null });

  const [updated] = await tx.update(submissions).set(patch).where(eq(submissions.id, current.id)).returning();
  const [event] = await tx
    .insert(submissionEvents)
    .values({ submissionId: current.id, action, fromStatus: current.status, toStatus: to, actorId: actor.id, reason, at: now })
    .returning({ id: submissionEvents.id });
  // The agency's resubmission answers the open comments; so does the intermediate level's verification of
  // what DGA sent back to it.
  if (action === "resubmit" || action === "verify") {
    await tx.update(reviewComments).set({ resolvedAt: now }).where(and(eq(reviewComments.submissionId, current.id), isNull(reviewComments.resolvedAt)));
  }
  if (action === "return" && comments.length) {
    await tx.insert(reviewComments).values(
      comments.map((c) => ({ submissionId: current.id, itemId: c.itemId, field: c.field, reason: c.reason, comment: c.comment.trim(), authorId: actor.id, eventId: event!.id })),
    );
  }
  await syncSubmissionFacts(tx, updated!);
  await recordAudit(tx, actor, {
    action: `submission.${action}`,
    entityType: "submission",
    entityId: current.id,
    before: { status: current.status, version: current.version },
    after: { status: to, version: updated!.version, reason, late: updated!.late, comments: comments.length || undefined },
  });
  await notifyForTransition(tx, updated!, action, context.period.code, reason, context.review);
  return updated!;
}
