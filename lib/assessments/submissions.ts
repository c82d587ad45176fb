import "server-only";
import { and, asc, eq, gt, inArray, isNull, sql } from "drizzle-orm";
import type { Queryable, Transaction } from "@/db/client";
import { getDb } from "@/db/client";
import {
  agencies,
  agencyComponents,
  assessmentTemplates,
  auditLog,
  components,
  periods,
  reviewComments,
  submissionEvents,
  submissions,
  submissionValues,
  users,
  type Submission,
} from "@/db/schema";
import { getActiveTemplate, listTemplateItems, toFormItem, type TemplateItemRow } from "@/db/queries/assessment-items";
import { recordAudit } from "@/lib/audit/record";
import type { Actor } from "@/core/auth/actor";
import { can } from "@/core/auth/permissions";
import { isAgencyRole, isReviewerRole } from "@/core/enums";
import { ConflictError, ForbiddenError, NotFoundError, ValidationError } from "@/core/errors";
import { todayInBangkok } from "@/core/fiscal/calendar";
import { periodPhase } from "@/core/fiscal/period-phase";
import { storedFields } from "@/core/assessments/stored-fields";
import { notifyUsers } from "@/lib/notifications/notify";
import type { NarrativeField, ReviewReason, SubmissionAction, SubmissionStatus } from "@/core/assessments/enums";
import { buildFormSchema, isImplausible, toFieldErrors, type ParsedForm } from "@/core/assessments/form-schema";
import { syncSubmissionFacts } from "@/lib/facts/write/submission-facts";
import { checkTransition, nextStatus, TRANSITIONS, type ReviewContext } from "@/core/assessments/workflow";
import { getAgencyReview, reviewContextOf, reviewerCovers, type AgencyReview } from "@/db/queries/review-levels";
import { afterFactsChanged } from "@/lib/facts/after-change";

/** A stale version: carries what others changed since the form was loaded, so nothing is overwritten silently. */
export class SubmissionConflictError extends ConflictError {
  constructor(readonly detail: ConflictDetail) {
    super("stale_version");
  }
}

export interface ConflictDetail {
  currentVersion: number;
  status: SubmissionStatus;
  changedBy: string | null;
  changedAt: string | null;
  /** Form field keys (value.12, progress, …) and their current stored text. */
  changes: { field: string; value: string }[];
}

export interface SaveSubmissionOptions {
  agencyId: number;
  periodId: number;
  componentId: number;
  /** The version the form was loaded at; 0 when no submission existed yet. */
  version: number;
  /** The raw form fields (value.<item>, note.<item>, reason.<item>, progress, problems, support). */
  fields: Record<string, unknown>;
  /** save keeps the status; endorse and resubmit save and move on in the same transaction. */
  intent: Extract<SubmissionAction, "save" | "endorse" | "resubmit">;
}

export interface SaveResult {
  submissionId: number;
  version: number;
  status: SubmissionStatus;
  /** Item ids whose values are outside the plausible range (stored, with the reason if given). */
  warnings: number[];
}

/** Agency roles act only within their agency; anything else looks like it does not exist. */
function assertOwnAgency(actor: Actor, agencyId: number): void {
  if (!isAgencyRole(actor.role) || actor.agencyId !== agencyId) throw new NotFoundError("submission");
}

function refuse(refusal: ReturnType<typeof checkTransition>): never {
  switch (refusal) {
    case "forbidden":
      throw new ForbiddenError();
    case "other_agency":
      throw new NotFoundError("submission");
    case "locked":
      throw new ConflictError("locked");
    default:
      throw new ConflictError("invalid_transition");
  }
}

function diffFields(before: Record<string, string>, after: Record<string, string>): Record<string, { from: string | null; to: string | null }> {
  const changes: Record<string, { from: string | null; to: string | null }> = {};
  for (const key of new Set([...Object.keys(before), ...Object.keys(after)])) {
    if ((before[key] ?? "") !== (after[key] ?? "")) changes[key] = { from: before[key] ?? null, to: after[key] ?? null };
  }
  return changes;
}

/** Agencies work on a quarter only while it is open: not before its first day, not after it closed. */
function assertPeriodOpen(period: typeof periods.$inferSelect) {
  const phase = periodPhase(period, todayInBangkok());
  if (phase === "upcoming") throw new ConflictError("period_upcoming");
  if (phase === "closed") throw new ConflictError("period_closed");
}

