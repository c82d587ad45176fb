"use client";

import { useLocale, useTranslations } from "next-intl";
import { useState } from "react";
import { previewRolloverAction, reopenPeriodAction, rolloverAction } from "@/app/admin/periods/actions";
import { ActionFeedback, FieldError } from "@/components/ui/action-form";
import { useActionForm } from "@/components/ui/use-action-form";
import { ChoiceInput } from "@/components/ui/choice-input";
import { DateInput } from "@/components/forms/date-input";
import { formatDate, formatPeriod } from "@/core/format/thai";
import { toLocale } from "@/i18n/locale";
import { TableFrame } from "@/components/ui/data-table";

const NS = "fiscalYear";
const QUARTERS = [1, 2, 3, 4] as const;

/**
 * Next fiscal year: the rule and the choices, then a preview of exactly what will be created, then the
 * confirmation (which sends the previewed choices again; the server checks them again).
 */
export function RolloverForm({ nextYear }: { nextYear: number }) {
  const t = useTranslations(NS);
  const locale = toLocale(useLocale());
  const preview = useActionForm(previewRolloverAction);
  const confirm = useActionForm(rolloverAction);
  const [mode, setMode] = useState(preview.values.targets || "copy");
  const plan = preview.state.status === "success" ? preview.state.data : null;
  const previewState = preview.state;
  const v = preview.values;
  return (
    <div>
      <form action={preview.formAction} aria-labelledby="rollover-title">
        <div className="field">
          <label htmlFor="ro-year">{t("fiscalYearLabel")}</label>
          <input id="ro-year" name="fiscalYear" inputMode="numeric" defaultValue={v.fiscalYear ?? String(nextYear)} aria-describedby="ro-year-error" />
          <FieldError state={previewState} name="fiscalYear" id="ro-year-error" namespace={NS} />
        </div>
        <div className="field">
          <label htmlFor="ro-days">{t("dueDays")}</label>
          <input id="ro-days" name="dueDays" inputMode="numeric" defaultValue={v.dueDays ?? "15"} aria-describedby="ro-days-error" />
          <FieldError state={previewState} name="dueDays" id="ro-days-error" namespace={NS} />
        </div>
        <fieldset>
          <legend>{t("dueOverrides")}</legend>
          {QUARTERS.map((q) => (
            <div className="field" key={q}>
              <label htmlFor={`ro-due-${q}`}>{t("dueOfQuarter", { quarter: q })}</label>
              <DateInput id={`ro-due-${q}`} name={`dueOn${q}`} defaultValue={v[`dueOn${q}`] ?? ""} aria-describedby={`ro-due-${q}-error`} />
              <FieldError state={previewState} name={`dueOn.${q}`} id={`ro-due-${q}-error`} namespace={NS} />
            </div>
          ))}
        </fieldset>
        <fieldset>
          <legend>{t("targetsLegend")}</legend>
          {(["copy", "scale", "none"] as const).map((m) => (
            <label key={m} className="import-check">
              <ChoiceInput type="radio" name="targets" value={m} checked={mode === m} onChange={() => setMode(m)} /> {t(`targetMode.${m}`)}
            </label>
          ))}
          {mode === "scale" && (
            <div className="field">
              <label htmlFor="ro-factor">{t("factor")}</label>
              <input id="ro-factor" name="factor" inputMode="decimal" defaultValue={v.factor ?? "1.1"} aria-describedby="ro-factor-error" />
              <FieldError state={previewState} name="factor" id="ro-factor-error" namespace={NS} />
            </div>
          )}
        </fieldset>
        <ActionFeedback state={previewState.status === "error" && previewState.fieldErrors ? { status: "idle" } : previewState} namespace={NS} />
        <button className="btn btn--secondary" disabled={preview.pending}>
          {t("preview")}
        </button>
      </form>

      {plan && confirm.state.status !== "success" && (
        <section className="section" aria-labelledby="rollover-preview">
          <h3 id="rollover-preview">{t("previewTitle", { year: plan.plan.fiscalYear })}</h3>
          <TableFrame caption={t("previewPeriods")} head={[{ label: t("quarter") }, { label: t("range") }, { label: t("due") }, { label: t("closes") }]}>
                {plan.plan.periods.map((p) => (
                  <tr key={p.code}>
                    <th scope="row">{formatPeriod(p.code, locale)}</th>
                    <td>
                      {formatDate(p.startsOn, locale)} – {formatDate(p.endsOn, locale)}
                    </td>
                    <td>{formatDate(p.dueOn, locale)}</td>
                    <td>{formatDate(p.closesOn, locale)}</td>
                  </tr>
                ))}
          </TableFrame>
          <p>
            {plan.plan.targetMode === "none"
              ? t("previewNoTargets")
              : t("previewTargets", { count: plan.plan.targetCount, year: plan.plan.sourceYear, factor: plan.plan.factor ?? "1" })}
          </p>
          {plan.plan.targets.length > 0 && (
            <TableFrame caption={t("previewTargetsCaption")} head={[{ label: t("indicator") }, { label: t("national"), numeric: true }, { label: t("perAgency"), numeric: true }]}>
                  {plan.plan.targets.map((r) => (
                    <tr key={r.indicatorCode}>
                      <th scope="row">
                        <code>{r.indicatorCode}</code> {locale === "th" ? r.nameTh : r.nameEn}
                      </th>
                      <td className="num">{r.national}</td>
                      <td className="num">{r.agencies}</td>
                    </tr>
                  ))}
            </TableFrame>
          )}
          <h4>{t("previewTemplates")}</h4>
          <ul>
            {plan.plan.templates.map((tpl) => (
              <li key={tpl.componentCode}>
                {locale === "th" ? tpl.nameTh : tpl.nameEn}: {tpl.version === null ? t("noTemplate") : t("templateVersion", { version: tpl.version })}
              </li>
            ))}
          </ul>
          <form action={confirm.formAction}>
            {Object.entries(plan.form).map(([name, value]) => (value === undefined ? null : <input key={name} type="hidden" name={name} value={value} />))}
            <ActionFeedback state={confirm.state} namespace={NS} />
            <FieldError state={confirm.state} name="fiscalYear" id="ro-confirm-error" namespace={NS} />
            <button className="btn" disabled={confirm.pending}>
              {t("confirm", { year: plan.plan.fiscalYear })}
            </button>
          </form>
        </section>
      )}
      {confirm.state.status === "success" && (
        <p className="alert alert--info" role="status">
          {t("created", { year: confirm.state.data.fiscalYear, count: confirm.state.data.targetCount })}
        </p>
      )}
    </div>
  );
}

