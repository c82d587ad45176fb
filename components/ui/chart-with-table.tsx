"use client";

import { useSyncExternalStore, type CSSProperties, type ReactNode } from "react";
import { LazyDetails } from "./lazy-details";
import { Table, type HeadCell } from "./data-table";
import { ScrollRegion } from "./scroll-region";

const subscribeToNothing = () => () => {};

/** False on the server and while hydrating, true once the browser has taken over. */
function useInBrowser(): boolean {
  return useSyncExternalStore(
    subscribeToNothing,
    () => true,
    () => false,
  );
}

/**
 * A chart hidden from assistive technology beside the same figures as a table, which a details element
 * keeps folded for sighted readers: the chart's accessible alternative. The table is drawn when first
 * unfolded, so a page of many charts does not carry every table in its HTML.
 *
 * The chart is drawn in the browser only: a responsive chart has no width on the server, so its server
 * render was an empty box that still cost the chart library's whole render (about 4 % of a dashboard
 * page's server CPU). The server sends a box of the chart's height in its place, so nothing moves.
 */
export function ChartWithTable({
  caption,
  chart,
  chartHeight,
  tableSummary,
  head,
  children,
  className = "chart",
  canvasStyle,
  between,
}: {
  caption: ReactNode;
  chart: ReactNode;
  /** The chart's height in pixels: the box kept for it until the browser draws it. */
  chartHeight: number;
  /** The summary line that unfolds the table. */
  tableSummary: ReactNode;
  /** The table's columns (numeric ones align right). */
  head: HeadCell[];
  /** The body rows of the table. */
  children: ReactNode;
  className?: string;
  canvasStyle?: CSSProperties;
  /** Shown between the chart and the table (a note on the figures). */
  between?: ReactNode;
}) {
  const inBrowser = useInBrowser();
  return (
    <figure className={className}>
      <figcaption className="chart__caption">{caption}</figcaption>
      <div className="chart__canvas" aria-hidden="true" style={canvasStyle}>
        {inBrowser ? chart : <div className="chart__placeholder" style={{ height: chartHeight }} />}
      </div>
      {between}
      <LazyDetails className="chart__table" summary={tableSummary}>
        <ScrollRegion className="chart__scroll">
          <Table head={head}>{children}</Table>
        </ScrollRegion>
      </LazyDetails>
    </figure>
  );
}
