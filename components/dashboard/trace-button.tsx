"use client";

import { useQuery } from "@tanstack/react-query";
import { useLocale, useTranslations } from "next-intl";
import { useEffect, useId, useRef, useState } from "react";
import type { Provenance, ProvenanceRow } from "@/lib/facts/read/provenance";
import { toLocale } from "@/i18n/locale";
import { pick } from "@/i18n/pick";
import { provenanceQuery, type ProvenanceRequest } from "@/components/dashboard/query-options";
import { formatDateTime, formatNumber, formatPeriod } from "@/core/format/thai";
import { formatFigure } from "@/core/format/figure";
import { HeaderCell, TableFrame } from "@/components/ui/data-table";
import { parseSroiSourceRef, sroiAnchor } from "@/core/sroi/source-ref";

const PAGE = 50;

/**
 * A dashboard number as a button: clicking it opens the facts it was computed from (every source and
 * state, which ones counted, and where each came from). The facts load only when asked for.
 */
export function TraceButton({ request, text, label }: { request: Omit<ProvenanceRequest, "limit">; text: string; label: string }) {
  const t = useTranslations("dashboard.trace");
  const [open, setOpen] = useState(false);
  const dialog = useRef<HTMLDialogElement>(null);
  // The dialog exists only while open: a page of many figures carries no empty dialogs.
  useEffect(() => {
    const element = dialog.current;
    if (open && element && !element.open) element.showModal();
  }, [open]);
  return (
    <>
      <button type="button" className="figure-link" aria-haspopup="dialog" aria-label={t("button", { label: `${label} ${text}` })} onClick={() => setOpen(true)}>
        {text}
      </button>
      {open && (
        <dialog ref={dialog} className="trace-dialog" onClose={() => setOpen(false)} aria-label={t("title", { indicator: label })}>
          <TraceContent request={request} label={label} onClose={() => dialog.current?.close()} />
        </dialog>
      )}
    </>
  );
}

function TraceContent({ request, label, onClose }: { request: Omit<ProvenanceRequest, "limit">; label: string; onClose: () => void }) {
  const t = useTranslations("dashboard");
  const locale = toLocale(useLocale());
  const [limit, setLimit] = useState(PAGE);
  const headingId = useId();
  const query = useQuery({ ...provenanceQuery({ ...request, limit }), placeholderData: (previous) => previous });
  const data = query.data;
  const scope = data?.agency
    ? pick(locale, data.agency.nameTh, data.agency.nameEn)
    : data?.scope.ministry
      ? pick(locale, data.scope.ministry.nameTh, data.scope.ministry.nameEn)
      : t("filters.scopeNational");
  return (
    <div className="trace" role="document">
      <div className="trace__head">
        <h2 id={headingId}>{t("trace.title", { indicator: label })}</h2>
        <button type="button" className="btn btn--secondary" onClick={onClose}>
          {t("trace.close")}
        </button>
      </div>
      {query.isPending && <p role="status">{t("trace.loading")}</p>}
      {query.isError && (
        <p className="alert alert--error" role="alert">
          {t("trace.error")}
        </p>
      )}
      {data && (
        <>
          <p className="muted">
            {t("trace.summary", {
              period: formatPeriod(data.period.code, locale),
              scope,
              aggregation: t(`aggregation.${data.indicator.aggregation}`),
            })}
          </p>
          <p>
            <strong>{t("trace.figure", { value: formatFigure(data.figure.actual, data.indicator, locale) })}</strong>
            {" · "}
            {t("trace.counted", { counted: formatNumber(data.counted, locale), total: formatNumber(data.total, locale) })}
          </p>
          {data.hidden > 0 && <p className="alert alert--info">{t("trace.hidden", { count: formatNumber(data.hidden, locale) })}</p>}
          {data.rows.length === 0 ? (
            <p className="empty">{t("trace.empty")}</p>
          ) : (
            <ProvenanceTable data={data} headingId={headingId} />
          )}
          {data.total > data.rows.length && (
            <div className="pagination">
              <span className="muted">{t("trace.showing", { shown: formatNumber(data.rows.length, locale), total: formatNumber(data.total, locale) })}</span>
              <button type="button" className="btn btn--secondary" disabled={query.isFetching} onClick={() => setLimit((n) => n + PAGE * 2)}>
                {t("trace.more")}
              </button>
            </div>
          )}
        </>
      )}
    </div>
  );
}

/** Every fact behind the figure: agency, value (and weight), source, state, where it came from, whether it counted. */
function ProvenanceTable({ data, headingId }: { data: Provenance; headingId: string }) {
  const t = useTranslations("dashboard");
  const locale = toLocale(useLocale());
  return (
    <TableFrame
      labelledBy={headingId}
      head={
        <>
          <HeaderCell>{t("trace.agency")}</HeaderCell>
          <HeaderCell numeric>{t("trace.value")}</HeaderCell>
          <HeaderCell>{t("trace.source")}</HeaderCell>
          <HeaderCell>{t("trace.state")}</HeaderCell>
          <HeaderCell>{t("trace.provenance")}</HeaderCell>
          <HeaderCell>{t("trace.recordedAt")}</HeaderCell>
          <HeaderCell>{t("trace.countedCol")}</HeaderCell>
        </>
      }
    >
      {data.rows.map((row) => (
        <tr key={row.factId} className={row.counted ? undefined : "is-muted"}>
          <td>
            {pick(locale, row.agencyNameTh, row.agencyNameEn)} <code>{row.agencyCode}</code>
          </td>
          <td className="num">
            {formatFigure(row.value, data.indicator, locale)}
            {row.weight !== null && (
              <>
                <br />
                <span className="muted">
                  {t("trace.weight")} {formatNumber(row.weight, locale)}
                </span>
              </>
            )}
          </td>
          <td>{t(`factSource.${row.source}`)}</td>
          <td>{t(`factState.${row.state}`)}</td>
          <td>
            <SourceRecord row={row} />
          </td>
          <td>{formatDateTime(row.recordedAt, locale)}</td>
          <td>{row.counted ? t("trace.yes") : row.uncountedReason ? t(`trace.uncounted.${row.uncountedReason}`) : t("trace.no")}</td>
        </tr>
      ))}
    </TableFrame>
  );
}

function SourceRecord({ row }: { row: ProvenanceRow }) {
  const t = useTranslations("dashboard.trace");
  if (row.importBatchId !== null) return <>{t("importRow", { batch: row.importBatchId, row: row.sourceRow ?? "–" })}</>;
  if (row.source === "self_assessment" && row.sourceId !== null) return <>{t("submissionValue", { id: row.sourceId })}</>;
  // A derived SROI figure leads to the inputs it was computed from.
  const sroi = row.source === "derived" ? parseSroiSourceRef(row.sourceRef) : null;
  if (sroi) {
    return (
      <>
        <a href={`/indicators?fy=${sroi.fiscalYear}#${sroiAnchor(sroi.agencyCode, sroi.fiscalYear)}`}>{t("sroiInputs", { year: sroi.fiscalYear })}</a>
        <br />
        <code className="muted">{row.sourceRef}</code>
      </>
    );
  }
  return <code>{row.sourceRef ?? "–"}</code>;
}
