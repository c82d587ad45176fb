"use client";

import { useLocale, useTranslations } from "next-intl";
import { Bar, BarChart, CartesianGrid, Legend, Line, LineChart, Tooltip, XAxis, YAxis } from "recharts";
import type { KpiCard } from "./kpi-cards";
import { toLocale } from "@/i18n/locale";
import { formatNumber, formatPeriod } from "@/core/format/thai";
import { formatFigure, type FigureUnit } from "@/core/format/figure";
import { StatusBadge } from "./status-badge";
import { ChartWithTable } from "@/components/ui/chart-with-table";

// Legend entries in the text colour: the series colour alone (amber on white) is not readable.
const legendText = (value: string) => <span style={{ color: "#1b2330" }}>{value}</span>;

const LINE_HEIGHT = 200;
const BAR_HEIGHT = 70;

const COLORS = { actual: "#17407a", target: "#0b7a75", green: "#2f8a4a", amber: "#d39a12", red: "#b3261e", noData: "#9aa5b4" };

/** Actual against target across quarters, as a line chart with its table. */
export function ActualVsTargetChart({ indicator }: { indicator: FigureUnit & Pick<KpiCard, "series"> }) {
  const t = useTranslations("dashboard");
  const locale = toLocale(useLocale());
  const actualLabel = t("tile.actual");
  const targetLabel = t("tile.target");
  const data = indicator.series.map((f) => ({ label: formatPeriod(f.period, locale, "short"), actual: f.actual, target: f.target }));
  const format = (value: unknown) => (typeof value === "number" ? formatFigure(value, indicator, locale) : "–");
  return (
    <ChartWithTable
      caption={t("component.chartTitle")}
      chartHeight={LINE_HEIGHT}
      tableSummary={t("component.chartTable")}
      head={[{ label: t("tile.period") }, { label: actualLabel, numeric: true }, { label: targetLabel, numeric: true }, { label: t("tile.statusCol") }]}
      chart={
          <LineChart accessibilityLayer={false} responsive style={{ width: "100%", height: LINE_HEIGHT }} data={data} margin={{ top: 8, right: 12, bottom: 0, left: 0 }}>
            <CartesianGrid stroke="#e3e8ef" vertical={false} />
            <XAxis dataKey="label" tick={{ fontSize: 11 }} interval="preserveStartEnd" />
            <YAxis tick={{ fontSize: 11 }} width={56} tickFormatter={(v: number) => formatNumber(v, locale, { maximumFractionDigits: 1 })} />
            <Tooltip formatter={(value) => format(value)} />
            <Legend wrapperStyle={{ fontSize: 12 }} formatter={legendText} />
            <Line name={actualLabel} type="monotone" dataKey="actual" stroke={COLORS.actual} strokeWidth={2.5} dot={{ r: 3 }} isAnimationActive={false} connectNulls={false} />
            <Line name={targetLabel} type="linear" dataKey="target" stroke={COLORS.target} strokeDasharray="6 4" strokeWidth={2} dot={false} isAnimationActive={false} />
          </LineChart>
      }
    >
      {indicator.series.map((f) => (
        <tr key={f.period}>
          <td>{formatPeriod(f.period, locale, "short")}</td>
          <td className="num">{formatFigure(f.actual, indicator, locale)}</td>
          <td className="num">{formatFigure(f.target, indicator, locale)}</td>
          <td>
            <StatusBadge status={f.status} />
          </td>
        </tr>
      ))}
    </ChartWithTable>
  );
}

/** How the expected agencies stand this quarter: on target, watch, behind, no figure. */
export function DistributionChart({ indicator, period }: { indicator: FigureUnit & Pick<KpiCard, "distribution">; period: string }) {
  const t = useTranslations("dashboard");
  const locale = toLocale(useLocale());
  const d = indicator.distribution;
  const rows = [
    { key: "green", label: t("status.green"), value: d.green, color: COLORS.green },
    { key: "amber", label: t("status.amber"), value: d.amber, color: COLORS.amber },
    { key: "red", label: t("status.red"), value: d.red, color: COLORS.red },
    { key: "noData", label: t("status.no_data"), value: d.noData, color: COLORS.noData },
  ];
  const data = [Object.fromEntries([["label", t("component.agencies")], ...rows.map((r) => [r.key, r.value])])];
  const periodText = formatPeriod(period, locale, "short");
  return (
    <ChartWithTable
      caption={t("component.distribution", { period: periodText })}
      chartHeight={BAR_HEIGHT}
      canvasStyle={{ minHeight: BAR_HEIGHT }}
      tableSummary={t("component.distributionTable")}
      head={[{ label: t("tile.statusCol") }, { label: t("component.agencies"), numeric: true }]}
      between={
        d.quartiles && (
          <p className="muted small">
            {t("component.quartiles", {
              min: formatFigure(d.quartiles.min, indicator, locale),
              q1: formatFigure(d.quartiles.q1, indicator, locale),
              median: formatFigure(d.quartiles.median, indicator, locale),
              q3: formatFigure(d.quartiles.q3, indicator, locale),
              max: formatFigure(d.quartiles.max, indicator, locale),
            })}
          </p>
        )
      }
      chart={
          <BarChart accessibilityLayer={false} responsive style={{ width: "100%", height: BAR_HEIGHT }} data={data} layout="vertical" margin={{ top: 0, right: 12, bottom: 0, left: 0 }}>
            <XAxis type="number" hide allowDecimals={false} />
            <YAxis type="category" dataKey="label" hide />
            <Tooltip />
            <Legend wrapperStyle={{ fontSize: 12 }} formatter={legendText} />
            {rows.map((r) => (
              <Bar key={r.key} dataKey={r.key} name={`${r.label} (${formatNumber(r.value, locale)})`} stackId="s" fill={r.color} isAnimationActive={false} />
            ))}
          </BarChart>
      }
    >
      {rows.map((r) => (
        <tr key={r.key}>
          <td>{r.label}</td>
          <td className="num">{formatNumber(r.value, locale)}</td>
        </tr>
      ))}
    </ChartWithTable>
  );
}
