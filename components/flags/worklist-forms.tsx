"use client";

import { useTranslations } from "next-intl";
import { useState, type ReactNode } from "react";
import { updatePriorityWeightsAction } from "@/app/admin/rules/actions";
import { bulkFollowUpAction, openGroupCaseAction, updateGroupCaseAction } from "@/app/lagging/actions";
import { useActionForm } from "@/components/ui/use-action-form";
import { DateInput } from "@/components/forms/date-input";
import { AssigneeAndDueFields, Feedback, FieldError, formKey } from "./case-forms";

type Analysts = { id: number; name: string }[];

/**
 * The worklist's agency rows with a tick box each (the children) and one action for the ticked rows:
 * assign, set a due date, or waive with a reason.
 */
export function BulkFollowUpForm({ periodId, analysts, children }: { periodId: number; analysts: Analysts; children: ReactNode }) {
  const t = useTranslations("worklist");
  const { state, formAction, pending, values } = useActionForm(bulkFollowUpAction);
  const [action, setAction] = useState(values.action ?? "assign");
  return (
    <form action={formAction} noValidate aria-labelledby="bulk-heading">
      <input type="hidden" name="periodId" value={periodId} />
      {children}
      <fieldset className="card bulk-actions">
        <legend id="bulk-heading">{t("bulk.title")}</legend>
        <div aria-live="polite">
          {state.status === "success" ? <p className="alert alert--info">{t("bulk.done", { cases: state.data.cases, opened: state.data.opened })}</p> : <Feedback state={state} okKey="caseSaved" />}
        </div>
        <FieldError state={state} name="agencyIds" id="agencyIds-error" />
        <div className="grid admin-grid">
          <div className="field">
            <label htmlFor="bulk-action">{t("bulk.action")}</label>
            <select id="bulk-action" name="action" value={action} onChange={(e) => setAction(e.target.value)}>
              <option value="assign">{t("bulk.assign")}</option>
              <option value="due">{t("bulk.due")}</option>
              <option value="waive">{t("bulk.waive")}</option>
            </select>
          </div>
          {action === "assign" && (
            <div className="field">
              <label htmlFor="bulk-assignee">{t("bulk.assignee")}</label>
              <select id="bulk-assignee" name="assigneeId" defaultValue={values.assigneeId ?? ""} aria-describedby="bulk-assignee-error">
                <option value="">–</option>
                {analysts.map((a) => (
                  <option key={a.id} value={a.id}>
                    {a.name}
                  </option>
                ))}
              </select>
              <FieldError state={state} name="assigneeId" id="bulk-assignee-error" />
            </div>
          )}
          {action === "due" && (
            <div className="field">
              <label htmlFor="bulk-due">{t("bulk.dueOn")}</label>
              <DateInput id="bulk-due" name="dueOn" defaultValue={values.dueOn ?? ""} aria-describedby="bulk-due-error" />
              <FieldError state={state} name="dueOn" id="bulk-due-error" />
            </div>
          )}
          {action === "waive" && (
            <div className="field">
              <label htmlFor="bulk-reason">{t("bulk.reason")}</label>
              <textarea id="bulk-reason" name="reason" rows={2} defaultValue={values.reason} aria-describedby="bulk-reason-error" />
              <FieldError state={state} name="reason" id="bulk-reason-error" />
            </div>
          )}
        </div>
        <button type="submit" className="btn" disabled={pending}>
          {t("bulk.apply")}
        </button>
      </fieldset>
    </form>
  );
}

/** "Open a case for this ministry (or province)" on a roll-up row. */
export function OpenGroupCaseForm({ periodId, scope, scopeKey, label }: { periodId: number; scope: "ministry" | "province"; scopeKey: string; label: string }) {
  const t = useTranslations("worklist");
  const { state, formAction, pending } = useActionForm(openGroupCaseAction);
  if (state.status === "success") {
    return (
      <a href={`/cases/group/${state.data.groupId}`}>
        {t("groupCase.opened", { id: state.data.groupId, parts: state.data.parts, flags: state.data.flags })}
      </a>
    );
  }
  return (
    <form action={formAction}>
      <input type="hidden" name="periodId" value={periodId} />
      <input type="hidden" name="scope" value={scope} />
      <input type="hidden" name="key" value={scopeKey} />
      <button type="submit" className="btn btn--secondary" disabled={pending} aria-label={t(`groupCase.openFor`, { name: label })}>
        {t(`groupCase.open.${scope}`)}
      </button>
      <Feedback state={state} okKey="caseOpened" />
    </form>
  );
}

