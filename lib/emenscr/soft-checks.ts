// Values an eMENSCR row may hold but that usually mean a typing or export mistake. They don't stop the
// import (the file is the ministry's record, and it can be right); they are listed in the preview so the
// analyst checks them before committing.
import type { ImportField } from "@/core/emenscr/fields";
import type { ImportRow } from "./rows";

export const ROW_NOTICE_REASONS = ["disbursed_over_budget", "disbursed_percent_mismatch", "completed_below_full_progress"] as const;
export type RowNoticeReason = (typeof ROW_NOTICE_REASONS)[number];

export interface RowNotice {
  row: number;
  field: ImportField;
  /** The column header as written in the file. */
  column: string | null;
  reason: RowNoticeReason;
  params: Record<string, string | number>;
}

/** How far the stated disbursement share may be from disbursed ÷ budget before it is worth a look (points). */
const PERCENT_TOLERANCE = 5;

const amount = (value: string | null) => (value === null ? null : Number(value));

/** The soft checks of one valid row; headerOf names each field's column as the file does. */
export function rowNotices(row: ImportRow, headerOf: (field: ImportField) => string | null): RowNotice[] {
  const notices: RowNotice[] = [];
  const notice = (field: ImportField, reason: RowNoticeReason, params: RowNotice["params"]) =>
    notices.push({ row: row.rowNumber, field, column: headerOf(field), reason, params });
  const budget = amount(row.budget);
  const disbursed = amount(row.disbursed);
  const statedPercent = amount(row.disbursedPercent);
  const progress = amount(row.physicalProgress);
  if (budget !== null && disbursed !== null && budget > 0 && disbursed > budget) {
    notice("disbursed", "disbursed_over_budget", { disbursed, budget });
  }
  if (budget !== null && disbursed !== null && statedPercent !== null && budget > 0) {
    const computed = (disbursed / budget) * 100;
    if (Math.abs(computed - statedPercent) > PERCENT_TOLERANCE) {
      notice("disbursedPercent", "disbursed_percent_mismatch", { stated: statedPercent, computed: Math.round(computed * 10) / 10 });
    }
  }
  if (row.status === "completed" && progress !== null && progress < 100) {
    notice("physicalProgress", "completed_below_full_progress", { progress });
  }
  return notices;
}
