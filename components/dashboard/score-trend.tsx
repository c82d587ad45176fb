"use client";

import { useLocale, useTranslations } from "next-intl";
import { Line, LineChart, ReferenceLine, Tooltip, XAxis, YAxis } from "recharts";
import { toLocale } from "@/i18n/locale";
import { formatPeriod } from "@/core/format/thai";
import type { Status } from "@/core/scoring";
import { formatPoints, scoreTrendAxis } from "@/core/format/figure";
import { StatusBadge } from "./status-badge";
import { ChartWithTable } from "@/components/ui/chart-with-table";

const CHART_HEIGHT = 90;

/** A component's score over recent quarters: a small line chart, with the same figures as a table. */
export function ScoreTrend({ points, title }: { points: { period: string; score: number | null; status: Status }[]; title: string }) {
  const t = useTranslations("dashboard.tile");
  const locale = toLocale(useLocale());
  const data = points.map((p) => ({ label: formatPeriod(p.period, locale, "short"), score: p.score }));
  const axis = scoreTrendAxis(points.map((p) => p.score));
  return (
    <ChartWithTable
      caption={title}
      className="chart chart--spark"
      chartHeight={CHART_HEIGHT}
      tableSummary={t("trendTable")}
      head={[{ label: t("period") }, { label: t("score"), numeric: true }, { label: t("statusCol") }]}
      chart={
          <LineChart accessibilityLayer={false} responsive style={{ width: "100%", height: CHART_HEIGHT }} data={data} margin={{ top: 6, right: 8, bottom: 0, left: -24 }}>
            <XAxis dataKey="label" tick={{ fontSize: 11 }} interval="preserveStartEnd" />
            <YAxis domain={axis.domain} ticks={axis.ticks} tick={{ fontSize: 11 }} />
            <ReferenceLine y={100} stroke="#1d6b35" strokeDasharray="4 3" />
            <Tooltip formatter={(value) => formatPoints(typeof value === "number" ? value : null, locale)} />
            <Line type="monotone" dataKey="score" stroke="#17407a" strokeWidth={2} dot={{ r: 3 }} connectNulls={false} isAnimationActive={false} />
          </LineChart>
      }
    >
      {points.map((p) => (
        <tr key={p.period}>
          <td>{formatPeriod(p.period, locale, "short")}</td>
          <td className="num">{formatPoints(p.score, locale)}</td>
          <td>
            <StatusBadge status={p.status} />
          </td>
        </tr>
      ))}
    </ChartWithTable>
  );
}
