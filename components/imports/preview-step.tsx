"use client";

import { useLocale, useTranslations } from "next-intl";
import type { ImportField } from "@/core/emenscr/fields";
import type { Locale } from "@/core/enums";
import { formatDateTime, formatNumber } from "@/core/format/thai";
import type { ClientSummary } from "@/lib/emenscr/http";
import { AmountUnits } from "./amount-units";
import { HeaderMappingEditor, PositionalMappingEditor } from "./mapping-step";
import { RowErrors, RowNotices, SampleRows, UnmatchedAgencies } from "./preview-tables";
import type { WizardChoices } from "./use-import-wizard";

interface Props {
  summary: ClientSummary;
  choices: WizardChoices;
  busy: boolean;
  onChoose: (choices: Partial<WizardChoices>) => void;
  onRecheck: () => void;
  onCommit: () => void;
  onDownloadFixList: () => void;
  onCancel: () => void;
}

/** Step 2: what the file would change, the corrections the analyst can make, and the commit. */
export function PreviewStep({ summary, choices, busy, onChoose, onRecheck, onCommit, onDownloadFixList, onCancel }: Props) {
  const t = useTranslations("imports");
  return (
    <div className="import-preview">
      <h2 id="import-preview-heading">{t("preview.heading")}</h2>
      <FileFacts summary={summary} />
      <AmountUnits summary={summary} amountUnit={choices.amountUnit} busy={busy} onChange={(amountUnit) => onChoose({ amountUnit })} onRecheck={onRecheck} />
      {summary.layout === "position" ? (
        <PositionalMappingEditor summary={summary} value={choices.layout} busy={busy} onChange={(layout) => onChoose({ layout })} onRecheck={onRecheck} />
      ) : (
        <HeaderMappingEditor summary={summary} value={choices.mapping} busy={busy} onChange={(mapping) => onChoose({ mapping })} onRecheck={onRecheck} />
      )}
      {summary.errorCount > 0 && <RowErrors summary={summary} busy={busy} onDownloadFixList={onDownloadFixList} />}
      {summary.noticeCount > 0 && <RowNotices summary={summary} />}
      {summary.unmatchedAgencies.length > 0 && <UnmatchedAgencies summary={summary} />}
      {summary.sample.length > 0 && <SampleRows summary={summary} />}
      <CommitActions summary={summary} busy={busy} onCommit={onCommit} onCancel={onCancel} />
    </div>
  );
}

/** The file read, whether it was imported before, the row counts, periods and percent scales found. */
function FileFacts({ summary }: { summary: ClientSummary }) {
  const t = useTranslations("imports");
  const locale = useLocale() as Locale;
  const kilobytes = `${formatNumber(summary.fileBytes / 1024, locale, { maximumFractionDigits: 0 })} KB`;
  const counts = [
    ["rows", summary.rows],
    ["new", summary.inserted],
    ["changed", summary.updated],
    ["unchanged", summary.unchanged],
    ["invalid", summary.invalid],
    ["skipped", summary.skipped],
  ] as const;
  return (
    <>
      <p className="muted">
        {summary.sheetName
          ? t("preview.fileInfo", { name: summary.fileName, size: kilobytes, sheet: summary.sheetName, row: summary.headerRow || "–" })
          : t("preview.fileInfoCsv", { name: summary.fileName, size: kilobytes, row: summary.headerRow || "–" })}
        <br />
        {t("preview.sha")}: <code className="import-sha">{summary.fileSha256}</code>
      </p>
      {summary.previousBatch && (
        <div className="alert alert--warn" role="status">
          {t("preview.alreadyImported", { id: summary.previousBatch.id, date: formatDateTime(summary.previousBatch.createdAt, locale) })}
        </div>
      )}
      <dl className="grid grid--stats import-counts">
        {counts.map(([key, value]) => (
          <div key={key} className={`stat card${key === "invalid" && value > 0 ? " stat--bad" : ""}`}>
            <dt className="stat__label">{t(`preview.${key}`)}</dt>
            <dd className="stat__value">{formatNumber(value, locale)}</dd>
          </div>
        ))}
      </dl>
      {summary.periodCodes.length > 0 && <p>{t("preview.periods", { periods: summary.periodCodes.join(", ") })}</p>}
      {Object.entries(summary.percentScales).map(([field, scale]) => (
        <p key={field} className="muted">
          {t("preview.percentScale", { field: t(`fields.${field as ImportField}`), scale: scale === "fraction" ? t("preview.scaleFraction") : t("preview.scalePercent") })}
        </p>
      ))}
    </>
  );
}

/** Commit (only when nothing blocks it) or cancel, with the reason the commit is disabled. */
function CommitActions({ summary, busy, onCommit, onCancel }: { summary: ClientSummary; busy: boolean; onCommit: () => void; onCancel: () => void }) {
  const t = useTranslations("imports");
  const nothingChanges = summary.inserted + summary.updated === 0;
  const canCommit = summary.errorCount === 0 && summary.rows > 0 && !nothingChanges && !summary.amountWarning;
  return (
    <div className="import-actions">
      <button type="button" className="btn" onClick={onCommit} disabled={busy || !canCommit} aria-describedby={canCommit ? undefined : "import-commit-hint"}>
        {canCommit ? t("preview.commit", { count: summary.rows }) : t("preview.commitBlocked")}
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
      {summary.errorCount === 0 && nothingChanges && summary.rows > 0 && (
        <span id="import-commit-hint" className="muted">
          {t("result.unchanged")}
        </span>
      )}
    </div>
  );
}
