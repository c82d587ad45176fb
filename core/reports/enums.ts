/** What a quarterly report covers: the whole country, one component, one ministry or one agency. */
export const REPORT_SCOPES = ["national", "component", "ministry", "agency"] as const;
export type ReportScopeKind = (typeof REPORT_SCOPES)[number];

export const REPORT_FORMATS = ["pdf", "xlsx", "csv"] as const;
export type ReportFormat = (typeof REPORT_FORMATS)[number];

export const REPORT_STATUSES = ["queued", "running", "done", "failed"] as const;
export type ReportStatus = (typeof REPORT_STATUSES)[number];

/** Steps of a generation, in order; the progress bar names the current one. */
export const REPORT_STAGES = ["queued", "collecting", "rendering", "saving", "done"] as const;
export type ReportStage = (typeof REPORT_STAGES)[number];

export const REPORT_CONTENT_TYPES: Record<ReportFormat, string> = {
  pdf: "application/pdf",
  xlsx: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
  csv: "text/csv; charset=utf-8",
};

/** A quarterly report, or the fiscal year's summary (its four quarters side by side; anchored on Q4). */
export const REPORT_SPANS = ["quarter", "year"] as const;
export type ReportSpan = (typeof REPORT_SPANS)[number];
