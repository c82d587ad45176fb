"use client";

import { useQuery } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { useTranslations } from "next-intl";
import { useEffect, useState } from "react";
import { requestReportAction } from "@/app/reports/actions";
import { ActionFeedback, FieldError, useErrorText } from "@/components/ui/action-form";
import { useActionForm } from "@/components/ui/use-action-form";
import { AgencyPicker, type PickedAgency } from "@/components/forms/agency-picker";
import { REPORT_FORMATS, REPORT_SCOPES, REPORT_SPANS, type ReportFormat, type ReportScopeKind, type ReportStage, type ReportStatus } from "@/core/reports/enums";
import { LOCALES, type Locale } from "@/core/enums";

export interface Choice {
  code: string;
  label: string;
}

/** A quarter to report on; `provisional` while its reports are not yet due. */
export interface PeriodChoice extends Choice {
  provisional: boolean;
}

interface Props {
  periods: PeriodChoice[];
  defaultPeriod: string;
  components: Choice[];
  ministries: Choice[];
  /** An agency chosen before the form opened (?agency=CODE): the scope starts at that agency. */
  preselectedAgency: PickedAgency | null;
  /** Agency roles report on their own agency only: the scope is fixed. */
  ownAgency: Choice | null;
  defaultLocale: Locale;
}

const NS = "reports";

/** Choose a quarter, a scope and a format; the report is generated in the background while this shows progress. */
export function ReportForm({ periods, defaultPeriod, components, ministries, preselectedAgency, ownAgency, defaultLocale }: Props) {
  const t = useTranslations("reports.form");
  const { state, formAction: action, pending } = useActionForm(requestReportAction);
  const values = state.status === "error" ? (state.values ?? {}) : {};
  const [scope, setScope] = useState<ReportScopeKind>(ownAgency ? "agency" : ((values.scope as ReportScopeKind) ?? (preselectedAgency ? "agency" : "national")));
  const reportId = state.status === "success" ? state.data.id : null;
  const [period, setPeriod] = useState<string>(values.period ?? defaultPeriod);
  const provisional = periods.find((p) => p.code === period)?.provisional ?? false;

  return (
    <>
      <form action={action} className="card report-form" noValidate key={state.status === "error" ? `error-${JSON.stringify(values)}` : `form-${reportId ?? ""}`}>
        <h2>{t("legend")}</h2>
        <ActionFeedback state={state} namespace={NS} />
        <div className="report-form__grid">
          <div className="field">
            <label htmlFor="report-period">{t("period")}</label>
            <select id="report-period" name="period" value={period} onChange={(event) => setPeriod(event.target.value)} aria-describedby={provisional ? "report-period-error report-period-hint" : "report-period-error"}>
              {periods.map((p) => (
                <option key={p.code} value={p.code}>
                  {p.provisional ? `${p.label} (${t("provisionalTag")})` : p.label}
                </option>
              ))}
            </select>
            {provisional && (
              <p id="report-period-hint" className="alert alert--warn small" role="note" data-testid="provisional-note">
                {t("provisionalHint")}
              </p>
            )}
            <FieldError state={state} name="period" id="report-period-error" namespace={NS} />
          </div>
          <div className="field">
            <label htmlFor="report-span">{t("span")}</label>
            {/* A year's report covers the fiscal year of the quarter chosen above. */}
            <select id="report-span" name="span" defaultValue={values.span ?? "quarter"} aria-describedby="report-span-error">
              {REPORT_SPANS.map((span) => (
                <option key={span} value={span}>
                  {t(`spans.${span}`)}
                </option>
              ))}
            </select>
            <FieldError state={state} name="span" id="report-span-error" namespace={NS} />
          </div>

          <ScopeFields state={state} ownAgency={ownAgency} scope={scope} onScope={setScope} choices={scope === "component" ? components : ministries} preselectedAgency={preselectedAgency} />
          <FormatAndLanguage values={values} defaultLocale={defaultLocale} state={state} />
        </div>
        <button type="submit" className="btn" disabled={pending}>
          {pending ? t("submitting") : t("submit")}
        </button>
      </form>
      {reportId !== null && <ReportProgress key={reportId} id={reportId} />}
    </>
  );
}

type FormState = Awaited<ReturnType<typeof requestReportAction>>;

/**
 * The scope of the report: an agency user's own agency, or a chosen scope and, below national, its unit
 * (a component or ministry from a short list, an agency by searching).
 */
