// DEMO DATA — deterministic indicator facts (source "demo_seed") so the dashboards have something
// plausible to show. Not real figures. Generated, not listed: every contributing agency reports every
// indicator of its components for 2569Q1..2570Q1 (platform stock figures only by the platform's owner),
// around the national target, with:
// - an agency "form" from its code: most agencies near target, about one in six clearly lagging;
// - a gentle improving trend over the quarters;
// - a few gaps (missing figures), late reports and values failing validation, so completeness,
//   timeliness and data quality have something to measure; lagging agencies are the sloppier ones;
// - the open period 2570Q1 partly reported and partly still awaiting approval (provisional).
import type { FactState } from "@/core/enums";
import { addDays, listPeriods, parsePeriodCode, periodBounds, defaultDueDate, type FiscalQuarter } from "@/core/fiscal/calendar";
import type { SeedAgency, SeedIndicator } from "@/lib/reference/data/types";

export const DEMO_FACT_PERIODS = listPeriods("2569Q1", "2570Q1");
const OPEN_PERIOD = "2570Q1";

export interface SeedFact {
  indicatorCode: string;
  agencyCode: string;
  periodCode: string;
  value: number;
  weight: number | null;
  state: FactState;
  /** ISO timestamp (Bangkok) when the figure entered the fact layer. */
  recordedAt: string;
}

/** A small deterministic PRNG (mulberry32) seeded from a string. */
function random(key: string): () => number {
  let h = 1779033703 ^ key.length;
  for (let i = 0; i < key.length; i++) {
    h = Math.imul(h ^ key.charCodeAt(i), 3432918353);
    h = (h << 13) | (h >>> 19);
  }
  let state = h >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** The agency's form: ≈1.0 on target, below 0.85 clearly lagging. */
export function agencyForm(agencyCode: string): number {
  const r = random(`form:${agencyCode}`)();
  if (r < 0.17) return 0.7 + r; // 0.70–0.87: lagging
  return 0.93 + (r - 0.17) * 0.2; // 0.93–1.10
}

const BUDGET_WEIGHTED = new Set(["ME-01", "ME-02", "POL-01"]);

export function generateDemoFacts(
  agencies: readonly SeedAgency[],
  indicators: readonly SeedIndicator[],
  serviceOwners: ReadonlyMap<string, string>,
): SeedFact[] {
  const facts: SeedFact[] = [];
  const reporters = new Map<string, string[]>();
  for (const indicator of indicators) {
    const list =
      indicator.aggregation === "latest"
        ? [indicator.serviceCode ? serviceOwners.get(indicator.serviceCode) : "01002"].filter((c): c is string => Boolean(c))
        : agencies
            .filter((a) => a.type !== "ministry" && a.components?.some((c) => c.component === indicator.component))
            .map((a) => a.code);
    reporters.set(indicator.code, list);
  }
  for (const [periodIndex, periodCode] of DEMO_FACT_PERIODS.entries()) {
    const { fiscalYear, quarter } = parsePeriodCode(periodCode)!;
    const dueOn = defaultDueDate(fiscalYear, quarter as FiscalQuarter);
    const { startsOn } = periodBounds(fiscalYear, quarter as FiscalQuarter);
    const open = periodCode === OPEN_PERIOD;
    for (const indicator of indicators) {
      const target = indicator.nationalTargets[fiscalYear]?.[quarter - 1];
      if (target === undefined) continue;
      const codes = reporters.get(indicator.code)!;
      for (const agencyCode of codes) {
        const rnd = random(`${indicator.code}:${agencyCode}:${periodCode}`);
        const form = agencyForm(agencyCode);
        const lagging = form < 0.9;
        // Gaps: more in the open period (still being reported) and from lagging agencies.
        const missRate = open ? (lagging ? 0.45 : 0.2) : lagging ? 0.12 : 0.03;
        if (rnd() < missRate) continue;
        const performance = form * (1 + 0.015 * periodIndex) * (0.94 + rnd() * 0.12);
        let value = valueFor(indicator, target, codes.length, performance, rnd);
        // A handful of figures that fail validation (typed as a fraction, or an impossible level).
        if (lagging && rnd() < 0.05) value = indicator.valueType === "percent" ? value + 100 : indicator.valueType === "level" ? 0 : -value - 1;
        const late = rnd() < (lagging ? 0.3 : 0.06);
        const recordedOn = open ? addDays(startsOn, 40 + Math.floor(rnd() * 10)) : addDays(dueOn, late ? 1 + Math.floor(rnd() * 30) : -Math.floor(rnd() * 20));
        facts.push({
          indicatorCode: indicator.code,
          agencyCode,
          periodCode,
          value: round(value, 4),
          weight:
            indicator.aggregation === "weighted_mean"
              ? BUDGET_WEIGHTED.has(indicator.code)
                ? Math.round(5 + rnd() * 295) * 1_000_000 // budget in baht
                : Math.round(50 + rnd() * 1950) // respondents / services
              : null,
          state: open && rnd() < 0.25 ? "provisional" : "approved",
          recordedAt: `${recordedOn}T10:00:00+07:00`,
        });
      }
    }
  }
  return facts;
}

function valueFor(indicator: SeedIndicator, target: number, reporters: number, performance: number, rnd: () => number): number {
  const lower = indicator.direction === "lower";
  switch (indicator.valueType) {
    case "boolean":
      return rnd() < Math.min(1, performance - 0.02) ? 1 : 0;
    case "level":
      return Math.max(1, Math.min(5, Math.round(lower ? target / performance : target * performance)));
    case "percent":
      return Math.max(0, Math.min(100, lower ? target / performance : target * performance));
    default: {
      if (indicator.aggregation === "sum") {
        const share = (target / Math.max(reporters, 1)) * (lower ? 1 / performance : performance);
        // Small shares of a national count are whole events: some agencies 1, most 0.
        if (share < 1 && !/million/i.test(indicator.unitEn)) return rnd() < share ? 1 : 0;
        return /million/i.test(indicator.unitEn) ? share : Math.round(share);
      }
      return lower ? target / performance : target * performance;
    }
  }
}

function round(value: number, digits: number): number {
  const f = 10 ** digits;
  return Math.round(value * f) / f;
}
