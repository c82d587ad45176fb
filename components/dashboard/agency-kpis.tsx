"use client";

import { useLocale, useTranslations } from "next-intl";
import type { AgencyKpiData, AgencyKpiIndicator, AgencyMeasures } from "./agency-kpi-data";
import { toLocale } from "@/i18n/locale";
import { pickName } from "@/i18n/pick";
import { formatDate, formatNumber, formatPercent, formatPeriod } from "@/core/format/thai";
import { FigureStatusCell } from "./figure-reason";
import { formatFigure, formatPoints } from "@/core/format/figure";
import { StatusBadge } from "./status-badge";
import { TraceButton } from "./trace-button";
import { DataTable, EmptyState, HeaderCell, TableFrame } from "@/components/ui/data-table";
import { MeasureLabelView } from "@/components/ui/measure-views";

type Locale = "th" | "en";

const share = (value: number | null, locale: Locale) => (value === null ? "–" : formatPercent(value * 100, locale));

/**
 * An agency's indicators across components and quarters, with its data-quality score beside them. A client
 * component drawing the compact figures of toAgencyKpiData.
 */
export function AgencyKpis({ data, measures }: { data: AgencyKpiData; measures: AgencyMeasures }) {
  const t = useTranslations("dashboard");
  const locale = toLocale(useLocale());
  return (
    <div className="agency-kpis">
      <QualityCard data={data} measures={measures} locale={locale} />
      {data.components.length === 0 && <EmptyState>{t("agency.none")}</EmptyState>}
      {data.components.map((c) => (
        <ComponentIndicators key={c.code} component={c} data={data} locale={locale} />
      ))}
      <QualityHistory data={data} measures={measures} locale={locale} />
    </div>
  );
}

/** The agency's data-quality score this quarter and its three parts. */
function QualityCard({ data, measures, locale }: { data: AgencyKpiData; measures: AgencyMeasures; locale: Locale }) {
  const t = useTranslations("dashboard");
  const q = data.currentQuality;
  return (
    <section className="card" aria-labelledby="quality-heading">
      <h3 id="quality-heading" style={{ marginTop: 0 }}>
        <MeasureLabelView words={measures.data_quality} /> · {formatPeriod(data.period, locale, "short")}
      </h3>
      {q.score === null ? (
        <p className="muted">{t("agency.qualityNone")}</p>
      ) : (
        <div className="quality">
          <span className="quality__score">{t("agency.qualityValue", { score: formatPoints(q.score, locale) })}</span>
          <dl className="quality__parts">
            <div>
              <dt>
                <MeasureLabelView words={measures.figures_received} />
              </dt>
              <dd>
                {share(q.completeness, locale)} ({formatNumber(q.present, locale)}/{formatNumber(q.expected, locale)})
              </dd>
            </div>
            <div>
              <dt>
                <MeasureLabelView words={measures.figures_on_time} />
              </dt>
              <dd>{share(q.timeliness, locale)}</dd>
            </div>
            <div>
              <dt>
                <MeasureLabelView words={measures.figures_counted} />
              </dt>
              <dd>{share(q.validity, locale)}</dd>
            </div>
          </dl>
          <p className="muted small" style={{ margin: 0 }}>
            {t("agency.qualityExplain")}
          </p>
        </div>
      )}
    </section>
  );
}

type AgencyComponent = AgencyKpiData["components"][number];

/** One component's indicators over the quarters shown, this quarter's figure traceable to its sources. */
function ComponentIndicators({ component: c, data, locale }: { component: AgencyComponent; data: AgencyKpiData; locale: Locale }) {
  const t = useTranslations("dashboard");
  const tRole = useTranslations("enums.dgaRole");
  return (
    <section aria-labelledby={`agency-comp-${c.code}`}>
      <h3 id={`agency-comp-${c.code}`}>
        {pickName(locale, c)}
        {c.dgaRole && <span className={`tag tag--${c.dgaRole}`}>{tRole(c.dgaRole)}</span>}
        <StatusBadge status={c.status} />
        <span className="muted small">
          {t("tile.score")} {formatPoints(c.score, locale)}
        </span>
      </h3>
      <TableFrame
        head={
          <>
            <HeaderCell>{t("tile.indicator")}</HeaderCell>
            {data.shown.map((p) => (
              <HeaderCell key={p} numeric>
                {formatPeriod(p, locale, "short")}
              </HeaderCell>
            ))}
            <HeaderCell numeric>{t("tile.target")}</HeaderCell>
            <HeaderCell numeric>{t("agency.national")}</HeaderCell>
            <HeaderCell floor="prose">{t("tile.statusCol")}</HeaderCell>
          </>
        }
      >
        {c.indicators.map((i) => (
          <IndicatorRow key={i.code} indicator={i} data={data} locale={locale} />
        ))}
      </TableFrame>
    </section>
  );
}

function IndicatorRow({ indicator: i, data, locale }: { indicator: AgencyKpiIndicator; data: AgencyKpiData; locale: Locale }) {
  const name = pickName(locale, i);
  return (
    <tr>
      <th scope="row">{name}</th>
      {data.shown.map((p, n) => {
        const actual = i.actuals[n] ?? null;
        if (actual === null) return <td key={p} className="num muted">–</td>;
        return (
          <td key={p} className="num">
            {p === data.period ? <TraceButton request={{ indicator: i.code, period: p, agency: data.agencyCode }} text={formatFigure(actual, i, locale)} label={name} /> : formatFigure(actual, i, locale)}
          </td>
        );
      })}
      <td className="num">{formatFigure(i.current.target, i, locale)}</td>
      <td className="num">{formatFigure(i.national, i, locale)}</td>
      <FigureStatusCell figure={i.current} meta={i} />
    </tr>
  );
}

/** The columns of the history, each a measure of figures (core/measures/catalogue.ts). */
const HISTORY_MEASURES = { expected: "figures_owed", present: "figures_received", onTime: "figures_on_time", valid: "figures_counted", provisional: "figures_pending" } as const satisfies Record<string, keyof AgencyMeasures>;

/** The agency's data quality quarter by quarter, up to the one shown. */
function QualityHistory({ data, measures, locale }: { data: AgencyKpiData; measures: AgencyMeasures; locale: Locale }) {
  const t = useTranslations("dashboard");
  const rows = data.history;
  const count = (key: keyof typeof HISTORY_MEASURES) => ({ key, header: measures[HISTORY_MEASURES[key]].name, numeric: true, cell: (row: (typeof rows)[number]) => formatNumber(row[key], locale) });
  return (
    <section aria-labelledby="history-heading">
      <h3 id="history-heading">{t("agency.history")}</h3>
      <DataTable
        caption={t("agency.historyTable")}
        captionClassName="visually-hidden"
        rows={rows}
        rowKey={(row) => row.period}
        columns={[
          { key: "period", header: t("tile.period"), cell: (row) => formatPeriod(row.period, locale, "short") },
          { key: "due", header: t("agency.due"), cell: (row) => formatDate(row.dueOn, locale) },
          count("expected"),
          count("present"),
          count("onTime"),
          count("valid"),
          count("provisional"),
          { key: "score", header: measures.data_quality.name, numeric: true, cell: (row) => formatPoints(row.score, locale) },
        ]}
      />
    </section>
  );
}