function ScopeFields({
  state,
  ownAgency,
  scope,
  onScope,
  choices,
  preselectedAgency,
}: {
  state: FormState;
  ownAgency: Props["ownAgency"];
  scope: ReportScopeKind;
  onScope: (scope: ReportScopeKind) => void;
  choices: Choice[];
  preselectedAgency: PickedAgency | null;
}) {
  const t = useTranslations("reports.form");
  const tPicker = useTranslations("agencyPicker");
  const errorText = useErrorText(NS);
  const values = state.status === "error" ? (state.values ?? {}) : {};
  // The form is redrawn after an error: the agency typed and chosen then comes back from the echoed values.
  const echoed = values.scope === "agency" && values.code ? { value: values.code, label: values.codeLabel || values.code } : null;
  const codeErrors = state.status === "error" ? state.fieldErrors?.code : undefined;
  const scopes = ownAgency ? [] : REPORT_SCOPES;
  return ownAgency ? (
    <div className="field">
      <input type="hidden" name="scope" value="agency" />
      <input type="hidden" name="code" value={ownAgency.code} />
      <span className="field__label">{t("scope")}</span>
      <p className="field-hint">{t("ownAgencyOnly", { agency: ownAgency.label })}</p>
      <FieldError state={state} name="scope" id="report-scope-error" namespace={NS} />
    </div>
  ) : (
    <>
      <div className="field">
        <label htmlFor="report-scope">{t("scope")}</label>
        <select id="report-scope" name="scope" value={scope} onChange={(e) => onScope(e.target.value as ReportScopeKind)} aria-describedby="report-scope-error">
          {scopes.map((s) => (
            <option key={s} value={s}>
              {t(`scopes.${s}`)}
            </option>
          ))}
        </select>
        <FieldError state={state} name="scope" id="report-scope-error" namespace={NS} />
      </div>
      {scope === "agency" ? (
        <AgencyPicker
          id="report-code"
          name="code"
          textName="codeLabel"
          label={t("agency")}
          initial={echoed ?? preselectedAgency}
          hint={tPicker("hint")}
          error={codeErrors?.map(errorText).join(" ") ?? ""}
          required
        />
      ) : (
        scope !== "national" && (
          <div className="field">
            <label htmlFor="report-code">{t(scope)}</label>
            <select id="report-code" name="code" defaultValue={values.code ?? ""} aria-describedby="report-code-error" required>
              <option value="">{t("choose")}</option>
              {choices.map((c) => (
                <option key={c.code} value={c.code}>
                  {c.label}
                </option>
              ))}
            </select>
            <FieldError state={state} name="code" id="report-code-error" namespace={NS} />
          </div>
        )
      )}
    </>
  );
}

/** The file format and the report's language. */
function FormatAndLanguage({ state, values, defaultLocale }: { state: FormState; values: Record<string, string>; defaultLocale: Locale }) {
  const t = useTranslations("reports.form");
  return (
    <>
      <fieldset className="field report-form__formats" aria-describedby="report-format-error">
        <legend>{t("format")}</legend>
        {REPORT_FORMATS.map((f) => (
          <label key={f} className="assess-choice">
            <input type="radio" name="format" value={f} defaultChecked={(values.format ?? "pdf") === f} /> {t(`formats.${f}`)}
          </label>
        ))}
        <FieldError state={state} name="format" id="report-format-error" namespace={NS} />
      </fieldset>

      <div className="field">
        <label htmlFor="report-locale">{t("language")}</label>
        <select id="report-locale" name="locale" defaultValue={values.locale ?? defaultLocale}>
          {LOCALES.map((l) => (
            <option key={l} value={l}>
              {t(`languages.${l}`)}
            </option>
          ))}
        </select>
      </div>
    </>
  );
}

interface ReportState {
  id: number;
  status: ReportStatus;
  stage: ReportStage;
  progress: number;
  error: string | null;
  format: ReportFormat;
  sizeBytes: number | null;
}

async function fetchReport(id: number): Promise<ReportState> {
  const response = await fetch(`/api/reports/${id}`, { cache: "no-store" });
  if (!response.ok) throw new Error(`report ${id}: ${response.status}`);
  return response.json() as Promise<ReportState>;
}

/** Polls the report until it is ready or failed; announces the stage to screen readers. */
function ReportProgress({ id }: { id: number }) {
  const t = useTranslations("reports.progress");
  const tErrors = useTranslations("reports.errors");
  const router = useRouter();
  const query = useQuery({
    queryKey: ["report", id],
    queryFn: () => fetchReport(id),
    refetchInterval: (q) => (q.state.data && (q.state.data.status === "done" || q.state.data.status === "failed") ? false : 700),
    retry: 3,
  });
  const finished = query.data?.status === "done" || query.data?.status === "failed";
  useEffect(() => {
    if (finished) router.refresh();
  }, [finished, router]);

  if (query.isError) return <p className="alert alert--warn">{t("lost")}</p>;
  const report = query.data;
  const stage = report?.stage ?? "queued";
  if (report?.status === "failed") {
    const reason = report.error === "pdfUnavailable" ? tErrors("pdfUnavailable") : report.error === "interrupted" ? t("interrupted") : t("failedGeneric", { id });
    return (
      <p className="alert alert--error" role="alert">
        {t("failed", { reason })}
      </p>
    );
  }
  if (report?.status === "done") {
    return (
      <div className="alert alert--info report-ready" role="status">
        <p>{t("ready")}</p>
        <a className="btn" href={`/api/reports/${id}/file`} download data-testid="report-download">
          {t("download", { format: report.format.toUpperCase() })}
        </a>
      </div>
    );
  }
  return (
    <div className="import-progress card" role="status" aria-live="polite">
      <span id={`report-progress-${id}`}>
        {t("label")}: {t(`stages.${stage}`)}
      </span>
      <progress aria-labelledby={`report-progress-${id}`} max={100} value={report?.progress ?? 0} />
    </div>
  );
}
