import type { ReactNode } from "react";
import { STATUS_ICONS } from "@/components/dashboard/status-badge";
import { Table, type HeadCell } from "@/components/ui/data-table";
import type { Locale } from "@/core/enums";
import { formatPercent, MISSING_VALUE } from "@/core/format/thai";
import type { ReportTranslator } from "@/core/reports/text";
import type { Status } from "@/core/scoring";

// Long lists are cut in the PDF (it is read, not searched); the Excel and CSV exports list everything.
export const MISSING_LIST_LIMIT = 100;
export const UNIT_LIST_LIMIT = 60;
export const LAGGING_LIST_LIMIT = 60;

export const pct = (value: number | null, locale: Locale) => (value === null ? MISSING_VALUE : formatPercent(value, locale));
export const share = (part: number, whole: number) => (whole > 0 ? (part / whole) * 100 : null);

export function StatusTag({ status, t }: { status: Status; t: ReportTranslator }) {
  return (
    <span className={`status status--${status}`}>
      <span aria-hidden="true" className="status__icon">
        {STATUS_ICONS[status]}
      </span>
      {t(`status.${status}`)}
    </span>
  );
}

/** A table of the printed report: optional caption and column widths, a header row (repeated on every page), the rows given. */
export function ReportTable({ caption, widths, head, children }: { caption?: string; widths?: string[]; head: HeadCell[]; children: ReactNode }) {
  return (
    <Table className="report-table" caption={caption} widths={widths} head={head}>
      {children}
    </Table>
  );
}