/** Reopening a closed quarter: until when, and why (both required; the reason goes on the audit log). */
export function ReopenPeriodForm({ periodId, label, defaultClosesOn }: { periodId: number; label: string; defaultClosesOn: string }) {
  const t = useTranslations(NS);
  const { state, formAction, pending, values } = useActionForm(reopenPeriodAction);
  const id = (name: string) => `reopen-${periodId}-${name}`;
  if (state.status === "success") return <p className="muted">{t("reopened")}</p>;
  return (
    <details>
      <summary>{t("reopen")}</summary>
      <form action={formAction}>
        <input type="hidden" name="periodId" value={periodId} />
        <div className="field">
          <label htmlFor={id("reason")}>{t("reopenReason", { period: label })}</label>
          <textarea id={id("reason")} name="reason" rows={2} defaultValue={values.reason} aria-describedby={id("reason-error")} />
          <FieldError state={state} name="reason" id={id("reason-error")} namespace={NS} />
        </div>
        <div className="field">
          <label htmlFor={id("closes")}>{t("reopenUntil")}</label>
          <DateInput id={id("closes")} name="closesOn" defaultValue={values.closesOn ?? defaultClosesOn} aria-describedby={id("closes-error")} />
          <FieldError state={state} name="closesOn" id={id("closes-error")} namespace={NS} />
        </div>
        <ActionFeedback state={state.status === "error" && state.fieldErrors ? { status: "idle" } : state} namespace={NS} />
        <button className="btn btn--secondary btn--small" disabled={pending}>
          {t("reopenConfirm")}
        </button>
      </form>
    </details>
  );
}
