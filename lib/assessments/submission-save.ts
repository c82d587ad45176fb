// Saving an agency's assessment form under an optimistic lock; with intent endorse or resubmit the same
// transaction also takes the workflow step (submissions.ts).
import "server-only";
import { and, eq, inArray, sql } from "drizzle-orm";
import type { Queryable, Transaction } from "@/db/client";
import { getDb } from "@/db/client";
import { agencyComponents, assessmentTemplates, periods, submissionEvents, submissions, submissionValues, type Submission } from "@/db/schema";
import { getActiveTemplate, listTemplateItems, toFormItem, type TemplateItemRow } from "@/db/queries/assessment-items";
import { getAgencyReview } from "@/db/queries/review-levels";
import { recordAudit } from "@/lib/audit/record";
import { syncSubmissionFacts } from "@/lib/facts/write/submission-facts";
import type { Actor } from "@/core/auth/actor";
import { can } from "@/core/auth/permissions";
import { isAgencyRole } from "@/core/enums";
import { ForbiddenError, NotFoundError } from "@/core/errors";
import { storedFields } from "@/core/assessments/stored-fields";
import type { SubmissionAction, SubmissionStatus } from "@/core/assessments/enums";
import { isImplausible, type ParsedForm } from "@/core/assessments/form-schema";
import { checkTransition } from "@/core/assessments/workflow";
import { assertPeriodOpen, throwRefusal, validateForm } from "./submission-checks";
import { conflictFor } from "./submission-conflicts";
import { applyTransition } from "./submissions";

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
  /** Whether this save created the submission. */
  created: boolean;
}

/** Agency roles act only within their agency; anything else looks like it does not exist. */
function assertOwnAgency(actor: Actor, agencyId: number): void {
  if (!isAgencyRole(actor.role) || actor.agencyId !== agencyId) throw new NotFoundError("submission");
}

/** The fields whose stored text changed, from what to what. */
function diffFields(before: Record<string, string>, after: Record<string, string>): Record<string, { from: string | null; to: string | null }> {
  const changes: Record<string, { from: string | null; to: string | null }> = {};
  for (const key of new Set([...Object.keys(before), ...Object.keys(after)])) {
    if ((before[key] ?? "") !== (after[key] ?? "")) changes[key] = { from: before[key] ?? null, to: after[key] ?? null };
  }
  return changes;
}

/** The quarter, the template and its items that the agency's form is saved against. */
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
  const parsed = validateForm(items, options.fields, options.intent === "save" ? "draft" : "complete", options.intent === "save" ? "validation" : "incomplete");

  return db.transaction(async (tx) => {
    const { current, created } = await lockOrCreateSubmission(tx, actor, options, template.id);
    const refusal = checkTransition({ action: "save", status: current.status, actor, submissionAgencyId: current.agencyId });
    if (refusal) throwRefusal(refusal);
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
    return { submissionId: result.id, version: result.version, status: result.status, warnings, created };
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

/** Stores each item's answer and note (removing emptied ones) in two statements; returns the items whose values look implausible. */
async function writeValues(tx: Transaction, submissionId: number, items: readonly TemplateItemRow[], parsed: ParsedForm): Promise<number[]> {
  const warnings: number[] = [];
  const emptied: number[] = [];
  const rows: (typeof submissionValues.$inferInsert)[] = [];
  for (const item of items) {
    const answer = parsed.answers.get(item.id);
    const note = parsed.notes.get(item.id) ?? null;
    if (!answer && !note) {
      emptied.push(item.id);
      continue;
    }
    const outOfRange = isImplausible(toFormItem(item), answer?.numericValue ?? null);
    if (outOfRange) warnings.push(item.id);
    rows.push({
      submissionId,
      itemId: item.id,
      numericValue: answer?.numericValue == null ? null : String(answer.numericValue),
      levelValue: answer?.levelValue ?? null,
      booleanValue: answer?.booleanValue ?? null,
      textValue: answer?.textValue ?? null,
      note,
      outOfRange,
      outOfRangeReason: outOfRange ? (parsed.reasons.get(item.id) ?? null) : null,
    });
  }
  if (emptied.length) await tx.delete(submissionValues).where(and(eq(submissionValues.submissionId, submissionId), inArray(submissionValues.itemId, emptied)));
  if (rows.length) {
    await tx
      .insert(submissionValues)
      .values(rows)
      .onConflictDoUpdate({
        target: [submissionValues.submissionId, submissionValues.itemId],
        set: {
          numericValue: sql`excluded.numeric_value`,
          levelValue: sql`excluded.level_value`,
          booleanValue: sql`excluded.boolean_value`,
          textValue: sql`excluded.text_value`,
          note: sql`excluded.note`,
          outOfRange: sql`excluded.out_of_range`,
          outOfRangeReason: sql`excluded.out_of_range_reason`,
        },
      });
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