/** The ministry's or province's case: assignee and due date (passed to the parts), waive all, note. */
export function UpdateGroupCaseForm(props: { groupId: number; version: number; status: string; assigneeId: number | null; dueOn: string | null; plannedActions: string | null; analysts: Analysts; statusOptions: { value: string; label: string }[] }) {
  const t = useTranslations("flags");
  const tw = useTranslations("worklist");
  const { state, formAction, pending, values } = useActionForm(updateGroupCaseAction);
  return (
    <form action={formAction} className="card" noValidate key={formKey(state, `g${props.version}`)}>
      <h2>{tw("groupCase.update")}</h2>
      <Feedback state={state} okKey="caseSaved" />
      <input type="hidden" name="groupId" value={props.groupId} />
      <input type="hidden" name="version" value={props.version} />
      <div className="grid admin-grid">
        <div className="field">
          <label htmlFor="g-status">{t("status")}</label>
          <select id="g-status" name="status" defaultValue={values.status ?? props.status}>
            {props.statusOptions.map((o) => (
              <option key={o.value} value={o.value}>
                {o.label}
              </option>
            ))}
          </select>
          <FieldError state={state} name="status" id="g-status-error" />
        </div>
        <AssigneeAndDueFields idPrefix="g" state={state} analysts={props.analysts} assigneeId={values.assigneeId ?? (props.assigneeId ? String(props.assigneeId) : "")} dueOn={values.dueOn ?? props.dueOn ?? ""} />
      </div>
      <p className="field-hint">{tw("groupCase.cascadeHint")}</p>
      <div className="field">
        <label htmlFor="g-actions">{t("plannedActions")}</label>
        <textarea id="g-actions" name="plannedActions" rows={2} defaultValue={values.plannedActions ?? props.plannedActions ?? ""} />
      </div>
      <div className="field">
        <label htmlFor="g-resolution">{tw("groupCase.waiveReason")}</label>
        <textarea id="g-resolution" name="resolution" rows={2} defaultValue={values.resolution} aria-describedby="g-resolution-error" />
        <FieldError state={state} name="resolution" id="g-resolution-error" />
      </div>
      <div className="field">
        <label htmlFor="g-note">{t("note")}</label>
        <textarea id="g-note" name="note" rows={2} defaultValue={values.note} />
      </div>
      <button type="submit" className="btn" disabled={pending}>
        {t("save")}
      </button>
    </form>
  );
}

const WEIGHT_FIELDS = ["severity.low", "severity.medium", "severity.high", "severity.critical", "openFlags", "budget", "recurrence", "age"] as const;

/** The worklist's weights (admins): every save a new version. */
export function PriorityWeightsForm({ version, weights }: { version: number; weights: Record<(typeof WEIGHT_FIELDS)[number], number> }) {
  const t = useTranslations("worklist.weights");
  const tErr = useTranslations("flags.errors");
  const { state, formAction, pending, values } = useActionForm(updatePriorityWeightsAction);
  const fieldError = (name: string) => (state.status === "error" ? state.fieldErrors?.[`weights.${name}`] : undefined);
  return (
    <form action={formAction} noValidate key={state.status === "success" ? `v${state.data.version}` : formKey(state, "w")}>
      <input type="hidden" name="version" value={version} />
      <div aria-live="polite">
        {state.status === "success" && <p className="alert alert--info">{t("saved", { version: state.data.version })}</p>}
        {state.status === "error" && <p className="alert alert--error">{tErr.has(state.error) ? tErr(state.error) : tErr("generic")}</p>}
      </div>
      <div className="grid admin-grid">
        {WEIGHT_FIELDS.map((name) => {
          const id = `w-${name.replace(".", "-")}`;
          return (
            <div className="field" key={name}>
              <label htmlFor={id}>{t(`field.${name}`)}</label>
              <input id={id} name={`weights.${name}`} type="number" step="any" inputMode="decimal" defaultValue={values[`weights.${name}`] ?? String(weights[name])} aria-describedby={`${id}-error`} aria-invalid={fieldError(name) ? true : undefined} />
              <p className="field-error" id={`${id}-error`} aria-live="polite">
                {fieldError(name) ? tErr("weight_out_of_range") : ""}
              </p>
            </div>
          );
        })}
      </div>
      <button type="submit" className="btn" disabled={pending}>
        {t("save")}
      </button>
    </form>
  );
}
