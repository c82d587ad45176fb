"use client";

import { useTranslations } from "next-intl";
import { useState } from "react";
import { addTemplateItemAction, setItemBoundsAction, updateTemplateItemAction } from "@/app/admin/templates/actions";
import { ANSWER_TYPES } from "@/core/assessments/enums";
import { useActionForm } from "@/components/ui/use-action-form";
import { ChoiceInput } from "@/components/ui/choice-input";

export function ItemToggle({ itemId, fromPeriod, field, value, label }: { itemId: number; fromPeriod: string; field: "required" | "active"; value: boolean; label: string }) {
  const { state, formAction: action, pending } = useActionForm(updateTemplateItemAction);
  const t = useTranslations("masterData");
  const problem = state.status === "error" ? (Object.values(state.fieldErrors ?? {})[0]?.[0] ?? state.error) : null;
  return (
    <form action={action} className="admin-inline">
      <input type="hidden" name="itemId" value={itemId} />
      <input type="hidden" name="fromPeriod" value={fromPeriod} />
      <input type="hidden" name="field" value={field} />
      <input type="hidden" name="value" value={value ? "false" : "true"} />
      <button className="btn btn--secondary btn--small" disabled={pending}>
        {label}
      </button>
      {state.status === "error" && <span className="field-error">{t.has(`errors.${problem}`) ? t(`errors.${problem}`) : t("errors.generic")}</span>}
    </form>
  );
}

/** The plausible range of a number or share item: values outside it are held until DGA confirms them. */
export function ItemBoundsForm({ itemId, code, fromPeriod, min, max }: { itemId: number; code: string; fromPeriod: string; min: string | null; max: string | null }) {
  const { state, formAction: action, pending } = useActionForm(setItemBoundsAction);
  const t = useTranslations("masterData");
  const errors = state.status === "error" ? (state.fieldErrors ?? {}) : {};
  const problem = state.status === "error" ? (Object.values(errors)[0]?.[0] ?? state.error) : null;
  const id = (name: string) => `bounds-${itemId}-${name}`;
  const shown = (value: string | null) => (value === null ? "" : String(Number(value)));
  return (
    <form action={action} className="admin-bounds" aria-label={t("plausibleRangeOf", { code })}>
      <input type="hidden" name="itemId" value={itemId} />
      <input type="hidden" name="fromPeriod" value={fromPeriod} />
      <label htmlFor={id("min")}>{t("plausibleMin")}</label>
      <input id={id("min")} name="plausibleMin" inputMode="decimal" size={8} defaultValue={shown(min)} aria-invalid={errors.plausibleMin ? true : undefined} />
      <label htmlFor={id("max")}>{t("plausibleMax")}</label>
      <input id={id("max")} name="plausibleMax" inputMode="decimal" size={8} defaultValue={shown(max)} aria-invalid={errors.plausibleMax ? true : undefined} />
      <button className="btn btn--secondary btn--small" disabled={pending}>
        {t("saveRange")}
      </button>
      {state.status === "success" && <span role="status">{t("saved")}</span>}
      {problem && (
        <span className="field-error" role="alert">
          {t.has(`errors.${problem}`) ? t(`errors.${problem}`) : t("errors.generic")}
        </span>
      )}
    </form>
  );
}

export function AddItemForm({ componentCode, fromPeriod, indicators }: { componentCode: string; fromPeriod: string; indicators: { code: string; label: string }[] }) {
  const t = useTranslations("masterData");
  const tType = useTranslations("enums.valueType");
  const { state, formAction: action, pending } = useActionForm(addTemplateItemAction);
  const [kind, setKind] = useState<"indicator" | "question">(indicators.length ? "indicator" : "question");
  const errors = state.status === "error" ? (state.fieldErrors ?? {}) : {};
  const values = state.status === "error" ? (state.values ?? {}) : {};
  const err = (name: string) => errors[name]?.map((c) => (t.has(`errors.${c}`) ? t(`errors.${c}`) : c)).join(" ");
  const id = (name: string) => `t-${componentCode}-${name}`;
  return (
    <form action={action} className="admin-add-item" key={state.status === "success" ? `ok-${state.data.id}` : "form"}>
      <input type="hidden" name="componentCode" value={componentCode} />
      <input type="hidden" name="fromPeriod" value={fromPeriod} />
      <fieldset className="admin-inline">
        <legend>{t("addItem")}</legend>
        <label>
          <ChoiceInput type="radio" name="kind" value="indicator" checked={kind === "indicator"} onChange={() => setKind("indicator")} disabled={!indicators.length} /> {t("kindIndicator")}
        </label>
        <label>
          <ChoiceInput type="radio" name="kind" value="question" checked={kind === "question"} onChange={() => setKind("question")} /> {t("kindQuestion")}
        </label>
      </fieldset>
      {kind === "indicator" ? (
        <div className="field">
          <label htmlFor={id("indicator")}>{t("indicator")}</label>
          <select id={id("indicator")} name="indicatorCode" defaultValue={values.indicatorCode} aria-describedby={id("indicator-error")}>
            {indicators.map((i) => (
              <option key={i.code} value={i.code}>
                {i.label}
              </option>
            ))}
          </select>
          <p className="field-error" id={id("indicator-error")} aria-live="polite">
            {err("indicatorCode")}
          </p>
        </div>
      ) : (
        <div className="grid admin-grid">
          <div className="field">
            <label htmlFor={id("qth")}>{t("questionTh")}</label>
            <input id={id("qth")} name="questionTh" defaultValue={values.questionTh} aria-describedby={id("qth-error")} />
            <p className="field-error" id={id("qth-error")} aria-live="polite">
              {err("questionTh")}
            </p>
          </div>
          <div className="field">
            <label htmlFor={id("qen")}>{t("questionEn")}</label>
            <input id={id("qen")} name="questionEn" defaultValue={values.questionEn} />
          </div>
          <div className="field">
            <label htmlFor={id("type")}>{t("answerType")}</label>
            <select id={id("type")} name="answerType" defaultValue={values.answerType ?? "level"}>
              {ANSWER_TYPES.map((a) => (
                <option key={a} value={a}>
                  {tType(a)}
                </option>
              ))}
            </select>
          </div>
        </div>
      )}
      <label className="admin-inline">
        <input type="checkbox" name="required" defaultChecked /> {t("required")}
      </label>
      <button className="btn btn--secondary" disabled={pending}>
        {t("addItem")}
      </button>
    </form>
  );
}
