"use client";

import { useLocale, useTranslations } from "next-intl";
import type { RefObject } from "react";
import type { Locale } from "@/core/enums";
import { formatNumber } from "@/core/format/thai";
import type { ClientSummary, ImportErrorEvent } from "@/lib/emenscr/http";
import type { ImportProgress } from "@/lib/emenscr/import-service";
import { PreviewStep } from "./preview-step";
import { UploadStep } from "./upload-step";
import { useImportWizard, type Phase } from "./use-import-wizard";

interface Props {
  periods: string[];
  profiles: { id: number; name: string }[];
  limitLabel: string;
  limitBytes: number;
}

/** The eMENSCR import: upload a file, preview and correct what it would change, then commit it. */
export function ImportWizard({ periods, profiles, limitLabel, limitBytes }: Props) {
  const t = useTranslations("imports");
  const tErr = useTranslations("errors");
  const wizard = useImportWizard({ firstPeriod: periods[0] ?? "", limitBytes, limitLabel });
  const { state, busy } = wizard;
  const fieldErrors = state.error?.fieldErrors ?? {};
  return (
    <section className="card import-wizard" aria-labelledby="import-upload-heading">
      <h2 id="import-upload-heading">{t("upload.heading")}</h2>
      <UploadStep
        choices={state}
        periods={periods}
        profiles={profiles}
        limitLabel={limitLabel}
        busy={busy}
        fileError={state.fileError ?? (fieldErrors.file ? tErr("required") : "")}
        periodError={fieldErrors.period ? tErr("import_invalid_period") : ""}
        onChoose={wizard.choose}
        onFile={wizard.chooseFile}
        onSubmit={wizard.preview}
      />
      <ImportStatus phase={state.phase} busy={busy} upload={wizard.upload} progress={wizard.progress} error={state.error} />
      {state.result && <ImportResult result={state.result} resultRef={wizard.resultRef} />}
      {state.summary && state.phase !== "done" && (
        <PreviewStep
          summary={state.summary}
          choices={state}
          busy={busy}
          onChoose={wizard.choose}
          onRecheck={wizard.preview}
          onCommit={wizard.commit}
          onDownloadFixList={wizard.downloadFixList}
          onCancel={wizard.reset}
        />
      )}
    </section>
  );
}

/** The message of a failed request; file and period errors show under their fields instead. */
function useErrorMessage(error: ImportErrorEvent | null): string | null {
  const t = useTranslations("imports");
  const tErr = useTranslations("errors");
  // The form's other (hidden) fields have no place of their own.
  const [, otherCodes] = Object.entries(error?.fieldErrors ?? {}).find(([field]) => field !== "file" && field !== "period") ?? [];
  if (otherCodes) return tErr.has(otherCodes[0] as "internal") ? tErr(otherCodes[0] as "internal") : tErr("validation");
  if (!error || error.fieldErrors) return null;
  if (error.reason) return t(`fileErrors.${error.reason}` as "fileErrors.empty_file", { limit: "", size: "", sheet: "", sheets: "", rows: "", ...error.params });
  return tErr.has(error.error as "internal") ? tErr(error.error as "internal") : tErr("internal");
}

/** Upload and processing progress while a request runs, and the error it ended with. */
function ImportStatus({ phase, busy, upload, progress, error }: { phase: Phase; busy: boolean; upload: number; progress: ImportProgress | null; error: ImportErrorEvent | null }) {
  const t = useTranslations("imports");
  const locale = useLocale() as Locale;
  const errorMessage = useErrorMessage(error);
  return (
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
  );
}

/** The outcome of a commit, focused when it appears. */
function ImportResult({ result, resultRef }: { result: ClientSummary; resultRef: RefObject<HTMLDivElement | null> }) {
  const t = useTranslations("imports");
  const text =
    result.outcome === "committed"
      ? t("result.committed", { id: result.batchId ?? 0, inserted: result.inserted, updated: result.updated, unchanged: result.unchanged })
      : result.outcome === "unchanged"
        ? t("result.unchanged")
        : result.outcome === "unit_unconfirmed"
          ? t("result.unit_unconfirmed")
          : t("result.invalid", { count: result.invalid });
  return (
    <div ref={resultRef} tabIndex={-1} className={`alert ${result.outcome === "committed" || result.outcome === "unchanged" ? "alert--info" : "alert--error"}`} role="status">
      {text}
    </div>
  );
}
