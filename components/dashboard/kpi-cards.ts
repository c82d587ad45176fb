import type { AgencyRank, ComponentDashboard, IndicatorDetail } from "@/lib/facts/read/component";
import type { Figure } from "@/lib/facts/read/figures";

type SeriesPoint = Pick<Figure, "period" | "actual" | "target" | "status">;
type RankEntry = Pick<AgencyRank, "code" | "nameTh" | "nameEn" | "value" | "attainment">;

/** One indicator card's figures: what ComponentKpis draws, and nothing more. */
export interface KpiCard extends Pick<IndicatorDetail, "code" | "nameTh" | "nameEn" | "unitTh" | "unitEn" | "direction" | "valueType" | "distribution"> {
  series: SeriesPoint[];
  current: Pick<Figure, "actual" | "target" | "status" | "shortfall" | "provisional">;
  best: RankEntry[];
  worst: RankEntry[];
  own: IndicatorDetail["own"];
}

/** A component's cards with the summary above them. */
export interface KpiCards extends Pick<ComponentDashboard, "period" | "score" | "status" | "laggingAgencies" | "contributingAgencies" | "completeness"> {
  restricted: boolean;
  /** The provenance scope of every figure on the cards. */
  ministry?: string;
  type?: string;
  indicators: KpiCard[];
}

const rankEntry = ({ code, nameTh, nameEn, value, attainment }: AgencyRank): RankEntry => ({ code, nameTh, nameEn, value, attainment });

/**
 * The cards of a component dashboard (of `indicators`, by default all of them), cut to the fields they
 * show: a client component's props are the page's payload, and the full figures weigh three times as much.
 */
export function toKpiCards(dashboard: ComponentDashboard, indicators: IndicatorDetail[] = dashboard.indicators): KpiCards {
  return {
    period: dashboard.period,
    score: dashboard.score,
    status: dashboard.status,
    laggingAgencies: dashboard.laggingAgencies,
    contributingAgencies: dashboard.contributingAgencies,
    completeness: dashboard.completeness,
    restricted: dashboard.scope.restricted,
    ministry: dashboard.scope.ministry?.code,
    type: dashboard.scope.type ?? undefined,
    indicators: indicators.map((i) => ({
      code: i.code,
      nameTh: i.nameTh,
      nameEn: i.nameEn,
      unitTh: i.unitTh,
      unitEn: i.unitEn,
      direction: i.direction,
      valueType: i.valueType,
      distribution: i.distribution,
      series: i.series.map(({ period, actual, target, status }) => ({ period, actual, target, status })),
      current: { actual: i.current.actual, target: i.current.target, status: i.current.status, shortfall: i.current.shortfall, provisional: i.current.provisional },
      best: i.best.map(rankEntry),
      worst: i.worst.map(rankEntry),
      own: i.own,
    })),
  };
}
