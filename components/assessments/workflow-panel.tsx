"use client";

import { useTranslations } from "next-intl";
import type { ReactNode } from "react";
import { transitionAction } from "@/app/submissions/actions";
import { REVIEW_REASONS, type SubmissionStatus } from "@/core/assessments/enums";
import type { IntermediateLevel } from "@/core/assessments/review-chain";
import type { PanelAction } from "@/core/assessments/workflow";
import type { ActionState } from "@/lib/http/action";
import { useActionForm } from "@/components/ui/use-action-form";
import { Field } from "@/components/ui/field";

interface Props {
  submissionId: number;
  version: number;
  path: string;
  actions: PanelAction[];
  /** Where a return sends it: the agency, or (a DGA return, as the chain says) back to the intermediate level. */
  returnsTo: "agency" | IntermediateLevel;
  /** Fields a reviewer can comment on: items and narrative fields. */
  reviewFields: { key: string; label: string }[];
}

/** The workflow buttons that carry no form values; each is its own small form. */
export function WorkflowPanel({ submissionId, version, path, actions, returnsTo, reviewFields }: Props) {
  const t = useTranslations("submissions");
  const { state, formAction, pending } = useActionForm<ActionState<{ status: SubmissionStatus; version: number }>>(transitionAction);
  if (!actions.length) return null;
  const values = state.status === "error" ? (state.values ?? {}) : {};
  const reasonError = state.status === "error" ? state.fieldErrors?.reason : undefined;
  // "required" is the usual one; a reason too long or holding a NUL says so.
  const reasonText = (code: string) => (code !== "required" && t.has(`errors.${code}`) ? t(`errors.${code}`) : t("errors.reason_required"));
  const hidden = (
    <>
      <input type="hidden" name="submissionId" value={submissionId} />
      <input type="hidden" name="version" value={version} />
      <input type="hidden" name="path" value={path} />
    </>
  );
  return (
    <section className="card assess-workflow" aria-labelledby="workflow-heading">
      <h2 id="workflow-heading">{t("workflow.title")}</h2>
      <div aria-live="polite">
        {state.status === "error" && (
          <div className="alert alert--error" role="alert">
            {reasonError ? reasonText(reasonError[0]!) : t.has(`errors.${state.error}`) ? t(`errors.${state.error}`) : t("errors.internal")}
          </div>
        )}
        {state.status === "success" && (
          <div className="alert alert--info" role="status">
            {t(`saved.${state.data.status}`)}
          </div>
        )}
      </div>
      {(actions.includes("submit") || actions.includes("approve") || actions.includes("verify")) && (
        <form action={formAction} className="assess-actions">
          {hidden}
          {actions.includes("submit") && (
            <button className="btn" name="action" value="submit" disabled={pending}>
              {t("workflow.submit")}
            </button>
          )}
          {actions.includes("verify") && (
            <button className="btn" name="action" value="verify" disabled={pending}>
              {t("workflow.verify")}
            </button>
          )}
          {actions.includes("approve") && (
            <button className="btn" name="action" value="approve" disabled={pending}>
              {t("workflow.approve")}
            </button>
          )}
        </form>
      )}
      {(["return_to_officer", "reopen"] as const)
        .filter((a) => actions.includes(a))
        .map((action) => (
          <form action={formAction} key={action} className="assess-reason-form">
            {hidden}
            <input type="hidden" name="action" value={action} />
            <Field id={`reason-${action}`} label={t(`workflow.${action}Reason`)} error={values.action === action && reasonError ? reasonText(reasonError[0]!) : ""} errorAs="p" invalid={false}>
              {(control) => <textarea {...control} name="reason" rows={2} defaultValue={values.reason} required />}
            </Field>
            <button className="btn btn--secondary" disabled={pending}>
              {t(`workflow.${action}`)}
            </button>
          </form>
        ))}
      {actions.includes("return") && <ReturnForm formAction={formAction} pending={pending} hidden={hidden} values={values} reviewFields={reviewFields} returnsTo={returnsTo} />}
    </section>
  );
}

/** Returning a submission with a reason and comment for the whole and for each field. */
function ReturnForm({ formAction, pending, hidden, values, reviewFields, returnsTo }: { formAction: (data: FormData) => void; pending: boolean; hidden: ReactNode; values: Record<string, string>; reviewFields: Props["reviewFields"]; returnsTo: Props["returnsTo"] }) {
  const t = useTranslations("submissions");
  return (
    <form action={formAction} className="assess-return-form">
      {hidden}
      <input type="hidden" name="action" value="return" />
      <h3>{t("workflow.returnTitle")}</h3>
      <p className="field-hint">{t("workflow.returnHint")}</p>
      {[{ key: "overall", label: t("workflow.overall") }, ...reviewFields].map((field) => (
        <div className="assess-return-row" key={field.key}>
          <label htmlFor={`comment-${field.key}`}>{field.label}</label>
          <select name={`reasonCode.${field.key}`} aria-label={t("workflow.reasonCode", { field: field.label })} defaultValue={values[`reasonCode.${field.key}`] ?? "incorrect_value"}>
            {REVIEW_REASONS.map((r) => (
              <option key={r} value={r}>
                {t(`reasons.${r}`)}
              </option>
            ))}
          </select>
          <input type="text" id={`comment-${field.key}`} name={`comment.${field.key}`} defaultValue={values[`comment.${field.key}`]} />
        </div>
      ))}
      <button className="btn btn--secondary" disabled={pending}>
        {returnsTo === "agency" || returnsTo === "none" ? t("workflow.return") : t("workflow.returnUp", { level: returnsTo })}
      </button>
    </form>
  );
}
