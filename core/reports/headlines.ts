import { formatNumber, formatPercent, MISSING_VALUE } from "@/core/format/thai";
import { formatPoints } from "@/core/format/figure";
import type { Headline, ReportSnapshot } from "./snapshot";
import type { ReportTranslator } from "./text";

/** Excel number format per headline unit. */
export const HEADLINE_UNIT_FORMAT: Record<Headline["unit"], string> = { points: "0.0", percent: "0.0", count: "#,##0" };

export interface HeadlineRow extends Headline {
  label: string;
  unitLabel: string;
  /** "72.4", "45%", "12 of 40" */
  text: string;
  /** Change since the previous quarter, in words; null when either figure is missing. */
  change: string | null;
  /** Whether the change is good news, bad news or none. */
  trend: "better" | "worse" | "same" | null;
}

/** The executive summary's headline figures with their labels and the change since the last quarter. */
export function headlineRows(snapshot: Pick<ReportSnapshot, "headlines" | "locale"> & Partial<Pick<ReportSnapshot, "overdue">>, t: ReportTranslator): HeadlineRow[] {
  const { locale } = snapshot;
  // A quarter not yet due is compared with a complete one: every change says so.
  const caveat = snapshot.overdue === false ? ` (${t("provisionalCaveatShort")})` : "";
  const show = (h: Headline, value: number | null) => {
    if (value === null) return MISSING_VALUE;
    const detail = h.detail ? ` (${t("ofTotal", { value: formatNumber(h.detail.count, locale), total: formatNumber(h.detail.of, locale) })})` : "";
    if (h.unit === "percent") return `${formatPercent(value, locale)}${detail}`;
    if (h.unit === "points") return formatPoints(value, locale);
    return formatNumber(value, locale);
  };
  return snapshot.headlines.map((h) => {
    const delta = h.value !== null && h.previous !== null ? h.value - h.previous : null;
    const same = delta !== null && Math.abs(delta) < 0.05;
    const trend = delta === null ? null : same ? "same" : delta > 0 === h.higherIsBetter ? "better" : "worse";
    const size = delta === null ? "" : h.unit === "count" ? formatNumber(Math.abs(delta), locale) : formatNumber(Math.abs(delta), locale, { maximumFractionDigits: 1 });
    const signed = delta === null ? "" : `${delta > 0 ? "+" : "−"}${size}${h.unit === "percent" ? (locale === "th" ? " จุด" : " pts") : ""}`;
    return {
      ...h,
      label: t(`headlines.${h.key}`),
      unitLabel: h.unit === "percent" ? "%" : h.unit === "points" ? t("score") : "",
      text: show(h, h.value),
      change: delta === null ? null : `${same ? t("unchanged") : t("change", { delta: signed })}${caveat}`,
      trend,
    };
  });
}
