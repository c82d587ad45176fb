// What both the save and the workflow steps refuse: a step the workflow does not allow, a closed quarter,
// a form that does not validate.
import "server-only";
import type { periods } from "@/db/schema";
import { toFormItem, type TemplateItemRow } from "@/db/queries/assessment-items";
import { ConflictError, ForbiddenError, NotFoundError, ValidationError } from "@/core/errors";
import { todayInBangkok } from "@/core/fiscal/calendar";
import { periodPhase } from "@/core/fiscal/period-phase";
import { buildFormSchema, toFieldErrors, type ParsedForm } from "@/core/assessments/form-schema";
import type { checkTransition } from "@/core/assessments/workflow";

/** Throws the error that stands for the workflow's refusal of a step. */
export function throwRefusal(refusal: ReturnType<typeof checkTransition>): never {
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

/** Agencies work on a quarter only while it is open: not before its first day, not after it closed. */
export function assertPeriodOpen(period: typeof periods.$inferSelect) {
  const phase = periodPhase(period, todayInBangkok());
  if (phase === "upcoming") throw new ConflictError("period_upcoming");
  if (phase === "closed") throw new ConflictError("period_closed");
}

/** The form fields parsed against the template's items, as a draft or complete; every field error at once. */
export function validateForm(items: TemplateItemRow[], fields: Record<string, unknown>, mode: "draft" | "complete", code = "validation"): ParsedForm {
  const parsed = buildFormSchema(items.map(toFormItem), mode).safeParse(fields);
  if (!parsed.success) throw new ValidationError(toFieldErrors(parsed.error), code);
  return parsed.data;
}
