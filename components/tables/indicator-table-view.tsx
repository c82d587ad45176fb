"use client";

import Link from "next/link";
import { ScrollRegion } from "@/components/ui/scroll-region";

/** One indicator, worded and formatted: its code and name, its text cells, its four quarterly targets. */
export interface IndicatorTableRow {
  code: string;
  name: string;
  cells: string[];
  targets: string[];
}

/** The indicator table as IndicatorTable words it: code, linked name, the text cells, the numeric targets. */
export function IndicatorTableView({ caption, head, targetHead, rows }: { caption: string; head: string[]; targetHead: string[]; rows: IndicatorTableRow[] }) {
  return (
    <ScrollRegion>
      <table className="data">
        <caption>{caption}</caption>
        <thead>
          <tr>
            {head.map((label, i) => (
              // The name (the second column) is a sentence: on a phone it keeps a readable width.
              <th scope="col" key={label} className={i === 1 ? "col--prose" : undefined}>
                {label}
              </th>
            ))}
            {targetHead.map((label) => (
              <th scope="col" className="num" key={label}>
                {label}
              </th>
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
