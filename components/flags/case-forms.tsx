"use client";

import { useTranslations } from "next-intl";
import { openCaseAction, recomputeFlagsAction, respondToCaseAction, updateCaseAction } from "@/app/lagging/actions";
import { useActionForm } from "@/components/ui/use-action-form";
import type { ActionState } from "@/lib/http/action";
import { DateInput } from "@/components/forms/date-input";

type SuccessKey = "recomputed" | "caseOpened" | "caseSaved" | "responseSent";

export function useFeedback(state: ActionState<unknown>, okKey: SuccessKey) {
  const t = useTranslations("flags");
  // Literal keys: the browser gets only the messages its components name (scripts/i18n/client-keys.ts).
  const success = { recomputed: t("recomputed"), caseOpened: t("caseOpened"), caseSaved: t("caseSaved"), responseSent: t("responseSent") };
  if (state.status === "success") return { ok: true, text: success[okKey] };
  if (state.status === "error") {
    const code = Object.values(state.fieldErrors ?? {})[0]?.[0] ?? state.error;
    return { ok: false, text: t.has(`errors.${code}`) ? t(`errors.${code}`) : t("errors.generic") };
  }
  return null;
}

/**
 * React resets a form after its action runs; remounting with the echoed values as defaults keeps what
 * the user typed (and chose) when the server refuses it.
 */
export function formKey(state: ActionState<unknown>, prefix: string): string {
  if (state.status === "error") return `${prefix}-error-${JSON.stringify(state.values ?? {})}`;
  return `${prefix}-${state.status}`;
}

export function Feedback({ state, okKey }: { state: ActionState<unknown>; okKey: SuccessKey }) {
  const message = useFeedback(state, okKey);
  return <div aria-live="polite">{message && <p className={message.ok ? "alert alert--info" : "alert alert--error"}>{message.text}</p>}</div>;
}

export function FieldError({ state, name, id }: { state: ActionState<unknown>; name: string; id: string }) {
  const t = useTranslations("flags");
  const codes = state.status === "error" ? state.fieldErrors?.[name] : undefined;
  return (
    <p className="field-error" id={id} aria-live="polite">
      {codes?.map((c) => (t.has(`errors.${c}`) ? t(`errors.${c}`) : c)).join(" ")}
    </p>
  );
}

export function RecomputeButton({ periodId }: { periodId: number }) {
  const t = useTranslations("flags");
  const { state, formAction: action, pending } = useActionForm(recomputeFlagsAction);
  return (
    <form action={action}>
      <input type="hidden" name="periodId" value={periodId} />
      <button type="submit" className="btn btn--secondary" disabled={pending}>
        {pending ? t("recomputing") : t("recompute")}
      </button>
      {state.status === "success" && (
        <p className="muted" role="status">
          {t("recomputed", { opened: state.data.opened + state.data.reopened, recovered: state.data.recovered })}
        </p>
      )}
      {state.status === "error" && <Feedback state={state} okKey="recomputed" />}
    </form>
  );
}

export interface FlagOption {
  id: number;
  label: string;
}

/** Select open flags and turn them into one follow-up case. */
export function OpenCaseForm({ flags, analysts }: { flags: FlagOption[]; analysts: { id: number; name: string }[] }) {
  const t = useTranslations("flags");
  const { state, formAction: action, pending } = useActionForm(openCaseAction);
  const values = state.status === "error" ? (state.values ?? {}) : {};
  return (
    <form action={action} className="card" noValidate key={state.status === "success" ? `done-${state.data.caseId}` : formKey(state, "open")}>
      <h2>{t("openCase")}</h2>
      <Feedback state={state} okKey="caseOpened" />
      <fieldset className="flag-choices" aria-describedby="flagIds-error">
        <legend>{t("flagsToFollow")}</legend>
        {flags.map((f) => (
          <label key={f.id} className="assess-choice">
            <input type="checkbox" name="flagIds" value={f.id} defaultChecked={flags.length === 1} />
            <span>{f.label}</span>
          </label>
        ))}
        <FieldError state={state} name="flagIds" id="flagIds-error" />
      </fieldset>
      <div className="grid admin-grid">
        <AssigneeAndDueFields idPrefix="case" state={state} analysts={analysts} assigneeId={values.assigneeId ?? ""} dueOn={values.dueOn ?? ""} />
      </div>
      <div className="field">
        <label htmlFor="case-actions">{t("plannedActions")}</label>
        <textarea id="case-actions" name="plannedActions" rows={3} defaultValue={values.plannedActions} />
      </div>
      <button type="submit" className="btn" disabled={pending}>
        {t("openCase")}
      </button>
    </form>
  );
}

