"use client";

import { useTranslations } from "next-intl";
import type { ActionState } from "@/lib/http/action";
import { formatSroiRatio } from "@/core/sroi/calculate";
import { useErrorText } from "@/components/ui/action-form";
import { useActionForm } from "@/components/ui/use-action-form";
import { Field } from "@/components/ui/field";

/** The fields of one outcome line (names as lib/sroi/admin.ts reads them: `line.<i>.<field>`). */
const LINE_FIELDS = [
  { name: "stakeholderTh", lang: "th" },
  { name: "stakeholderEn", lang: "en" },
  { name: "outcomeTh", lang: "th" },
  { name: "outcomeEn", lang: "en" },
  { name: "quantity", numeric: true },
  { name: "financialProxy", numeric: true },
  { name: "deadweight", numeric: true },
  { name: "attribution", numeric: true },
  { name: "displacement", numeric: true },
  { name: "dropOff", numeric: true },
  { name: "durationYears", numeric: true },
] as const;

export type SroiLineValues = Partial<Record<(typeof LINE_FIELDS)[number]["name"], string>>;

export interface SroiFormValues {
  fiscalYear?: string;
  agencyCode?: string;
  investment?: string;
  discountRate?: string;
  noteTh?: string | null;
  noteEn?: string | null;
  lines: SroiLineValues[];
}

type Answer = { saved: boolean; ratio: number; fiscalYear?: number };
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- the action's answer is read as Answer
type FormAction = (previous: ActionState<any>, formData: FormData) => Promise<ActionState<any>>;

/**
 * One fiscal year's SROI: the investment, the discount rate and the outcome lines with their financial
 * proxies; blank lines at the end add outcomes (a line left blank is ignored). "Compute the ratio" asks
 * the server for the ratio of what is typed without saving; "Save" writes it and updates ME-SROI.
 */
export function SroiForm({ action, idPrefix, hidden = {}, creating = false, initial, blankLines = 2 }: { action: FormAction; idPrefix: string; hidden?: Record<string, string>; creating?: boolean; initial: SroiFormValues; blankLines?: number }) {
  const t = useTranslations("catalogue");
  const errorText = useErrorText("catalogue");
  const { state, formAction, pending, values } = useActionForm(action);
  const fieldErrors = state.status === "error" ? (state.fieldErrors ?? {}) : {};
  const answer = state.status === "success" ? (state.data as Answer) : null;
  const lines = [...initial.lines, ...Array.from({ length: blankLines }, () => ({}) as SroiLineValues)];

  const input = (name: string, label: string, initialValue: string | null | undefined, options: { numeric?: boolean; lang?: "th" | "en"; required?: boolean; hint?: string } = {}) => {
    const id = `${idPrefix}-${name.replaceAll(".", "-")}`;
    const value = values[name] ?? initialValue ?? "";
    return (
      <Field key={name} id={id} label={options.required ? `${label} *` : label} hint={options.hint} error={fieldErrors[name]?.map(errorText).join(" ") ?? ""}>
        {(control) => <input {...control} name={name} type="text" defaultValue={value} inputMode={options.numeric ? "decimal" : undefined} lang={options.lang} key={`${value}-${state.status}`} />}
      </Field>
    );
  };

  return (
    <form action={formAction} className="catalogue-form sroi-form" noValidate>
      {Object.entries(hidden).map(([name, value]) => (
        <input key={name} type="hidden" name={name} value={value} />
      ))}
      {creating && input("fiscalYear", t("sroi.fiscalYear"), initial.fiscalYear, { numeric: true, required: true, hint: t("sroi.fiscalYearHint") })}
      {creating && input("agencyCode", t("sroi.agencyCode"), initial.agencyCode, { numeric: true, required: true })}
      {input("investment", t("sroi.investment"), initial.investment, { numeric: true, required: true, hint: t("sroi.investmentHint") })}
      {input("discountRate", t("sroi.discountRate"), initial.discountRate, { numeric: true, required: true, hint: t("sroi.percentHint") })}
      {input("noteTh", t("sroi.noteTh"), initial.noteTh, { lang: "th" })}
      {input("noteEn", t("sroi.noteEn"), initial.noteEn, { lang: "en" })}
      <p className="muted">{t("sroi.linesHint")}</p>
      {lines.map((line, i) => (
        <fieldset key={i} className="sroi-form__line">
          <legend>{i < initial.lines.length ? t("sroi.line", { n: i + 1 }) : t("sroi.newLine", { n: i + 1 })}</legend>
          {LINE_FIELDS.map((f) =>
            input(`line.${i}.${f.name}`, t(`sroi.fields.${f.name}`), line[f.name], {
              numeric: "numeric" in f,
              lang: "lang" in f ? f.lang : undefined,
            }),
          )}
        </fieldset>
      ))}
      <div className="catalogue-form__actions">
        <button className="btn btn--secondary" name="intent" value="preview" disabled={pending}>
          {t("sroi.preview")}
        </button>
        <button className="btn" name="intent" value="save" disabled={pending}>
          {t("save")}
        </button>
        <div aria-live="polite" className="catalogue-form__result">
          {answer && (
            <p className="alert alert--info">
              {answer.saved ? t("sroi.savedRatio", { ratio: formatSroiRatio(answer.ratio) }) : t("sroi.previewRatio", { ratio: formatSroiRatio(answer.ratio) })}
            </p>
          )}
          {state.status === "error" && <p className="alert alert--error">{errorText(state.error === "validation" ? "check_fields" : state.error)}</p>}
        </div>
      </div>
    </form>
  );
}
