"use client";

import Link from "next/link";
import { useTranslations } from "next-intl";
import type { ActionState } from "@/lib/http/action";
import { useErrorText } from "@/components/ui/action-form";
import { useActionForm } from "@/components/ui/use-action-form";
import { Field } from "@/components/ui/field";

/** One control of a catalogue form, described by the server page (labels already in the page's language). */
export interface CatalogueField {
  name: string;
  label: string;
  kind?: "text" | "textarea" | "select" | "url";
  defaultValue?: string | null;
  options?: { value: string; label: string }[];
  required?: boolean;
  hint?: string;
  /** Latin-script input (codes, numbers, addresses): no Thai input method needed. */
  inputMode?: "decimal" | "numeric" | "url";
  lang?: "th" | "en";
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- any form action, whatever its answer
type FormAction = (previous: ActionState<any>, formData: FormData) => Promise<ActionState<any>>;

/**
 * A catalogue form (indicator, version, platform, component words): the fields with their errors, the
 * values typed kept after a refusal, and the outcome announced. `successHref` may hold `{code}`, filled
 * from the action's answer, to link to what was just created.
 */
export function CatalogueForm({
  action,
  idPrefix,
  fields,
  hidden = {},
  submitLabel,
  success,
  successHref,
  successLink,
  danger = false,
  className = "catalogue-form",
}: {
  action: FormAction;
  idPrefix: string;
  fields: CatalogueField[];
  hidden?: Record<string, string>;
  submitLabel: string;
  success: string;
  successHref?: string;
  successLink?: string;
  danger?: boolean;
  className?: string;
}) {
  const t = useTranslations("catalogue");
  const errorText = useErrorText("catalogue");
  const { state, formAction, pending, values } = useActionForm(action);
  const fieldErrors = state.status === "error" ? (state.fieldErrors ?? {}) : {};
  const data = state.status === "success" ? (state.data as { code?: string } | null) : null;
  const href = successHref && data?.code ? successHref.replace("{code}", encodeURIComponent(data.code)) : null;
  return (
    <form action={formAction} className={className} noValidate>
      {Object.entries(hidden).map(([name, value]) => (
        <input key={name} type="hidden" name={name} value={value} />
      ))}
      {fields.map((f) => {
        const id = `${idPrefix}-${f.name}`;
        const value = values[f.name] ?? f.defaultValue ?? "";
        const error = fieldErrors[f.name]?.map(errorText).join(" ") ?? "";
        return (
          <Field key={f.name} id={id} label={f.required ? `${f.label} *` : f.label} hint={f.hint} error={error}>
            {(control) =>
              f.kind === "select" ? (
                <select {...control} name={f.name} defaultValue={value} key={`${value}-${state.status}`}>
                  {!f.required && <option value="">{t("none")}</option>}
                  {f.options?.map((o) => (
                    <option key={o.value} value={o.value}>
                      {o.label}
                    </option>
                  ))}
                </select>
              ) : f.kind === "textarea" ? (
                <textarea {...control} name={f.name} defaultValue={value} rows={3} lang={f.lang} key={`${value}-${state.status}`} />
              ) : (
                <input
                  {...control}
                  name={f.name}
                  type={f.kind === "url" ? "url" : "text"}
                  defaultValue={value}
                  inputMode={f.inputMode}
                  lang={f.lang}
                  key={`${value}-${state.status}`}
                />
              )
            }
          </Field>
        );
      })}
      <div className="catalogue-form__actions">
        <button className={danger ? "btn btn--secondary" : "btn"} disabled={pending}>
          {submitLabel}
        </button>
        <div aria-live="polite" className="catalogue-form__result">
          {state.status === "success" && (
            <p className="alert alert--info">
              {success} {href && successLink ? <Link href={href}>{successLink}</Link> : null}
            </p>
          )}
          {state.status === "error" && <p className="alert alert--error">{errorText(state.error === "validation" ? "check_fields" : state.error)}</p>}
        </div>
      </div>
    </form>
  );
}
