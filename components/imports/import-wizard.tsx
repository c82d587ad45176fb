"use client";

import { useRouter } from "next/navigation";
import { useLocale, useTranslations } from "next-intl";
import { useActionState, useId, useRef, useState, type FormEvent } from "react";
import { mapAgencyAliasAction, saveMappingProfileAction } from "@/app/imports/actions";
import { AMOUNT_UNITS, type AmountUnit } from "@/core/emenscr/amount-units";
import { IMPORT_FIELDS, normaliseHeader, type ImportField } from "@/core/emenscr/fields";
import type { ClientSummary, ImportStreamEvent } from "@/lib/emenscr/http";
import type { ImportProgress, UnmatchedAgency } from "@/lib/emenscr/import-service";
import type { RowError } from "@/lib/emenscr/rows";
import { formatDateTime, formatNumber } from "@/core/format/thai";
import type { ActionState } from "@/lib/http/action";
import type { Locale } from "@/core/enums";

/** The initial form-action state (lib/http/action.ts is server-only, so not imported here). */
const IDLE = { status: "idle" } as const;

interface Props {
  periods: string[];
  profiles: { id: number; name: string }[];
  agencies: { id: number; code: string; name: string }[];
  limitLabel: string;
  limitBytes: number;
}

type Phase = "idle" | "uploading" | "processing" | "preview" | "committing" | "done";
type ErrorEvent = Extract<ImportStreamEvent, { type: "error" }>;
const ERRORS_SHOWN = 200;

/** POSTs the form and reads the newline-delimited JSON answer as it arrives (progress, then result). */
function postImport(url: string, form: FormData, onUpload: (percent: number) => void, onEvent: (event: ImportStreamEvent) => void): Promise<void> {
  return new Promise((resolve) => {
    const xhr = new XMLHttpRequest();
    let consumed = 0;
    const drain = (final: boolean) => {
      const text = xhr.responseText;
      let newline = text.indexOf("\n", consumed);
      while (newline !== -1) {
        const line = text.slice(consumed, newline).trim();
        consumed = newline + 1;
        if (line) onEvent(JSON.parse(line) as ImportStreamEvent);
        newline = text.indexOf("\n", consumed);
      }
      if (final && text.slice(consumed).trim()) onEvent(JSON.parse(text.slice(consumed)) as ImportStreamEvent);
    };
    xhr.open("POST", url);
    xhr.upload.onprogress = (e) => e.lengthComputable && onUpload(Math.round((e.loaded / e.total) * 100));
    xhr.onprogress = () => xhr.status === 200 && drain(false);
    xhr.onload = () => {
      if (xhr.status === 200) drain(true);
      else {
        try {
          const body = JSON.parse(xhr.responseText) as Partial<ErrorEvent>;
          onEvent({ type: "error", error: body.error ?? "internal", ...body } as ErrorEvent);
        } catch {
          onEvent({ type: "error", error: xhr.status === 403 ? "forbidden" : "internal" });
        }
      }
      resolve();
    };
    xhr.onerror = () => {
      onEvent({ type: "error", error: "internal" });
      resolve();
    };
    xhr.send(form);
  });
}

