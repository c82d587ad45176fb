"use client";

import { useLocale, useTranslations } from "next-intl";
import { HeaderCell, TableFrame } from "@/components/ui/data-table";
import type { ImportField } from "@/core/emenscr/fields";
import type { Locale } from "@/core/enums";
import { formatNumber } from "@/core/format/thai";
import type { ClientSummary } from "@/lib/emenscr/http";
import type { RowError } from "@/lib/emenscr/rows";
import type { RowNotice } from "@/lib/emenscr/soft-checks";
import { UnmatchedRow } from "./unmatched-row";

const ERRORS_SHOWN = 200;

/** The rows the import would reject, the first ERRORS_SHOWN of them, and the fix list to download. */
export function RowErrors({ summary, busy, onDownloadFixList }: { summary: ClientSummary; busy: boolean; onDownloadFixList: () => void }) {
  const t = useTranslations("imports");
  const reason = (e: RowError) => t(`reasons.${e.reason}`, { max: "", length: "", formula: "", code: "", firstRow: "", value: "", ...e.params });
  return (
    <section className="section" aria-labelledby="import-errors-heading">
      <h3 id="import-errors-heading">{t("preview.errorsHeading")}</h3>
      <p>{t("preview.errorsIntro")}</p>
      <p>
        <button type="button" className="btn btn--secondary" onClick={onDownloadFixList} disabled={busy}>
          {t("preview.downloadFixList")}
        </button>
      </p>
      {summary.errorCount > ERRORS_SHOWN && <p className="muted">{t("preview.moreErrors", { shown: ERRORS_SHOWN, total: summary.errorCount })}</p>}
      <TableFrame
        head={
          <>
            <HeaderCell numeric>{t("preview.row")}</HeaderCell>
            <HeaderCell>{t("preview.column")}</HeaderCell>
            <HeaderCell>{t("preview.found")}</HeaderCell>
            <HeaderCell>{t("preview.reason")}</HeaderCell>
          </>
        }
      >
        {summary.errors.slice(0, ERRORS_SHOWN).map((e, i) => (
          <tr key={`${e.row}-${e.field}-${i}`}>
            <td className="num">{e.row}</td>
            <td>{e.column ?? (e.field ? t(`fields.${e.field}`) : "–")}</td>
            <td className="import-found">{e.found ? <code>{e.found}</code> : "–"}</td>
            <td>{reason(e)}</td>
          </tr>
        ))}
      </TableFrame>
    </section>
  );
}

/** Valid rows whose values are worth a second look before committing; they don't stop the import. */
export function RowNotices({ summary }: { summary: ClientSummary }) {
  const t = useTranslations("imports");
  const locale = useLocale() as Locale;
  const words = (n: RowNotice) =>
    t(`notices.reasons.${n.reason}`, Object.fromEntries(Object.entries(n.params).map(([k, v]) => [k, typeof v === "number" ? formatNumber(v, locale) : v])));
  return (
    <section className="section" aria-labelledby="import-notices-heading">
      <h3 id="import-notices-heading">{t("notices.heading", { count: summary.noticeCount })}</h3>
      <p>{t("notices.intro")}</p>
      {summary.noticeCount > summary.notices.length && <p className="muted">{t("preview.moreErrors", { shown: summary.notices.length, total: summary.noticeCount })}</p>}
      <TableFrame
        head={
          <>
            <HeaderCell numeric>{t("preview.row")}</HeaderCell>
            <HeaderCell>{t("preview.column")}</HeaderCell>
            <HeaderCell>{t("notices.check")}</HeaderCell>
          </>
        }
      >
        {summary.notices.map((n, i) => (
          <tr key={`${n.row}-${n.reason}-${i}`}>
            <td className="num">{n.row}</td>
            <td>{n.column ?? t(`fields.${n.field}`)}</td>
            <td>{words(n)}</td>
          </tr>
        ))}
      </TableFrame>
    </section>
  );
}

/** Agency names and codes the file uses that match no agency, each with a form mapping it to one. */
export function UnmatchedAgencies({ summary }: { summary: ClientSummary }) {
  const t = useTranslations("imports");
  return (
    <section className="section" aria-labelledby="import-unmatched-heading">
      <h3 id="import-unmatched-heading">{t("preview.unmatchedHeading")}</h3>
      <p>{t("preview.unmatchedIntro")}</p>
      <TableFrame
        head={
          <>
            <HeaderCell>{t("preview.rawName")}</HeaderCell>
            <HeaderCell>{t("preview.rawCode")}</HeaderCell>
            <HeaderCell numeric>{t("preview.rowsCount")}</HeaderCell>
            <HeaderCell>{t("preview.mapTo")}</HeaderCell>
          </>
        }
      >
        {summary.unmatchedAgencies.map((u) => (
          <UnmatchedRow key={`${u.rawCode}|${u.rawName}`} unmatched={u} />
        ))}
      </TableFrame>
    </section>
  );
}

const CHANGE_LABEL = { new: "preview.changeNew", changed: "preview.changeChanged", unchanged: "preview.changeUnchanged" } as const;

/** The first rows as they would be stored, with what each would change. */
export function SampleRows({ summary }: { summary: ClientSummary }) {
  const t = useTranslations("imports");
  const locale = useLocale() as Locale;
  const fieldLabel = (field: ImportField) => t(`fields.${field}`);
  const money = (value: string | null) => (value === null ? "–" : formatNumber(Number(value), locale));
  return (
    <section className="section" aria-labelledby="import-sample-heading">
      <h3 id="import-sample-heading">{t("preview.sampleHeading")}</h3>
      <TableFrame
        caption={t("preview.sampleCaption", { count: summary.sample.length })}
        head={
          <>
            <HeaderCell numeric>{t("preview.row")}</HeaderCell>
            <HeaderCell>{t("preview.change")}</HeaderCell>
            <HeaderCell>{fieldLabel("projectCode")}</HeaderCell>
            <HeaderCell>{fieldLabel("projectName")}</HeaderCell>
            <HeaderCell>{t("preview.matchedAgency")}</HeaderCell>
            <HeaderCell numeric>{fieldLabel("budget")}</HeaderCell>
            <HeaderCell numeric>{fieldLabel("disbursed")}</HeaderCell>
            <HeaderCell numeric>{fieldLabel("physicalProgress")}</HeaderCell>
            <HeaderCell>{fieldLabel("reportingPeriod")}</HeaderCell>
          </>
        }
      >
        {summary.sample.map((row) => (
          <tr key={row.rowNumber}>
            <td className="num">{row.rowNumber}</td>
            <td>
              <span className={`tag tag--${row.change}`}>{t(CHANGE_LABEL[row.change])}</span>
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
      </TableFrame>
    </section>
  );
}