async function loadContext(db: Queryable, periodId: number, componentId: number, agencyId: number) {
  const [period] = await db.select().from(periods).where(eq(periods.id, periodId)).limit(1);
  if (!period) throw new NotFoundError("period");
  const [tag] = await db
    .select()
    .from(agencyComponents)
    .where(and(eq(agencyComponents.agencyId, agencyId), eq(agencyComponents.componentId, componentId)))
    .limit(1);
  // Only agencies tagged with a component are expected to report on it.
  if (!tag) throw new NotFoundError("submission");
  // A submission keeps the template version it was created under; a new one takes the period's version.
  const [existing] = await db
    .select({ templateId: submissions.templateId })
    .from(submissions)
    .where(and(eq(submissions.agencyId, agencyId), eq(submissions.periodId, periodId), eq(submissions.componentId, componentId)))
    .limit(1);
  const template = existing
    ? (await db.select().from(assessmentTemplates).where(eq(assessmentTemplates.id, existing.templateId)).limit(1))[0]
    : await getActiveTemplate(db, componentId, periodId);
  if (!template) throw new NotFoundError("template");
  const items = await listTemplateItems(db, template.id, periodId, agencyId);
  return { period, template, items };
}

function validate(items: TemplateItemRow[], fields: Record<string, unknown>, mode: "draft" | "complete", code = "validation"): ParsedForm {
  const parsed = buildFormSchema(items.map(toFormItem), mode).safeParse(fields);
  if (!parsed.success) throw new ValidationError(toFieldErrors(parsed.error), code);
  return parsed.data;
}

/**
 * Saves the agency's form (creating the submission on first save) under an optimistic lock, and with
 * intent endorse/resubmit also moves it on — one transaction, so a failed validation saves nothing.
 */
export async function saveSubmission(actor: Actor, options: SaveSubmissionOptions): Promise<SaveResult> {
  if (!can(actor, "submission.edit")) throw new ForbiddenError();
  assertOwnAgency(actor, options.agencyId);
  const db = getDb();
  const { period, template, items } = await loadContext(db, options.periodId, options.componentId, options.agencyId);
  assertPeriodOpen(period);
  const parsed = validate(items, options.fields, options.intent === "save" ? "draft" : "complete", options.intent === "save" ? "validation" : "incomplete");

  return db.transaction(async (tx) => {
    const { current, created } = await lockOrCreateSubmission(tx, actor, options, template.id);
    const refusal = checkTransition({ action: "save", status: current.status, actor, submissionAgencyId: current.agencyId });
    if (refusal) refuse(refusal);
    if (current.version !== options.version) throw await conflictFor(tx, options.agencyId, options.periodId, options.componentId, options.version);

    const beforeValues = await tx.select().from(submissionValues).where(eq(submissionValues.submissionId, current.id));
    const before = storedFields(current, beforeValues);
    const warnings = await writeValues(tx, current.id, items, parsed);
    const saved = await saveVersion(tx, actor, current, parsed, before, created);
    if (saved.status === "returned") await syncSubmissionFacts(tx, saved);
    let result: Submission = saved;
    if (options.intent !== "save") {
      result = await applyTransition(tx, actor, saved, options.intent, { period, review: await getAgencyReview(tx, saved.agencyId) });
    }
    return { submissionId: result.id, version: result.version, status: result.status, warnings };
  });
}

/** The submission, locked for this transaction; created (as a draft, with its first event) on the first save. */
async function lockOrCreateSubmission(tx: Transaction, actor: Actor, options: SaveSubmissionOptions, templateId: number): Promise<{ current: Submission; created: boolean }> {
  const [current] = await tx
    .select()
    .from(submissions)
    .where(and(eq(submissions.agencyId, options.agencyId), eq(submissions.periodId, options.periodId), eq(submissions.componentId, options.componentId)))
    .for("update");
  if (current) return { current, created: false };
  if (options.version !== 0) throw new NotFoundError("submission");
  const [row] = await tx
    .insert(submissions)
    .values({
      agencyId: options.agencyId,
      periodId: options.periodId,
      componentId: options.componentId,
      templateId,
      status: "draft",
      version: 0,
      createdById: actor.id,
      updatedById: actor.id,
    })
    // Two first saves at once: the loser sees a conflict instead of a duplicate-key error.
    .onConflictDoNothing()
    .returning();
  if (!row) throw await conflictFor(tx, options.agencyId, options.periodId, options.componentId, 0);
  await tx.insert(submissionEvents).values({ submissionId: row.id, action: "save", fromStatus: null, toStatus: "draft", actorId: actor.id });
  return { current: row, created: true };
}

