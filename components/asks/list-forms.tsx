"use client";

import { useTranslations } from "next-intl";
import { saveAskTagAction, saveDgaUnitAction } from "@/app/asks/actions";
import { ActionFeedback, FieldError } from "@/components/ui/action-form";
import { useActionForm } from "@/components/ui/use-action-form";

export interface ListEntry {
  code: string;
  nameTh: string;
  nameEn: string;
  active: boolean;
  keywords?: string[];
}

/** Adds or edits one tag (with its keywords) or one DGA unit, by code. */
export function ListEntryForm({ kind, entry }: { kind: "tag" | "unit"; entry: ListEntry | null }) {
  const t = useTranslations("asks.lists");
  const { state, formAction, pending, values } = useActionForm(kind === "tag" ? saveAskTagAction : saveDgaUnitAction);
  const id = `${kind}-${entry?.code ?? "new"}`;
  const v = (name: string, fallback: string) => values[name] ?? fallback;
  return (
    <form action={formAction} className="card ask-list-form" key={state.status === "error" ? `${id}-${JSON.stringify(values)}` : id}>
      <h3>{entry ? entry.code : kind === "tag" ? t("newTag") : t("newUnit")}</h3>
      {entry ? <input type="hidden" name="code" value={entry.code} /> : null}
      <div className="grid admin-grid">
        {!entry && (
          <div className="field">
            <label htmlFor={`${id}-code`}>{t("code")}</label>
            <input id={`${id}-code`} name="code" defaultValue={v("code", "")} aria-describedby={`${id}-code-error ${id}-code-hint`} />
            <p className="muted" id={`${id}-code-hint`}>
              {t("codeHint")}
            </p>
            <FieldError state={state} name="code" id={`${id}-code-error`} namespace="asks" />
          </div>
        )}
        <div className="field">
          <label htmlFor={`${id}-th`}>{t("nameTh")}</label>
          <input id={`${id}-th`} name="nameTh" lang="th" defaultValue={v("nameTh", entry?.nameTh ?? "")} aria-describedby={`${id}-th-error`} />
          <FieldError state={state} name="nameTh" id={`${id}-th-error`} namespace="asks" />
        </div>
        <div className="field">
          <label htmlFor={`${id}-en`}>{t("nameEn")}</label>
          <input id={`${id}-en`} name="nameEn" lang="en" defaultValue={v("nameEn", entry?.nameEn ?? "")} aria-describedby={`${id}-en-error`} />
          <FieldError state={state} name="nameEn" id={`${id}-en-error`} namespace="asks" />
        </div>
      </div>
      {kind === "tag" && (
        <div className="field">
          <label htmlFor={`${id}-kw`}>{t("keywords")}</label>
          <textarea id={`${id}-kw`} name="keywords" rows={2} defaultValue={v("keywords", (entry?.keywords ?? []).join(", "))} aria-describedby={`${id}-kw-hint ${id}-kw-error`} />
          <p className="muted" id={`${id}-kw-hint`}>
            {t("keywordsHint")}
          </p>
          <FieldError state={state} name="keywords" id={`${id}-kw-error`} namespace="asks" />
        </div>
      )}
      <label className="assess-choice">
        <input type="checkbox" name="active" value="true" defaultChecked={values.active ? values.active === "true" : (entry?.active ?? true)} />
        <span>{t("active")}</span>
      </label>
      <button type="submit" className="btn btn--secondary" disabled={pending}>
        {t("save")}
      </button>
      <ActionFeedback state={state} namespace="asks" success={t("saved")} />
    </form>
  );
}
