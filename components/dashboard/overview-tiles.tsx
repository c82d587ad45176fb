import { getLocale } from "next-intl/server";
import type { ComponentOverview, DashboardOverview, IndicatorOverview } from "@/lib/facts/read/overview";
import { toLocale } from "@/i18n/locale";
import { pickName } from "@/i18n/pick";
import { filtersToSearch, type DashboardFilters } from "@/core/dashboard/filters";
import { MeasureGlossary } from "@/components/ui/measure-help";
import { measureWords } from "@/components/ui/measure-words";
import type { MeasureId } from "@/core/measures/catalogue";
import { OverviewTilesView, type HeadlineFigure, type TileView } from "./overview-tiles-view";

const HEADLINE_COUNT = 3;
/** The measures every tile shows, defined once under the tiles. */
export const TILE_MEASURES = ["component_score", "lagging_agencies", "figures_received"] as const satisfies readonly MeasureId[];

/**
 * The overview's component tiles. Each tile's figures are cut here to what it shows (three headline
 * indicators, names in the reader's language) and drawn by a client component, so the page carries
 * compact figures rather than a rendered tree of seven tiles (issue 20: pages under 120 KB).
 */
export async function OverviewTiles({ data, filters, linkFilters }: { data: DashboardOverview; filters: DashboardFilters; linkFilters: DashboardFilters }) {
  const [measures, locale] = await Promise.all([measureWords(TILE_MEASURES), getLocale().then(toLocale)]);
  const shown = filters.component ? data.components.filter((c) => c.code === filters.component) : data.components;
  const provenanceScope = { ministry: data.scope.ministry?.code, type: data.scope.type ?? undefined, period: data.period.code };
  const tiles = shown.map((c) => toTileView(c, locale, `/components/${c.code}${filtersToSearch(linkFilters)}`));
  return (
    <>
      <OverviewTilesView tiles={tiles} provenanceScope={provenanceScope} measures={measures} />
      <MeasureGlossary ids={[...TILE_MEASURES]} />
    </>
  );
}

function toTileView(c: ComponentOverview, locale: ReturnType<typeof toLocale>, href: string): TileView {
  return {
    code: c.code,
    ordinal: c.ordinal,
    name: pickName(locale, c),
    href,
    status: c.status,
    score: c.score,
    counts: c.counts,
    previousScore: c.previousScore,
    lastYearScore: c.lastYearScore,
    trend: c.trend,
    headline: c.indicators.slice(0, HEADLINE_COUNT).map((i) => toHeadline(i, locale)),
    moreIndicators: Math.max(0, c.indicators.length - HEADLINE_COUNT),
    laggingAgencies: c.laggingAgencies,
    contributingAgencies: c.contributingAgencies,
    completeness: c.completeness,
    provisional: c.provisional,
  };
}

function toHeadline(i: IndicatorOverview, locale: ReturnType<typeof toLocale>): HeadlineFigure {
  const { actual, target, status, shortfall } = i.current;
  return {
    code: i.code,
    name: pickName(locale, i),
    valueType: i.valueType,
    unitTh: i.unitTh,
    unitEn: i.unitEn,
    current: { actual, target, status, shortfall },
    previous: i.previous?.actual ?? null,
    lastYear: i.lastYear?.actual ?? null,
  };
}
