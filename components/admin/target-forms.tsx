"use client";

import { useTranslations } from "next-intl";
import { setTargetAction } from "@/app/admin/targets/actions";
import { useActionForm } from "@/components/ui/use-action-form";
import { AgencyPicker } from "@/components/forms/agency-picker";
import type { ActionState } from "@/lib/http/action";

interface TargetFormProps {
  indicatorCode: string;
  periodCode: string;
  /** Absent: the national target. */
  agencyCode?: string;
  value: string | null;
  /** Accessible name of the value field, e.g. "National target DOWN-01". */
  label: string;
  unit: string;
}

/** The first problem of a failed save: the field it is about (value first) and its code. */
function problemOf(state: ActionState<{ changed: boolean }>): { field: string | null; code: string } | null {
  if (state.status !== "error") return null;
  const fields = state.fieldErrors ?? {};
  const field = ["value", "agencyCode", "indicatorCode", "periodCode"].find((f) => fields[f]?.length) ?? Object.keys(fields)[0] ?? null;
  return { field, code: field ? fields[field]![0]! : state.error };
}

/** The problem in words, with the value or code it is about (the upload's reasons, shared). */
function useReason() {
  const t = useTranslations("tableImport.reasons");
  const tTargets = useTranslations("targets");
  return (state: ActionState<{ changed: boolean }>) => {
    const problem = problemOf(state);
    if (!problem || state.status !== "error") return null;
    const values = state.values ?? {};
    const code = problem.field && problem.field !== "value" ? (values[problem.field] ?? "") : "";
    return t.has(problem.code) ? t(problem.code, { value: values.value ?? "", code, firstRow: "" }) : tTargets("saveFailed");
  };
}

/** One target: type a value and save; an empty value removes the target. */
export function TargetValueForm({ indicatorCode, periodCode, agencyCode, value, label, unit }: TargetFormProps) {
  const t = useTranslations("targets");
  const reason = useReason();
  const { state, formAction: action, pending } = useActionForm(setTargetAction);
  const id = `target-${indicatorCode}-${agencyCode ?? "national"}`;
  const error = reason(state);
  return (
    <form action={action} className="admin-inline">
      <input type="hidden" name="indicatorCode" value={indicatorCode} />
      <input type="hidden" name="periodCode" value={periodCode} />
      {agencyCode && <input type="hidden" name="agencyCode" value={agencyCode} />}
      <label htmlFor={id} className="visually-hidden">
        {label}
      </label>
      <input
        id={id}
        name="value"
        inputMode="decimal"
        size={10}
        defaultValue={state.status === "error" ? (state.values?.value ?? "") : (value ?? "")}
        aria-invalid={error ? true : undefined}
        aria-describedby={`${id}-status`}
      />
      <span className="muted">{unit}</span>
      <button className="btn btn--secondary btn--small" disabled={pending}>
        {t("save")}
      </button>
      <span id={`${id}-status`} aria-live="polite" className={error ? "field-error" : "muted"}>
        {error ?? (state.status === "success" ? (state.data.changed ? t("saved") : t("unchanged")) : "")}
      </span>
    </form>
  );
}

/** A target for one more agency (of those tagged with the component), picked by searching. */
export function AddAgencyTargetForm({ indicatorCode, periodCode, componentCode, unit }: { indicatorCode: string; periodCode: string; componentCode: string; unit: string }) {
  const t = useTranslations("targets");
  const reason = useReason();
  const { state, formAction: action, pending } = useActionForm(setTargetAction);
  const id = `add-target-${indicatorCode}`;
  const error = reason(state);
  // A problem with the agency is said under the picker, any other beside the value.
  const agencyError = problemOf(state)?.field === "agencyCode" ? error : null;
  const valueError = agencyError ? null : error;
  return (
    <form action={action} className="admin-inline" key={state.status === "success" ? "saved" : "form"}>
      <input type="hidden" name="indicatorCode" value={indicatorCode} />
      <input type="hidden" name="periodCode" value={periodCode} />
      <AgencyPicker id={`${id}-agency`} name="agencyCode" componentCode={componentCode} label={t("agency")} className="field picker--inline" error={agencyError ?? ""} />
      <label htmlFor={`${id}-value`}>{t("value")}</label>
      <input id={`${id}-value`} name="value" inputMode="decimal" size={10} defaultValue={state.status === "error" ? state.values?.value : ""} aria-describedby={`${id}-status`} aria-invalid={valueError ? true : undefined} />
      <span className="muted">{unit}</span>
      <button className="btn btn--secondary btn--small" disabled={pending}>
        {t("addAgencyTarget")}
      </button>
      <span id={`${id}-status`} aria-live="polite" className="field-error">
        {valueError ?? ""}
      </span>
    </form>
  );
}