/** Stores each item's answer and note (removing emptied ones); returns the items whose values look implausible. */
async function writeValues(tx: Transaction, submissionId: number, items: readonly TemplateItemRow[], parsed: ParsedForm): Promise<number[]> {
  const warnings: number[] = [];
  const formItems = new Map(items.map((i) => [i.id, toFormItem(i)]));
  for (const item of items) {
    const answer = parsed.answers.get(item.id);
    const note = parsed.notes.get(item.id) ?? null;
    if (!answer && !note) {
      await tx.delete(submissionValues).where(and(eq(submissionValues.submissionId, submissionId), eq(submissionValues.itemId, item.id)));
      continue;
    }
    const outOfRange = isImplausible(formItems.get(item.id)!, answer?.numericValue ?? null);
    if (outOfRange) warnings.push(item.id);
    const values = {
      numericValue: answer?.numericValue == null ? null : String(answer.numericValue),
      levelValue: answer?.levelValue ?? null,
      booleanValue: answer?.booleanValue ?? null,
      textValue: answer?.textValue ?? null,
      note,
      outOfRange,
      outOfRangeReason: outOfRange ? (parsed.reasons.get(item.id) ?? null) : null,
    };
    await tx
      .insert(submissionValues)
      .values({ submissionId, itemId: item.id, ...values })
      .onConflictDoUpdate({ target: [submissionValues.submissionId, submissionValues.itemId], set: values });
  }
  return warnings;
}

/** The narrative and the next version, with the audit entry of what changed since `before`. */
async function saveVersion(tx: Transaction, actor: Actor, current: Submission, parsed: ParsedForm, before: Record<string, string>, created: boolean): Promise<Submission> {
  const afterValues = await tx.select().from(submissionValues).where(eq(submissionValues.submissionId, current.id));
  const narrative = {
    progressText: parsed.narrative.progress,
    problemsText: parsed.narrative.problems,
    supportText: parsed.narrative.support,
  };
  const changes = diffFields(before, storedFields(narrative, afterValues));
  const newVersion = current.version + 1;
  const [saved] = await tx
    .update(submissions)
    .set({ ...narrative, version: newVersion, updatedById: actor.id })
    .where(and(eq(submissions.id, current.id), eq(submissions.version, current.version)))
    .returning();
  await recordAudit(tx, actor, {
    action: created ? "submission.create" : "submission.save",
    entityType: "submission",
    entityId: current.id,
    // The version and field changes let a later conflicting save show what changed since its version.
    after: { version: newVersion, status: saved!.status, changes },
  });
  return saved!;
}

/** Builds the conflict error: what was saved by others after the version the form was loaded at. */
async function conflictFor(tx: Transaction, agencyId: number, periodId: number, componentId: number, baseVersion: number) {
  const [current] = await tx
    .select()
    .from(submissions)
    .where(and(eq(submissions.agencyId, agencyId), eq(submissions.periodId, periodId), eq(submissions.componentId, componentId)));
  if (!current) return new NotFoundError("submission");
  const entries = await tx
    .select({ after: auditLog.after, actorLabel: auditLog.actorLabel, at: auditLog.at })
    .from(auditLog)
    .where(
      and(
        eq(auditLog.entityType, "submission"),
        eq(auditLog.entityId, String(current.id)),
        inArray(auditLog.action, ["submission.create", "submission.save"]),
        gt(sql<number>`(${auditLog.after}->>'version')::int`, baseVersion),
      ),
    )
    .orderBy(asc(auditLog.id));
  const changed = new Map<string, string>();
  for (const entry of entries) {
    const changes = (entry.after as { changes?: Record<string, { to: string | null }> } | null)?.changes ?? {};
    for (const [field, change] of Object.entries(changes)) changed.set(field, change.to ?? "");
  }
  const last = entries.at(-1);
  const [editor] = current.updatedById ? await tx.select({ name: users.name }).from(users).where(eq(users.id, current.updatedById)) : [];
  return new SubmissionConflictError({
    currentVersion: current.version,
    status: current.status,
    changedBy: editor?.name ?? last?.actorLabel ?? null,
    changedAt: (last?.at ?? current.updatedAt).toISOString(),
    changes: [...changed.entries()].map(([field, value]) => ({ field, value })),
  });
}

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
    if (refusal) refuse(refusal);
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

async function applyTransition(
  tx: Transaction,
  actor: Actor,
  current: Submission,
  action: Exclude<SubmissionAction, "save">,
  context: { period: typeof periods.$inferSelect; review: AgencyReview; reason?: string | null; comments?: ReturnComment[] },
): Promise<Submission> {
  const transition = TRANSITIONS[action];
  const review: ReviewContext = reviewContextOf(actor, context.review);
  const refusal = checkTransition({ action, status: current.status, actor, submissionAgencyId: current.agencyId, review });
  if (refusal) refuse(refusal);
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
    validate(items, storedFields(current, values), "complete", "incomplete");
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

/**
 * Who hears of a step: the agency's officers and head of a return to them or an approval; the reviewers
 * of the intermediate level of what now waits for them (sent up, or sent back to them by DGA).
 */
async function notifyForTransition(tx: Transaction, submission: Submission, action: SubmissionAction, periodCode: string, reason: string | null, review: AgencyReview) {
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
