"use server";

import { revalidatePath } from "next/cache";
import { z } from "zod";
import { recordId } from "@/core/parse/ids";
import { NARRATIVE_FIELDS, REVIEW_REASONS, SUBMISSION_ACTIONS } from "@/core/assessments/enums";
import { saveSubmission } from "@/lib/assessments/submission-save";
import { transitionSubmission, type ReturnComment } from "@/lib/assessments/submissions";
import { createFormAction } from "@/lib/http/action";
import { confirmHeldFigure } from "@/lib/facts/write/confirm-figure";

const id = recordId;

// The form's own fields are validated by the template's schema inside the service (it depends on the
// template); here only the envelope is checked.
const saveInput = z.looseObject({
  agencyId: id,
  periodId: id,
  componentId: id,
  version: z.coerce.number().int().min(0),
  intent: z.enum(["save", "endorse", "resubmit"]),
  path: z.string().startsWith("/submissions/"),
});

export const saveSubmissionAction = createFormAction({ permission: "submission.edit", input: saveInput }, async (input, actor) => {
  const { agencyId, periodId, componentId, version, intent, path, ...fields } = input;
  const result = await saveSubmission(actor, { agencyId, periodId, componentId, version, intent, fields });
  // A draft saved again changes only its version on the page, which the form hands to the page's other
  // parts (components/assessments/submission-version.tsx): no second render of the page in the answer.
  // A first save (the evidence panel appears), a step, or a returned form's save (its figures count again)
  // renders the page anew.
  if (!(intent === "save" && !result.created && result.status === "draft")) revalidatePath(path);
  return result;
});

const transitionInput = z.looseObject({
  submissionId: id,
  version: id,
  action: z.enum(SUBMISSION_ACTIONS).exclude(["save"]),
  reason: z.string().max(2000).optional(),
  path: z.string().startsWith("/submissions/"),
});

/**
 * Workflow buttons without form values (submit, return to officer, approve, return, reopen). The
 * permission here is only the door; the service decides per action, status and agency.
 */
export const transitionAction = createFormAction({ permission: "submission.view", input: transitionInput }, async (input, actor) => {
  const comments: ReturnComment[] = [];
  if (input.action === "return") {
    // Per-field comments arrive as comment.item.<id> / reasonCode.item.<id>, comment.field.<name>, comment.overall.
    for (const [key, value] of Object.entries(input)) {
      const match = /^comment\.(item\.(\d+)|field\.(\w+)|overall)$/.exec(key);
      if (!match || typeof value !== "string" || !value.trim()) continue;
      const reasonCode = String(input[key.replace(/^comment/, "reasonCode")] ?? "other");
      const reason = (REVIEW_REASONS as readonly string[]).includes(reasonCode) ? (reasonCode as ReturnComment["reason"]) : "other";
      const field = match[3] && (NARRATIVE_FIELDS as readonly string[]).includes(match[3]) ? (match[3] as ReturnComment["field"]) : null;
      if (match[3] && !field) continue;
      comments.push({ itemId: match[2] ? Number(match[2]) : null, field, reason, comment: value.slice(0, 2000) });
    }
  }
  const updated = await transitionSubmission(actor, { submissionId: input.submissionId, action: input.action, version: input.version, reason: input.reason ?? null, comments });
  revalidatePath(input.path);
  return { status: updated.status, version: updated.version };
});

const confirmInput = z.object({
  factId: id,
  note: z.string().trim().min(1).max(1000),
  path: z.string().startsWith("/submissions/"),
});

/** An analyst confirms a value held as implausible: it counts from now on. */
export const confirmHeldFigureAction = createFormAction({ permission: "facts.confirm", input: confirmInput }, async (input, actor) => {
  const result = await confirmHeldFigure(actor, { factId: input.factId, note: input.note });
  revalidatePath(input.path);
  return { factId: result.factId };
});
