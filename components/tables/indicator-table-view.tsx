"use client";

import Link from "next/link";
import { ScrollRegion } from "@/components/ui/scroll-region";
import { HeaderCell, type ColumnFloor } from "@/components/ui/data-table";

/** One indicator, worded and formatted: its code and name, its text cells, its four quarterly targets. */
export interface IndicatorTableRow {
  code: string;
  name: string;
  cells: string[];
  targets: string[];
}

/** The indicator table as IndicatorTable words it: code, linked name, the text cells, the numeric targets. */
export function IndicatorTableView({ caption, head, targetHead, rows }: { caption: string; head: { label: string; floor?: ColumnFloor }[]; targetHead: string[]; rows: IndicatorTableRow[] }) {
  return (
    <ScrollRegion>
      <table className="data">
        <caption>{caption}</caption>
        <thead>
          <tr>
            {head.map(({ label, floor }) => (
              <HeaderCell key={label} floor={floor}>
                {label}
              </HeaderCell>
            ))}
            {targetHead.map((label) => (
              <HeaderCell key={label} numeric>
                {label}
              </HeaderCell>
            ))}
          </tr>
        </thead>
        <tbody>
          {rows.map(({ code, name, cells, targets }) => (
            <tr key={code}>
              <td>
                <code>{code}</code>
              </td>
              <td>
                <Link href={`/indicators/${encodeURIComponent(code)}`}>
                  <strong>{name}</strong>
                </Link>
              </td>
              {cells.map((text, i) => (
                <td key={i}>{text}</td>
              ))}
              {targets.map((text, i) => (
                <td className="num" key={`t${i}`}>
                  {text}
                </td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </ScrollRegion>
  );
}
