"use client";

import { useQuery } from "@tanstack/react-query";
import { useLocale, useTranslations } from "next-intl";
import type { AgencyDashboard } from "@/lib/facts/read/agency";
import { toLocale } from "@/i18n/locale";
import { pickName } from "@/i18n/pick";
import type { DashboardFilters } from "@/core/dashboard/filters";
import { agencyQuery } from "@/components/dashboard/query-options";
import { formatDate, formatNumber, formatPercent, formatPeriod } from "@/core/format/thai";
import { FigureReason } from "./figure-reason";
import { formatFigure, formatPoints } from "@/core/format/figure";
import { DashboardSkeleton, QueryError } from "./query-state";
import { StatusBadge } from "./status-badge";
import { TraceButton } from "./trace-button";

const HISTORY = 5;

/** An agency's indicators across components and quarters, with its data-quality score beside them. */
export function AgencyKpis({ code, filters }: { code: string; filters: DashboardFilters }) {
  const query = useQuery(agencyQuery(code, filters));
  if (query.isPending) return <DashboardSkeleton blocks={2} />;
  if (query.isError) return <QueryError onRetry={() => void query.refetch()} />;
  return <AgencyKpiView data={query.data} />;
}

const share = (value: number | null, locale: "th" | "en") => (value === null ? "–" : formatPercent(value * 100, locale));

function AgencyKpiView({ data }: { data: AgencyDashboard }) {
  const t = useTranslations("dashboard");
  const tRole = useTranslations("enums.dgaRole");
  const locale = toLocale(useLocale());
  const index = data.periods.indexOf(data.period.code);
  const shown = data.periods.slice(Math.max(0, index - HISTORY + 1), index + 1);
  const q = data.currentQuality;
  return (
    <div className="agency-kpis">
      <section className="card" aria-labelledby="quality-heading">
        <h3 id="quality-heading" style={{ marginTop: 0 }}>
          {t("agency.quality")} · {formatPeriod(data.period.code, locale, "short")}
        </h3>
        {q.score === null ? (
          <p className="muted">{t("agency.qualityNone")}</p>
        ) : (
          <div className="quality">
            <span className="quality__score">{t("agency.qualityValue", { score: formatPoints(q.score, locale) })}</span>
            <dl className="quality__parts">
              <div>
                <dt>{t("agency.completeness")}</dt>
                <dd>
                  {share(q.completeness, locale)} ({formatNumber(q.present, locale)}/{formatNumber(q.expected, locale)})
                </dd>
              </div>
              <div>
                <dt>{t("agency.timeliness")}</dt>
                <dd>{share(q.timeliness, locale)}</dd>
              </div>
              <div>
                <dt>{t("agency.validity")}</dt>
                <dd>{share(q.validity, locale)}</dd>
              </div>
            </dl>
            <p className="muted small" style={{ margin: 0 }}>
              {t("agency.qualityExplain")}
            </p>
          </div>
        )}
      </section>

      {data.components.length === 0 && <p className="card empty">{t("agency.none")}</p>}
      {data.components.map((c) => (
        <section key={c.code} aria-labelledby={`agency-comp-${c.code}`}>
          <h3 id={`agency-comp-${c.code}`}>
            {pickName(locale, c)}
            {c.dgaRole && <span className={`tag tag--${c.dgaRole}`}>{tRole(c.dgaRole)}</span>}
            <StatusBadge status={c.status} />
            <span className="muted small">
              {t("tile.score")} {formatPoints(c.score, locale)}
            </span>
          </h3>
          <div className="table-wrap">
            <table className="data">
              <thead>
                <tr>
                  <th scope="col">{t("tile.indicator")}</th>
                  {shown.map((p) => (
                    <th key={p} scope="col" className="num">
                      {formatPeriod(p, locale, "short")}
                    </th>
                  ))}
                  <th scope="col" className="num">
                    {t("tile.target")}
                  </th>
                  <th scope="col" className="num">
                    {t("agency.national")}
                  </th>
                  <th scope="col">{t("tile.statusCol")}</th>
                </tr>
              </thead>
              <tbody>
                {c.indicators.map((i) => {
                  const name = pickName(locale, i);
                  return (
                    <tr key={i.code}>
                      <th scope="row">{name}</th>
                      {shown.map((p) => {
                        const f = i.series.find((s) => s.period === p);
                        if (!f || f.actual === null) return <td key={p} className="num muted">–</td>;
                        return (
                          <td key={p} className="num">
                            {p === data.period.code ? (
                              <TraceButton request={{ indicator: i.code, period: p, agency: data.agency.code }} text={formatFigure(f.actual, i, locale)} label={name} />
                            ) : (
                              formatFigure(f.actual, i, locale)
                            )}
                          </td>
                        );
                      })}
                      <td className="num">{formatFigure(i.current.target, i, locale)}</td>
                      <td className="num">{formatFigure(i.national.actual, i, locale)}</td>
                      <td>
                        <StatusBadge status={i.current.status} />
                        <br />
                        <span className="small">
                          <FigureReason figure={i.current} meta={i} />
                        </span>
                      </td>
                    </tr>
                  );
                })}
              </tbody>
            </table>
          </div>
        </section>
      ))}

      <section aria-labelledby="history-heading">
        <h3 id="history-heading">{t("agency.history")}</h3>
        <div className="table-wrap">
          <table className="data">
            <caption className="visually-hidden">{t("agency.historyTable")}</caption>
            <thead>
              <tr>
                <th scope="col">{t("tile.period")}</th>
                <th scope="col">{t("agency.due")}</th>
                <th scope="col" className="num">
                  {t("agency.expected")}
                </th>
                <th scope="col" className="num">
                  {t("agency.present")}
                </th>
                <th scope="col" className="num">
                  {t("agency.onTime")}
                </th>
                <th scope="col" className="num">
                  {t("agency.valid")}
                </th>
                <th scope="col" className="num">
                  {t("agency.provisional")}
                </th>
                <th scope="col" className="num">
                  {t("agency.score")}
                </th>
              </tr>
            </thead>
            <tbody>
              {data.dataQuality
                .filter((row) => data.periods.indexOf(row.period) <= index)
                .reverse()
                .map((row) => (
                  <tr key={row.period}>
                    <td>{formatPeriod(row.period, locale, "short")}</td>
                    <td>{formatDate(row.dueOn, locale)}</td>
                    <td className="num">{formatNumber(row.expected, locale)}</td>
                    <td className="num">{formatNumber(row.present, locale)}</td>
                    <td className="num">{formatNumber(row.onTime, locale)}</td>
                    <td className="num">{formatNumber(row.valid, locale)}</td>
                    <td className="num">{formatNumber(row.provisional, locale)}</td>
                    <td className="num">{formatPoints(row.score, locale)}</td>
                  </tr>
                ))}
            </tbody>
          </table>
        </div>
        <p className="muted small">{t("agency.followUps")}</p>
      </section>
    </div>
  );
}
