"use client";

import { useEffect, useRef } from "react";
import { Bar, BarChart, CartesianGrid, Cell, LabelList, Legend, ReferenceLine, XAxis, YAxis } from "recharts";
import type { Status } from "@/core/scoring";
import { ScrollRegion } from "@/components/ui/scroll-region";

// Charts of the printed report: fixed A4-friendly sizes (no responsive container: the PDF page has a
// known width), no animation (Chromium prints the first frame), vector SVG (crisp at any zoom).

const STATUS_FILL: Record<Status, string> = { green: "#1d6b35", amber: "#b07800", red: "#a4161a", no_data: "#9aa5b4", no_target: "#9aa5b4" };
const CURRENT = "#17407a";
const PREVIOUS = "#9db4d6";
const WIDTH = 660;

export interface ScoreBar {
  label: string;
  current: number | null;
  previous: number | null;
}

/** Component scores this quarter beside the previous one, as horizontal bars so the names stay readable. */
export function ScoreChart({ bars, currentLabel, previousLabel, title }: { bars: ScoreBar[]; currentLabel: string; previousLabel: string; title: string }) {
  const height = 48 + bars.length * 40;
  return (
    <figure className="report-chart" data-chart="scores">
      <figcaption>{title}</figcaption>
      <ScrollRegion className="report-chart__scroll" label={title}>
        <BarChart accessibilityLayer={false} layout="vertical" width={WIDTH} height={height} data={bars} margin={{ top: 4, right: 40, bottom: 4, left: 8 }} barGap={1}>
          <CartesianGrid horizontal={false} stroke="#e3e8ef" />
          <XAxis type="number" domain={[0, 100]} ticks={[0, 25, 50, 75, 100]} tick={{ fontSize: 10, fill: "#1d2633" }} />
          <YAxis type="category" dataKey="label" width={210} tick={{ fontSize: 10, fill: "#1d2633" }} interval={0} />
          <Legend wrapperStyle={{ fontSize: 11 }} />
          <Bar dataKey="previous" name={previousLabel} fill={PREVIOUS} isAnimationActive={false} barSize={12} />
          <Bar dataKey="current" name={currentLabel} fill={CURRENT} isAnimationActive={false} barSize={12}>
            <LabelList dataKey="current" position="right" style={{ fontSize: 9, fill: "#1d2633" }} formatter={(v: unknown) => (typeof v === "number" ? v.toFixed(1) : "")} />
          </Bar>
        </BarChart>
      </ScrollRegion>
    </figure>
  );
}

export interface AttainmentBar {
  label: string;
  /** Percent of target, drawn within 0–150; the table beside the chart shows the exact figure. */
  attainment: number;
  status: Status;
}

/** Each indicator's attainment of its target, coloured by status, with the target line at 100 %. */
export function AttainmentChart({ bars: given, title }: { bars: AttainmentBar[]; title: string }) {
  const bars = given.map((b) => ({ ...b, drawn: Math.min(Math.max(b.attainment, 0), 150) }));
  const height = 28 + bars.length * 24;
  return (
    <figure className="report-chart" data-chart="attainment">
      <figcaption>{title}</figcaption>
      <ScrollRegion className="report-chart__scroll" label={title}>
        <BarChart accessibilityLayer={false} layout="vertical" width={WIDTH} height={height} data={bars} margin={{ top: 4, right: 36, bottom: 4, left: 8 }}>
          <CartesianGrid horizontal={false} stroke="#e3e8ef" />
          <XAxis type="number" domain={[0, 150]} ticks={[0, 50, 100, 150]} tick={{ fontSize: 10, fill: "#1d2633" }} />
          <YAxis type="category" dataKey="label" width={70} tick={{ fontSize: 10, fill: "#1d2633" }} />
          <ReferenceLine x={100} stroke="#1d2633" strokeDasharray="4 3" />
          <Bar dataKey="drawn" isAnimationActive={false} barSize={14}>
            {bars.map((b) => (
              <Cell key={b.label} fill={STATUS_FILL[b.status]} />
            ))}
            <LabelList dataKey="attainment" position="right" style={{ fontSize: 9, fill: "#1d2633" }} formatter={(v: unknown) => (typeof v === "number" ? `${v.toFixed(0)}%` : "")} />
          </Bar>
        </BarChart>
      </ScrollRegion>
    </figure>
  );
}

/**
 * Marks the document ready for printing once the web fonts have loaded and every chart has drawn its
 * bars (or has none to draw): the PDF renderer waits for data-report-ready="true".
 */
export function PrintReady() {
  const ref = useRef<HTMLSpanElement>(null);
  useEffect(() => {
    let cancelled = false;
    const started = Date.now();
    const drawn = () =>
      [...document.querySelectorAll("[data-chart]")].every((chart) => chart.querySelector(".recharts-bar-rectangle, .recharts-rectangle") || !chart.querySelector("svg"));
    const check = () => {
      if (cancelled) return;
      if (drawn() || Date.now() - started > 5000) ref.current?.setAttribute("data-report-ready", "true");
      else setTimeout(check, 50);
    };
    void document.fonts.ready.then(() => requestAnimationFrame(check));
    return () => {
      cancelled = true;
    };
  }, []);
  return <span ref={ref} hidden data-report-ready="false" />;
}