export function UpdateCaseForm({
  caseId,
  version,
  status,
  assigneeId,
  dueOn,
  plannedActions,
  analysts,
  statusOptions,
}: {
  caseId: number;
  version: number;
  status: string;
  assigneeId: number | null;
  dueOn: string | null;
  plannedActions: string | null;
  analysts: { id: number; name: string }[];
  statusOptions: { value: string; label: string }[];
}) {
  const t = useTranslations("flags");
  const { state, formAction: action, pending } = useActionForm(updateCaseAction);
  const values = state.status === "error" ? (state.values ?? {}) : {};
  return (
    <form action={action} className="card" noValidate key={state.status === "success" ? `saved-${state.data.version}` : formKey(state, "update")}>
      <h2>{t("updateCase")}</h2>
      <Feedback state={state} okKey="caseSaved" />
      <input type="hidden" name="caseId" value={caseId} />
      <input type="hidden" name="version" value={version} />
      <div className="grid admin-grid">
        <div className="field">
          <label htmlFor="c-status">{t("status")}</label>
          <select id="c-status" name="status" defaultValue={values.status ?? status}>
            {statusOptions.map((o) => (
              <option key={o.value} value={o.value}>
                {o.label}
              </option>
            ))}
          </select>
        </div>
        <AssigneeAndDueFields
          idPrefix="c"
          state={state}
          analysts={analysts}
          assigneeId={values.assigneeId ?? (assigneeId ? String(assigneeId) : "")}
          dueOn={values.dueOn ?? dueOn ?? ""}
        />
      </div>
      <div className="field">
        <label htmlFor="c-actions">{t("plannedActions")}</label>
        <textarea id="c-actions" name="plannedActions" rows={3} defaultValue={values.plannedActions ?? plannedActions ?? ""} />
      </div>
      <div className="field">
        <label htmlFor="c-resolution">{t("resolution")}</label>
        <textarea id="c-resolution" name="resolution" rows={2} defaultValue={values.resolution} aria-describedby="c-resolution-hint c-resolution-error" />
        <p className="field-hint" id="c-resolution-hint">
          {t("resolutionHint")}
        </p>
        <FieldError state={state} name="resolution" id="c-resolution-error" />
      </div>
      <div className="field">
        <label htmlFor="c-note">{t("note")}</label>
        <textarea id="c-note" name="note" rows={2} defaultValue={values.note} />
      </div>
      <button type="submit" className="btn" disabled={pending}>
        {t("save")}
      </button>
    </form>
  );
}

export function RespondForm({ caseId }: { caseId: number }) {
  const t = useTranslations("flags");
  const { state, formAction: action, pending } = useActionForm(respondToCaseAction);
  const values = state.status === "error" ? (state.values ?? {}) : {};
  return (
    <form action={action} className="card" noValidate key={state.status === "success" ? "sent" : formKey(state, "respond")}>
      <h2>{t("respond")}</h2>
      <Feedback state={state} okKey="responseSent" />
      <input type="hidden" name="caseId" value={caseId} />
      <div className="field">
        <label htmlFor="r-explanation">{t("explanation")}</label>
        <textarea id="r-explanation" name="explanation" rows={4} defaultValue={values.explanation} aria-describedby="r-explanation-error" />
        <FieldError state={state} name="explanation" id="r-explanation-error" />
      </div>
      <div className="field">
        <label htmlFor="r-planned">{t("plannedBy")}</label>
        <DateInput id="r-planned" name="plannedBy" defaultValue={values.plannedBy} aria-describedby="r-planned-error" />
        <FieldError state={state} name="plannedBy" id="r-planned-error" />
      </div>
      <button type="submit" className="btn" disabled={pending}>
        {t("sendResponse")}
      </button>
    </form>
  );
}

/** Who follows the case up and by when: the same two fields when opening and when updating a case. */
export function AssigneeAndDueFields({
  idPrefix,
  state,
  analysts,
  assigneeId,
  dueOn,
}: {
  idPrefix: string;
  state: ActionState<unknown>;
  analysts: { id: number; name: string }[];
  assigneeId: string;
  dueOn: string;
}) {
  const t = useTranslations("flags");
  return (
    <>
      <div className="field">
        <label htmlFor={`${idPrefix}-assignee`}>{t("assignee")}</label>
        <select id={`${idPrefix}-assignee`} name="assigneeId" defaultValue={assigneeId} aria-describedby={`${idPrefix}-assignee-error`}>
          <option value="">–</option>
          {analysts.map((a) => (
            <option key={a.id} value={a.id}>
              {a.name}
            </option>
          ))}
        </select>
        <FieldError state={state} name="assigneeId" id={`${idPrefix}-assignee-error`} />
      </div>
      <div className="field">
        <label htmlFor={`${idPrefix}-due`}>{t("dueOn")}</label>
        <DateInput id={`${idPrefix}-due`} name="dueOn" defaultValue={dueOn} aria-describedby={`${idPrefix}-due-error`} />
        <FieldError state={state} name="dueOn" id={`${idPrefix}-due-error`} />
      </div>
    </>
  );
}
