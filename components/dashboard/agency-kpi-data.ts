import type { AgencyDashboard, AgencyIndicatorRow } from "@/lib/facts/read/agency";
import type { Figure } from "@/lib/facts/read/figures";
import type { MeasureWords } from "@/components/ui/measure-views";

/** The quarters of history the agency's tables show, up to the one selected. */
export const AGENCY_HISTORY = 5;

/** The measures the agency's figures name, their words looked up on the server (measureWords). */
export const AGENCY_MEASURES = ["data_quality", "figures_received", "figures_on_time", "figures_counted", "figures_owed", "figures_pending"] as const;
export type AgencyMeasures = Record<(typeof AGENCY_MEASURES)[number], MeasureWords>;

export interface AgencyKpiIndicator extends Pick<AgencyIndicatorRow, "code" | "nameTh" | "nameEn" | "valueType" | "unitTh" | "unitEn"> {
  /** The agency's figure of each quarter shown (null where it has none). */
  actuals: (number | null)[];
  current: Pick<Figure, "actual" | "target" | "status" | "shortfall">;
  national: number | null;
}

/** What AgencyKpis draws: the agency dashboard cut to the quarters shown and the fields on screen. */
export interface AgencyKpiData {
  agencyCode: string;
  period: string;
  /** The quarters of the tables, oldest first, ending with the one selected. */
  shown: string[];
  components: (Pick<AgencyDashboard["components"][number], "code" | "nameTh" | "nameEn" | "dgaRole" | "score" | "status"> & { indicators: AgencyKpiIndicator[] })[];
  /** Newest first, up to the quarter selected. */
  history: AgencyDashboard["dataQuality"];
  currentQuality: AgencyDashboard["currentQuality"];
}

/**
 * The agency dashboard as the client component needs it: a client component's props are the page's
 * payload, and the full figures of every quarter weigh several times what the tables show.
 */
export function toAgencyKpiData(data: AgencyDashboard): AgencyKpiData {
  const index = data.periods.indexOf(data.period.code);
  const shown = data.periods.slice(Math.max(0, index - AGENCY_HISTORY + 1), index + 1);
  return {
    agencyCode: data.agency.code,
    period: data.period.code,
    shown,
    components: data.components.map((c) => ({
      code: c.code,
      nameTh: c.nameTh,
      nameEn: c.nameEn,
      dgaRole: c.dgaRole,
      score: c.score,
      status: c.status,
      indicators: c.indicators.map((i) => ({
        code: i.code,
        nameTh: i.nameTh,
        nameEn: i.nameEn,
        valueType: i.valueType,
        unitTh: i.unitTh,
        unitEn: i.unitEn,
        actuals: shown.map((p) => i.series.find((s) => s.period === p)?.actual ?? null),
        current: { actual: i.current.actual, target: i.current.target, status: i.current.status, shortfall: i.current.shortfall },
        national: i.national.actual,
      })),
    })),
    history: data.dataQuality.filter((row) => data.periods.indexOf(row.period) <= index).reverse(),
    currentQuality: data.currentQuality,
  };
}
