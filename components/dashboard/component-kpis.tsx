"use client";

import { useLocale, useTranslations } from "next-intl";
import { toLocale } from "@/i18n/locale";
import { pickName } from "@/i18n/pick";
import type { KpiCards } from "./kpi-cards";
import { formatNumber, formatPercent } from "@/core/format/thai";
import { FigureReason } from "./figure-reason";
import { formatFigure, formatPoints, unitOf } from "@/core/format/figure";
import { ActualVsTargetChart, DistributionChart } from "./indicator-chart";
import { AgencyRanks } from "./agency-ranks";
import { StatusBadge } from "./status-badge";
import { TraceButton } from "./trace-button";

/**
 * A component's indicators as charts (cut by toKpiCards). A client component: its compact figures weigh
 * less in the page than the rendered tables would as a server tree.
 */
export function ComponentKpis({ data, summary = true }: { data: KpiCards; summary?: boolean }) {
  const t = useTranslations("dashboard");
  const tDir = useTranslations("enums.direction");
  const locale = toLocale(useLocale());
  const restricted = data.restricted;
  return (
    <>
      {summary && (
      <p className="tile__status">
        <StatusBadge status={data.status} />
        <span>
          {t("component.summary", {
            score: formatPoints(data.score, locale),
            lagging: formatNumber(data.laggingAgencies, locale),
            total: formatNumber(data.contributingAgencies, locale),
            share: data.completeness.share === null ? "–" : formatPercent(data.completeness.share * 100, locale),
          })}
        </span>
      </p>
      )}
      <div className="indicator-cards">
        {data.indicators.map((i) => {
          const name = pickName(locale, i);
          return (
            <article key={i.code} className="card indicator-card" aria-labelledby={`ind-${i.code}`}>
              <h3 id={`ind-${i.code}`}>
                <span className="muted small">{i.code}</span> {name}
              </h3>
              <p className="muted small">
                {t("component.direction", { direction: tDir(i.direction) })} · {t("component.unit", { unit: locale === "en" ? i.unitEn : i.unitTh })}
              </p>
              <div className="indicator-card__figure">
                <span className="indicator-card__value">
                  {i.current.actual === null ? (
                    "–"
                  ) : (
                    <TraceButton
                      request={{ indicator: i.code, period: data.period.code, ministry: data.ministry, type: data.type }}
                      text={formatFigure(i.current.actual, i, locale)}
                      label={name}
                    />
                  )}
                </span>
                <StatusBadge status={i.current.status} />
                <span className="small">
                  <FigureReason figure={i.current} meta={i} />
                </span>
              </div>
              {i.current.provisional > 0 && <p className="muted small">{t("tile.provisional", { count: formatNumber(i.current.provisional, locale) })}</p>}
              <ActualVsTargetChart indicator={{ ...unitOf(i), series: i.series }} />
              <DistributionChart indicator={{ ...unitOf(i), distribution: i.distribution }} period={data.period.code} />
              <AgencyRanks indicator={i} restricted={restricted} />
            </article>
          );
        })}
      </div>
    </>
  );
}
