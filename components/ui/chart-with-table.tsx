"use client";

import type { CSSProperties, ReactNode } from "react";
import { LazyDetails } from "./lazy-details";
import { Table, type HeadCell } from "./data-table";
import { ScrollRegion } from "./scroll-region";

/**
 * A chart hidden from assistive technology beside the same figures as a table, which a details element
 * keeps folded for sighted readers: the chart's accessible alternative. The table is drawn when first
 * unfolded, so a page of many charts does not carry every table in its HTML.
 */
export function ChartWithTable({
  caption,
  chart,
  tableSummary,
  head,
  children,
  className = "chart",
  canvasStyle,
  between,
}: {
  caption: ReactNode;
  chart: ReactNode;
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
  return (
    <figure className={className}>
      <figcaption className="chart__caption">{caption}</figcaption>
      <div className="chart__canvas" aria-hidden="true" style={canvasStyle}>
        {chart}
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
