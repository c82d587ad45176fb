import "server-only";
import { and, desc, eq, sql, type SQL } from "drizzle-orm";
import { getDb } from "@/db/client";
import { agencies, periods, reportFiles, reports, users } from "@/db/schema";
import type { Actor } from "@/core/auth/actor";
import { can } from "@/core/auth/permissions";
import { isAgencyRole, type CaseStatus } from "@/core/enums";
import { ForbiddenError, NotFoundError } from "@/core/errors";
import type { ReportScopeKind } from "@/core/reports/enums";
import type { ReportSnapshot } from "@/core/reports/snapshot";

// Reads of the report archive (scoped: agency roles see their own agency's reports only) and the few
// figures a report needs beyond the dashboard queries: its sources and the data's as-of time.

/** Agency roles: reports about their own agency; DGA roles: every report. */
function visibleTo(actor: Actor): SQL | undefined {
  if (!isAgencyRole(actor.role)) return undefined;
  return and(eq(reports.scope, "agency"), eq(reports.scopeAgencyId, actor.agencyId ?? -1));
}

const reportColumns = {
  id: reports.id,
  periodCode: periods.code,
  fiscalYear: periods.fiscalYear,
  span: reports.span,
  scope: reports.scope,
  scopeCode: reports.scopeCode,
  scopeNameTh: sql<string | null>`coalesce(${agencies.nameTh}, (select c.name_th from components c where c.code = ${reports.scopeCode} and ${reports.scope} = 'component'))`,
  scopeNameEn: sql<string | null>`coalesce(${agencies.nameEn}, (select c.name_en from components c where c.code = ${reports.scopeCode} and ${reports.scope} = 'component'))`,
  format: reports.format,
  locale: reports.locale,
  status: reports.status,
  stage: reports.stage,
  progress: reports.progress,
  error: reports.error,
  dataAsOf: reports.dataAsOf,
  fileName: reports.fileName,
  sizeBytes: reports.sizeBytes,
  sha256: reports.sha256,
  createdByName: sql<string | null>`${users.name}`,
  createdAt: reports.createdAt,
  finishedAt: reports.finishedAt,
};

export type ReportRow = {
  id: number;
  periodCode: string;
  fiscalYear: number;
  span: "quarter" | "year";
  scope: ReportScopeKind;
  scopeCode: string | null;
  scopeNameTh: string | null;
  scopeNameEn: string | null;
  format: "pdf" | "xlsx" | "csv";
  locale: "th" | "en";
  status: "queued" | "running" | "done" | "failed";
  stage: "queued" | "collecting" | "rendering" | "saving" | "done";
  progress: number;
  error: string | null;
  dataAsOf: Date | null;
  fileName: string | null;
  sizeBytes: number | null;
  sha256: string | null;
  createdByName: string | null;
  createdAt: Date;
  finishedAt: Date | null;
};

function selectReports() {
  return getDb()
    .select(reportColumns)
    .from(reports)
    .innerJoin(periods, eq(periods.id, reports.periodId))
    .leftJoin(agencies, eq(agencies.id, reports.scopeAgencyId))
    .leftJoin(users, eq(users.id, reports.createdBy));
}

/** The archive, newest first. */
export async function listReports(actor: Actor, options: { limit?: number; offset?: number } = {}): Promise<ReportRow[]> {
  if (!can(actor, "report.export")) throw new ForbiddenError();
  return selectReports()
    .where(visibleTo(actor))
    .orderBy(desc(reports.createdAt), desc(reports.id))
    .limit(options.limit ?? 50)
    .offset(options.offset ?? 0);
}

/** The archive a page at a time, newest first (the page clamped to the last), with how many there are. */
export async function pageReports(actor: Actor, requestedPage: number, pageSize: number) {
  if (!can(actor, "report.export")) throw new ForbiddenError();
  const [counted] = await getDb().select({ n: sql<number>`count(*)`.mapWith(Number) }).from(reports).where(visibleTo(actor));
  const total = counted?.n ?? 0;
  const page = Math.min(requestedPage, Math.max(1, Math.ceil(total / pageSize)));
  const rows = total ? await listReports(actor, { limit: pageSize, offset: (page - 1) * pageSize }) : [];
  return { rows, total, page, pageSize };
}

/** One report's status; another agency's report is "not found" to agency roles. */
export async function getReport(actor: Actor, id: number): Promise<ReportRow> {
  if (!can(actor, "report.export")) throw new ForbiddenError();
  const [row] = await selectReports().where(and(eq(reports.id, id), visibleTo(actor)));
  if (!row) throw new NotFoundError("report");
  return row;
}

export async function getReportFile(actor: Actor, id: number) {
  const report = await getReport(actor, id);
  if (report.status !== "done") throw new NotFoundError("report");
  const [file] = await getDb().select({ content: reportFiles.content }).from(reportFiles).where(eq(reportFiles.reportId, id));
  if (!file) throw new NotFoundError("report");
  return { report, content: file.content };
}

/** How a report narrows the fact layer: by agency, by ministry (via the dashboard's agency dims) or by component. */
export interface FactScope {
  agencyId?: number;
  ministryId?: number;
  componentCode?: string;
}