export function ImportWizard({ periods, profiles, agencies, limitLabel, limitBytes }: Props) {
  const t = useTranslations("imports");
  const tErr = useTranslations("errors");
  const locale = useLocale() as Locale;
  const router = useRouter();
  const [file, setFile] = useState<File | null>(null);
  const [period, setPeriod] = useState(periods[0] ?? "");
  const [sheet, setSheet] = useState("");
  const [profileId, setProfileId] = useState("");
  const [mapping, setMapping] = useState<Record<string, string | null>>({});
  const [layout, setLayout] = useState<LayoutChoice | null>(null);
  const [amountUnit, setAmountUnit] = useState<AmountUnit | "">("");
  const [phase, setPhase] = useState<Phase>("idle");
  const [upload, setUpload] = useState(0);
  const [progress, setProgress] = useState<ImportProgress | null>(null);
  const [summary, setSummary] = useState<ClientSummary | null>(null);
  const [result, setResult] = useState<ClientSummary | null>(null);
  const [error, setError] = useState<ErrorEvent | null>(null);
  const [fileError, setFileError] = useState<string | null>(null);
  const resultRef = useRef<HTMLDivElement>(null);

  function buildForm(extra: Record<string, string> = {}): FormData {
    const form = new FormData();
    form.set("file", file!);
    form.set("period", period);
    form.set("sheet", sheet);
    form.set("profileId", profileId);
    if (Object.keys(mapping).length) form.set("mapping", JSON.stringify(mapping));
    if (layout) {
      form.set("positions", JSON.stringify(layout.positions));
      form.set("hasHeaderRow", String(layout.hasHeaderRow));
    }
    if (amountUnit) form.set("amountUnit", amountUnit);
    for (const [k, v] of Object.entries(extra)) form.set(k, v);
    return form;
  }

  async function run(url: string, busy: Phase, extra?: Record<string, string>): Promise<ClientSummary | null> {
    setPhase(busy);
    setError(null);
    setUpload(0);
    setProgress(null);
    let received: ClientSummary | null = null;
    let failed: ErrorEvent | null = null;
    await postImport(url, buildForm(extra), (percent) => {
      setUpload(percent);
      if (percent >= 100) setPhase(busy === "uploading" ? "processing" : busy);
    }, (event) => {
      if (event.type === "progress") setProgress({ phase: event.phase, rows: event.rows });
      else if (event.type === "result") received = event.summary;
      else failed = event;
    });
    if (failed) setError(failed);
    return received;
  }

  async function onPreview(event?: FormEvent) {
    event?.preventDefault();
    if (!file) {
      setFileError(t("upload.fileRequired"));
      return;
    }
    if (file.size > limitBytes) {
      setFileError(t("fileErrors.file_too_large", { limit: limitLabel, size: `${formatNumber(file.size / 1048576, locale, { maximumFractionDigits: 1 })} MB` }));
      return;
    }
    setFileError(null);
    setResult(null);
    const received = await run("/api/imports/preview", "uploading");
    setSummary(received);
    setPhase(received ? "preview" : "idle");
  }

  async function onCommit() {
    if (!summary) return;
    const received = await run("/api/imports/commit", "committing", { expectedSha256: summary.fileSha256 });
    setPhase(received ? "done" : "preview");
    if (received) {
      setResult(received);
      router.refresh();
      requestAnimationFrame(() => resultRef.current?.focus());
    }
  }

  async function onDownloadFixList() {
    const response = await fetch("/api/imports/fix-list", { method: "POST", body: buildForm() });
    if (!response.ok) {
      setError({ type: "error", error: "internal" });
      return;
    }
    const url = URL.createObjectURL(await response.blob());
    const link = document.createElement("a");
    link.href = url;
    link.download = `${(file?.name ?? "emenscr").replace(/\.[^.]+$/, "")}-fix-list.xlsx`;
    link.click();
    URL.revokeObjectURL(url);
  }

  function reset() {
    setSummary(null);
    setResult(null);
    setError(null);
    setMapping({});
    setLayout(null);
    setAmountUnit("");
    setPhase("idle");
  }

  const busy = phase === "uploading" || phase === "processing" || phase === "committing";
  const fieldErrors = error?.fieldErrors ?? {};
  // File and period errors show under their fields; the form's other (hidden) fields have no place of their own.
  const [, otherCodes] = Object.entries(fieldErrors).find(([field]) => field !== "file" && field !== "period") ?? [];
  const errorMessage = otherCodes ? (tErr.has(otherCodes[0] as "internal") ? tErr(otherCodes[0] as "internal") : tErr("validation")) : error && !error.fieldErrors ? explainError(error) : null;

  function explainError(e: ErrorEvent): string {
    if (e.reason) return t(`fileErrors.${e.reason}` as "fileErrors.empty_file", { limit: "", size: "", sheet: "", sheets: "", rows: "", ...e.params });
    return tErr.has(e.error as "internal") ? tErr(e.error as "internal") : tErr("internal");
  }

  return (
    <section className="card import-wizard" aria-labelledby="import-upload-heading">
      <h2 id="import-upload-heading">{t("upload.heading")}</h2>
      <form onSubmit={onPreview} noValidate className="import-form">
        <div className="field">
          <label htmlFor="import-file">{t("upload.file")}</label>
          <input
            id="import-file"
            name="file"
            type="file"
            accept=".xlsx,.csv,.txt,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet,text/csv"
            aria-describedby="import-file-hint import-file-error"
            aria-invalid={fileError || fieldErrors.file ? true : undefined}
            onChange={(e) => {
              setFile(e.target.files?.[0] ?? null);
              reset();
            }}
            disabled={busy}
          />
          <span id="import-file-hint" className="field-hint">
            {t("upload.fileHint", { limit: limitLabel })}
          </span>
          <span id="import-file-error" className="field-error" aria-live="polite">
            {fileError ?? (fieldErrors.file ? tErr("required") : "")}
          </span>
        </div>
        <div className="import-form__row">
          <div className="field">
            <label htmlFor="import-period">{t("upload.period")}</label>
            <select id="import-period" name="period" value={period} onChange={(e) => setPeriod(e.target.value)} disabled={busy} aria-describedby="import-period-hint import-period-error">
              <option value="">{t("upload.periodAuto")}</option>
              {periods.map((code) => (
                <option key={code} value={code}>
                  {code}
                </option>
              ))}
            </select>
            <span id="import-period-hint" className="field-hint">
              {t("upload.periodHint")}
            </span>
            <span id="import-period-error" className="field-error" aria-live="polite">
              {fieldErrors.period ? tErr("import_invalid_period") : ""}
            </span>
          </div>
          <div className="field">
            <label htmlFor="import-sheet">{t("upload.sheet")}</label>
            <input id="import-sheet" name="sheet" type="text" value={sheet} maxLength={100} onChange={(e) => setSheet(e.target.value)} disabled={busy} aria-describedby="import-sheet-hint" />
            <span id="import-sheet-hint" className="field-hint">
              {t("upload.sheetHint")}
            </span>
          </div>
          <div className="field">
            <label htmlFor="import-profile">{t("upload.profile")}</label>
            <select id="import-profile" name="profileId" value={profileId} onChange={(e) => setProfileId(e.target.value)} disabled={busy}>
              <option value="">{t("upload.noProfile")}</option>
              {profiles.map((p) => (
                <option key={p.id} value={p.id}>
                  {p.name}
                </option>
              ))}
            </select>
          </div>
        </div>
        <button type="submit" className="btn" disabled={busy}>
          {t("upload.submit")}
        </button>
      </form>

      <div aria-live="polite" className="import-status">
        {busy && (
          <div className="import-progress">
            <label htmlFor="import-progress-bar">
              {phase === "uploading" || (phase === "committing" && upload < 100)
                ? t("progress.uploading", { percent: upload })
                : progress
                  ? t(`progress.${progress.phase}`, { rows: formatNumber(progress.rows, locale) })
                  : t("progress.parse", { rows: 0 })}
            </label>
            <progress id="import-progress-bar" max={100} value={upload < 100 ? upload : undefined} aria-label={t("progress.label")} />
          </div>
        )}
        {errorMessage && (
          <div className="alert alert--error" role="alert">
            {errorMessage}
          </div>
        )}
      </div>

      {result && (
        <div ref={resultRef} tabIndex={-1} className={`alert ${result.outcome === "committed" ? "alert--info" : result.outcome === "unchanged" ? "alert--info" : "alert--error"}`} role="status">
          {result.outcome === "committed"
            ? t("result.committed", { id: result.batchId ?? 0, inserted: result.inserted, updated: result.updated, unchanged: result.unchanged })
            : result.outcome === "unchanged"
              ? t("result.unchanged")
              : result.outcome === "unit_unconfirmed"
                ? t("result.unit_unconfirmed")
                : t("result.invalid", { count: result.invalid })}
        </div>
      )}

      {summary && phase !== "done" && (
        <Preview
          summary={summary}
          agencies={agencies}
          mapping={mapping}
          layout={layout}
          amountUnit={amountUnit}
          busy={busy}
          onMappingChange={setMapping}
          onLayoutChange={setLayout}
          onAmountUnitChange={setAmountUnit}
          onRecheck={() => onPreview()}
          onCommit={onCommit}
          onDownloadFixList={onDownloadFixList}
          onCancel={reset}
        />
      )}
    </section>
  );
}

