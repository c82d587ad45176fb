"use client";

import { useTranslations } from "next-intl";
import { updatePeriodAction } from "@/app/admin/master-data-actions";
import type { ActionState } from "@/lib/http/action";
import { useActionForm } from "@/components/ui/use-action-form";
import { DateInput } from "@/components/forms/date-input";

/** The outcome of a master-data form in words (saved, or its first error). */
export function useMessage(state: ActionState<unknown>) {
  const t = useTranslations("masterData");
  if (state.status === "success") return { ok: true, text: t("saved") };
  if (state.status === "error") {
    const first = Object.values(state.fieldErrors ?? {})[0]?.[0];
    const code = first ?? state.error;
    return { ok: false, text: t.has(`errors.${code}`) ? t(`errors.${code}`) : t("errors.generic") };
  }
  return null;
}

/** The words of a field's error codes after a failed save ("" when it has none). */
export function useFieldErrorText(state: ActionState<unknown>) {
  const t = useTranslations("masterData");
  return (name: string) => {
    const codes = state.status === "error" ? state.fieldErrors?.[name] : undefined;
    return codes?.map((c) => (t.has(`errors.${c}`) ? t(`errors.${c}`) : c)).join(" ") ?? "";
  };
}

export function FieldErrors({ state, name, id }: { state: ActionState<unknown>; name: string; id: string }) {
  const errorText = useFieldErrorText(state);
  return (
    <p className="field-error" id={id} aria-live="polite">
      {errorText(name)}
    </p>
  );
}

export function PeriodRowForm({ periodId, status, dueOn, label }: { periodId: number; status: string; dueOn: string; label: string }) {
  const t = useTranslations("masterData");
  const { state, formAction: action, pending } = useActionForm(updatePeriodAction);
  const message = useMessage(state);
  return (
    <form action={action} className="admin-inline">
      <input type="hidden" name="periodId" value={periodId} />
      <label htmlFor={`p-status-${periodId}`} className="visually-hidden">
        {t("periodStatus", { period: label })}
      </label>
      <select id={`p-status-${periodId}`} name="status" defaultValue={status}>
        <option value="open">{t("open")}</option>
        <option value="closed">{t("closed")}</option>
      </select>
      <label htmlFor={`p-due-${periodId}`} className="visually-hidden">
        {t("periodDue", { period: label })}
      </label>
      <DateInput id={`p-due-${periodId}`} name="dueOn" defaultValue={dueOn} />
      <button className="btn btn--secondary btn--small" disabled={pending}>
        {t("save")}
      </button>
      <span aria-live="polite" className={message?.ok ? "muted" : "field-error"}>
        {message ? ` ${message.text}` : ""}
      </span>
    </form>
  );
}