function factScope(scope: FactScope): SQL {
  const parts: SQL[] = [];
  if (scope.agencyId !== undefined) parts.push(sql`f.agency_id = ${scope.agencyId}`);
  if (scope.ministryId !== undefined) parts.push(sql`exists (select 1 from dashboard_agency_dims d where d.agency_id = f.agency_id and d.ministry_id = ${scope.ministryId})`);
  if (scope.componentCode !== undefined)
    parts.push(sql`exists (select 1 from indicators i join components c on c.id = i.component_id where i.id = f.indicator_id and c.code = ${scope.componentCode})`);
  return parts.length ? sql.join(parts, sql` and `) : sql`true`;
}

/** Facts of the period in scope by source and state (the report's note on data sources). */
export async function countFactsBySource(periodId: number, scope: FactScope) {
  const result = await getDb().execute<{ source: string; approved: number; provisional: number }>(sql`
    select f.source::text as source,
      count(*) filter (where f.state = 'approved')::int as approved,
      count(*) filter (where f.state = 'provisional')::int as provisional
    from indicator_facts f
    where f.period_id = ${periodId} and ${factScope(scope)}
    group by f.source order by f.source`);
  return result.rows.map((r) => ({ source: r.source, approved: Number(r.approved), provisional: Number(r.provisional) }));
}

/** Committed (not rolled back) eMENSCR imports that carry progress for the period. */
export async function listPeriodImports(periodId: number) {
  const result = await getDb().execute<{ id: number; file_name: string; finished_at: Date | string; row_count: number; file_sha256: string }>(sql`
    select b.id, b.file_name, b.finished_at, b.row_count, b.file_sha256
    from import_batches b
    where b.status = 'committed' and b.rolled_back_at is null
      and (b.period_id = ${periodId} or exists (select 1 from emenscr_progress p where p.batch_id = b.id and p.period_id = ${periodId}))
    order by b.finished_at desc, b.id desc
    limit 20`);
  return result.rows.map((r) => ({
    id: Number(r.id),
    fileName: r.file_name,
    finishedAt: new Date(r.finished_at).toISOString(),
    rows: Number(r.row_count),
    sha256: r.file_sha256,
  }));
}

export async function countApprovedSubmissions(periodId: number, scope: { agencyId?: number; ministryId?: number; componentCode?: string }) {
  const parts: SQL[] = [sql`s.period_id = ${periodId}`, sql`s.status = 'approved'`];
  if (scope.agencyId !== undefined) parts.push(sql`s.agency_id = ${scope.agencyId}`);
  if (scope.ministryId !== undefined) parts.push(sql`exists (select 1 from dashboard_agency_dims d where d.agency_id = s.agency_id and d.ministry_id = ${scope.ministryId})`);
  if (scope.componentCode !== undefined) parts.push(sql`exists (select 1 from components c where c.id = s.component_id and c.code = ${scope.componentCode})`);
  const result = await getDb().execute<{ n: number }>(sql`select count(*)::int as n from submissions s where ${sql.join(parts, sql` and `)}`);
  return Number(result.rows[0]?.n ?? 0);
}

/**
 * When the data a report reads last changed: the latest dashboard refresh of the period (every fact
 * change refreshes it) or committed import, whichever is later.
 */
export async function latestDataChange(periodId: number): Promise<string | null> {
  const result = await getDb().execute<{ at: Date | string | null }>(sql`
    select greatest(
      (select max(refreshed_at) from dashboard_indicator_rollups where period_id = ${periodId}),
      (select max(finished_at) from import_batches where status = 'committed' and rolled_back_at is null)
    ) as at`);
  const at = result.rows[0]?.at;
  return at ? new Date(at).toISOString() : null;
}

/** The status of each agency's most recent follow-up case in the period. */
export async function latestCaseStatuses(periodId: number): Promise<Map<number, CaseStatus>> {
  const result = await getDb().execute<{ agency_id: number; status: CaseStatus }>(sql`
    select distinct on (agency_id) agency_id, status from follow_up_cases
    where period_id = ${periodId} order by agency_id, created_at desc, id desc`);
  return new Map(result.rows.map((r) => [Number(r.agency_id), r.status]));
}

/** Agencies tagged with a component (a component report's lagging list). */
export async function agencyIdsTaggedWith(componentCode: string): Promise<Set<number>> {
  const result = await getDb().execute<{ agency_id: number }>(sql`
    select ac.agency_id from agency_components ac join components c on c.id = ac.component_id where c.code = ${componentCode}`);
  return new Set(result.rows.map((r) => Number(r.agency_id)));
}

export async function getPeriodByCode(code: string) {
  const [period] = await getDb().select().from(periods).where(eq(periods.code, code)).limit(1);
  return period ?? null;
}

/** The stored figures of a report the caller may see (its browser preview). */
export async function getReportSnapshot(actor: Actor, id: number): Promise<ReportSnapshot> {
  const report = await getReport(actor, id);
  const [row] = await getDb().select({ snapshot: reports.snapshot }).from(reports).where(eq(reports.id, report.id));
  if (!row?.snapshot) throw new NotFoundError("report");
  return row.snapshot as ReportSnapshot;
}
