"use client";

import Link from "next/link";
import { useLocale, useTranslations } from "next-intl";
import type { ComponentOverview } from "@/lib/facts/read/overview";
import type { Figure, IndicatorMeta } from "@/lib/facts/read/figures";
import { toLocale } from "@/i18n/locale";
import { formatNumber, formatPercent } from "@/core/format/thai";
import { formatDelta, formatFigure, formatPoints } from "@/core/format/figure";
import { ComponentReason } from "./component-reason";
import { FigureStatusCell } from "./figure-reason";
import { ScoreTrend } from "./score-trend";
import { StatusBadge } from "./status-badge";
import { TraceButton } from "./trace-button";
import { ScrollRegion } from "@/components/ui/scroll-region";
import { MeasureRefView, type MeasureWords } from "@/components/ui/measure-views";

/** One headline indicator of a tile: its current figure and the two it is compared with. */
export interface HeadlineFigure extends Pick<IndicatorMeta, "code" | "valueType" | "unitTh" | "unitEn"> {
  name: string;
  current: Pick<Figure, "actual" | "target" | "status" | "shortfall">;
  previous: number | null;
  lastYear: number | null;
}

/** What one component's tile shows, and nothing more. */
export interface TileView
  extends Pick<
    ComponentOverview,
    "code" | "ordinal" | "status" | "score" | "counts" | "previousScore" | "lastYearScore" | "trend" | "laggingAgencies" | "contributingAgencies" | "completeness" | "provisional"
  > {
  name: string;
  href: string;
  headline: HeadlineFigure[];
  moreIndicators: number;
}

/** The words of the measures every tile shows (OverviewTiles' TILE_MEASURES). */
export type TileMeasures = Record<"component_score" | "lagging_agencies" | "figures_received", MeasureWords>;

interface ProvenanceScope {
  period: string;
  ministry?: string;
  type?: string;
}

/** The tiles as OverviewTiles cut them; the "?" beside a measure leads to its definition under the tiles. */
export function OverviewTilesView({ tiles, provenanceScope, measures }: { tiles: TileView[]; provenanceScope: ProvenanceScope; measures: TileMeasures }) {
  return (
    <div className="tiles">
      {tiles.map((tile) => (
        <ComponentTile key={tile.code} tile={tile} provenanceScope={provenanceScope} measures={measures} />
      ))}
    </div>
  );
}

function ComponentTile({ tile: c, provenanceScope, measures }: { tile: TileView; provenanceScope: ProvenanceScope; measures: TileMeasures }) {
  const t = useTranslations("dashboard");
  const tHome = useTranslations("home");
  const locale = toLocale(useLocale());
  const headingId = `tile-${c.code}`;
  const comparison = (score: number | null, key: "change" | "changeLastYear") =>
    c.score !== null && score !== null ? t(`tile.${key}`, { delta: formatDelta(c.score - score, locale) }) : null;
  const changes = [comparison(c.previousScore, "change"), comparison(c.lastYearScore, "changeLastYear")].filter(Boolean);
  return (
    <article className={`tile card tile--${c.status}`} aria-labelledby={headingId}>
      <header className="tile__head">
        <p className="muted tile__num">{tHome("componentNumber", { n: c.ordinal })}</p>
        <h3 id={headingId}>
          <Link href={c.href}>{c.name}</Link>
        </h3>
        <p className="tile__status">
          <StatusBadge status={c.status} /> <ComponentReason component={c} />
        </p>
      </header>
      <div className="tile__score">
        <span className="tile__score-value">{formatPoints(c.score, locale)}</span>
        <span className="muted">
          <MeasureRefView id="component_score" words={measures.component_score} />
          <br />
          {changes.length ? changes.join(" · ") : t("tile.noComparison")}
        </span>
      </div>
      {/* No score in any of the quarters: an empty plot says nothing the line above has not. */}
      {c.trend.some((p) => p.score !== null) && <ScoreTrend points={c.trend} title={t("tile.trend", { count: c.trend.length })} />}
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
            {c.headline.map((i) => (
              <HeadlineRow key={i.code} indicator={i} request={{ indicator: i.code, ...provenanceScope }} />
            ))}
          </tbody>
        </table>
      </ScrollRegion>
      {c.moreIndicators > 0 && <p className="muted small">{t("tile.moreIndicators", { count: c.moreIndicators })}</p>}
      <dl className="tile__facts">
        <div>
          <dt>
            <MeasureRefView id="lagging_agencies" words={measures.lagging_agencies} />
          </dt>
          <dd>
            <strong>{t("tile.laggingValue", { lagging: formatNumber(c.laggingAgencies, locale), total: formatNumber(c.contributingAgencies, locale) })}</strong>
          </dd>
        </div>
        <div>
          <dt>
            <MeasureRefView id="figures_received" words={measures.figures_received} />
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

function HeadlineRow({ indicator: i, request }: { indicator: HeadlineFigure; request: ProvenanceScope & { indicator: string } }) {
  const t = useTranslations("dashboard.tile");
  const locale = toLocale(useLocale());
  const compare = (label: string, value: number | null) => (value !== null ? `${label} ${formatFigure(value, i, locale)}` : null);
  const comparisons = [compare(t("previousShort"), i.previous), compare(t("lastYearShort"), i.lastYear)].filter(Boolean);
  return (
    <tr>
      <th scope="row" className="kpi-table__name">
        {i.name}
        {comparisons.length > 0 && <span className="muted small kpi-table__compare">{comparisons.join(" · ")}</span>}
      </th>
      <td className="num">
        {i.current.actual === null ? "–" : <TraceButton request={request} text={formatFigure(i.current.actual, i, locale)} label={i.name} />}
      </td>
      <FigureStatusCell figure={i.current} meta={i} />
    </tr>
  );
}
