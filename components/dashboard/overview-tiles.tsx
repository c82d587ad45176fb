import Link from "next/link";
import { useLocale, useTranslations } from "next-intl";
import type { ComponentOverview, DashboardOverview, IndicatorOverview } from "@/lib/facts/read/overview";
import type { Figure } from "@/lib/facts/read/figures";
import { toLocale } from "@/i18n/locale";
import { pickName } from "@/i18n/pick";
import { filtersToSearch, type DashboardFilters } from "@/core/dashboard/filters";
import { formatNumber, formatPercent } from "@/core/format/thai";
import { ComponentReason } from "./component-reason";
import { FigureStatusCell } from "./figure-reason";
import { formatDelta, formatFigure, formatPoints } from "@/core/format/figure";
import { ScoreTrend } from "./score-trend";
import { StatusBadge } from "./status-badge";
import { TraceButton } from "./trace-button";
import { MeasureLabel } from "@/components/ui/measure-help";
import { ScrollRegion } from "@/components/ui/scroll-region";

const HEADLINE_COUNT = 3;

/** The overview's component tiles, rendered on the server (only the trace buttons and sparklines run in the browser). */
export function OverviewTiles({ data, filters, linkFilters }: { data: DashboardOverview; filters: DashboardFilters; linkFilters: DashboardFilters }) {
  const tiles = filters.component ? data.components.filter((c) => c.code === filters.component) : data.components;
  return (
    <div className="tiles">
      {tiles.map((c) => (
        <ComponentTile key={c.code} component={c} overview={data} linkFilters={linkFilters} />
      ))}
    </div>
  );
}

function ComponentTile({ component: c, overview, linkFilters }: { component: ComponentOverview; overview: DashboardOverview; linkFilters: DashboardFilters }) {
  const t = useTranslations("dashboard");
  const tHome = useTranslations("home");
  const locale = toLocale(useLocale());
  const headingId = `tile-${c.code}`;
  const headline = c.indicators.slice(0, HEADLINE_COUNT);
  const provenanceScope = { ministry: overview.scope.ministry?.code, type: overview.scope.type ?? undefined, period: overview.period.code };
  const comparison = (score: number | null, key: "change" | "changeLastYear") =>
    c.score !== null && score !== null ? t(`tile.${key}`, { delta: formatDelta(c.score - score, locale) }) : null;
  const changes = [comparison(c.previousScore, "change"), comparison(c.lastYearScore, "changeLastYear")].filter(Boolean);
  return (
    <article className={`tile card tile--${c.status}`} aria-labelledby={headingId}>
      <header className="tile__head">
        <p className="muted tile__num">{tHome("componentNumber", { n: c.ordinal })}</p>
        <h3 id={headingId}>
          <Link href={`/components/${c.code}${filtersToSearch(linkFilters)}`}>{pickName(locale, c)}</Link>
        </h3>
        <p className="tile__status">
          <StatusBadge status={c.status} /> <ComponentReason component={c} />
        </p>
      </header>
      <div className="tile__score">
        <span className="tile__score-value">{formatPoints(c.score, locale)}</span>
        <span className="muted">
          <MeasureLabel id="component_score" />
          <br />
          {changes.length ? changes.join(" · ") : t("tile.noComparison")}
        </span>
      </div>
      <ScoreTrend points={c.trend} title={t("tile.trend", { count: c.trend.length })} />
      <ScrollRegion className="chart__scroll">
        <table className="data kpi-table">
          <caption className="visually-hidden">{t("tile.headline")}</caption>
          <thead>
            <tr>
              <th scope="col">{t("tile.indicator")}</th>
              <th scope="col" className="num">
                {t("tile.actual")}
              </th>
              <th scope="col">{t("tile.statusCol")}</th>
            </tr>
          </thead>
          <tbody>
            {headline.map((i) => (
              <HeadlineRow key={i.code} indicator={i} request={{ indicator: i.code, ...provenanceScope }} />
            ))}
          </tbody>
        </table>
      </ScrollRegion>
      {c.indicators.length > HEADLINE_COUNT && <p className="muted small">{t("tile.moreIndicators", { count: c.indicators.length - HEADLINE_COUNT })}</p>}
      <dl className="tile__facts">
        <div>
          <dt>
            <MeasureLabel id="lagging_agencies" />
          </dt>
          <dd>
            <strong>{t("tile.laggingValue", { lagging: formatNumber(c.laggingAgencies, locale), total: formatNumber(c.contributingAgencies, locale) })}</strong>
          </dd>
        </div>
        <div>
          <dt>
            <MeasureLabel id="figures_received" />
          </dt>
          <dd>
            {t("tile.completenessValue", {
              share: c.completeness.share === null ? "–" : formatPercent(c.completeness.share * 100, locale),
              present: formatNumber(c.completeness.present, locale),
              expected: formatNumber(c.completeness.expected, locale),
            })}
            {c.provisional > 0 && (
              <>
                <br />
                <span className="muted">{t("tile.provisional", { count: formatNumber(c.provisional, locale) })}</span>
              </>
            )}
          </dd>
        </div>
      </dl>
    </article>
  );
}

function HeadlineRow({ indicator: i, request }: { indicator: IndicatorOverview; request: { indicator: string; period: string; ministry?: string; type?: string } }) {
  const t = useTranslations("dashboard.tile");
  const locale = toLocale(useLocale());
  const name = pickName(locale, i);
  const compare = (label: string, f: Figure | null) => (f && f.actual !== null ? `${label} ${formatFigure(f.actual, i, locale)}` : null);
  const comparisons = [compare(t("previousShort"), i.previous), compare(t("lastYearShort"), i.lastYear)].filter(Boolean);
  return (
    <tr>
      <th scope="row" className="kpi-table__name">
        {name}
        {comparisons.length > 0 && <span className="muted small kpi-table__compare">{comparisons.join(" · ")}</span>}
      </th>
      <td className="num">
        {i.current.actual === null ? "–" : <TraceButton request={request} text={formatFigure(i.current.actual, i, locale)} label={name} />}
      </td>
      <FigureStatusCell figure={i.current} meta={i} />
    </tr>
  );
}
