import type { Locale, ValueType } from "@/core/enums";
import { formatNumber, formatPercent, MISSING_VALUE } from "@/core/format/thai";

export interface FigureUnit {
  valueType: ValueType;
  unitTh: string;
  unitEn: string;
}

/** Only the unit of an indicator: what a client chart needs to format its figures, not the whole indicator. */
export function unitOf(indicator: FigureUnit): FigureUnit {
  return { valueType: indicator.valueType, unitTh: indicator.unitTh, unitEn: indicator.unitEn };
}

/**
 * A figure as people read it: "45.2%", "240 ฉบับ", "ระดับ 2.5". Yes/no indicators are averaged into the
 * share of agencies answering yes, shown as a percentage.
 */
export function formatFigure(value: number | null, unit: FigureUnit, locale: Locale): string {
  if (value === null || !Number.isFinite(value)) return MISSING_VALUE;
  const unitText = locale === "en" ? unit.unitEn : unit.unitTh;
  switch (unit.valueType) {
    case "percent":
      return formatPercent(value, locale);
    case "boolean":
      return formatPercent(value * 100, locale);
    case "level":
      return `${unitText} ${formatNumber(value, locale, { maximumFractionDigits: 1 })}`;
    default:
      return `${formatNumber(value, locale, { maximumFractionDigits: Math.abs(value) >= 100 ? 0 : 2 })} ${unitText}`;
  }
}

/** Points (score, shortfall): one decimal, more below one point so that "0.03 below" never reads "0". */
export function formatPoints(value: number | null, locale: Locale): string {
  if (value === null || !Number.isFinite(value)) return MISSING_VALUE;
  const size = Math.abs(value);
  if (size > 0 && size < 0.01) return value > 0 ? `<${formatNumber(0.01, locale)}` : `>−${formatNumber(0.01, locale)}`;
  return formatNumber(value, locale, { maximumFractionDigits: size < 1 ? 2 : 1 });
}

/** A signed change in points: "+2.3", "−1.5", "0". */
export function formatDelta(value: number, locale: Locale): string {
  const text = formatNumber(Math.abs(value), locale, { maximumFractionDigits: 1 });
  if (Math.abs(value) < 0.05) return "0";
  return value > 0 ? `+${text}` : `−${text}`;
}

/**
 * The y-axis of a score trend (0–100 points): from a little below the lowest score to 100, so that a
 * move from 92 to 99 shows as a move and not as a flat line at the top of a 0–100 axis. Never below 0;
 * at least 20 points tall.
 */
export function scoreTrendAxis(scores: readonly (number | null)[]): { domain: [number, number]; ticks: number[] } {
  const known = scores.filter((s): s is number => s !== null && Number.isFinite(s));
  if (!known.length) return { domain: [0, 100], ticks: [0, 50, 100] };
  const low = Math.max(0, Math.min(Math.floor((Math.min(...known) - 5) / 10) * 10, 80));
  return { domain: [low, 100], ticks: [low, Math.round((low + 100) / 2), 100] };
}