/** The analyst's mapping by position: column index → field, and whether row 1 is a header. */
interface LayoutChoice {
  positions: Record<string, string | null>;
  hasHeaderRow: boolean;
}

interface PreviewProps {
  summary: ClientSummary;
  agencies: Props["agencies"];
  mapping: Record<string, string | null>;
  layout: LayoutChoice | null;
  amountUnit: AmountUnit | "";
  busy: boolean;
  onMappingChange: (mapping: Record<string, string | null>) => void;
  onLayoutChange: (layout: LayoutChoice) => void;
  onAmountUnitChange: (unit: AmountUnit | "") => void;
  onRecheck: () => void;
  onCommit: () => void;
  onDownloadFixList: () => void;
  onCancel: () => void;
}

function Preview({ summary, agencies, mapping, layout, amountUnit, busy, onMappingChange, onLayoutChange, onAmountUnitChange, onRecheck, onCommit, onDownloadFixList, onCancel }: PreviewProps) {
  const t = useTranslations("imports");
  const locale = useLocale() as Locale;
  const fieldLabel = (field: ImportField) => t(`fields.${field}`);
  const reason = (e: RowError) => t(`reasons.${e.reason}`, { max: "", length: "", formula: "", code: "", firstRow: "", value: "", ...e.params });
  const canCommit = summary.errorCount === 0 && summary.rows > 0 && summary.inserted + summary.updated > 0 && !summary.amountWarning;
  const n = (value: number) => formatNumber(value, locale);
  const money = (value: string | null) => (value === null ? "–" : formatNumber(Number(value), locale));

  return (
    <div className="import-preview">
      <h2 id="import-preview-heading">{t("preview.heading")}</h2>
      <p className="muted">
        {t("preview.fileInfo", { name: summary.fileName, size: `${formatNumber(summary.fileBytes / 1024, locale, { maximumFractionDigits: 0 })} KB`, sheet: summary.sheetName ?? summary.encoding ?? "–", row: summary.headerRow || "–" })}
        <br />
        {t("preview.sha")}: <code className="import-sha">{summary.fileSha256}</code>
      </p>
      {summary.previousBatch && (
        <div className="alert alert--warn" role="status">
          {t("preview.alreadyImported", { id: summary.previousBatch.id, date: formatDateTime(summary.previousBatch.createdAt, locale) })}
        </div>
      )}
      <dl className="grid grid--stats import-counts">
        {(
          [
            ["rows", summary.rows],
            ["new", summary.inserted],
            ["changed", summary.updated],
            ["unchanged", summary.unchanged],
            ["invalid", summary.invalid],
            ["skipped", summary.skipped],
          ] as const
        ).map(([key, value]) => (
          <div key={key} className={`stat card${key === "invalid" && value > 0 ? " stat--bad" : ""}`}>
            <dt className="stat__label">{t(`preview.${key}`)}</dt>
            <dd className="stat__value">{n(value)}</dd>
          </div>
        ))}
      </dl>
      {summary.periodCodes.length > 0 && <p>{t("preview.periods", { periods: summary.periodCodes.join(", ") })}</p>}
      {Object.entries(summary.percentScales).map(([field, scale]) => (
        <p key={field} className="muted">
          {t("preview.percentScale", { field: fieldLabel(field as ImportField), scale: scale === "fraction" ? t("preview.scaleFraction") : t("preview.scalePercent") })}
        </p>
      ))}

      <AmountUnits summary={summary} amountUnit={amountUnit} busy={busy} onChange={onAmountUnitChange} onRecheck={onRecheck} />

      {summary.layout === "position" ? (
        <PositionalMappingEditor summary={summary} layout={layout} busy={busy} onChange={onLayoutChange} onRecheck={onRecheck} />
      ) : (
        <MappingEditor summary={summary} mapping={mapping} busy={busy} onChange={onMappingChange} onRecheck={onRecheck} />
      )}

      {summary.errorCount > 0 && (
        <section className="section" aria-labelledby="import-errors-heading">
          <h3 id="import-errors-heading">{t("preview.errorsHeading")}</h3>
          <p>{t("preview.errorsIntro")}</p>
          <p>
            <button type="button" className="btn btn--secondary" onClick={onDownloadFixList} disabled={busy}>
              {t("preview.downloadFixList")}
            </button>
          </p>
          {summary.errorCount > ERRORS_SHOWN && <p className="muted">{t("preview.moreErrors", { shown: ERRORS_SHOWN, total: summary.errorCount })}</p>}
          <div className="table-wrap">
            <table className="data">
              <thead>
                <tr>
                  <th scope="col" className="num">
                    {t("preview.row")}
                  </th>
                  <th scope="col">{t("preview.column")}</th>
                  <th scope="col">{t("preview.reason")}</th>
                </tr>
              </thead>
              <tbody>
                {summary.errors.slice(0, ERRORS_SHOWN).map((e, i) => (
                  <tr key={`${e.row}-${e.field}-${i}`}>
                    <td className="num">{e.row}</td>
                    <td>{e.column ?? (e.field ? fieldLabel(e.field) : "–")}</td>
                    <td>{reason(e)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </section>
      )}

      {summary.unmatchedAgencies.length > 0 && (
        <section className="section" aria-labelledby="import-unmatched-heading">
          <h3 id="import-unmatched-heading">{t("preview.unmatchedHeading")}</h3>
          <p>{t("preview.unmatchedIntro")}</p>
          <div className="table-wrap">
            <table className="data">
              <thead>
                <tr>
                  <th scope="col">{t("preview.rawName")}</th>
                  <th scope="col">{t("preview.rawCode")}</th>
                  <th scope="col" className="num">
                    {t("preview.rowsCount")}
                  </th>
                  <th scope="col">{t("preview.mapTo")}</th>
                </tr>
              </thead>
              <tbody>
                {summary.unmatchedAgencies.map((u) => (
                  <UnmatchedRow key={`${u.rawCode}|${u.rawName}`} unmatched={u} agencies={agencies} />
                ))}
              </tbody>
            </table>
          </div>
        </section>
      )}

      {summary.sample.length > 0 && (
        <section className="section" aria-labelledby="import-sample-heading">
          <h3 id="import-sample-heading">{t("preview.sampleHeading")}</h3>
          <div className="table-wrap">
            <table className="data">
              <caption>{t("preview.sampleCaption", { count: summary.sample.length })}</caption>
              <thead>
                <tr>
                  <th scope="col" className="num">
                    {t("preview.row")}
                  </th>
                  <th scope="col">{t("preview.change")}</th>
                  <th scope="col">{fieldLabel("projectCode")}</th>
                  <th scope="col">{fieldLabel("projectName")}</th>
                  <th scope="col">{t("preview.matchedAgency")}</th>
                  <th scope="col" className="num">
                    {fieldLabel("budget")}
                  </th>
                  <th scope="col" className="num">
                    {fieldLabel("disbursed")}
                  </th>
                  <th scope="col" className="num">
                    {fieldLabel("physicalProgress")}
                  </th>
                  <th scope="col">{fieldLabel("reportingPeriod")}</th>
                </tr>
              </thead>
              <tbody>
                {summary.sample.map((row) => (
                  <tr key={row.rowNumber}>
                    <td className="num">{row.rowNumber}</td>
                    <td>
                      <span className={`tag tag--${row.change}`}>{t(row.change === "new" ? "preview.changeNew" : row.change === "changed" ? "preview.changeChanged" : "preview.changeUnchanged")}</span>
                    </td>
                    <td>
                      <code>{row.projectCode}</code>
                    </td>
                    <td>{row.projectName}</td>
                    <td>{row.matchedAgencyName ?? <span className="muted">{t("preview.notMatched")}: {row.agencyName ?? row.agencyCode}</span>}</td>
                    <td className="num">{money(row.budget)}</td>
                    <td className="num">{money(row.disbursed)}</td>
                    <td className="num">{row.physicalProgress === null ? "–" : `${formatNumber(Number(row.physicalProgress), locale)}%`}</td>
                    <td>{row.periodCode}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </section>
      )}

      <div className="import-actions">
        <button type="button" className="btn" onClick={onCommit} disabled={busy || !canCommit} aria-describedby={canCommit ? undefined : "import-commit-hint"}>
          {t("preview.commit", { count: summary.rows })}
        </button>
        <button type="button" className="btn btn--secondary" onClick={onCancel} disabled={busy}>
          {t("preview.cancel")}
        </button>
        {summary.errorCount > 0 && (
          <span id="import-commit-hint" className="field-error">
            {t("preview.commitDisabled")}
          </span>
        )}
        {summary.errorCount === 0 && summary.amountWarning && (
          <span id="import-commit-hint" className="field-error">
            {t("preview.commitUnitHint")}
          </span>
        )}
        {summary.errorCount === 0 && summary.inserted + summary.updated === 0 && summary.rows > 0 && (
          <span id="import-commit-hint" className="muted">
            {t("result.unchanged")}
          </span>
        )}
      </div>
    </div>
  );
}

function UnmatchedRow({ unmatched, agencies }: { unmatched: UnmatchedAgency; agencies: Props["agencies"] }) {
  const t = useTranslations("imports");
  const tErr = useTranslations("errors");
  const id = useId();
  const [state, action, pending] = useActionState(mapAgencyAliasAction, IDLE as ActionState<{ aliasId: number; linkedProjects: number }>);
  const suggested = new Set(unmatched.suggestions.map((s) => s.agencyId));
  const rawText = unmatched.rawName ?? unmatched.rawCode ?? "";
  return (
    <tr>
      <td>{unmatched.rawName ?? "–"}</td>
      <td>{unmatched.rawCode ?? "–"}</td>
      <td className="num">{unmatched.rows}</td>
      <td>
        {state.status === "success" ? (
          <span role="status">{t("preview.mapped", { count: state.data.linkedProjects })}</span>
        ) : (
          <form action={action} className="import-map-form">
            <input type="hidden" name="rawText" value={rawText} />
            <label htmlFor={`${id}-agency`} className="visually-hidden">
              {t("preview.mapTo")} {rawText}
            </label>
            <select id={`${id}-agency`} name="agencyId" required defaultValue={unmatched.suggestions[0]?.agencyId ?? ""} aria-describedby={`${id}-error`}>
              <option value="">{t("preview.chooseAgency")}</option>
              {unmatched.suggestions.map((s) => (
                <option key={`s${s.agencyId}`} value={s.agencyId}>
                  {s.code} {s.nameTh} — {t("preview.suggested", { score: Math.round(s.score * 100) + "%" })}
                </option>
              ))}
              {agencies
                .filter((a) => !suggested.has(a.id))
                .map((a) => (
                  <option key={a.id} value={a.id}>
                    {a.code} {a.name}
                  </option>
                ))}
            </select>
            <button type="submit" className="btn btn--secondary" disabled={pending}>
              {t("preview.mapButton")}
            </button>
            <span id={`${id}-error`} className="field-error" aria-live="polite">
              {state.status === "error" ? tErr.has(state.error as "internal") ? tErr(state.error as "internal") : tErr("internal") : ""}
            </span>
          </form>
        )}
      </td>
    </tr>
  );
}

function MappingEditor({
  summary,
  mapping,
  busy,
  onChange,
  onRecheck,
}: {
  summary: ClientSummary;
  mapping: Record<string, string | null>;
  busy: boolean;
  onChange: (mapping: Record<string, string | null>) => void;
  onRecheck: () => void;
}) {
  const t = useTranslations("imports");
  const columns = summary.columns.filter((c) => c.header !== "");
  const missing = summary.missingFields.length > 0;
  // The mapping as it stands: what the server recognised, overridden by the analyst's choices.
  const current: Record<string, string | null> = Object.fromEntries(columns.map((c) => [normaliseHeader(c.header), c.field]));
  const effective = { ...current, ...mapping };
  return (
    <details className="section import-mapping" open={missing}>
      <summary>
        <h3 id="import-mapping-heading">{t("preview.mappingHeading")}</h3>
      </summary>
      {missing && (
        <div className="alert alert--error" role="alert">
          {t("preview.missingFields", { fields: summary.missingFields.map((f) => t(`fields.${f}`)).join(", ") })}
        </div>
      )}
      <p>{t("preview.mappingIntro")}</p>
      <div className="table-wrap">
        <table className="data" aria-labelledby="import-mapping-heading">
          <thead>
            <tr>
              <th scope="col">{t("preview.header")}</th>
              <th scope="col">{t("preview.samples")}</th>
              <th scope="col">{t("preview.field")}</th>
            </tr>
          </thead>
          <tbody>
            {columns.map((c) => {
              const key = normaliseHeader(c.header);
              return (
                <tr key={c.index}>
                  <td>
                    <label htmlFor={`map-${c.index}`}>{c.header}</label>
                  </td>
                  <td>
                    <Samples values={c.samples} />
                  </td>
                  <td>
                    <select
                      id={`map-${c.index}`}
                      value={effective[key] ?? ""}
                      disabled={busy}
                      onChange={(e) => onChange({ ...mapping, [key]: e.target.value || null })}
                    >
                      <option value="">{t("preview.ignore")}</option>
                      {IMPORT_FIELDS.map((f) => (
                        <option key={f} value={f}>
                          {t(`fields.${f}`)}
                        </option>
                      ))}
                    </select>
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      </div>
      <div className="import-actions">
        <button type="button" className="btn btn--secondary" onClick={onRecheck} disabled={busy || Object.keys(mapping).length === 0}>
          {t("preview.applyMapping")}
        </button>
      </div>
      <SaveProfileForm values={{ mapping: JSON.stringify(effective) }} />
    </details>
  );
}

function Samples({ values }: { values: string[] }) {
  if (values.length === 0) return <span className="muted">–</span>;
  return (
    <ul className="import-samples">
      {values.map((v, i) => (
        <li key={i}>{v}</li>
      ))}
    </ul>
  );
}

/** The unit of each money column (converted to baht when thousand or million), a warning when it looks wrong, and the analyst's choice. */
function AmountUnits({
  summary,
  amountUnit,
  busy,
  onChange,
  onRecheck,
}: {
  summary: ClientSummary;
  amountUnit: AmountUnit | "";
  busy: boolean;
  onChange: (unit: AmountUnit | "") => void;
  onRecheck: () => void;
}) {
  const t = useTranslations("imports");
  const locale = useLocale() as Locale;
  const units = Object.entries(summary.amountUnits) as [ImportField, NonNullable<ClientSummary["amountUnits"]["budget"]>][];
  if (units.length === 0) return null;
  const warning = summary.amountWarning;
  const n = (value: number) => formatNumber(value, locale, { maximumFractionDigits: 2 });
  const evidence = (warning?.agencies ?? [])
    .slice(0, 5)
    .map((a) => t("amounts.agencyEvidence", { agency: a.agencyName, file: n(a.fileMedian), earlier: n(a.earlierMedian ?? 0) }))
    .join("; ");
  return (
    <section className="section import-amounts" aria-labelledby="import-amounts-heading">
      <h3 id="import-amounts-heading">{t("preview.amountsHeading")}</h3>
      <ul>
        {units.map(([field, unit]) => (
          <li key={field}>
            <strong>{summary.columns.find((c) => c.field === field)?.header || t(`fields.${field}`)}</strong>:{" "}
            {t(`amounts.converted.${unit.source}`, { unit: t(`amounts.units.${unit.unit}`) })}
          </li>
        ))}
      </ul>
      {warning && (
        <div className="alert alert--warn" role="alert">
          {t(`amounts.warning.${warning.kind}`, {
            median: n(warning.fileMedian),
            unit: warning.kind === "look_like_baht" ? t(`amounts.units.${warning.unit}`) : "",
            agencies: evidence || "–",
          })}
        </div>
      )}
      <div className="import-form__row">
        <div className="field">
          <label htmlFor="import-amount-unit">{t("preview.amountUnitLabel")}</label>
          <select id="import-amount-unit" value={amountUnit} disabled={busy} onChange={(e) => onChange(e.target.value as AmountUnit | "")} aria-describedby="import-amount-unit-hint">
            <option value="">{t("preview.amountUnitAsRead")}</option>
            {AMOUNT_UNITS.map((u) => (
              <option key={u} value={u}>
                {t(`amounts.units.${u}`)}
              </option>
            ))}
          </select>
          <span id="import-amount-unit-hint" className="field-hint">
            {t("preview.amountUnitHint")}
          </span>
        </div>
      </div>
      <div className="import-actions">
        <button type="button" className="btn btn--secondary" onClick={onRecheck} disabled={busy}>
          {t("preview.amountUnitRecheck")}
        </button>
      </div>
    </section>
  );
}

/** Mapping a file without a recognisable header: each column by its position, with its first values. */
function PositionalMappingEditor({
  summary,
  layout,
  busy,
  onChange,
  onRecheck,
}: {
  summary: ClientSummary;
  layout: LayoutChoice | null;
  busy: boolean;
  onChange: (layout: LayoutChoice) => void;
  onRecheck: () => void;
}) {
  const t = useTranslations("imports");
  // What the server used, overridden by the analyst's choices.
  const current: LayoutChoice = layout ?? {
    positions: Object.fromEntries(summary.columns.map((c) => [String(c.index), c.field])),
    hasHeaderRow: summary.headerRow > 0,
  };
  const unmapped = summary.columns.every((c) => c.field === null);
  return (
    <section className="section import-mapping" aria-labelledby="import-mapping-heading">
      <h3 id="import-mapping-heading">{t("preview.mappingHeading")}</h3>
      {unmapped && (
        <div className="alert alert--info" role="status">
          {t("preview.noHeaderFound")}
        </div>
      )}
      {summary.missingFields.length > 0 && (
        <div className="alert alert--error" role="alert">
          {t("preview.missingFields", { fields: summary.missingFields.map((f) => t(`fields.${f}`)).join(", ") })}
        </div>
      )}
      <p>{t("preview.positionalIntro")}</p>
      <div className="import-check">
        <input
          id="import-has-header"
          type="checkbox"
          checked={current.hasHeaderRow}
          disabled={busy}
          onChange={(e) => onChange({ ...current, hasHeaderRow: e.target.checked })}
        />
        <label htmlFor="import-has-header">{t("preview.hasHeaderRow")}</label>
      </div>
      <div className="table-wrap">
        <table className="data" aria-labelledby="import-mapping-heading">
          <thead>
            <tr>
              <th scope="col">{t("preview.column")}</th>
              <th scope="col">{t("preview.header")}</th>
              <th scope="col">{t("preview.samples")}</th>
              <th scope="col">{t("preview.field")}</th>
            </tr>
          </thead>
          <tbody>
            {summary.columns.map((c) => (
              <tr key={c.index}>
                <td>
                  <label htmlFor={`map-position-${c.index}`}>{t("preview.columnLetter", { letter: c.letter })}</label>
                </td>
                <td>{c.header || <span className="muted">–</span>}</td>
                <td>
                  <Samples values={c.samples} />
                </td>
                <td>
                  <select
                    id={`map-position-${c.index}`}
                    value={current.positions[String(c.index)] ?? ""}
                    disabled={busy}
                    onChange={(e) => onChange({ ...current, positions: { ...current.positions, [String(c.index)]: e.target.value || null } })}
                  >
                    <option value="">{t("preview.ignore")}</option>
                    {IMPORT_FIELDS.map((f) => (
                      <option key={f} value={f}>
                        {t(`fields.${f}`)}
                      </option>
                    ))}
                  </select>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <div className="import-actions">
        <button type="button" className="btn btn--secondary" onClick={onRecheck} disabled={busy || layout === null}>
          {t("preview.applyMapping")}
        </button>
      </div>
      <SaveProfileForm values={{ positions: JSON.stringify(current.positions), hasHeaderRow: String(current.hasHeaderRow) }} />
    </section>
  );
}

/** Saves the mapping on screen (hidden fields) as a named profile for later files of the same layout. */
function SaveProfileForm({ values }: { values: Record<string, string> }) {
  const t = useTranslations("imports");
  const tErr = useTranslations("errors");
  const [state, action, pending] = useActionState(saveMappingProfileAction, IDLE as ActionState<{ id: number }>);
  return (
    <form action={action} className="import-profile-form">
      {Object.entries(values).map(([name, value]) => (
        <input key={name} type="hidden" name={name} value={value} />
      ))}
      <div className="field">
        <label htmlFor="profile-name">{t("preview.profileName")}</label>
        <input id="profile-name" name="name" type="text" maxLength={100} required aria-describedby="profile-name-error" defaultValue={state.status === "error" ? state.values?.name : ""} />
        <span id="profile-name-error" className="field-error" aria-live="polite">
          {state.status === "error" ? (state.fieldErrors?.name ? tErr("required") : tErr.has(state.error as "internal") ? tErr(state.error as "internal") : tErr("internal")) : ""}
        </span>
      </div>
      <button type="submit" className="btn btn--secondary" disabled={pending}>
        {t("preview.saveProfile")}
      </button>
      {state.status === "success" && <span role="status">{t("preview.profileSaved")}</span>}
    </form>
  );
}
